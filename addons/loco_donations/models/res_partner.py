# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import api, fields, models
from odoo.osv import expression

from ..tools.phone import phone_tail

DONOR_TYPES = [
    ("distributor", "Distributor (supermarket)"),
    ("wholesaler", "Wholesaler"),
    ("producer", "Producer"),
    ("horeca", "HoReCa"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    loco_donor = fields.Boolean(string="Food donor", index=True, tracking=True)
    loco_donor_type = fields.Selection(DONOR_TYPES, string="Donor type", tracking=True)
    loco_phone_tail = fields.Char(
        compute="_compute_loco_phone_tail",
        store=True,
        index=True,
        help="Last digits of the phone and mobile numbers, to find a caller whatever the format.",
    )
    loco_offer_count = fields.Integer(compute="_compute_loco_offer_count", string="Offers")
    loco_vat_period = fields.Selection(
        [
            ("donation", "A document for each donation"),
            ("month", "A summary document each month"),
            ("quarter", "A summary document each quarter"),
            ("year", "A summary document each year"),
        ],
        string="VAT documents",
        default="donation",
        help="What the organisations that receive this donor's food issue for its VAT "
        "exemption: a document de don for each donation, or a document récapitulatif "
        "for a month, a quarter or a year.",
    )

    @api.depends("phone", "mobile")
    def _compute_loco_phone_tail(self):
        for partner in self:
            tails = {phone_tail(partner.phone), phone_tail(partner.mobile)} - {""}
            partner.loco_phone_tail = " ".join(sorted(tails)) or False

    def _compute_loco_offer_count(self):
        counts = dict(
            self.env["loco.donation.offer"]._read_group(
                [("donor_id", "in", self.ids)], ["donor_id"], ["__count"]
            )
        )
        for partner in self:
            partner.loco_offer_count = counts.get(partner, 0)

    @api.model
    def _search_display_name(self, operator, value):
        """The hotline finds a donor by name, VAT number or phone number as heard."""
        domain = super()._search_display_name(operator, value)
        if operator in ("ilike", "=ilike", "like", "=like") and isinstance(value, str):
            tail = phone_tail(value)
            if tail:
                domain = expression.OR([domain, [("loco_phone_tail", "ilike", tail)]])
            compact = re.sub(r"[\s.\-]", "", value)
            if compact != value and len(compact) >= 6:
                domain = expression.OR([domain, [("vat", "ilike", compact)]])
        return domain

    def action_loco_view_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loco_donations.loco_donation_offer_action"
        )
        action["domain"] = [("donor_id", "=", self.id)]
        action["context"] = {"default_donor_id": self.id}
        return action
