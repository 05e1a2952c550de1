# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class LocoDemandReport(models.Model):
    """What associations ask of each hub (orders submitted, confirmed or ready) next
    to what the hub has in its zones (quarantine left out), per product."""

    _name = "loco.demand.report"
    _description = "Demand vs stock per hub"
    _auto = False
    _order = "hub_id, product_id"

    hub_id = fields.Many2one("stock.warehouse", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    demand_qty = fields.Float(string="Demand", readonly=True, digits="Product Unit of Measure")
    stock_qty = fields.Float(string="In stock", readonly=True, digits="Product Unit of Measure")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                -- ids follow the keys: a row keeps its id whichever rows a reader sees
                SELECT row_number() OVER (ORDER BY rows.hub_id, rows.product_id) AS id,
                       rows.hub_id, hub.company_id,
                       rows.product_id, pt.categ_id,
                       SUM(demand_qty) AS demand_qty, SUM(stock_qty) AS stock_qty
                FROM (
                    SELECT o.hub_id, l.product_id, l.quantity AS demand_qty, 0.0 AS stock_qty
                    FROM loco_order_line l JOIN loco_order o ON o.id = l.order_id
                    WHERE o.state IN ('submitted', 'confirmed', 'ready')
                    UNION ALL
                    SELECT loc.warehouse_id AS hub_id, q.product_id, 0.0, q.quantity
                    FROM stock_quant q JOIN stock_location loc ON loc.id = q.location_id
                    JOIN stock_warehouse wh ON wh.id = loc.warehouse_id
                    WHERE loc.usage = 'internal' AND NOT COALESCE(loc.loco_quarantine, FALSE)
                      AND wh.loco_hub
                ) AS rows
                JOIN stock_warehouse hub ON hub.id = rows.hub_id
                JOIN product_product pp ON pp.id = rows.product_id
                JOIN product_template pt ON pt.id = pp.product_tmpl_id
                GROUP BY rows.hub_id, hub.company_id, rows.product_id, pt.categ_id
            )
            """,
                SQL.identifier(self._table),
            )
        )
