# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.loco_hubs.policy import shelf_life
from odoo.addons.loco_hubs.tools.dates import loco_today, utc_start_of

from ..policy import acceptance
from .loco_donation_offer import EDITABLE_STATES

LINE_STATES = [("pending", "Pending"), ("accepted", "Accepted"), ("refused", "Refused")]
# what the offer's actions alone write, with the value a new line starts with
WORKFLOW_FIELDS = {"state": "pending", "refusal_reason": False, "move_ids": False}
MAX_LINE_QUANTITY_PARAM = "loco_donations.max_line_quantity"
DEFAULT_MAX_LINE_QUANTITY = 100000


class LocoDonationOfferLine(models.Model):
    _name = "loco.donation.offer.line"
    _inherit = ["loco.guard.mixin"]
    _description = "Donor offer line"
    _order = "offer_id, sequence, id"
    _check_company_auto = True
    _loco_check_ids = True

    offer_id = fields.Many2one("loco.donation.offer", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="offer_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        domain=[("categ_id.loco_date_kind", "!=", False)],
    )
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        compute="_compute_uom_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        domain="[('category_id', '=', product_uom_category_id)]",
    )
    product_uom_category_id = fields.Many2one(related="product_id.uom_id.category_id")
    weight_kg = fields.Float(
        string="Weight (kg)",
        compute="_compute_weight_kg",
        store=True,
        precompute=True,
        readonly=False,
        digits="Stock Weight",
    )
    date_kind = fields.Selection(related="product_id.categ_id.loco_date_kind", string="Date kind")
    dlc = fields.Date(string="DLC", help="Use-by date: never distributed after it.")
    ddm = fields.Date(string="DDM", help="Best-before date.")
    donor_lot = fields.Char(string="Donor lot")
    temperature_class = fields.Selection(
        related="product_id.categ_id.loco_temperature_class", store=True, string="Temperature"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    declared_value = fields.Monetary(
        string="Declared value", help="Value of the whole line as the donor declares it (optional)."
    )
    state = fields.Selection(
        LINE_STATES, default="pending", required=True, readonly=True, copy=False
    )
    refusal_reason = fields.Char(readonly=True, copy=False)
    lot_id = fields.Many2one(
        "stock.lot",
        compute="_compute_lot_id",
        # operators see the lot of their offer without reading stock moves
        compute_sudo=True,
        help="The lot received for this line (its receipt's lot).",
    )
    move_ids = fields.One2many(
        "stock.move", "loco_offer_line_id", string="Receipt moves", readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._loco_guard_create(vals_list)
        self.env["loco.donation.offer"].browse(
            {vals["offer_id"] for vals in vals_list if vals.get("offer_id")}
        )._loco_check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        self._loco_guard_write(vals)
        if vals.get("offer_id"):
            # moved to another offer: that one must take lines too
            self.offer_id.browse(vals["offer_id"])._loco_check_lines_editable()
        return super().write(vals)

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        return super()._loco_forbidden_create_fields(vals_list) | self._loco_set_otherwise(
            vals_list, WORKFLOW_FIELDS
        )

    def _loco_forbidden_fields(self, fnames):
        """The offer's actions alone write a line's state and reason; the lines of an
        offer a coordinator has decided on no longer change."""
        forbidden = super()._loco_forbidden_fields(fnames) | (fnames & set(WORKFLOW_FIELDS))
        if any(line.offer_id.state not in EDITABLE_STATES for line in self):
            forbidden |= fnames
        return forbidden

    def _loco_forbidden_message(self, fnames):
        if fnames <= set(WORKFLOW_FIELDS):
            return self._loco_workflow_fields_message(fnames)
        offer = self.offer_id.filtered(lambda offer: offer.state not in EDITABLE_STATES)[:1]
        return self.env._(
            "Offer %(offer)s is %(state)s: its lines can no longer be added, changed or deleted.",
            offer=offer.name,
            state=offer._state_label(),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_while_editable(self):
        self.offer_id._loco_check_lines_editable()

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            if not line.uom_id or line.uom_id.category_id != line.product_id.uom_id.category_id:
                line.uom_id = line.product_id.uom_id

    @api.depends("product_id", "quantity", "uom_id")
    def _compute_weight_kg(self):
        for line in self:
            if line.product_id and line.uom_id:
                qty = line.uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
                line.weight_kg = qty * line.product_id.weight
            else:
                line.weight_kg = line.weight_kg

    @api.depends("move_ids.move_line_ids.lot_id")
    def _compute_lot_id(self):
        for line in self:
            line.lot_id = line.move_ids.move_line_ids.lot_id[:1]

    @api.constrains("product_id")
    def _check_food_product(self):
        for line in self:
            if not line.product_id.categ_id.loco_date_kind:
                raise ValidationError(
                    self.env._(
                        "%(product)s is not a food product: only products of a food category "
                        "(with a "
                        "DLC or DDM) can be donated.",
                        product=line.product_id.display_name,
                    )
                )

    @api.constrains("quantity", "weight_kg", "declared_value")
    def _check_amounts(self):
        limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(MAX_LINE_QUANTITY_PARAM, DEFAULT_MAX_LINE_QUANTITY)
        )
        for line in self:
            name = line.product_id.display_name
            if line.quantity <= 0:
                raise ValidationError(self._loco_quantity_not_positive_message(name))
            if line.quantity > limit or line.weight_kg > limit:
                raise ValidationError(
                    self.env._(
                        "%(product)s: %(limit)s is the most one offer line can hold. Split the "
                        "offer or "
                        "check the quantity.",
                        product=name,
                        limit=limit,
                    )
                )
            if line.weight_kg < 0:
                raise ValidationError(
                    self.env._("The weight of %(product)s cannot be negative.", product=name)
                )
            if line.declared_value < 0:
                raise ValidationError(
                    self.env._(
                        "The declared value of %(product)s cannot be negative.", product=name
                    )
                )

    @api.constrains("dlc")
    def _check_dlc_not_past(self):
        today = loco_today(self.env)
        for line in self:
            if line.dlc and line.dlc < today and line.state == "pending":
                raise ValidationError(
                    self.env._(
                        "The use-by date (DLC) of %(product)s, %(date)s, is already past.",
                        product=line.product_id.display_name,
                        date=line.dlc,
                    )
                )

    def _loco_check_dates(self, refuse_past_dlc=True):
        """Each line carries the date its category asks for (not yet past, with
        ``refuse_past_dlc``)."""
        if refuse_past_dlc:
            self._check_dlc_not_past()
        for line in self:
            if line.date_kind == shelf_life.DLC and not line.dlc:
                raise ValidationError(
                    self.env._(
                        "%(product)s needs its DLC.",
                        product=line.product_id.display_name,
                    )
                )
            if line.date_kind == shelf_life.DDM and not line.ddm:
                raise ValidationError(
                    self.env._(
                        "%(product)s needs its DDM.",
                        product=line.product_id.display_name,
                    )
                )

    def _loco_refusal_reason(self, code):
        """Why the line was refused (a code of ``policy.acceptance``), for the
        coordinator and the donor."""
        self.ensure_one()
        if code == acceptance.DLC_TOO_CLOSE:
            return self.env._(
                "Use-by date (DLC) %(date)s leaves fewer than %(days)s days after the pickup.",
                date=self.dlc,
                days=self.product_id.categ_id.loco_min_days_before_dlc,
            )
        if code == acceptance.DDM_PAST_GRACE:
            return self.env._(
                "Best-before date (DDM) %(date)s is past the grace of its shelf-life group.",
                date=self.ddm,
            )
        if code == acceptance.HUB_CANNOT_STORE:
            temperatures = dict(self._fields["temperature_class"]._description_selection(self.env))
            return self.env._(
                "Hub %(hub)s cannot store %(temperature)s food.",
                hub=self.offer_id.hub_id.name,
                temperature=temperatures.get(self.temperature_class, self.temperature_class),
            )
        return self.env._("The line has no DLC or DDM.")

    def _loco_facts(self, rules):
        self.ensure_one()
        categ = self.product_id.categ_id
        return acceptance.LineFacts(
            date_kind=categ.loco_date_kind,
            dlc=self.dlc,
            ddm=self.ddm,
            min_days_before_dlc=categ.loco_min_days_before_dlc,
            rule=rules.get(categ.loco_shelf_life_group) or shelf_life.ShelfLifeRule(),
            temperature_class=categ.loco_temperature_class,
        )

    def _loco_lot_vals(self, position):
        """The lot of this line (the ``position``-th of its offer): named after the
        offer (and the donor's lot), dated with the line's DLC or DDM, at noon in
        Belgium."""
        self.ensure_one()
        offer = self.offer_id
        name = f"{offer.name}-{position}" + (f" {self.donor_lot}" if self.donor_lot else "")
        vals = {
            "name": name,
            "product_id": self.product_id.id,
            "company_id": offer.company_id.id,
            "ref": self.donor_lot,
            "loco_origin": "donation",
        }
        day = self.dlc if self.date_kind == shelf_life.DLC else self.ddm
        moment = utc_start_of(self.env, day) + timedelta(hours=12)
        vals["expiration_date" if self.date_kind == shelf_life.DLC else "use_date"] = moment
        return vals

    def _loco_received_quantity(self):
        """What really arrived for this line (every receipt of it, backorders included)."""
        self.ensure_one()
        moves = self.move_ids.filtered(lambda move: move.state == "done")
        return sum(move.product_uom._compute_quantity(move.quantity, self.uom_id) for move in moves)
