# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The routing and costing settings of LOCO rounds (system parameters)."""

from dataclasses import dataclass

from ..policy import cost_share

PARAM = "loco_fleet.%s"
DEFAULTS = {
    "road_factor": 1.3,
    "speed_kmh": 40.0,
    "osrm_url": "",
    "osrm_timeout": 5.0,
    "time_limit": 5.0,
    "service_minutes": 15,
    "cost_split": cost_share.BY_WEIGHT,
}


@dataclass(frozen=True)
class FleetSettings:
    road_factor: float
    speed_kmh: float
    osrm_url: str
    osrm_timeout: float
    time_limit: float
    service_minutes: int
    cost_split: str


def fleet_settings(env):
    """The routing and costing settings (Settings → LOCO rounds), with defaults."""
    get = env["ir.config_parameter"].sudo().get_param
    values = {}
    for key, default in DEFAULTS.items():
        raw = get(PARAM % key)
        try:
            values[key] = type(default)(raw) if raw not in (None, False, "") else default
        except ValueError:
            values[key] = default
    return FleetSettings(**values)
