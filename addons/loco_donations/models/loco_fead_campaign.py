# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class LocoFeadCampaign(models.Model):
    """A campaign of European aid (FEAD / ESF+) an organisation receives: its stock
    comes from the programme's deliveries, is kept apart from donations (never valued
    as one) and is given only to associations recognised for it."""

    _name = "loco.fead.campaign"
    _inherit = ["loco.guard.mixin"]
    _description = "FEAD / ESF+ campaign"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    active = fields.Boolean(default=True)

    @api.model
    def _loco_running(self, company):
        """The campaign ``company`` runs today (the latest started), as the superuser:
        another organisation's campaigns are not the user's to read."""
        today = fields.Date.context_today(self)
        return self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("date_from", "<=", today),
                ("date_to", ">=", today),
            ],
            order="date_from desc, id desc",
            limit=1,
        )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_from > campaign.date_to:
                raise ValidationError(
                    self.env._(
                        "Campaign %(campaign)s ends before it starts.", campaign=campaign.name
                    )
                )
