# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    loco_offer_id = fields.Many2one(
        "loco.donation.offer", string="Donor offer", readonly=True, index="btree_not_null"
    )

    loco_exchange_id = fields.Many2one(
        "loco.exchange", string="Exchange", readonly=True, index="btree_not_null"
    )
    loco_fead_campaign_id = fields.Many2one(
        "loco.fead.campaign",
        string="FEAD campaign",
        index="btree_not_null",
        check_company=True,
        help="A delivery of the European aid programme: its lots are FEAD stock of this "
        "campaign, never a donation.",
    )

    def _loco_document_fields(self):
        return super()._loco_document_fields() | {"loco_offer_id", "loco_exchange_id"}

    def _loco_forbidden_fields(self, fnames):
        """A received FEAD delivery stays one: its lots' origin was read from it."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if "loco_fead_campaign_id" in fnames and any(p.state == "done" for p in self):
            forbidden |= {"loco_fead_campaign_id"}
        return forbidden

    def _action_done(self):
        self._loco_check_exchange_validation()
        res = super()._action_done()
        self.loco_offer_id.sudo()._loco_on_receipt_done()
        self._loco_mark_fead_lots()
        return res

    def _loco_mark_fead_lots(self):
        """The lots a FEAD delivery brought in are FEAD stock of its campaign."""
        for picking in self.filtered(
            lambda p: p.loco_fead_campaign_id and p.picking_type_code == "incoming"
        ):
            lots = picking.move_line_ids.lot_id.filtered(lambda lot: not lot.loco_origin)
            lots.sudo().write(
                {"loco_origin": "fead", "loco_fead_campaign_id": picking.loco_fead_campaign_id.id}
            )

    def action_cancel(self):
        self._loco_check_exchange_validation()
        res = super().action_cancel()
        if not self.env.context.get("loco_offer_cancelling"):
            self.loco_offer_id.sudo()._loco_on_receipt_cancelled()
        return res

    def _loco_check_exchange_validation(self):
        """An exchange's transfers are validated by its Ship and Receive buttons, so
        that the exchange and its food never part."""
        if self.env.context.get("loco_exchange_validating"):
            return
        for picking in self.filtered("loco_exchange_id"):
            raise UserError(
                self.env._(
                    "Transfer %(transfer)s belongs to exchange %(exchange)s: ship or receive "
                    "it from the exchange.",
                    transfer=picking.name,
                    exchange=picking.loco_exchange_id.sudo().name,
                )
            )

    def action_view_loco_exchange(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "loco.exchange",
            "view_mode": "form",
            "res_id": self.loco_exchange_id.id,
        }

    def action_view_loco_offer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "loco.donation.offer",
            "view_mode": "form",
            "res_id": self.loco_offer_id.id,
        }
