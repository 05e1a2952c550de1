# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_config_settings
from . import res_partner
from . import stock_warehouse
from . import fleet_vehicle
from . import loco_round
from . import loco_round_stop
from . import loco_round_cost
from . import stock_picking_batch
from . import stock_picking
from . import loco_donation_offer
from . import loco_order
from . import loco_exchange
from . import loco_vehicle_booking
from . import loco_vehicle_charge
from . import loco_recall
