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
