# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .loco_shelf_life_rule import SHELF_LIFE_GROUPS

TEMPERATURE_CLASSES = [
    ("ambient", "Ambient (dry)"),
    ("chilled", "Chilled (0-7 °C)"),
    ("frozen", "Frozen (≤ -18 °C)"),
]
DATE_KINDS = [
    ("dlc", "DLC: use-by date"),
    ("ddm", "DDM: best-before date"),
]
# Changing one of these moves the dates of the lots of the category (and below).
DATE_FIELDS = {"loco_date_kind", "loco_shelf_life_group", "loco_urgent_days", "parent_id"}
DEFAULT_MIN_DAYS_BEFORE_DLC = 3
DEFAULT_URGENT_DAYS = 7


class ProductCategory(models.Model):
    _name = "product.category"
    _inherit = ["product.category", "loco.guard.mixin"]
    _loco_day_fields = ("loco_min_days_before_dlc", "loco_urgent_days")

    loco_temperature_class = fields.Selection(
        TEMPERATURE_CLASSES,
        string="Temperature class",
        compute="_compute_loco_temperature_class",
        store=True,
        readonly=False,
        recursive=True,
        help="Where hubs store this food (putaway to the matching zone) and which "
        "associations and vehicles can take it. Sub-categories take their parent's "
        "settings when the parent's change.",
    )
    loco_date_kind = fields.Selection(
        DATE_KINDS,
        string="Date kind",
        compute="_compute_loco_date_kind",
        store=True,
        readonly=False,
        recursive=True,
        help="DLC (use-by): never distributed after it. DDM (best-before): may be "
        "distributed after it within the grace of its shelf-life group. A category "
        "with a date kind is a food category.",
    )
    loco_shelf_life_group = fields.Selection(
        SHELF_LIFE_GROUPS,
        string="Shelf-life group",
        compute="_compute_loco_shelf_life_group",
        store=True,
        readonly=False,
        recursive=True,
        help="AFSCA group giving the grace after the DDM.",
    )
    loco_min_days_before_dlc = fields.Integer(
        string="Minimum days before DLC",
        compute="_compute_loco_min_days_before_dlc",
        store=True,
        readonly=False,
        recursive=True,
        help="An offer is refused when fewer days than this remain before the "
        "use-by date at the end of its pickup window.",
    )
    loco_urgent_days = fields.Integer(
        string="Urgent days",
        compute="_compute_loco_urgent_days",
        store=True,
        readonly=False,
        recursive=True,
        help="A lot is urgent when at most this many days remain before it stops "
        "being distributable; urgent lots are shown first to associations.",
    )

    # One compute per field: fields sharing a compute are all left alone when any
    # of them is given at creation.
    def _loco_inherit(self, fname, default=False):
        """A sub-category of a food category takes its parent's value; any other
        keeps its own (or the default)."""
        for categ in self:
            if categ.parent_id.loco_date_kind:
                categ[fname] = categ.parent_id[fname]
            else:
                categ[fname] = categ[fname] or default

    @api.depends("parent_id.loco_temperature_class", "parent_id.loco_date_kind")
    def _compute_loco_temperature_class(self):
        self._loco_inherit("loco_temperature_class")

    @api.depends("parent_id.loco_date_kind")
    def _compute_loco_date_kind(self):
        self._loco_inherit("loco_date_kind")

    @api.depends("parent_id.loco_shelf_life_group", "parent_id.loco_date_kind")
    def _compute_loco_shelf_life_group(self):
        self._loco_inherit("loco_shelf_life_group")

    @api.depends("parent_id.loco_min_days_before_dlc", "parent_id.loco_date_kind")
    def _compute_loco_min_days_before_dlc(self):
        self._loco_inherit("loco_min_days_before_dlc", DEFAULT_MIN_DAYS_BEFORE_DLC)

    @api.depends("parent_id.loco_urgent_days", "parent_id.loco_date_kind")
    def _compute_loco_urgent_days(self):
        self._loco_inherit("loco_urgent_days", DEFAULT_URGENT_DAYS)

    @api.constrains("loco_min_days_before_dlc", "loco_urgent_days")
    def _check_loco_days(self):
        for categ in self:
            if categ.loco_min_days_before_dlc < 0 or categ.loco_urgent_days < 0:
                raise ValidationError(
                    self.env._(
                        "Category %(category)s: the minimum days before the use-by date and the "
                        "urgent days cannot be negative.",
                        category=categ.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        categs = super().create(vals_list)
        if any(vals.get("loco_temperature_class") for vals in vals_list):
            self.env["stock.warehouse"].search([("loco_hub", "=", True)])._loco_sync_putaway()
        return categs

    def write(self, vals):
        res = super().write(vals)
        if DATE_FIELDS & vals.keys():
            lots = self.env["stock.lot"].search([("product_id.categ_id", "child_of", self.ids)])
            lots._loco_apply_dates()
        if {"loco_temperature_class", "parent_id"} & vals.keys():
            self.env["stock.warehouse"].search([("loco_hub", "=", True)])._loco_sync_putaway()
        return res
