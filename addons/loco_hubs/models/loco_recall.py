# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.queue_job.job import identity_exact

from ..tools.dates import utc_start_of

STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("notified", "Notified"),
    ("closed", "Closed"),
]
COORDINATOR = "loco_hubs.group_loco_coordinator"
# above this many associations to tell, their e-mails are written by a queued job
# (channel root.loco_recall) instead of in the coordinator's request
NOTICES_IN_REQUEST = 100


class LocoRecall(models.Model):
    """A recall of food (AFSCA): the lots it concerns, given by hand, or by a product
    and the dates printed on it (a supplier's notice). Opening it blocks at once what
    is left in every hub the coordinator may see (unreserved, moved to the hub's
    quarantine by one done transfer per hub), flags the open orders that held it and
    lists every association that received it; notifying them sends each an e-mail in
    its language and a notice on its portal, which it acknowledges."""

    _name = "loco.recall"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "loco.workflow.mixin",
        "loco.background.mixin",
    ]
    _description = "Food recall"
    _order = "id desc"
    _check_company_auto = True
    _loco_workflow_fields = ("state", "picking_ids", "notice_ids", "opened_date")

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False, index=True, tracking=True
    )
    reason = fields.Text(
        required=True,
        tracking=True,
        help="What is wrong with the food (the supplier's or the agency's notice), as the "
        "associations will read it.",
    )
    lot_ids = fields.Many2many(
        "stock.lot",
        string="Lots",
        help="The lots recalled. Leave empty and give a product and dates to recall every "
        "lot of that product whose printed date falls between them.",
    )
    supplier_lot = fields.Char(
        string="Supplier's lot number",
        help="The lot number printed by the supplier (kept on each LOCO lot made of that "
        "food, across hubs and organisations).",
    )
    product_id = fields.Many2one("product.product", index=True)
    date_from = fields.Date(string="Printed date from")
    date_to = fields.Date(string="Printed date to")
    opened_date = fields.Datetime(string="Opened on", readonly=True, copy=False)
    picking_ids = fields.Many2many(
        "stock.picking", string="Quarantine transfers", readonly=True, copy=False
    )
    notice_ids = fields.One2many(
        "loco.recall.notice", "recall_id", string="Associations served", readonly=True
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Associations",
        compute="_compute_partner_ids",
        help="Every association that received the recalled food.",
    )
    pending_count = fields.Integer(
        string="Not acknowledged", compute="_compute_counts", help="Associations yet to answer."
    )
    blocked_qty = fields.Float(
        string="Quantity blocked", compute="_compute_counts", digits="Product Unit of Measure"
    )

    @api.depends("notice_ids.partner_id")
    def _compute_partner_ids(self):
        for recall in self:
            recall.partner_ids = recall.notice_ids.partner_id

    @api.depends("notice_ids.state", "picking_ids.move_ids.quantity")
    def _compute_counts(self):
        for recall in self:
            recall.pending_count = len(
                recall.notice_ids.filtered(lambda notice: notice.state == "pending")
            )
            recall.blocked_qty = sum(recall.sudo().picking_ids.move_ids.mapped("quantity"))

    @api.constrains("date_from", "date_to")
    def _check_what_is_recalled(self):
        for recall in self:
            if recall.date_from and recall.date_to and recall.date_from > recall.date_to:
                raise ValidationError(
                    self.env._(
                        "Recall %(recall)s: the first printed date comes after the last.",
                        recall=recall.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("loco.recall") or "/"
        return super().create(vals_list)

    def _loco_forbidden_fields(self, fnames):
        """What a recall concerns and why stay as they were once it is open: it is the
        agency's evidence."""
        forbidden = super()._loco_forbidden_fields(fnames)
        frozen = {
            "lot_ids",
            "supplier_lot",
            "product_id",
            "date_from",
            "date_to",
            "reason",
            "company_id",
        }
        if fnames & frozen and any(recall.state != "draft" for recall in self):
            forbidden |= fnames & frozen
        return forbidden

    def _loco_forbidden_message(self, fnames):
        if fnames - set(self._loco_workflow_fields):
            return self.env._(
                "Recall %(recall)s is open: what it recalls and why no longer change. Open "
                "another recall for more food.",
                recall=self.filtered(lambda recall: recall.state != "draft")[:1].name,
            )
        return super()._loco_forbidden_message(fnames)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for recall in self:
            if recall.state != "draft":
                raise UserError(recall._loco_wrong_state_message("delete"))

    # ------------------------------------------------------------------
    # Actions (public, callable over RPC)
    # ------------------------------------------------------------------

    def action_open(self):
        """Block everything left of the recalled food and list who received it."""
        self._loco_check_coordinator()
        for recall in self._loco_lock("open", allowed=("draft",), done=("open", "notified")):
            recall._loco_open()
        return True

    def action_notify(self):
        """E-mail each association served, in its language, and show the notice on its
        portal; a second click sends nothing twice. A recall served to more than
        NOTICES_IN_REQUEST associations is notified by a queued job."""
        self._loco_check_coordinator()
        queued = self.browse()
        for recall in self._loco_lock("notify", allowed=("open",), done=("notified",)):
            if len(recall.notice_ids.filtered(lambda n: not n.notified_date)) > (
                NOTICES_IN_REQUEST
            ):
                recall.with_delay(identity_key=identity_exact)._loco_notify_job()
                queued |= recall
            else:
                recall._loco_notify()
        if queued:
            return self._loco_queued_notification(
                self.env._(
                    "Recall %(recall)s: the associations are being told in the "
                    "background; the recall shows Notified when every e-mail is written.",
                    recall=queued[0].name,
                ),
                close=False,
            )
        return True

    def action_close(self):
        self._loco_check_coordinator()
        for recall in self._loco_lock("close", allowed=("open", "notified"), done=("closed",)):
            recall.write({"state": "closed"})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _loco_check_coordinator(self):
        if not self.env.su and not self.env.user.has_group(COORDINATOR):
            raise AccessError(self.env._("Only LOCO coordinators open, notify and close recalls."))

    def _loco_wrong_state_message(self, action):
        self.ensure_one()
        sentences = {
            "open": self.env._(
                "Recall %(recall)s cannot be opened: it is %(state)s.",
                recall=self.name,
                state=self._state_label(),
            ),
            "notify": self.env._(
                "Recall %(recall)s cannot be notified: it is %(state)s. Open it first.",
                recall=self.name,
                state=self._state_label(),
            ),
            "close": self.env._(
                "Recall %(recall)s cannot be closed: it is %(state)s.",
                recall=self.name,
                state=self._state_label(),
            ),
            "delete": self.env._(
                "Recall %(recall)s cannot be deleted: it is %(state)s.",
                recall=self.name,
                state=self._state_label(),
            ),
        }
        return sentences[action]

    def _loco_busy_message(self):
        return self.env._("Someone is working on this recall: try again in a moment.")

    def _loco_recalled_lots(self):
        """The lots this recall concerns, among those the user may see: those chosen,
        and those of the product (within the printed dates) and of the supplier's lot
        number given, which every LOCO lot made of that food carries (extend to find
        lots by other marks)."""
        self.ensure_one()
        lots = self.lot_ids
        if self.product_id or self.supplier_lot:
            domain = []
            if self.supplier_lot:
                domain.append(("ref", "=ilike", self.supplier_lot.strip()))
            if self.product_id:
                domain.append(("product_id", "=", self.product_id.id))
                kind = "expiration_date"
                if self.product_id.categ_id.loco_date_kind == "ddm":
                    kind = "use_date"
                if self.date_from:
                    domain.append((kind, ">=", utc_start_of(self.env, self.date_from)))
                if self.date_to:
                    end = utc_start_of(self.env, self.date_to + timedelta(days=1))
                    domain.append((kind, "<", end))
            lots |= self.env["stock.lot"].search(domain)
        return lots

    def _loco_lot_source(self, lot):
        """Who the food of ``lot`` came from, for the agency's report: the addons that
        bring food in (donations, exchanges) say it."""
        return ""

    def _loco_open(self):
        lots = self._loco_recalled_lots()
        if not lots:
            raise UserError(
                self.env._(
                    "Recall %(recall)s finds no lot: choose the lots, or give the supplier's "
                    "lot number, or a product and the dates printed on it.",
                    recall=self.name,
                )
            )
        companies = self.env.companies
        pickings = self._loco_block(lots, companies)
        self.write(
            {
                "state": "open",
                "opened_date": fields.Datetime.now(),
                "lot_ids": [Command.set(lots.ids)],
                "picking_ids": [Command.set(pickings.ids)],
                "notice_ids": [
                    Command.create(vals) for vals in self._prepare_notice_vals_list(lots, companies)
                ],
            }
        )
        self._loco_flag_orders(lots, companies)

    def _loco_block(self, lots, companies):
        """Unreserve the recalled lots and move what is left of them, in every hub of
        ``companies``, to the hub's quarantine: one done transfer per hub. The
        transfers that held them reserve other lots if there are any."""
        Quant = self.env["stock.quant"].sudo()
        quants = Quant.search(
            [
                ("lot_id", "in", lots.ids),
                ("location_id.usage", "=", "internal"),
                ("location_id.loco_quarantine", "=", False),
                ("location_id.warehouse_id.loco_hub", "=", True),
                ("company_id", "in", companies.ids),
                ("quantity", ">", 0),
            ]
        )
        held = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", lots.ids),
                    ("state", "not in", ("done", "cancel")),
                    # a lot of no organisation is held by others too: theirs stay reserved
                    ("company_id", "in", companies.ids),
                ]
            )
            .move_id
        )
        held.filtered(lambda move: move.location_id.usage == "internal")._do_unreserve()
        quants = quants.exists()
        origin = self._loco_in_company_lang().env._("Recall %(recall)s", recall=self.name)
        pickings = self.env["stock.warehouse"]._loco_quarantine_quants(
            quants,
            {hub: hub._prepare_quarantine_picking_vals(origin) for hub in quants.warehouse_id},
        )
        # the transfers that held the lots take other lots, where the hub has some
        held.filtered(lambda move: move.state not in ("draft", "done", "cancel"))._action_assign()
        return pickings

    def _prepare_notice_vals_list(self, lots, companies):
        """One notice per association that received the food: the done deliveries of
        the recalled lots to it."""
        lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", lots.ids),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                    ("company_id", "in", companies.ids),
                ]
            )
        )
        moves_by_partner = defaultdict(lambda: self.env["stock.move"])
        received = defaultdict(lambda: defaultdict(float))
        for line in lines:
            partner = line.move_id.picking_id.partner_id.commercial_partner_id
            if partner.loco_association:
                moves_by_partner[partner] |= line.move_id
                received[partner][line.product_id] += line.quantity_product_uom
        return [
            {
                "partner_id": partner.id,
                "move_ids": [Command.set(moves.ids)],
                "line_ids": [
                    Command.create({"product_id": product.id, "quantity_delivered": quantity})
                    for product, quantity in received[partner].items()
                ],
            }
            for partner, moves in moves_by_partner.items()
        ]

    def _loco_flag_orders(self, lots, companies):
        """Say on each open order that held the recalled food what happened to it."""
        orders = (
            self.env["loco.order"]
            .sudo()
            .search(
                [
                    ("state", "in", ("submitted", "confirmed", "ready")),
                    ("company_id", "in", companies.ids),
                    ("line_ids.product_id", "in", lots.product_id.ids),
                ]
            )
        )
        for order in orders:
            env = order._loco_in_reader_lang().env
            order.message_post(
                body=env._(
                    "Recall %(recall)s: %(products)s of this order may be recalled food. The "
                    "hub set the recalled lots aside and prepares other food if it has any.",
                    recall=self.name,
                    products=", ".join(
                        order.line_ids.product_id.filtered(
                            lambda product: product in lots.product_id
                        ).mapped("display_name")
                    ),
                )
            )
        if orders:
            self.message_post(
                body=self._loco_in_company_lang().env._(
                    "Open orders flagged: %(orders)s.", orders=", ".join(orders.mapped("name"))
                )
            )
        return orders

    def _loco_notify_job(self):
        """The queued notification of a big recall: the same step, under its lock (a
        job run twice, or after a click, sends nothing twice)."""
        for recall in self._loco_lock("notify", allowed=("open",), done=("notified",)):
            recall._loco_notify()

    def _loco_notify(self):
        template = self.env.ref("loco_hubs.mail_template_loco_recall_notice")
        for notice in self.notice_ids.filtered(lambda notice: not notice.notified_date):
            template.send_mail(notice.id, email_layout_xmlid="mail.mail_notification_light")
        self.notice_ids.filtered(lambda notice: not notice.notified_date).write(
            {"notified_date": fields.Datetime.now()}
        )
        self.write({"state": "notified"})
