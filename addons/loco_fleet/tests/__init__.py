from . import test_routing_policy
from . import test_round_flow
