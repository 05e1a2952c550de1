# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_round

MAX_LINE_QUANTITY_PARAM = "loco_hubs.max_order_line_quantity"
DEFAULT_MAX_LINE_QUANTITY = 10000


class LocoOrderLine(models.Model):
    _name = "loco.order.line"
    _inherit = ["loco.guard.mixin"]
    _description = "Association order line"
    _order = "order_id, id"

    order_id = fields.Many2one("loco.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    product_id = fields.Many2one(
        "product.product", required=True, domain=[("categ_id.loco_date_kind", "!=", False)]
    )
    quantity = fields.Float(required=True, digits="Product Unit of Measure")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    temperature_class = fields.Selection(related="product_id.categ_id.loco_temperature_class")
    reserved_quantity = fields.Float(
        compute="_compute_reserved_quantity", digits="Product Unit of Measure"
    )

    @api.depends("order_id.picking_id.move_ids.quantity")
    def _compute_reserved_quantity(self):
        for line in self:
            moves = line.order_id.picking_id.move_ids.filtered(
                lambda move, line=line: move.loco_order_line_id == line
            )
            line.reserved_quantity = sum(moves.mapped("quantity"))

    @api.model_create_multi
    def create(self, vals_list):
        self.env["loco.order"].browse(
            {vals.get("order_id") for vals in vals_list if vals.get("order_id")}
        )._loco_check_lines_open()
        return super().create(vals_list)

    def write(self, vals):
        self.order_id._loco_check_lines_open()
        if "order_id" in vals:
            self.env["loco.order"].browse(vals["order_id"])._loco_check_lines_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_drafts(self):
        self.order_id._loco_check_lines_open()

    def _loco_max_quantity(self):
        return float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(MAX_LINE_QUANTITY_PARAM, DEFAULT_MAX_LINE_QUANTITY)
        )

    @api.constrains("order_id", "product_id")
    def _check_one_line_per_product(self):
        """Lines of one product would each be checked alone against the free stock
        and the fair share: one line per product and order."""
        counts = self._read_group(
            [("order_id", "in", self.order_id.ids)],
            ["order_id", "product_id"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        for order, product, _count in counts:
            raise ValidationError(
                self.env._(
                    "Order %(order)s asks for %(product)s on several lines: put the whole "
                    "quantity on one line.",
                    order=order.name,
                    product=product.display_name,
                )
            )

    @api.constrains("quantity", "product_id")
    def _check_quantity(self):
        limit = self._loco_max_quantity()
        # food counted in units (jars, packs) is given whole
        units = self.env.ref("uom.product_uom_categ_unit")
        for line in self:
            name = line.product_id.display_name
            if line.quantity < 0 or (line.quantity == 0 and line.order_id.state == "draft"):
                raise ValidationError(self._loco_quantity_not_positive_message(name))
            if line.quantity > limit:
                raise ValidationError(
                    self.env._(
                        "%(product)s: %(limit)s is the most one order line can ask for.",
                        product=name,
                        limit=limit,
                    )
                )
            uom = line.product_id.uom_id
            step = 1.0 if uom.category_id == units else uom.rounding
            if float_round(line.quantity, precision_rounding=step) != line.quantity:
                raise ValidationError(
                    self.env._(
                        "%(product)s is given by whole %(unit)s: enter a whole number.",
                        product=name,
                        unit=uom.name,
                    )
                )

    def _loco_reduced_notice(self, entry, given):
        """Why this line gets ``given`` only, from its catalogue ``entry`` (extend for
        other limits, such as a quota)."""
        self.ensure_one()
        name = self.product_id.display_name
        rounding = self.product_id.uom_id.rounding
        if float_compare(entry["allowance"], entry["free"], precision_rounding=rounding) < 0:
            return self.env._(
                "%(product)s is shared fairly between the associations of the hub: you may "
                "take %(given)s more this period (you asked %(asked)s).",
                product=name,
                asked=self.quantity,
                given=given,
            )
        return self.env._(
            "%(product)s: only %(given)s left of the %(asked)s you asked for.",
            product=name,
            asked=self.quantity,
            given=given,
        )
