# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class LocoVehicleCharge(models.Model):
    """What a borrower owes the owner of a pool vehicle for one closed round: the
    round's km × the vehicle's cost per km (the round's cost, which the borrower
    shares between the organisations it served in ``loco.round.cost``)."""

    _name = "loco.vehicle.charge"
    _inherit = ["loco.guard.mixin"]
    _description = "Shared vehicle cost owed to its owner"
    _order = "date desc, id desc"

    round_id = fields.Many2one(
        "loco.round", required=True, readonly=True, ondelete="restrict", index=True
    )
    # the round's reference, which the owner reads without reading the borrower's round
    round_name = fields.Char(string="Round reference", related="round_id.name", store=True)
    booking_id = fields.Many2one("loco.vehicle.booking", readonly=True, index=True)
    vehicle_id = fields.Many2one("fleet.vehicle", required=True, readonly=True, index=True)
    owner_company_id = fields.Many2one(
        "res.company", string="Owner", required=True, readonly=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", string="Borrower", required=True, readonly=True, index=True
    )
    date = fields.Date(required=True, readonly=True, index=True)
    distance_km = fields.Float(string="Km", readonly=True, digits=(12, 1))
    cost_per_km = fields.Monetary(string="Cost per km", readonly=True, aggregator="avg")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        readonly=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount = fields.Monetary(string="Owed", readonly=True)
