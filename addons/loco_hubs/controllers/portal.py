# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Portal of the associations: the "Bourse aux dons" (the catalogue of the hubs that
serve them) and
their orders. Thin: every rule lives in the models and the policy modules; records
are read with sudo only after the portal access checks."""

import uuid
from datetime import date

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..policy import portal_actions
from ..tools import values
from ..tools.dates import loco_today

ORDERS_PER_PAGE = 20


class LocoPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _loco_association(self):
        """The association of the logged-in portal user, or None."""
        partner = request.env.user.partner_id.commercial_partner_id
        if partner.loco_association and partner.loco_hub_id:
            return partner.sudo()
        return None

    def _loco_catalogue_rows(self, association, hubs):
        """Catalogue entries of ``hubs`` for the association, grouped by category,
        urgent first, its home hub's before the others' (each row says its hub)."""
        rows = sorted(
            (
                {"product": product, "hub": hub, **entry}
                for hub in hubs
                for product, entry in hub._loco_catalogue(association).items()
            ),
            key=lambda row: (
                row["product"].categ_id.complete_name or "",
                not row["urgent"],
                row["until"] or date.max,
                row["product"].display_name,
                row["hub"] != association.loco_hub_id,
                row["hub"].name,
            ),
        )
        groups = []
        for row in rows:
            if not groups or groups[-1][0] != row["product"].categ_id:
                groups.append((row["product"].categ_id, []))
            groups[-1][1].append(row)
        return groups

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # the recall notices a volunteer has yet to answer: a banner on the portal
        values["loco_recall_pending"] = (
            request.env["loco.recall.notice"].search_count([("state", "=", "pending")])
            if request.env.user.share and not request.env.user._is_public()
            else 0
        )
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        association = self._loco_association()
        if "loco_order_count" in counters:
            values["loco_order_count"] = (
                request.env["loco.order"].search_count([]) if association else 0
            )
        if "loco_recall_count" in counters:
            values["loco_recall_count"] = (
                request.env["loco.recall.notice"].search_count([]) if association else 0
            )
        if "loco_bourse_count" in counters:
            values["loco_bourse_count"] = (
                sum(len(hub._loco_catalogue(association)) for hub in association._loco_order_hubs())
                if association
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Bourse aux dons
    # ------------------------------------------------------------------

    # readonly: served by a PostgreSQL replica when Odoo has one (db_replica_host)
    @http.route("/my/bourse", type="http", auth="user", website=True, readonly=True)
    def portal_loco_bourse(self, **kw):
        return self._loco_render_bourse()

    def _loco_render_bourse(self, error=None):
        association = self._loco_association()
        if not association:
            return request.render(
                "loco_hubs.portal_loco_no_association", {"page_name": "loco_bourse"}
            )
        hubs = association._loco_order_hubs()
        groups = self._loco_catalogue_rows(association, hubs)
        # the association's own proposals (the portal rule), read as the superuser
        proposals = (
            request.env["loco.proposal"]
            .search([("state", "=", "proposed"), ("deadline", ">=", fields.Datetime.now())])
            .sudo()
        )
        return request.render(
            "loco_hubs.portal_loco_bourse",
            {
                "page_name": "loco_bourse",
                "association": association,
                "proposals": proposals,
                "proposal_mails": not request.env.user.partner_id.loco_no_proposal_mail,
                "hub": hubs[:1],
                "other_hubs": hubs[1:],
                "groups": groups,
                "error": error,
                "today": loco_today(request.env).isoformat(),
                # sent back with the order: a second click finds the first order
                "portal_key": uuid.uuid4().hex,
            },
        )

    @http.route("/my/bourse/order", type="http", auth="user", methods=["POST"], website=True)
    def portal_loco_bourse_order(self, **post):
        association = self._loco_association()
        if not association:
            raise request.not_found()
        try:
            orders = (
                request.env["loco.order"]
                .sudo()
                ._loco_portal_submit(association, self._loco_form_items())
            )
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return self._loco_render_bourse(error=error.args[0])
        # one order per hub: several are followed from the list
        return request.redirect(orders.get_portal_url() if len(orders) == 1 else "/my/loco/orders")

    @http.route(
        "/my/bourse/proposals/<int:proposal_id>/take",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_loco_proposal_take(self, proposal_id, **kw):
        if not 0 < proposal_id <= values.MAX_ID:
            raise request.not_found()
        proposal = request.env["loco.proposal"].search([("id", "=", proposal_id)])
        if not proposal:
            raise request.not_found()
        try:
            # decided on the volunteer (request.env.user), not on the superuser record
            order = proposal.sudo()._loco_portal_take(request.env.user)
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return self._loco_render_bourse(error=error.args[0])
        return request.redirect(order.get_portal_url())

    @http.route(
        "/my/bourse/proposal-mails", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_loco_proposal_mails(self, **kw):
        """The volunteer turns the e-mails about urgent food on or off (never those
        about recalls)."""
        if not self._loco_association():
            raise request.not_found()
        try:
            wanted = values.single(self._loco_form_items(), "mails") == "on"
        except values.BadValue:
            return self._loco_render_bourse(
                error=request.env._("Tick the box or leave it empty, then save.")
            )
        request.env.user.partner_id.sudo().loco_no_proposal_mail = not wanted
        return request.redirect("/my/bourse")

    def _loco_form_items(self):
        """The posted (name, value) pairs as sent: a name twice stays twice, a file
        stays a file (the model refuses both where a single text is expected)."""
        httprequest = request.httprequest
        return [*httprequest.form.items(multi=True), *httprequest.files.items(multi=True)]

    # ------------------------------------------------------------------
    # Orders
    # ------------------------------------------------------------------

    @http.route(
        ["/my/loco/orders", "/my/loco/orders/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_loco_orders(self, page=1, **kw):
        Order = request.env["loco.order"]
        total = Order.search_count([])
        pager = portal_pager(url="/my/loco/orders", total=total, page=page, step=ORDERS_PER_PAGE)
        orders = Order.search([], limit=ORDERS_PER_PAGE, offset=pager["offset"])
        return request.render(
            "loco_hubs.portal_loco_orders",
            {
                "page_name": "loco_orders",
                "orders": orders,
                "pager": pager,
                "default_url": "/my/loco/orders",
            },
        )

    @http.route("/my/loco/orders/<int:order_id>", type="http", auth="public", website=True)
    def portal_loco_order(self, order_id, access_token=None, **kw):
        return self._loco_render_order(order_id, access_token)

    def _loco_order_sudo(self, order_id, access_token):
        """The order the visitor may see (their association's, or by its token), as
        the superuser; 404 for anything else, an id beyond PostgreSQL's too."""
        if not 0 < order_id <= values.MAX_ID:
            raise request.not_found()
        if access_token is not None and not isinstance(access_token, str):
            raise request.not_found()
        try:
            return self._document_check_access("loco.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None

    def _loco_render_order(self, order_id, access_token, error=None):
        order_sudo = self._loco_order_sudo(order_id, access_token)
        values = self._get_page_view_values(
            order_sudo,
            access_token,
            {
                "page_name": "loco_order",
                "order": order_sudo,
                "error": error,
            },
            "my_loco_orders_history",
            False,
        )
        return request.render("loco_hubs.portal_loco_order", values)

    @http.route(
        "/my/loco/orders/<int:order_id>/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_loco_order_cancel(self, order_id, access_token=None, **kw):
        return self._loco_order_action(order_id, access_token, portal_actions.CANCEL)

    @http.route(
        "/my/loco/orders/<int:order_id>/received",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_loco_order_received(self, order_id, access_token=None, **kw):
        return self._loco_order_action(order_id, access_token, portal_actions.RECEIVE)

    def _loco_order_action(self, order_id, access_token, action):
        order_sudo = self._loco_order_sudo(order_id, access_token)
        try:
            # decided on the volunteer (request.env.user), not on the superuser record
            order_sudo._loco_portal_action(request.env.user, action)
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return self._loco_render_order(order_id, access_token, error=error.args[0])
        return request.redirect(order_sudo.get_portal_url())

    # ------------------------------------------------------------------
    # Recall notices
    # ------------------------------------------------------------------

    @http.route("/my/loco/recalls", type="http", auth="user", website=True)
    def portal_loco_recalls(self, **kw):
        return self._loco_render_recalls()

    def _loco_render_recalls(self, error=None):
        notices = request.env["loco.recall.notice"].search([])
        return request.render(
            "loco_hubs.portal_loco_recalls",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "loco_recalls",
                # the volunteer's own notices (found under their rights), read as the
                # superuser: a portal user reads no recall nor lot
                "notices": notices.sudo(),
                "error": error,
            },
        )

    @http.route(
        "/my/loco/recalls/<int:notice_id>/acknowledge",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_loco_recall_acknowledge(self, notice_id, **kw):
        if not 0 < notice_id <= values.MAX_ID:
            raise request.not_found()
        notice = request.env["loco.recall.notice"].search([("id", "=", notice_id)])
        if not notice:
            raise request.not_found()
        try:
            # decided on the volunteer (request.env.user), not on the superuser record
            notice.sudo()._loco_portal_acknowledge(request.env.user, self._loco_form_items())
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return self._loco_render_recalls(error=error.args[0])
        return request.redirect("/my/loco/recalls")
