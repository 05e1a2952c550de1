# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    loco_delivery_from = fields.Float(
        string="Deliveries from",
        default=9.0,
        help="Earliest hour the association takes deliveries.",
    )
    loco_delivery_to = fields.Float(
        string="Deliveries until",
        default=17.0,
        help="Latest hour the association takes deliveries.",
    )

    @api.constrains("loco_delivery_from", "loco_delivery_to")
    def _check_loco_delivery_hours(self):
        for partner in self:
            if not 0 <= partner.loco_delivery_from < partner.loco_delivery_to <= 24:
                raise ValidationError(
                    self.env._(
                        "%(record)s: the hours must be between 00:00 and 24:00, the start before "
                        "the end.",
                        record=partner.display_name,
                    )
                )

    def _loco_location(self):
        """(latitude, longitude), or None when the partner has no coordinates."""
        self.ensure_one()
        if not (self.partner_latitude or self.partner_longitude):
            return None
        return (self.partner_latitude, self.partner_longitude)

    def _loco_geolocate_missing(self):
        """Geocode partners without coordinates with Odoo's base_geolocalize, where it
        is installed and configured (it refuses to call out while testing)."""
        missing = self.filtered(lambda partner: not partner._loco_location())
        if missing and hasattr(missing, "geo_localize"):
            missing.sudo().geo_localize()
