# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import loco_guard_mixin
from . import loco_background_mixin
from . import loco_workflow_mixin
from . import loco_shelf_life_rule
from . import product_category
from . import product_template
from . import stock_location
from . import stock_lot
from . import stock_quant
from . import stock_warehouse
from . import res_partner
from . import stock_picking
from . import stock_move
from . import stock_move_line
from . import stock_return_picking
from . import loco_scarce_product
from . import loco_order
from . import loco_order_line
from . import loco_demand_report
from . import loco_recall
from . import loco_recall_notice
from . import loco_temperature_limit
from . import loco_temperature_log
from . import loco_weekday
from . import loco_proposal
from . import loco_order_outcome
