# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.loco_hubs.tools.dates import loco_today


class LocoVehicleStatement(models.TransientModel):
    """The monthly statement of what one organisation owes another for the pool
    vehicles it borrowed (PDF)."""

    _name = "loco.vehicle.statement"
    _inherit = ["loco.guard.mixin"]
    _description = "Shared vehicle costs statement"

    month = fields.Date(
        required=True,
        default=lambda self: loco_today(self.env).replace(day=1) - relativedelta(months=1),
        help="Any day of the month the statement covers.",
    )
    owner_company_id = fields.Many2one("res.company", string="Owner", required=True)
    company_id = fields.Many2one("res.company", string="Borrower", required=True)

    @api.model
    def _loco_month_bounds(self, day):
        first = day.replace(day=1)
        return first, first + relativedelta(months=1, days=-1)

    def _loco_charges(self):
        self.ensure_one()
        first, last = self._loco_month_bounds(self.month)
        return self.env["loco.vehicle.charge"].search(
            [
                ("owner_company_id", "=", self.owner_company_id.id),
                ("company_id", "=", self.company_id.id),
                ("date", ">=", first),
                ("date", "<=", last),
            ],
            order="date, id",
        )

    def action_print(self):
        self.ensure_one()
        charges = self._loco_charges()
        if not charges:
            raise UserError(
                self.env._(
                    "%(borrower)s used no vehicle of %(owner)s in %(month)s: there is nothing "
                    "to state.",
                    borrower=self.company_id.sudo().name,
                    owner=self.owner_company_id.sudo().name,
                    month=self.month.strftime("%m/%Y"),
                )
            )
        return self.env.ref("loco_fleet.action_report_vehicle_statement").report_action(charges)
