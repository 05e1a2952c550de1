# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    @api.model
    def _loco_food_defaults(self, categ):
        """Food is stocked, tracked by lot and dated (AFSCA traceability)."""
        if not categ.loco_date_kind:
            return {}
        return {"is_storable": True, "tracking": "lot", "use_expiration_date": True}

    @api.constrains("categ_id", "tracking", "use_expiration_date", "is_storable")
    def _check_loco_food_tracking(self):
        for template in self:
            if template.categ_id.loco_date_kind and (
                template.tracking != "lot" or not template.use_expiration_date
            ):
                raise ValidationError(
                    self.env._(
                        "Food product %(product)s must be tracked by lots with expiration dates "
                        "(its category follows the AFSCA date rules).",
                        product=template.display_name,
                    )
                )

    @api.onchange("categ_id")
    def _onchange_categ_id_loco_food(self):
        self.update(self._loco_food_defaults(self.categ_id))

    @api.model_create_multi
    def create(self, vals_list):
        # Forced, not defaulted: product.product fills in the template's defaults
        # (tracking 'none') before the template is created.
        Category = self.env["product.category"]
        for vals in vals_list:
            vals.update(self._loco_food_defaults(Category.browse(vals.get("categ_id"))))
        return super().create(vals_list)
