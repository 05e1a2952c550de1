# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from .product_category import TEMPERATURE_CLASSES

COORDINATOR = "loco_hubs.group_loco_coordinator"
# what makes a hub's locations work as a hub (FEFO, quarantine outside the stock)
HUB_STRUCTURE_FIELDS = {"active", "usage", "location_id", "removal_strategy_id"}


class StockLocation(models.Model):
    _name = "stock.location"
    _inherit = ["stock.location", "loco.guard.mixin"]

    loco_temperature_class = fields.Selection(
        TEMPERATURE_CLASSES,
        string="LOCO zone",
        help="Temperature zone of a LOCO hub that this location is.",
    )
    loco_quarantine = fields.Boolean(
        string="LOCO quarantine",
        index=True,
        compute="_compute_loco_quarantine",
        store=True,
        recursive=True,
        help="Expired food waits here: never reserved, never offered to associations. "
        "A hub's quarantine location and every location inside it.",
    )

    @api.depends("location_id.loco_quarantine", "warehouse_id.loco_quarantine_location_id")
    def _compute_loco_quarantine(self):
        for location in self:
            location.loco_quarantine = bool(
                location.location_id.loco_quarantine
                or (location.warehouse_id.loco_quarantine_location_id == location)
            )

    def _loco_forbidden_fields(self, fnames):
        """Zones and quarantine are the hub's own setup: a flag written by hand would
        let FEFO reserve from quarantine. Hub staff do not archive, move or change the
        removal strategy (FEFO) of a hub's stock, zones or quarantine either."""
        forbidden = super()._loco_forbidden_fields(fnames) | (
            fnames & {"loco_quarantine", "loco_temperature_class"}
        )
        structure = fnames & HUB_STRUCTURE_FIELDS
        if structure and not self.env.user.has_group(COORDINATOR) and self._loco_hub_own():
            forbidden |= structure
        return forbidden

    def _loco_hub_own(self):
        """Whether any of these locations is a hub's stock, zone or quarantine."""
        hubs = self.sudo().warehouse_id.filtered("loco_hub")
        own = hubs.lot_stock_id | hubs.loco_quarantine_location_id
        for fname in (
            "loco_ambient_location_id",
            "loco_chilled_location_id",
            "loco_frozen_location_id",
        ):
            own |= hubs[fname]
        return bool(self & own)

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        return super()._loco_forbidden_create_fields(vals_list) | {
            fname
            for vals in vals_list
            for fname in ("loco_quarantine", "loco_temperature_class")
            if vals.get(fname)
        }
