from . import test_routing_policy
from . import test_round_flow
from . import test_planner
from . import test_access
from . import test_osrm
from . import test_cost_policy
from . import test_tour
from . import test_i18n
