from odoo import api, fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    loco_order_line_id = fields.Many2one(
        "loco.order.line", string="Association order line", readonly=True, index="btree_not_null"
    )

    @api.model
    def _prepare_merge_moves_distinct_fields(self):
        # one move per order line: what is reserved for each line stays visible
        return [*super()._prepare_merge_moves_distinct_fields(), "loco_order_line_id"]

    # The association's order follows its transfer whatever changes it: a
    # reservation (by staff or the scheduler), an unreservation, the expiry sweep taking
    # reserved lots, a cancel, the validation.

    def _action_assign(self, force_qty=False):
        res = super()._action_assign(force_qty=force_qty)
        self._loco_sync_orders()
        return res

    def _do_unreserve(self):
        res = super()._do_unreserve()
        self._loco_sync_orders()
        return res

    def _recompute_state(self):
        res = super()._recompute_state()
        self._loco_sync_orders()
        return res

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        (self | moves)._loco_sync_orders()
        return moves

    def _action_cancel(self):
        res = super()._action_cancel()
        self._loco_sync_orders()
        return res

    def _loco_sync_orders(self):
        orders = self.picking_id.loco_order_id
        if orders:
            orders.sudo()._loco_sync_with_picking()
