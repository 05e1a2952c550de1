# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Portal of the donors' contacts (their offers, receipts and VAT documents, nothing
else) and of the associations recognised for European aid (the end recipients they
declare for the ESF+). Thin: the donor or the association is the logged-in user's
company; records are read as the superuser only once filtered on it."""

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.loco_hubs.tools import values
from odoo.addons.loco_hubs.tools.dates import loco_today
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.loco_esf_declaration import RECIPIENT_FIELDS

SHOWN_OFFERS = 100
SHOWN_DECLARATIONS = 24
VISIBLE_DOCUMENTS = ("issued", "cancelled")


class LocoDonorPortal(CustomerPortal):
    def _loco_donor(self):
        """The donor of the logged-in portal user, as the superuser, or None."""
        user = request.env.user
        partner = user.partner_id.commercial_partner_id
        if user.share and not user._is_public() and partner.loco_donor:
            return partner.sudo()
        return None

    def _loco_donor_documents(self, donor):
        return (
            request.env["loco.vat.document"]
            .sudo()
            .search([("donor_id", "=", donor.id), ("state", "in", VISIBLE_DOCUMENTS)])
        )

    def _loco_fead_association(self):
        """The association recognised for European aid of the logged-in portal user,
        as the superuser, or None."""
        user = request.env.user
        partner = user.partner_id.commercial_partner_id
        if (
            user.share
            and not user._is_public()
            and partner.loco_association
            and partner.loco_fead
            and partner.loco_hub_id
        ):
            return partner.sudo()
        return None

    def _prepare_home_portal_values(self, counters):
        values_ = super()._prepare_home_portal_values(counters)

        if "loco_donation_count" in counters:
            donor = self._loco_donor()
            values_["loco_donation_count"] = (
                request.env["loco.donation.offer"]
                .sudo()
                .search_count([("donor_id", "=", donor.id), ("state", "!=", "draft")])
                if donor
                else 0
            )
        return values_

    @http.route("/my/donations", type="http", auth="user", website=True)
    def portal_loco_donations(self, **kw):
        donor = self._loco_donor()
        if not donor:
            return request.render(
                "loco_donations.portal_loco_no_donor", {"page_name": "loco_donations"}
            )
        offers = (
            request.env["loco.donation.offer"]
            .sudo()
            .search([("donor_id", "=", donor.id), ("state", "!=", "draft")], limit=SHOWN_OFFERS)
        )
        return request.render(
            "loco_donations.portal_loco_donations",
            {
                "page_name": "loco_donations",
                "donor": donor,
                "offers": offers,
                "documents": self._loco_donor_documents(donor),
            },
        )

    @http.route("/my/donations/documents/<int:document_id>", type="http", auth="user", website=True)
    def portal_loco_vat_document(self, document_id, **kw):
        donor = self._loco_donor()
        if not donor or not 0 < document_id <= values.MAX_ID:
            raise request.not_found()
        document = (
            request.env["loco.vat.document"]
            .sudo()
            .search(
                [
                    ("id", "=", document_id),
                    ("donor_id", "=", donor.id),
                    ("state", "in", VISIBLE_DOCUMENTS),
                ]
            )
        )
        if not document:
            raise request.not_found()
        content, kind = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("loco_donations.action_report_loco_vat_document", document.ids)
        )
        filename = f"{document.name.replace('/', '-')}.{kind}"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/pdf" if kind == "pdf" else "text/html"),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    # ------------------------------------------------------------------
    # ESF+ end recipients
    # ------------------------------------------------------------------

    @http.route("/my/loco/recipients", type="http", auth="user", website=True)
    def portal_loco_recipients(self, month=None, declared=None, **kw):
        return self._loco_render_recipients(month=month, declared=bool(declared))

    def _loco_render_recipients(self, month=None, error=None, form=None, declared=False):
        association = self._loco_fead_association()
        if not association:
            raise request.not_found()
        today = loco_today(request.env)
        try:
            shown = values.month(month, values.years_after(today, -5), today)
        except values.BadValue:
            shown = None
        shown = shown or today.replace(day=1)
        # the volunteer's association's declarations (the portal rule), read as the
        # superuser: their author is a user the volunteer may not read
        declarations = (
            request.env["loco.esf.declaration"].search([], limit=SHOWN_DECLARATIONS).sudo()
        )
        current = declarations.filtered(lambda declaration: declaration.month == shown)[:1]
        Declaration = request.env["loco.esf.declaration"]
        return request.render(
            "loco_donations.portal_loco_recipients",
            {
                "page_name": "loco_recipients",
                "association": association,
                "declarations": declarations,
                "month": shown.strftime("%Y-%m"),
                "max_month": today.strftime("%Y-%m"),
                "fields": [
                    (fname, Declaration._fields[fname]._description_string(request.env))
                    for fname in RECIPIENT_FIELDS
                ],
                "counts": form or {fname: current[fname] for fname in RECIPIENT_FIELDS},
                "error": error,
                "declared": declared and not error,
            },
        )

    @http.route(
        "/my/loco/recipients/declare", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_loco_recipients_declare(self, **post):
        association = self._loco_fead_association()
        if not association:
            raise request.not_found()
        items = [
            *request.httprequest.form.items(multi=True),
            *request.httprequest.files.items(multi=True),
        ]
        try:
            declaration = (
                request.env["loco.esf.declaration"]
                .sudo()
                ._loco_portal_declare(request.env.user, association, items)
            )
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            form = {
                fname: value
                for fname, value in request.httprequest.form.items()
                if fname in RECIPIENT_FIELDS
            }
            return self._loco_render_recipients(
                month=request.httprequest.form.get("month"), error=error.args[0], form=form
            )
        return request.redirect(
            f"/my/loco/recipients?month={declaration.month.strftime('%Y-%m')}&declared=1"
        )
