# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_routing_policy
from . import test_round_flow
from . import test_planner
from . import test_access
from . import test_osrm
from . import test_cost_policy
from . import test_tour
from . import test_i18n
from . import test_report
from . import test_round_integrity
from . import test_absurd_values
from . import test_access_matrix
from . import test_stored_texts
from . import test_company_rules
from . import test_vehicle_booking
from . import test_booking_concurrency
from . import test_demo_network
from . import test_transfer_stops
from . import test_network_chain
from . import test_recall_rounds
from . import test_demo_accountability
from . import test_order_mails
from . import test_demo_outcomes
from . import test_dashboard
