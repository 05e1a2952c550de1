# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_partner
from . import product_category
from . import loco_donation_offer
from . import loco_donation_offer_line
from . import stock_picking
from . import stock_move
from . import stock_move_line
from . import stock_lot
from . import loco_exchange
from . import loco_exchange_line
from . import loco_recall
from . import loco_waste_report
from . import res_company
from . import loco_vat_document
from . import loco_fead_campaign
from . import stock_warehouse
from . import loco_fead_quota
from . import loco_order_line
from . import loco_fead_distribution_report
from . import loco_fead_quota_transfer
from . import loco_esf_declaration
from . import loco_outcome_report
from . import loco_outcome_median
