# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    loco_offer_id = fields.Many2one(
        "loco.donation.offer", string="Donor offer", readonly=True, index="btree_not_null"
    )

    def _loco_document_fields(self):
        return super()._loco_document_fields() | {"loco_offer_id"}

    def _action_done(self):
        res = super()._action_done()
        self.loco_offer_id.sudo()._loco_on_receipt_done()
        return res

    def action_cancel(self):
        res = super().action_cancel()
        if not self.env.context.get("loco_offer_cancelling"):
            self.loco_offer_id.sudo()._loco_on_receipt_cancelled()
        return res

    def action_view_loco_offer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "loco.donation.offer",
            "view_mode": "form",
            "res_id": self.loco_offer_id.id,
        }
