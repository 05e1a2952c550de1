from odoo import api, fields, models


class StockPickingBatch(models.Model):
    _inherit = "stock.picking.batch"

    loco_round_id = fields.Many2one(
        "loco.round", string="Round", readonly=True, copy=False, index="btree_not_null"
    )
    # set when the batch is created for a round (before the round itself exists)
    loco_round = fields.Boolean(string="Batch of a round", readonly=True, copy=False)

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
