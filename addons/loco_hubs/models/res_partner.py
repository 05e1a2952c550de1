from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import messages
from ..policy import shelf_life

ASSOCIATION_TYPES = [
    ("social_grocery", "Social grocery"),
    ("parcel", "Parcel distribution"),
    ("restaurant", "Social restaurant"),
    ("cpas", "CPAS / OCMW"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    loco_association = fields.Boolean(
        string="Food-aid association",
        index=True,
        tracking=True,
        help="Orders food from its home hub through the portal.",
    )
    loco_association_type = fields.Selection(
        ASSOCIATION_TYPES, string="Association type", tracking=True
    )
    loco_afsca_number = fields.Char(
        string="AFSCA number",
        help="Registration number at the Federal Agency for the Safety of the Food Chain.",
    )
    loco_fead = fields.Boolean(
        string="FEAD recognised", help="Recognised to distribute European aid (FEAD / FSE+)."
    )
    loco_beneficiaries = fields.Integer(
        string="Beneficiaries",
        tracking=True,
        help="People the association feeds; scarce products are shared in proportion to it.",
    )
    loco_can_store_chilled = fields.Boolean(
        string="Can store chilled", help="Has a fridge (0-7 °C)."
    )
    loco_can_store_frozen = fields.Boolean(
        string="Can store frozen", help="Has a freezer (≤ -18 °C)."
    )
    loco_hub_id = fields.Many2one(
        "stock.warehouse",
        string="Home hub",
        domain=[("loco_hub", "=", True)],
        index=True,
        tracking=True,
        help="The hub the association orders from.",
    )

    def _loco_storable_classes(self):
        """Temperature classes the association can store."""
        self.ensure_one()
        return shelf_life.storable_classes(self.loco_can_store_chilled, self.loco_can_store_frozen)

    @api.constrains("loco_beneficiaries")
    def _check_loco_beneficiaries(self):
        for partner in self:
            if partner.loco_beneficiaries < 0:
                raise ValidationError(
                    messages.negative_beneficiaries(self.env, partner.display_name)
                )

    @api.constrains("loco_hub_id")
    def _check_loco_hub_id(self):
        for partner in self:
            if partner.loco_hub_id and not partner.loco_hub_id.loco_hub:
                raise ValidationError(messages.home_hub_not_a_hub(self.env, partner.display_name))
