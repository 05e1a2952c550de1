from odoo import fields, models

from .product_category import TEMPERATURE_CLASSES


class StockLocation(models.Model):
    _inherit = "stock.location"

    loco_temperature_class = fields.Selection(
        TEMPERATURE_CLASSES,
        string="LOCO zone",
        help="Temperature zone of a LOCO hub that this location is.",
    )
    loco_quarantine = fields.Boolean(
        string="LOCO quarantine",
        index=True,
        help="Expired food waits here: never reserved, never offered to associations.",
    )
