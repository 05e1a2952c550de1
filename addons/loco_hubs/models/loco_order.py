# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import date, timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from ..policy import portal_actions
from ..tools import values
from ..tools.dates import loco_today

ORDER_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("confirmed", "Confirmed"),
    ("ready", "Ready"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
DELIVERY_METHODS = [("pickup", "Pickup at the hub"), ("delivery", "Delivery")]
HUB_STAFF = ("loco_hubs.group_loco_hub_user",)
# what an order keeps once submitted (the stock was checked for it under a lock)
LOCKED_AFTER_DRAFT = {"partner_id", "hub_id", "company_id", "line_ids", "delivery_method"}
# the Bourse aux dons form: one "qty_<hub id>_<product id>" field per line ("qty_<product
# id>" for the association's home hub)
PORTAL_QTY_PREFIX = "qty_"
PORTAL_KEY_LENGTH = 64
# how far ahead an association may ask for its food
MAX_DAYS_AHEAD = 365


class LocoOrder(models.Model):
    _name = "loco.order"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "loco.workflow.mixin"]
    _description = "Association order"
    _order = "id desc"
    _check_company_auto = True
    _loco_workflow_fields = (
        "state",
        "picking_id",
        "submitted_date",
        "notice",
        "portal_key",
        "mailed_events",
        "cancelled_by_association",
        "asked_kg",
        "served_kg",
    )

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Association",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("loco_association", "=", True)],
    )
    hub_id = fields.Many2one(
        "stock.warehouse",
        compute="_compute_hub_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("loco_hub", "=", True)],
    )
    state = fields.Selection(
        ORDER_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    delivery_method = fields.Selection(
        DELIVERY_METHODS, default="pickup", required=True, tracking=True
    )
    requested_date = fields.Date(tracking=True)
    submitted_date = fields.Datetime(readonly=True, copy=False, index=True)
    expected_date = fields.Datetime(related="picking_id.scheduled_date", string="Expected on")
    line_ids = fields.One2many("loco.order.line", "order_id", string="Lines", copy=True)
    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", readonly=True, copy=False, index=True
    )
    notice = fields.Text(
        readonly=True, copy=False, help="What changed when the order was submitted or confirmed."
    )
    note = fields.Text()
    cancel_reason = fields.Char(
        string="Why cancelled",
        tracking=True,
        help="Told to the association in the e-mail saying its order is cancelled.",
    )
    asked_kg = fields.Float(
        string="Asked (kg)",
        readonly=True,
        copy=False,
        digits="Stock Weight",
        help="What the association asked for when it submitted the order, in kg, before "
        "it was fitted to the stock and its fair shares (the fill rate's base).",
    )
    served_kg = fields.Float(
        string="Served (kg)",
        compute="_compute_served_kg",
        store=True,
        copy=False,
        digits="Stock Weight",
        help="What reached the association, in kg: the food its transfer delivered, "
        "weighed when the order was done (the fill rate's share served).",
    )
    cancelled_by_association = fields.Boolean(
        string="Cancelled by the association", readonly=True, copy=False
    )
    missing = fields.Text(
        string="Not served",
        compute="_compute_missing",
        compute_sudo=True,
        help="What the hub could not reserve of what was asked, product by product.",
    )
    mailed_events = fields.Char(
        string="E-mailed about",
        readonly=True,
        copy=False,
        help="Technical: the events the association was already e-mailed about (each once).",
    )
    portal_key = fields.Char(
        string="Form key",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Technical: the Bourse aux dons form it was sent from (a second click sends "
        "the same key, and finds this order).",
    )

    _sql_constraints = [
        (
            "portal_key_uniq",
            "unique(partner_id, hub_id, portal_key)",
            "This order was already sent.",
        )
    ]

    @api.depends("partner_id")
    def _compute_hub_id(self):
        for order in self:
            order.hub_id = order.partner_id.commercial_partner_id.loco_hub_id or order.hub_id

    @api.depends("state")
    def _compute_served_kg(self):
        """Weighed once, when the order is done: what its transfer delivered to the
        association (read by the outcome reports without scanning the move lines)."""
        done = self.filtered(lambda order: order.state == "done" and order.picking_id)
        kg = defaultdict(float)
        if done:
            delivered = (
                self.env["stock.move.line"]
                .sudo()
                ._read_group(
                    [
                        ("picking_id", "in", done.picking_id.ids),
                        ("state", "=", "done"),
                        ("location_dest_id.usage", "=", "customer"),
                    ],
                    ["picking_id", "product_id"],
                    ["quantity_product_uom:sum"],
                )
            )
            for picking, product, quantity in delivered:
                kg[picking.id] += quantity * product.weight
        done_ids = set(done.ids)  # a set: an upgrade computes every order at once
        for order in self:
            order.served_kg = kg[order.picking_id.id] if order.id in done_ids else 0.0

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for order in self:
            order.access_url = f"/my/loco/orders/{order.id}"
        return res

    @api.constrains("partner_id")
    def _check_association(self):
        for order in self:
            if not order.partner_id.commercial_partner_id.loco_association:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a food-aid association.",
                        partner=order.partner_id.display_name,
                    )
                )

    @api.constrains("requested_date")
    def _check_requested_date(self):
        today = loco_today(self.env)
        for order in self:
            if not order.requested_date or order.state != "draft":
                continue
            if order.requested_date < today:
                raise ValidationError(self.env._("The requested date is already past."))
            if order.requested_date > today + timedelta(days=MAX_DAYS_AHEAD):
                raise ValidationError(
                    self.env._(
                        "The requested date must be within the next %(days)s days.",
                        days=MAX_DAYS_AHEAD,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("loco.order") or "/"
        return super().create(vals_list)

    def _loco_forbidden_fields(self, fnames):
        """What a submitted order asks for was checked under the hub's lock: its
        association, hub, lines and delivery method stay."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if fnames & LOCKED_AFTER_DRAFT and any(order.state != "draft" for order in self):
            forbidden |= fnames & LOCKED_AFTER_DRAFT
        return forbidden

    def _loco_forbidden_message(self, fnames):
        if fnames - set(self._loco_workflow_fields):
            locked = self.filtered(lambda order: order.state != "draft")
            return self.env._(
                "Order %(order)s was submitted: its association, hub, products and quantities no "
                "longer change. Cancel it and order again.",
                order=locked[:1].name,
            )
        return super()._loco_forbidden_message(fnames)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for order in self:
            if order.state != "draft":
                raise UserError(order._loco_wrong_state_message("delete"))

    # ------------------------------------------------------------------
    # Actions (public, callable over RPC)
    # ------------------------------------------------------------------

    @api.depends("line_ids.quantity", "picking_id.move_ids.quantity")
    @api.depends_context("lang")
    def _compute_missing(self):
        for order in self:
            reserved = defaultdict(float)
            for move in order.picking_id.move_ids.filtered(lambda m: m.state != "cancel"):
                reserved[move.product_id] += move.quantity
            asked = defaultdict(float)
            for line in order.line_ids:
                asked[line.product_id] += line.quantity
            lines = []
            for product, quantity in asked.items():
                if order.picking_id and reserved[product] < quantity:
                    short, whole = f"{quantity - reserved[product]:g}", f"{quantity:g}"
                    lines.append(
                        self.env._(
                            "%(product)s: %(missing)s of %(asked)s",
                            product=product.display_name,
                            missing=short,
                            asked=whole,
                        )
                    )
            order.missing = "\n".join(lines) or False

    def action_submit(self):
        """draft → submitted: the quantities are checked again against what the hub
        has free, under a lock on the hub, so two associations never get the same
        last units; lines are reduced to what is left (or dropped)."""
        for order in self._loco_lock(
            "submit", allowed=("draft",), done=("submitted", "confirmed", "ready", "done")
        ):
            order._loco_submit()
        return True

    def action_confirm(self):
        """submitted → confirmed: an outgoing transfer from the hub reserves the food
        (FEFO); ready when it is fully reserved."""
        self._loco_check_staff()
        for order in self._loco_lock(
            "confirm", allowed=("submitted",), done=("confirmed", "ready", "done")
        ):
            order._loco_confirm()
        return True

    def action_cancel(self):
        orders = self._loco_lock(
            "cancel", allowed=("draft", "submitted", "confirmed", "ready"), done=("cancelled",)
        )
        # the user, not sudo: the portal acts as superuser for the association
        is_staff = self.env.user.has_group(HUB_STAFF[0])
        for order in orders:
            if order.state in ("confirmed", "ready") and not is_staff:
                raise UserError(
                    self.env._(
                        "Order %(order)s cannot be cancelled any more: the hub is preparing it. "
                        "Call your hub.",
                        order=order.name,
                    )
                )
            # cancelled first: its transfer's cancellation is then no news to it
            order.state = "cancelled"
            if order.picking_id and order.picking_id.state not in ("done", "cancel"):
                order.picking_id.sudo().action_cancel()
            if order.submitted_date:  # a draft was never sent: nobody waits for it
                order._loco_mail("cancelled")
        return True

    def action_confirm_receipt(self):
        """The association confirms a delivered order arrived: its transfer is
        validated with what was reserved, and the order is done."""
        for order in self._loco_lock("receive", allowed=("confirmed", "ready"), done=("done",)):
            if order.state != "ready":
                raise UserError(
                    self.env._(
                        "Order %(order)s is not ready yet: its food is still being prepared at "
                        "the hub.",
                        order=order.name,
                    )
                )
            if order.delivery_method != "delivery":
                raise UserError(
                    self.env._(
                        "Order %(order)s is picked up at the hub: the hub confirms it when you "
                        "collect it.",
                        order=order.name,
                    )
                )
            order._loco_deliver()
        return True

    # ------------------------------------------------------------------
    # Portal (the controller holds superuser records: what the volunteer may do is
    # decided here on the volunteer, the real user, never on the superuser)
    # ------------------------------------------------------------------

    def _loco_portal_action(self, user, action):
        """Do ``action`` (``portal_actions.CANCEL`` or ``RECEIVE``) for the portal's
        real ``user``, once the order is locked and its state read again."""
        self.ensure_one()
        order = self._loco_lock(action, allowed=[code for code, _label in ORDER_STATES], done=())
        member = (
            not user._is_public()
            and user.partner_id.commercial_partner_id == order.partner_id.commercial_partner_id
        )
        code = portal_actions.refusal(action, order.state, order.delivery_method, member)
        if code:
            raise UserError(order._loco_portal_refusal_message(code))
        if action == portal_actions.CANCEL:
            order.cancelled_by_association = True
            return self.action_cancel()
        return self.action_confirm_receipt()

    def _loco_portal_refusal_message(self, code):
        self.ensure_one()
        if code == portal_actions.NOT_MEMBER:
            return self.env._(
                "Log in as a volunteer of %(association)s to change order %(order)s: its "
                "link only shows it.",
                association=self.partner_id.commercial_partner_id.display_name,
                order=self.name,
            )
        if code == portal_actions.HUB_PREPARING:
            return self.env._(
                "Order %(order)s cannot be cancelled any more: the hub is preparing it. Call your "
                "hub.",
                order=self.name,
            )
        if code == portal_actions.FINISHED:
            return self.env._(
                "Order %(order)s was delivered: it can no longer be cancelled.", order=self.name
            )
        if code == portal_actions.NOT_DELIVERY:
            return self.env._(
                "Order %(order)s is picked up at the hub: the hub confirms it when you collect it.",
                order=self.name,
            )
        return self.env._(
            "Order %(order)s is not ready yet: its food is still being prepared at the hub.",
            order=self.name,
        )

    @api.model
    def _loco_portal_submit(self, association, items):
        """The orders of the Bourse aux dons form, created and submitted: one per hub
        the association ordered from (its home hub, the other hubs serving its
        commune). ``items`` are the (name, value) pairs as posted (a name may come
        twice, a value may be a file); anything forged, duplicated or absurd is
        refused with the form's own message, and no order is left. The same form
        sent twice (a double click) gives the first orders."""
        asked = self._loco_portal_asked(association, items)
        # the hubs' submissions are serialized (in one order: no deadlock): a concurrent
        # second click waits, is retried by Odoo with a fresh view, and finds the first
        for hub in self.env["stock.warehouse"].browse(sorted({hub.id for hub in asked})):
            hub._loco_lock_orders()
        portal_key = self._loco_portal_value(items, "portal_key", PORTAL_KEY_LENGTH)
        if portal_key:
            sent = self.search(
                [("partner_id", "=", association.id), ("portal_key", "=", portal_key)]
            )
            if sent:
                return sent
        vals = self._prepare_portal_order_vals(association, items, portal_key)
        lines_by_hub = {
            hub: self._prepare_portal_line_vals(association, hub, lines)
            for hub, lines in asked.items()
        }
        if not any(lines_by_hub.values()):
            raise UserError(self.env._("Choose at least one product and its quantity."))
        orders = self._loco_workflow().create(
            [
                {
                    **vals,
                    "hub_id": hub.id,
                    "company_id": hub.company_id.id,
                    "line_ids": [Command.create(line) for line in lines],
                }
                for hub, lines in lines_by_hub.items()
                if lines
            ]
        )
        for order in orders.with_env(self.env):
            order.action_submit()
        return orders.with_env(self.env)

    @api.model
    def _prepare_portal_order_vals(self, association, items, portal_key):
        """Values the orders of one Bourse form share (extend to read more fields)."""
        method = self._loco_portal_value(items, "delivery_method", 20) or "pickup"
        if method not in dict(DELIVERY_METHODS):
            raise UserError(self.env._("Choose pickup at the hub or delivery."))
        try:
            requested = values.day(
                self._loco_portal_value(items, "requested_date", 20),
                earliest=date.min,
                latest=date.max,
            )
        except values.BadValue as error:
            raise UserError(self._loco_bad_date_message()) from error
        return {
            "partner_id": association.id,
            "delivery_method": method,
            "requested_date": requested,
            "portal_key": portal_key or False,
        }

    @api.model
    def _loco_portal_asked(self, association, items):
        """{hub: {product id: raw quantity}} of the form's lines that are not left
        blank, for the hubs the association orders from: each line named once, by
        plain digits; a hub that does not serve the association is refused."""
        hubs = association._loco_order_hubs()
        try:
            asked = values.sourced_quantities(items, PORTAL_QTY_PREFIX, hubs[:1].id)
        except values.BadValue as error:
            raise UserError(self._loco_form_changed_message()) from error
        by_hub = {}
        for (hub_id, product_id), raw in asked.items():
            if isinstance(raw, str) and not raw.strip():
                continue
            if hub_id not in hubs.ids:
                raise UserError(
                    self.env._(
                        "The order form names a hub that does not serve your association: open "
                        "the Bourse aux dons again and order from there."
                    )
                )
            by_hub.setdefault(hubs.browse(hub_id), {})[product_id] = raw
        return by_hub

    @api.model
    def _prepare_portal_line_vals(self, association, hub, asked):
        """One line per product of ``hub``'s catalogue asked for in ``asked``
        ({product id: raw quantity}), with a quantity typed as a number (none for
        zeros)."""
        catalogue = {product.id: product for product in hub._loco_catalogue(association)}
        limit = self.env["loco.order.line"]._loco_max_quantity()
        lines = []
        for product_id, raw in asked.items():
            product = catalogue.get(product_id)
            if not product:
                forged = self.env["product.product"].browse(product_id).exists()
                raise UserError(
                    self.env._(
                        "%(product)s is not available at %(hub)s.",
                        product=forged.display_name or str(product_id),
                        hub=hub.name,
                    )
                )
            try:
                quantity = values.number(raw, maximum=limit)
            except values.BadValue as error:
                raise UserError(
                    self._loco_quantity_message(error.code, product.display_name, limit)
                ) from error
            if quantity:
                lines.append({"product_id": product.id, "quantity": quantity})
        return lines

    @api.model
    def _loco_portal_value(self, items, name, max_length):
        """The one text value of field ``name`` ('' when absent)."""
        try:
            return values.text(values.single(items, name), max_length=max_length)
        except values.BadValue as error:
            if name == "requested_date":
                raise UserError(self._loco_bad_date_message()) from error
            raise UserError(self._loco_form_changed_message()) from error

    @api.model
    def _loco_bad_date_message(self):
        return self.env._("The requested date is not a date: use the calendar.")

    @api.model
    def _loco_form_changed_message(self):
        return self.env._(
            "The order form came back changed (a product twice, or a field the page "
            "does not have): open the Bourse aux dons again and order from there."
        )

    @api.model
    def _loco_quantity_message(self, code, product, limit):
        if code == values.NEGATIVE:
            return self.env["loco.order.line"]._loco_quantity_not_positive_message(product)
        if code in (values.TOO_LARGE, values.NOT_FINITE):
            return self.env._(
                "%(product)s: %(limit)s is the most one order line can ask for.",
                product=product,
                limit=limit,
            )
        return self.env._(
            "The quantity of %(product)s is not a number: type a number such as 3.",
            product=product,
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _loco_wrong_state_message(self, action):
        """The sentence refusing ``action`` in the present state, one whole sentence
        per action (other addons add theirs by overriding)."""
        order, state = self.name, self._state_label()
        sentences = {
            "submit": self.env._(
                "Order %(order)s cannot be submitted: it is %(state)s.", order=order, state=state
            ),
            "confirm": self.env._(
                "Order %(order)s cannot be confirmed: it is %(state)s.", order=order, state=state
            ),
            "cancel": self.env._(
                "Order %(order)s cannot be cancelled: it is %(state)s.", order=order, state=state
            ),
            "receive": self.env._(
                "Order %(order)s cannot be marked as received: it is %(state)s.",
                order=order,
                state=state,
            ),
            "delete": self.env._(
                "Order %(order)s cannot be deleted: it is %(state)s.", order=order, state=state
            ),
        }
        return sentences[action]

    def _loco_check_lines_open(self):
        """Lines change only on drafts, or through the workflow (submission reduces
        them to what is left)."""
        if self._loco_in_workflow():
            return
        for order in self.exists():
            if order.state != "draft":
                raise UserError(
                    self.env._(
                        "Order %(order)s was submitted: its association, hub, products and "
                        "quantities no "
                        "longer change. Cancel it and order again.",
                        order=order.name,
                    )
                )

    def _loco_check_staff(self):
        if not self.env.su and not self.env.user.has_group(HUB_STAFF[0]):
            raise AccessError(
                self.env._("Only LOCO coordinators and hub staff can confirm association orders.")
            )

    def _loco_check_submittable(self):
        self.ensure_one()
        association = self.partner_id.commercial_partner_id
        if not self.hub_id:
            raise UserError(
                self.env._(
                    "%(partner)s has no home hub: ask your coordinator to set it.",
                    partner=association.display_name,
                )
            )
        lines = self.line_ids.filtered(lambda line: line.quantity > 0)
        if not lines:
            raise UserError(self.env._("Choose at least one product and its quantity."))
        storable = association._loco_storable_classes()
        for line in lines:
            if line.product_id.categ_id.loco_temperature_class not in storable:
                raise UserError(
                    self.env._(
                        "%(product)s needs a fridge or a freezer your association does not have.",
                        product=line.product_id.display_name,
                    )
                )
        self._check_requested_date()

    def _loco_submit(self):
        """Submit the order with what is left for the association: each line reduced to
        the free stock and its fair share, said in a notice; confirmed at once when
        the hub confirms automatically."""
        self.ensure_one()
        self._loco_check_submittable()
        hub = self.hub_id
        hub._loco_lock_orders()
        catalogue = hub._loco_catalogue(
            self.partner_id.commercial_partner_id, self.line_ids.product_id
        )
        self.asked_kg = sum(line.quantity * line.product_id.weight for line in self.line_ids)
        notices = self._loco_fit_lines(catalogue)
        if not self.line_ids:
            notices.append(
                self._loco_in_reader_lang().env._(
                    "Nothing you asked for is left: the order was cancelled."
                )
            )
            self.write({"state": "cancelled", "notice": "\n".join(notices)})
            self.message_post(body=Markup("<br/>").join(notices))
            return
        self.write(
            {
                "state": "submitted",
                "submitted_date": fields.Datetime.now(),
                "notice": "\n".join(notices) or False,
            }
        )
        self._loco_follow_by_contacts()
        if notices:
            self.message_post(body=Markup("<br/>").join(notices))
        if hub.loco_auto_confirm:
            self.sudo()._loco_confirm()

    # ------------------------------------------------------------------
    # E-mails to the association
    # ------------------------------------------------------------------

    def _loco_mail_templates(self):
        """{event: xml id of its mail template}; other modules add theirs."""
        return {
            "confirmed": "loco_hubs.mail_template_loco_order_confirmed",
            "partial": "loco_hubs.mail_template_loco_order_partial",
            "ready": "loco_hubs.mail_template_loco_order_ready",
            "cancelled": "loco_hubs.mail_template_loco_order_cancelled",
        }

    def _loco_mail_recipients(self):
        """The association's contacts with portal access who follow the order."""
        self.ensure_one()
        association = self.partner_id.commercial_partner_id
        return self.sudo().message_partner_ids.filtered(
            lambda partner: partner.email
            and partner.commercial_partner_id == association
            and any(user.share for user in partner.user_ids)
        )

    def _loco_follow_by_contacts(self):
        """The association's volunteers with portal access follow its orders: they are
        the ones e-mailed about them."""
        for order in self.sudo():
            contacts = order.partner_id.commercial_partner_id.child_ids.filtered(
                lambda partner: any(user.share for user in partner.user_ids)
            )
            if contacts:
                order.message_subscribe(partner_ids=contacts.ids)

    def _loco_mail(self, event, **render_context):
        """Queue the e-mail of ``event`` (see ``_loco_mail_templates``) to the
        association's contacts who follow the order, each in their own language; an
        order is e-mailed once per event, however often it happens."""
        for order in self.sudo():
            mailed = set(filter(None, (order.mailed_events or "").split(",")))
            if event in mailed:
                continue
            order._loco_mail_recipients()._loco_mail_in_their_langs(
                self.env.ref(order._loco_mail_templates()[event]),
                order,
                order.partner_id.commercial_partner_id.lang,
                **render_context,
            )
            order._loco_workflow().mailed_events = ",".join(sorted(mailed | {event}))

    def _loco_in_reader_lang(self):
        """The order in its association's language, for the notices written on it: the
        association reads them on the portal, whoever pressed the button."""
        lang = self.partner_id.commercial_partner_id.sudo().lang
        return self.with_context(lang=lang) if lang else self._loco_in_company_lang()

    def _loco_fit_lines(self, catalogue):
        """Reduce each line to what ``catalogue`` (the hub's, for this association)
        allows; delete the lines nothing is left for. Returns the notices saying so."""
        env = self._loco_in_reader_lang().env
        notices = []
        empty = self.env["loco.order.line"]
        for line in self.line_ids:
            offer = catalogue.get(line.product_id) or {"free": 0.0, "allowance": 0.0}
            limit = max(min(offer["free"], offer["allowance"]), 0.0)
            rounding = line.product_id.uom_id.rounding
            if float_compare(line.quantity, limit, precision_rounding=rounding) <= 0:
                continue
            notices.append(line.with_env(env)._loco_reduced_notice(offer, limit))
            if float_is_zero(limit, precision_rounding=rounding):
                empty |= line
            else:
                line.quantity = limit
        empty.unlink()
        return notices

    def _loco_confirm(self):
        """Confirm the order: its delivery from the hub, reserved at once (FEFO); what
        could not be reserved is said in a notice."""
        self.ensure_one()
        self.hub_id._loco_lock_orders()
        picking = self.env["stock.picking"].sudo().create(self._prepare_picking_vals())
        self.env["stock.move"].sudo().create(
            [self._prepare_move_vals(line, picking) for line in self.line_ids]
        )
        picking.action_confirm()
        picking.action_assign()
        notices = self._loco_reservation_notices(picking)
        self.write({"state": "confirmed", "picking_id": picking.id})
        if notices:
            self.notice = "\n".join(filter(None, [self.notice, *notices]))
            self.message_post(body=Markup("<br/>").join(notices))
        self._loco_sync_with_picking()
        # one e-mail says what the hub could not reserve; else, unless the food is
        # already ready to pick up (that e-mail says it all), the order is confirmed
        if self.missing:
            self._loco_mail("partial")
        elif self.state != "ready" or self.delivery_method != "pickup":
            self._loco_mail("confirmed")

    def _loco_destination(self):
        customer = self.partner_id.commercial_partner_id
        return customer.property_stock_customer or self.env.ref("stock.stock_location_customers")

    def _prepare_picking_vals(self):
        """The delivery of the order from its hub."""
        self.ensure_one()
        hub = self.hub_id
        return {
            "picking_type_id": hub.out_type_id.id,
            "partner_id": self.partner_id.id,
            "origin": self.name,
            "loco_order_id": self.id,
            "location_id": hub.lot_stock_id.id,
            "location_dest_id": self._loco_destination().id,
            "company_id": self.company_id.id,
            "scheduled_date": fields.Datetime.to_datetime(self.requested_date) + timedelta(hours=9)
            if self.requested_date
            else fields.Datetime.now(),
        }

    def _prepare_move_vals(self, line, picking):
        """The stock move of order ``line`` in the delivery ``picking``."""
        return {
            "name": line.product_id.display_name,
            "product_id": line.product_id.id,
            "product_uom_qty": line.quantity,
            "product_uom": line.product_id.uom_id.id,
            "location_id": picking.location_id.id,
            "location_dest_id": picking.location_dest_id.id,
            "picking_id": picking.id,
            "loco_order_line_id": line.id,
            "company_id": self.company_id.id,
        }

    def _loco_reservation_notices(self, picking):
        """What the hub could not reserve of each move of ``picking``."""
        env = self._loco_in_reader_lang().env
        return [
            env._(
                "%(product)s: %(reserved)s reserved of %(asked)s (the rest is no longer in stock).",
                product=move.product_id.display_name,
                asked=move.product_uom_qty,
                reserved=move.quantity,
            )
            for move in picking.move_ids
            if float_compare(
                move.quantity, move.product_uom_qty, precision_rounding=move.product_uom.rounding
            )
            < 0
        ]

    def _loco_deliver(self):
        """The food left the hub for the association: its transfer is validated with
        what was reserved (no backorder), and the order is done."""
        self.ensure_one()
        picking = self.picking_id.sudo()
        if picking.state not in ("done", "cancel"):
            for move in picking.move_ids:
                move.picked = True
            picking.with_context(
                skip_backorder=True, picking_ids_not_to_backorder=picking.ids
            ).button_validate()
            picking._loco_check_validated()
        self.state = "done"

    def _loco_sync_with_picking(self):
        """Follow the transfer: ready when it is fully reserved (back to confirmed
        when it is not any more), done when validated, cancelled with it."""
        for order in self.filtered(lambda o: o.state in ("confirmed", "ready")):
            state = order.picking_id.state
            if state == "done":
                order.state = "done"
            elif state == "cancel":
                order.state = "cancelled"
                order.message_post(
                    body=self.env._(
                        "Its transfer was cancelled at the hub: the order is cancelled too."
                    )
                )
                order._loco_mail("cancelled")
            elif state == "assigned" and order.state == "confirmed":
                order.state = "ready"
                if order.delivery_method == "pickup":
                    order._loco_mail("ready")
            elif state in ("confirmed", "waiting") and order.state == "ready":
                order.state = "confirmed"
