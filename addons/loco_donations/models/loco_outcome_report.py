# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class LocoOutcomeReport(models.Model):
    """What became of the food the hubs received: each done move of food at a LOCO
    hub, in kg, as received, distributed (and whether before its distributable date,
    with the days it had left), exchanged to another hub, put in quarantine or
    destroyed (with its reason). Grouped by organisation, hub, category and week."""

    _name = "loco.outcome.report"
    _description = "Food flows of the hubs"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", string="Organisation", readonly=True)
    hub_id = fields.Many2one("stock.warehouse", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    flow = fields.Selection(
        [
            ("received", "Received"),
            ("distributed", "Distributed"),
            ("exchanged", "Exchanged to another hub"),
            ("quarantined", "Put in quarantine"),
            ("destroyed", "Destroyed"),
        ],
        readonly=True,
    )
    reason_id = fields.Many2one("stock.scrap.reason.tag", string="Why destroyed", readonly=True)
    received_kg = fields.Float(string="Received (kg)", readonly=True, digits="Stock Weight")
    distributed_kg = fields.Float(string="Distributed (kg)", readonly=True, digits="Stock Weight")
    in_time_kg = fields.Float(
        string="Distributed in time (kg)",
        readonly=True,
        digits="Stock Weight",
        help="Distributed on or before its distributable date.",
    )
    exchanged_kg = fields.Float(string="Exchanged (kg)", readonly=True, digits="Stock Weight")
    quarantined_kg = fields.Float(string="Quarantined (kg)", readonly=True, digits="Stock Weight")
    destroyed_kg = fields.Float(string="Destroyed (kg)", readonly=True, digits="Stock Weight")
    days_left = fields.Integer(
        string="Days left at distribution",
        readonly=True,
        aggregator="avg",
        help="Days between the distribution and the food's distributable date.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            -- days are counted in Belgium, where the network works
            CREATE VIEW %(view)s AS (
                SELECT flows.*,
                       CASE WHEN flow = 'received' THEN kg ELSE 0 END AS received_kg,
                       CASE WHEN flow = 'distributed' THEN kg ELSE 0 END AS distributed_kg,
                       CASE WHEN flow = 'distributed' AND days_left >= 0 THEN kg ELSE 0 END
                           AS in_time_kg,
                       CASE WHEN flow = 'exchanged' THEN kg ELSE 0 END AS exchanged_kg,
                       CASE WHEN flow = 'quarantined' THEN kg ELSE 0 END AS quarantined_kg,
                       CASE WHEN flow = 'destroyed' THEN kg ELSE 0 END AS destroyed_kg
                FROM (
                    SELECT ml.id AS id, ml.date, ml.company_id, ml.product_id, pt.categ_id,
                           CASE WHEN src.usage = 'supplier' THEN dest.warehouse_id
                                ELSE src.warehouse_id END AS hub_id,
                           CASE
                               WHEN move.scrap_id IS NOT NULL THEN 'destroyed'
                               WHEN src.usage = 'supplier' THEN 'received'
                               WHEN picking.loco_exchange_id IS NOT NULL
                                    AND src.usage = 'internal' THEN 'exchanged'
                               WHEN dest.usage = 'customer' THEN 'distributed'
                               WHEN dest.loco_quarantine
                                    AND NOT COALESCE(src.loco_quarantine, FALSE)
                                    THEN 'quarantined'
                           END AS flow,
                           reason.reason_id,
                           ml.quantity_product_uom * COALESCE(pt.weight, 0) AS kg,
                           CASE WHEN dest.usage = 'customer' AND picking.loco_exchange_id IS NULL
                                     AND lot.distributable_until IS NOT NULL
                                THEN (lot.distributable_until AT TIME ZONE 'UTC'
                                      AT TIME ZONE %(tz)s)::date
                                     - (ml.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                           END AS days_left
                    FROM stock_move_line ml
                    JOIN stock_move move ON move.id = ml.move_id
                    JOIN stock_location src ON src.id = ml.location_id
                    JOIN stock_location dest ON dest.id = ml.location_dest_id
                    JOIN product_product pp ON pp.id = ml.product_id
                    JOIN product_template pt ON pt.id = pp.product_tmpl_id
                    LEFT JOIN stock_picking picking ON picking.id = ml.picking_id
                    LEFT JOIN stock_lot lot ON lot.id = ml.lot_id
                    LEFT JOIN (
                        SELECT stock_scrap_id, MIN(stock_scrap_reason_tag_id) AS reason_id
                        FROM stock_scrap_stock_scrap_reason_tag_rel
                        GROUP BY stock_scrap_id
                    ) reason ON reason.stock_scrap_id = move.scrap_id
                    WHERE ml.state = 'done'
                ) flows
                JOIN stock_warehouse hub ON hub.id = flows.hub_id AND hub.loco_hub
                WHERE flows.flow IS NOT NULL
            )
            """,
                view=SQL.identifier(self._table),
                tz="Europe/Brussels",
            )
        )
