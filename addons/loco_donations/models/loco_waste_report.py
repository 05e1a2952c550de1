# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class LocoWasteReport(models.Model):
    """Food destroyed (Odoo's done scraps) by reason, hub, category and day: its kg
    (quantity × the product's weight) and its value (kg × the category's €/kg, the
    rule that values donations without a price)."""

    _name = "loco.waste.report"
    _description = "Food destroyed"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    hub_id = fields.Many2one("stock.warehouse", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    reason_id = fields.Many2one("stock.scrap.reason.tag", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    weight_kg = fields.Float(string="Weight (kg)", readonly=True, digits="Stock Weight")
    value = fields.Float(string="Value (€)", readonly=True, digits="Product Price")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT s.id AS id, s.date_done AS date, s.company_id,
                       loc.warehouse_id AS hub_id, s.product_id, pt.categ_id,
                       (SELECT MIN(rel.stock_scrap_reason_tag_id)
                          FROM stock_scrap_stock_scrap_reason_tag_rel rel
                         WHERE rel.stock_scrap_id = s.id) AS reason_id,
                       s.scrap_qty AS quantity,
                       s.scrap_qty * COALESCE(pt.weight, 0) AS weight_kg,
                       s.scrap_qty * COALESCE(pt.weight, 0)
                           * COALESCE(cat.loco_value_per_kg, 0) AS value
                FROM stock_scrap s
                JOIN product_product pp ON pp.id = s.product_id
                JOIN product_template pt ON pt.id = pp.product_tmpl_id
                JOIN product_category cat ON cat.id = pt.categ_id
                JOIN stock_location loc ON loc.id = s.location_id
                WHERE s.state = 'done'
            )
            """,
                SQL.identifier(self._table),
            )
        )
