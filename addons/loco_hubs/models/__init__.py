from . import loco_shelf_life_rule
from . import product_category
from . import product_template
from . import stock_location
from . import stock_lot
from . import stock_quant
from . import stock_warehouse
from . import res_partner
