# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ..policy import service_area, shelf_life

ASSOCIATION_TYPES = [
    ("social_grocery", "Social grocery"),
    ("parcel", "Parcel distribution"),
    ("restaurant", "Social restaurant"),
    ("cpas", "CPAS / OCMW"),
    ("other", "Other"),
]


COORDINATOR = "loco_hubs.group_loco_coordinator"
# what the allocation of food to an association reads
ALLOCATION_FIELDS = {
    "loco_association",
    "loco_hub_id",
    "loco_beneficiaries",
    "loco_can_store_chilled",
    "loco_can_store_frozen",
    "loco_service_weekday_ids",
}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "loco.guard.mixin"]

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
    loco_service_weekday_ids = fields.Many2many(
        "loco.weekday",
        string="Pickup or delivery days",
        help="The days the association collects its food at the hub or is delivered; "
        "urgent food is proposed to it only if one comes before the food's last day. "
        "None: any day.",
    )
    loco_no_proposal_mail = fields.Boolean(
        string="No e-mail about urgent food",
        help="This contact is not e-mailed the urgent food proposed to its association "
        "(it still sees it on the portal, and is always told of recalls).",
    )
    loco_hub_id = fields.Many2one(
        "stock.warehouse",
        string="Home hub",
        domain=[("loco_hub", "=", True)],
        index=True,
        tracking=True,
        help="The hub the association orders from; it may order from the other hubs of "
        "the network whose service area covers its postal code too.",
    )

    def _loco_forbidden_fields(self, fnames):
        """What decides how much food an association gets (being one, its hub, its
        beneficiaries, what it can store, where its food goes) is set by coordinators,
        not by the hotline's partner managers nor by hub staff."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if not self.env.user.has_group(COORDINATOR):
            forbidden |= fnames & ALLOCATION_FIELDS
            if any(partner.commercial_partner_id.loco_association for partner in self):
                forbidden |= fnames & {"property_stock_customer"}
        return forbidden

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        forbidden = super()._loco_forbidden_create_fields(vals_list)
        if not self.env.user.has_group(COORDINATOR):
            forbidden |= {
                fname for vals in vals_list for fname in ALLOCATION_FIELDS if vals.get(fname)
            }
        return forbidden

    def _loco_forbidden_message(self, fnames):
        return self.env._(
            "Only LOCO coordinators set what an association receives (%(fields)s).",
            fields=self._loco_field_labels(fnames),
        )

    def _loco_mail_in_their_langs(self, template, record, default_lang, **render_context):
        """Queue ``template`` of ``record`` to these partners through the mail queue,
        each in their own language (``default_lang`` for those without one); the
        template reads it as ``ctx['loco_lang']``."""
        by_lang = defaultdict(list)
        for partner in self:
            by_lang[partner.lang or default_lang].append(partner.id)
        for lang, partner_ids in by_lang.items():
            template.with_context(loco_lang=lang, **render_context).send_mail(
                record.id, email_values={"recipient_ids": [Command.set(partner_ids)]}
            )

    def _loco_storable_classes(self):
        """Temperature classes the association can store."""
        self.ensure_one()
        return shelf_life.storable_classes(self.loco_can_store_chilled, self.loco_can_store_frozen)

    def _loco_order_hubs(self):
        """The hubs the association orders from, as the superuser: its home hub
        first, then every other hub of the network (any organisation) whose service
        area covers its postal code, the most specific area first."""
        self.ensure_one()
        home = self.sudo().loco_hub_id
        if not home:
            return home
        others = home.search(
            [("loco_hub", "=", True), ("id", "!=", home.id), ("loco_service_area", "!=", False)]
        )
        covering = []
        for hub in others:
            width = service_area.span(hub.loco_service_area, self.zip)
            if width is not None:
                covering.append((width, hub.name, hub.id))
        return home | home.browse([hub_id for _width, _name, hub_id in sorted(covering)])

    @api.constrains("loco_beneficiaries")
    def _check_loco_beneficiaries(self):
        for partner in self:
            if partner.loco_beneficiaries < 0:
                raise ValidationError(
                    self.env._(
                        "Association %(partner)s: the number of beneficiaries cannot be negative.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("loco_hub_id")
    def _check_loco_hub_id(self):
        for partner in self:
            if partner.loco_hub_id and not partner.loco_hub_id.loco_hub:
                raise ValidationError(
                    self.env._(
                        "Association %(partner)s: its home hub must be a LOCO hub.",
                        partner=partner.display_name,
                    )
                )
