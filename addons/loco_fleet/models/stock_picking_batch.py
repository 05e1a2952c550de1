# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.loco_hubs.models.loco_guard_mixin import in_workflow

# what a round's batch takes from its round, never from a direct write
ROUND_BATCH_FIELDS = {
    "vehicle_id",
    "driver_id",
    "vehicle_category_id",
    "picking_ids",
    "scheduled_date",
    "state",
    "loco_round_id",
    "loco_round",
    "company_id",
    "picking_type_id",
}


class StockPickingBatch(models.Model):
    _name = "stock.picking.batch"
    _inherit = ["stock.picking.batch", "loco.guard.mixin"]

    loco_round_id = fields.Many2one(
        "loco.round", string="Round", readonly=True, copy=False, index="btree_not_null"
    )
    # set when the batch is created for a round (before the round itself exists)
    loco_round = fields.Boolean(string="Batch of a round", readonly=True, copy=False)

    def _loco_forbidden_fields(self, fnames):
        """A round's batch follows its round: its vehicle, driver and transfers are
        the round's, checked there (load, cold chain, the vehicle's day)."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if any(batch.loco_round for batch in self):
            forbidden |= fnames & ROUND_BATCH_FIELDS
        return forbidden

    def _loco_forbidden_message(self, fnames):
        return self._loco_run_by_round_message()

    def _loco_run_by_round_message(self):
        rounds = self.filtered("loco_round")
        return self.env._(
            "Batch %(batch)s is the transfer of round %(round)s: change its vehicle, "
            "driver and stops on the round, and run it from there.",
            batch=rounds[:1].name,
            round=rounds[:1].loco_round_id.name or rounds[:1].description,
        )

    def _loco_check_not_round(self):
        if not in_workflow(self.env) and any(batch.loco_round for batch in self):
            raise UserError(self._loco_run_by_round_message())

    def action_confirm(self):
        self._loco_check_not_round()
        return super().action_confirm()

    def action_done(self):
        # validating a round's batch would skip its stops (temperatures, signatures)
        self._loco_check_not_round()
        return super().action_done()

    def action_cancel(self):
        self._loco_check_not_round()
        return super().action_cancel()

    @api.depends("company_id", "picking_type_id", "state", "loco_round")
    def _compute_allowed_picking_ids(self):
        """A round collects (receipts) and delivers (outgoing transfers) in one trip:
        its batch takes both, from its hub only."""
        rounds = self.filtered("loco_round")
        res = super(StockPickingBatch, self - rounds)._compute_allowed_picking_ids()
        for batch in rounds:
            states = ["waiting", "confirmed", "assigned"]
            if batch.state == "draft":
                states.append("draft")
            batch.allowed_picking_ids = self.env["stock.picking"].search(
                [
                    ("company_id", "=", batch.company_id.id),
                    ("state", "in", states),
                    ("picking_type_id.warehouse_id", "=", batch.picking_type_id.warehouse_id.id),
                    ("picking_type_code", "in", ("incoming", "outgoing")),
                ]
            )
        return res

    def _loco_follow_round(self, rnd):
        """The transfers follow the round's stop order."""
        for stop in rnd.stop_ids:
            if stop.picking_id and stop.picking_id.batch_id == self:
                stop.picking_id.sudo().batch_sequence = stop.sequence
