# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductCategory(models.Model):
    _inherit = "product.category"

    loco_value_per_kg = fields.Float(
        string="Donation value per kg",
        digits="Product Price",
        help="Value of one kg of donated food of this category, used when the donor "
        "declares no value and the product has no cost.",
    )

    @api.constrains("loco_value_per_kg")
    def _check_loco_value_per_kg(self):
        for categ in self:
            if categ.loco_value_per_kg < 0:
                raise ValidationError(self.env._("The donation value per kg cannot be negative."))
