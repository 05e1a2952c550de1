# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import ValidationError

from ..policy import cost_share
from ..tools.settings import DEFAULTS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    loco_fleet_road_factor = fields.Float(
        string="Road factor",
        config_parameter="loco_fleet.road_factor",
        default=DEFAULTS["road_factor"],
        help="Roads are longer than straight lines: distance = straight line × this factor.",
    )
    loco_fleet_speed_kmh = fields.Float(
        string="Average speed (km/h)",
        config_parameter="loco_fleet.speed_kmh",
        default=DEFAULTS["speed_kmh"],
    )
    loco_fleet_osrm_url = fields.Char(
        string="OSRM server",
        config_parameter="loco_fleet.osrm_url",
        help="e.g. http://osrm.example.org:5000 — road distances and times. Empty: "
        "straight lines × road factor.",
    )
    loco_fleet_osrm_timeout = fields.Float(
        string="OSRM timeout (s)",
        config_parameter="loco_fleet.osrm_timeout",
        default=DEFAULTS["osrm_timeout"],
    )
    loco_fleet_time_limit = fields.Float(
        string="Optimiser time limit (s)",
        config_parameter="loco_fleet.time_limit",
        default=DEFAULTS["time_limit"],
        help="Seconds the optimiser searches for a day of 100 stops: less for a small "
        "round, in proportion for a bigger day.",
    )
    loco_fleet_service_minutes = fields.Integer(
        string="Minutes per stop",
        config_parameter="loco_fleet.service_minutes",
        default=DEFAULTS["service_minutes"],
        help="Time spent at a stop loading or unloading.",
    )
    loco_fleet_cost_split = fields.Selection(
        [(cost_share.BY_WEIGHT, "By kg carried"), (cost_share.BY_STOP, "Equally per stop")],
        string="Share round costs",
        config_parameter="loco_fleet.cost_split",
        default=DEFAULTS["cost_split"],
    )

    def set_values(self):
        for settings in self:
            positive = {
                "loco_fleet_speed_kmh": settings.loco_fleet_speed_kmh,
                "loco_fleet_osrm_timeout": settings.loco_fleet_osrm_timeout,
                "loco_fleet_time_limit": settings.loco_fleet_time_limit,
            }
            for fname, value in positive.items():
                if value <= 0:
                    label = self._fields[fname]._description_string(self.env)
                    raise ValidationError(
                        self.env._("%(setting)s cannot be negative or zero.", setting=label)
                    )
            if settings.loco_fleet_service_minutes < 0:
                label = self._fields["loco_fleet_service_minutes"]._description_string(self.env)
                raise ValidationError(
                    self.env._("%(setting)s cannot be negative or zero.", setting=label)
                )
            if settings.loco_fleet_road_factor < 1:
                raise ValidationError(
                    self.env._(
                        "The road factor is at least 1 (roads are never shorter than straight "
                        "lines)."
                    )
                )
        return super().set_values()
