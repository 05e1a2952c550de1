# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.tools.misc import format_amount, format_date


class ReportVehicleStatement(models.AbstractModel):
    """Shared vehicle costs: one statement per month and pair of organisations
    (owner, borrower) among the charges printed."""

    _name = "report.loco_fleet.report_vehicle_statement"
    _description = "Shared vehicle costs statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        charges = self.env["loco.vehicle.charge"].browse(docids).exists()
        charges.check_access("read")
        return {
            "doc_ids": charges.ids,
            "doc_model": "loco.vehicle.charge",
            "docs": charges,
            "statements": self._loco_statements(charges),
        }

    @api.model
    def _loco_statements(self, charges):
        """[{month, owner, borrower, currency, charges, km, amount}], by month then pair."""
        groups = {}
        for charge in charges.sorted(lambda c: (c.date, c.id)):
            key = (
                charge.date.replace(day=1),
                charge.owner_company_id,
                charge.company_id,
                charge.currency_id,
            )
            groups.setdefault(key, self.env["loco.vehicle.charge"])
            groups[key] |= charge
        statements = []
        for (month, owner, borrower, currency), lines in sorted(
            groups.items(), key=lambda item: (item[0][0], item[0][1].name, item[0][2].name)
        ):
            month_label = format_date(self.env, month, date_format="MMMM y")
            amount = currency.round(sum(lines.mapped("amount")))
            statements.append(
                {
                    "month": month,
                    "month_label": month_label,
                    "owner": owner,
                    "borrower": borrower,
                    "currency": currency,
                    "charges": lines,
                    "km": round(sum(lines.mapped("distance_km")), 1),
                    "amount": amount,
                    "summary": self.env._(
                        "%(borrower)s owes %(owner)s %(amount)s for the pool vehicles it used "
                        "in %(month)s.",
                        borrower=borrower.sudo().name,
                        owner=owner.sudo().name,
                        amount=format_amount(self.env, amount, currency),
                        month=month_label,
                    ),
                }
            )
        return statements
