# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class LocoOrder(models.Model):
    _inherit = "loco.order"

    loco_stop_ids = fields.One2many("loco.round.stop", "order_id", string="Round stops")

    def _loco_mail_templates(self):
        return {
            **super()._loco_mail_templates(),
            "out_for_delivery": "loco_fleet.mail_template_loco_order_out_for_delivery",
        }

    def _loco_open_domain(self, hub, day):
        """Orders of ``hub`` waiting for a delivery round on ``day``."""
        return [
            ("state", "in", ("confirmed", "ready")),
            ("delivery_method", "=", "delivery"),
            ("hub_id", "=", hub.id),
            ("loco_stop_ids", "not any", [("state", "in", ("open", "done"))]),
            "|",
            ("requested_date", "=", False),
            ("requested_date", "<=", day),
        ]
