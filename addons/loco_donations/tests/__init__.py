# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_policy_acceptance
from . import test_policy_valuation
from . import test_offer_flow
from . import test_offer_guards
from . import test_offer_integrity
from . import test_donor_search
from . import test_export
from . import test_access
from . import test_queries
from . import test_i18n
from . import test_tour
from . import test_offer_concurrency
from . import test_least_privilege
from . import test_line_properties
from . import test_stored_texts
from . import test_network
from . import test_policy_exchange
from . import test_exchange
from . import test_recall_sources
from . import test_waste_report
from . import test_vat_documents
from . import test_policy_vat_period
from . import test_fead
from . import test_exchange_concurrency
from . import test_exchange_rpc
