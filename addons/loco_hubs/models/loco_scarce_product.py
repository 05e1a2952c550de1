# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class LocoScarceProduct(models.Model):
    """A product a hub shares fairly: each association may take at most its share
    (by beneficiaries, with a floor) per period."""

    _name = "loco.scarce.product"
    _inherit = ["loco.guard.mixin"]
    _loco_day_fields = ("period_days",)
    _description = "Scarce product at a hub"
    _order = "hub_id, product_id"
    _check_company_auto = True

    hub_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        index=True,
        domain=[("loco_hub", "=", True)],
        check_company=True,
    )
    company_id = fields.Many2one(related="hub_id.company_id", store=True)
    product_id = fields.Many2one("product.product", required=True, index=True, check_company=True)
    period_days = fields.Integer(string="Period (days)", default=7, required=True)
    floor_quantity = fields.Float(
        string="Floor",
        help="Each association may take at least this much per period, when there is.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "hub_product_unique",
            "unique(hub_id, product_id)",
            "A product is marked scarce once per hub.",
        ),
    ]

    @api.constrains("period_days", "floor_quantity")
    def _check_positive(self):
        for rule in self:
            if rule.period_days <= 0 or rule.floor_quantity < 0:
                raise ValidationError(
                    self.env._("The floor and the period of a scarce product cannot be negative.")
                )
