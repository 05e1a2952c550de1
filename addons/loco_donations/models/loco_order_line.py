# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class LocoOrderLine(models.Model):
    _inherit = "loco.order.line"

    def _loco_reduced_notice(self, entry, given):
        if entry.get("fead_quota"):
            return self.env._(
                "%(product)s comes from European aid: your association's quota lets you take "
                "%(given)s more in this campaign (you asked %(asked)s).",
                product=self.product_id.display_name,
                asked=self.quantity,
                given=given,
            )
        return super()._loco_reduced_notice(entry, given)
