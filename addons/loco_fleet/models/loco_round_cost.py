# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class LocoRoundCost(models.Model):
    """What one organisation pays of a round: its share of km × cost per km."""

    _name = "loco.round.cost"
    _description = "Share of a round's cost"
    _order = "date desc, round_id, id"

    round_id = fields.Many2one("loco.round", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    date = fields.Date(related="round_id.date", store=True, index=True)
    hub_id = fields.Many2one(related="round_id.hub_id", store=True, index=True)
    vehicle_id = fields.Many2one(related="round_id.vehicle_id", store=True, index=True)
    vehicle_owner_id = fields.Many2one(
        related="round_id.vehicle_id.loco_organisation_id", store=True, string="Vehicle owner"
    )
    organisation_id = fields.Many2one("res.partner", required=True, index=True)
    weight_kg = fields.Float(string="Kg carried", digits="Stock Weight")
    distance_km = fields.Float(string="Round km", aggregator="max", digits=(12, 1))
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Cost share")
