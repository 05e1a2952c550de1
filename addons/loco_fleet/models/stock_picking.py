# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.loco_hubs.models.loco_guard_mixin import in_workflow


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def write(self, vals):
        # a transfer joins a round through a stop (whose load and cold chain are
        # checked), never by being put in the round's batch; Odoo itself takes
        # validated or cancelled transfers out of their batch, which stays allowed
        if vals.get("batch_id") and not in_workflow(self.env):
            batch = self.env["stock.picking.batch"].browse(vals["batch_id"])
            if batch.exists().loco_round:
                raise UserError(batch._loco_run_by_round_message())
        return super().write(vals)
