# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class LocoFeadDistributionReport(models.Model):
    """European aid (FEAD / ESF+) given to associations: the done deliveries of FEAD
    lots, per campaign, association, product and day, in units and kg (quantity × the
    product's weight), for the programme's reports."""

    _name = "loco.fead.distribution.report"
    _description = "FEAD / ESF+ distributed"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    hub_id = fields.Many2one("stock.warehouse", readonly=True)
    campaign_id = fields.Many2one("loco.fead.campaign", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Association", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    weight_kg = fields.Float(string="Weight (kg)", readonly=True, digits="Stock Weight")
    value = fields.Float(readonly=True, digits="Product Price")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT ml.id AS id, ml.date, ml.company_id,
                       src.warehouse_id AS hub_id, lot.loco_fead_campaign_id AS campaign_id,
                       COALESCE(partner.commercial_partner_id, partner.id) AS partner_id,
                       ml.product_id, ml.quantity,
                       ml.quantity * COALESCE(pt.weight, 0) AS weight_kg,
                       ml.quantity * COALESCE(
                           (pp.standard_price ->> ml.company_id::text)::float, 0
                       ) AS value
                FROM stock_move_line ml
                JOIN stock_lot lot ON lot.id = ml.lot_id
                JOIN stock_location src ON src.id = ml.location_id
                JOIN stock_location dest ON dest.id = ml.location_dest_id
                JOIN stock_picking picking ON picking.id = ml.picking_id
                LEFT JOIN res_partner partner ON partner.id = picking.partner_id
                JOIN product_product pp ON pp.id = ml.product_id
                JOIN product_template pt ON pt.id = pp.product_tmpl_id
                WHERE ml.state = 'done' AND lot.loco_origin = 'fead'
                  AND dest.usage = 'customer'
            )
            """,
                SQL.identifier(self._table),
            )
        )
