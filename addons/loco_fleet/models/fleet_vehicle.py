# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..policy import routing

COLD_CLASSES = [
    (routing.AMBIENT, "Ambient only"),
    (routing.CHILLED, "Chilled (0-7 °C)"),
    (routing.FROZEN, "Frozen-capable (≤ -18 °C)"),
]


class FleetVehicle(models.Model):
    _name = "fleet.vehicle"
    _inherit = ["fleet.vehicle", "loco.guard.mixin"]

    # Payload and volume are stock_fleet's, on the vehicle's category: shown here,
    # never declared twice.
    loco_payload_kg = fields.Float(
        related="category_id.weight_capacity", string="Payload (kg)", readonly=True
    )
    loco_volume_m3 = fields.Float(
        related="category_id.volume_capacity", string="Volume (m³)", readonly=True
    )
    loco_cold_class = fields.Selection(
        COLD_CLASSES,
        string="Cold class",
        default=routing.AMBIENT,
        required=True,
        tracking=True,
        help="The coldest goods the vehicle can carry: chilled goods need a chilled or "
        "frozen-capable vehicle, frozen goods a frozen-capable one.",
    )
    loco_hub_id = fields.Many2one(
        "stock.warehouse",
        string="Home hub",
        domain=[("loco_hub", "=", True)],
        index=True,
        tracking=True,
    )
    loco_organisation_id = fields.Many2one(
        "res.partner",
        string="Owned by",
        help="The organisation the vehicle belongs to (Croix-Rouge, Restos du Cœur...).",
    )
    loco_pool = fields.Boolean(
        string="Shared in the LOCO pool",
        tracking=True,
        help="Other hubs may plan rounds with this vehicle.",
    )
    loco_booking_auto_approve = fields.Boolean(
        string="Approve bookings automatically",
        tracking=True,
        help="Another organisation's request to use this pool vehicle for a day is "
        "approved at once, without waiting for a coordinator.",
    )
    loco_booking_ids = fields.One2many(
        "loco.vehicle.booking", "vehicle_id", string="Bookings", readonly=True
    )
    loco_cost_per_km = fields.Monetary(
        string="Cost per km",
        currency_field="currency_id",
        tracking=True,
        help="Fuel, wear and insurance per km, shared between the organisations served.",
    )
    loco_round_ids = fields.One2many("loco.round", "vehicle_id", string="Rounds")
    loco_round_count = fields.Integer(compute="_compute_loco_round_count", string="Round count")

    def _compute_loco_round_count(self):
        counts = dict(
            self.env["loco.round"]._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.loco_round_count = counts.get(vehicle, 0)

    @api.constrains("loco_cost_per_km")
    def _check_loco_cost_per_km(self):
        for vehicle in self:
            if vehicle.loco_cost_per_km < 0:
                raise ValidationError(
                    self.env._(
                        "Vehicle %(vehicle)s: the cost per km cannot be negative.",
                        vehicle=vehicle.name,
                    )
                )

    def _loco_routing_vehicle(self, start, end):
        """This vehicle for the optimiser, on duty from ``start`` to ``end`` (minutes)."""
        self.ensure_one()
        return routing.Vehicle(
            key=self.id,
            payload=self.loco_payload_kg,
            volume=self.loco_volume_m3,
            cold=self.loco_cold_class,
            start=start,
            end=end,
            cost_per_km=self.loco_cost_per_km,
        )

    def action_view_loco_rounds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("loco_fleet.action_loco_round")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id}
        return action
