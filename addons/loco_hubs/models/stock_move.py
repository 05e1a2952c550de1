# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from .loco_guard_mixin import WORKFLOW


class StockMove(models.Model):
    _name = "stock.move"
    _inherit = ["stock.move", "loco.guard.mixin"]

    loco_order_line_id = fields.Many2one(
        "loco.order.line",
        string="Association order line",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    def _loco_forbidden_fields(self, fnames):
        """The order line a move serves is set by the order's confirmation only."""
        return super()._loco_forbidden_fields(fnames) | (fnames & {"loco_order_line_id"})

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        return super()._loco_forbidden_create_fields(vals_list) | {
            "loco_order_line_id" for vals in vals_list if vals.get("loco_order_line_id")
        }

    def _trigger_scheduler(self):
        """Odoo looks up a reordering rule move by move (a query per line of every
        confirmed transfer). Hubs take what donors give: most foods have no rule.
        One query tells which of these products have an automatic rule, and only
        their moves are looked up."""
        if not self:
            return super()._trigger_scheduler()
        ruled = {
            product.id
            for (product,) in self.env["stock.warehouse.orderpoint"]
            .sudo()
            ._read_group(
                [("product_id", "in", self.product_id.ids), ("trigger", "=", "auto")],
                ["product_id"],
            )
        }
        moves = self.filtered(lambda move: move.product_id.id in ruled)
        return super(StockMove, moves)._trigger_scheduler()

    def _prepare_move_split_vals(self, qty):
        # a backorder still serves its order line (a return does not: copy=False)
        vals = super()._prepare_move_split_vals(qty)
        if self.loco_order_line_id:
            vals["loco_order_line_id"] = self.loco_order_line_id.id
        return vals

    def _create_backorder(self):
        # the backorder moves of LOCO documents keep their line: LOCO's own step
        return (
            super(StockMove, self.with_context(loco_workflow=WORKFLOW))
            ._create_backorder()
            .with_env(self.env)
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

    def _skip_push(self):
        """Food moved to a hub's quarantine waits there for a person's decision
        (destroy, return, release): no push rule takes it further, and the nightly
        sweep looks none up for each lot it moves."""
        return self.location_dest_id.loco_quarantine or super()._skip_push()

    def _action_cancel(self):
        res = super()._action_cancel()
        self._loco_sync_orders()
        return res

    def _loco_sync_orders(self):
        orders = self.picking_id.loco_order_id
        if orders:
            orders.sudo()._loco_sync_with_picking()
