from . import test_policy_acceptance
from . import test_policy_valuation
from . import test_offer_flow
from . import test_offer_guards
from . import test_donor_search
from . import test_export
from . import test_access
from . import test_queries
