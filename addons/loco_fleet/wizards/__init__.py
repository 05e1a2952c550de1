# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import loco_round_planner
from . import loco_round_stop_report
from . import loco_vehicle_statement
