# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class LocoOrderOutcome(models.Model):
    """How well associations are served: each submitted order with what it asked (kg,
    before it was fitted to the stock) and what reached it (kg delivered or picked up),
    and whether it took urgent food proposed to it. Fill rate = served / asked. Both
    weights are the order's own, stored when it was submitted and done."""

    _name = "loco.order.outcome"
    _description = "Orders served"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(string="Submitted on", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    hub_id = fields.Many2one("stock.warehouse", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Association", readonly=True)
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("confirmed", "Confirmed"),
            ("ready", "Ready"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        readonly=True,
    )
    asked_kg = fields.Float(string="Asked (kg)", readonly=True, digits="Stock Weight")
    served_kg = fields.Float(string="Served (kg)", readonly=True, digits="Stock Weight")
    from_proposal = fields.Boolean(string="Urgent food taken", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT o.id AS id, o.submitted_date AS date, o.company_id, o.hub_id,
                       o.partner_id, o.state, COALESCE(o.asked_kg, 0) AS asked_kg,
                       COALESCE(o.served_kg, 0) AS served_kg,
                       COALESCE(o.portal_key LIKE 'proposal-%%', FALSE) AS from_proposal
                FROM loco_order o
                WHERE o.submitted_date IS NOT NULL
            )
            """,
                SQL.identifier(self._table),
            )
        )
