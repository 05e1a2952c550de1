from . import loco_round_planner
from . import loco_round_stop_report
