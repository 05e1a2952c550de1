# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from ..policy import vat_period

PERIODS = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
]


class LocoVatSummary(models.TransientModel):
    """Prepare the documents récapitulatifs of a month, quarter or year: one draft per
    donor who asked for summaries of that period and whose donations of the period are
    on no issued document yet."""

    _name = "loco.vat.summary"
    _inherit = ["loco.guard.mixin"]
    _description = "Prepare the donors' summary VAT documents"
    _loco_check_ids = True

    period = fields.Selection(PERIODS, required=True, default="quarter")
    day = fields.Date(
        string="A day of the period",
        required=True,
        default=lambda self: vat_period.previous("quarter", fields.Date.context_today(self))[0],
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_prepare(self):
        self.ensure_one()
        date_from, date_to = vat_period.bounds(self.period, self.day)
        donors = self.env["res.partner"].search([("loco_vat_period", "=", self.period)])
        documents = self.env["loco.vat.document"]._loco_prepare_summaries(
            self.company_id, date_from, date_to, donors=donors
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Summary documents"),
            "res_model": "loco.vat.document",
            "view_mode": "list,form",
            "domain": [("id", "in", documents.ids)],
        }
