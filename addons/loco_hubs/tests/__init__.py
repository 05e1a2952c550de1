# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_shelf_life_policy
from . import test_service_area_policy
from . import test_food_categories
from . import test_lot_dates
from . import test_hub_setup
from . import test_fefo
from . import test_sweep
from . import test_associations
from . import test_access
from . import test_tour
from . import test_i18n
from . import test_fair_share_policy
from . import test_orders
from . import test_portal
from . import test_portal_hubs
from . import test_portal_tour
from . import test_order_concurrency
from . import test_food_safety_facts
from . import test_form_properties
from . import test_stored_texts
from . import test_recall
from . import test_cold_chain
from . import test_order_mails
from . import test_proposals
from . import test_proposal_policy
