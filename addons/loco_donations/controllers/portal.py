# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Portal of the donors' contacts: their offers, receipts and VAT documents, nothing
else. Thin: the donor is the logged-in user's company; records are read as the
superuser only once filtered on it."""

from odoo import http
from odoo.http import content_disposition, request

from odoo.addons.loco_hubs.tools import values
from odoo.addons.portal.controllers.portal import CustomerPortal

SHOWN_OFFERS = 100
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
