# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .product_category import TEMPERATURE_CLASSES

# no food store reads beyond these (a reading outside is a typing error)
PLAUSIBLE = (-60.0, 60.0)


class LocoTemperatureLimit(models.Model):
    """The temperatures food of a class may be kept at: configuration, not code (the
    AFSCA's guides: chilled 0 to 7 °C, frozen at -18 °C or colder)."""

    _name = "loco.temperature.limit"
    _inherit = ["loco.guard.mixin"]
    _description = "Temperature limits of a class of food"
    _rec_name = "temperature_class"
    _order = "id"

    temperature_class = fields.Selection(
        TEMPERATURE_CLASSES, string="Temperature class", required=True, readonly=True
    )
    lowest = fields.Float(string="Lowest (°C)", required=True, digits=(4, 1))
    highest = fields.Float(string="Highest (°C)", required=True, digits=(4, 1))

    _sql_constraints = [
        ("class_uniq", "unique(temperature_class)", "Each class of food has one set of limits.")
    ]

    @api.constrains("lowest", "highest")
    def _check_limits(self):
        for limit in self:
            if not PLAUSIBLE[0] <= limit.lowest <= limit.highest <= PLAUSIBLE[1]:
                raise ValidationError(
                    self.env._(
                        "The limits of %(food_class)s must go from the lowest to the highest, "
                        "between %(lowest)s °C and %(highest)s °C.",
                        food_class=limit._loco_class_label(),
                        lowest=PLAUSIBLE[0],
                        highest=PLAUSIBLE[1],
                    )
                )

    def _loco_class_label(self):
        self.ensure_one()
        return dict(self._fields["temperature_class"]._description_selection(self.env))[
            self.temperature_class
        ]

    @api.model
    def _loco_limits(self, temperature_class):
        """(lowest, highest) °C for ``temperature_class``."""
        limit = self.sudo().search([("temperature_class", "=", temperature_class)], limit=1)
        return limit.lowest, limit.highest
