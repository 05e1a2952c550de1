# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import values

NOTICE_STATES = [("pending", "Not acknowledged"), ("acknowledged", "Acknowledged")]
NOTE_LENGTH = 1000


class LocoRecallNotice(models.Model):
    """What one association received of a recalled food, the notice it was sent, and
    its answer: it acknowledged, and how much it still had."""

    _name = "loco.recall.notice"
    _inherit = ["loco.guard.mixin"]
    _description = "Recall notice to an association"
    _order = "recall_id desc, id"
    _rec_name = "partner_id"
    _check_company_auto = True
    _loco_check_ids = True
    # the recall's evidence: only the recall and the association's answer (LOCO's
    # workflow) write it
    _loco_evidence = True
    _loco_made_by_loco = True

    recall_id = fields.Many2one(
        "loco.recall", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="recall_id.company_id", store=True, index=True)
    recall_name = fields.Char(related="recall_id.name", string="Recall reference")
    reason = fields.Text(related="recall_id.reason")
    partner_id = fields.Many2one(
        "res.partner", string="Association", required=True, readonly=True, index=True
    )
    move_ids = fields.Many2many("stock.move", string="Deliveries", readonly=True)
    delivered = fields.Text(
        string="What it received", compute="_compute_delivered", compute_sudo=True
    )
    notified_date = fields.Datetime(string="Notified on", readonly=True)
    state = fields.Selection(
        NOTICE_STATES, default="pending", required=True, readonly=True, index=True
    )
    acknowledged_date = fields.Datetime(string="Acknowledged on", readonly=True)
    acknowledged_by = fields.Many2one("res.users", readonly=True)
    line_ids = fields.One2many(
        "loco.recall.notice.line", "notice_id", string="Recalled food received", readonly=True
    )
    quantity_left = fields.Float(
        string="Still had",
        readonly=True,
        digits="Product Unit of Measure",
        help="What the association said it still had when it acknowledged (set aside), "
        "all products together: each product's is on the notice's lines.",
    )
    note = fields.Text(string="Its note", readonly=True)

    @api.depends("move_ids")
    def _compute_delivered(self):
        for notice in self:
            notice.delivered = "\n".join(
                f"{move.date.date()} {move.product_id.display_name}: "
                f"{move.quantity:g} {move.product_uom.name} ({move.reference})"
                for move in notice.move_ids.sorted("date")
            )

    def _loco_forbidden_message(self, fnames):
        return self.env._(
            "Recall notices are written by the recall and by the associations' answers only."
        )

    # ------------------------------------------------------------------
    # Portal (the controller holds a superuser record: what the volunteer may do is
    # decided here on the volunteer, the real user)
    # ------------------------------------------------------------------

    def _loco_answered_left(self, line, items):
        """What the volunteer says the association still has of the line's product
        (``left_<line id>``; ``quantity_left`` too where the notice is of one product),
        given for each product, never more than it received."""
        try:
            raw = values.single(items, f"left_{line.id}")
            if raw is None and len(self.line_ids) == 1:
                raw = values.single(items, "quantity_left")
            if raw is None:
                raise values.BadValue(values.NOT_NUMBER, raw)
            left = values.number(raw, maximum=1e9)
        except values.BadValue as error:
            raise UserError(
                self.env._(
                    "Say how much of %(product)s you still have as a number, such as 0 or 12.",
                    product=line.product_id.display_name,
                )
            ) from error
        if left > line.quantity_delivered:
            raise UserError(
                self.env._(
                    "You received %(delivered)s of %(product)s: you cannot still have %(left)s.",
                    delivered=line.quantity_delivered,
                    product=line.product_id.display_name,
                    left=left,
                )
            )
        return left

    def _loco_portal_acknowledge(self, user, items):
        """The association's volunteer ``user`` acknowledges the notice and says what
        it still had (``items``: the posted form). A second click changes nothing."""
        self.ensure_one()
        notice = self._loco_workflow()
        self.env.cr.execute("SELECT id FROM loco_recall_notice WHERE id = %s FOR UPDATE", [self.id])
        self.invalidate_recordset()
        if user._is_public() or (
            user.partner_id.commercial_partner_id != self.partner_id.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "Log in as a volunteer of %(association)s to answer this recall notice.",
                    association=self.partner_id.display_name,
                )
            )
        if self.state == "acknowledged":
            return self
        if self.recall_id.state != "notified":
            raise UserError(
                self.env._(
                    "Recall %(recall)s is closed: call your hub about this food.",
                    recall=self.recall_id.name,
                )
            )
        left = {line: self._loco_answered_left(line, items) for line in self.line_ids}
        try:
            note = values.text(values.single(items, "note"), max_length=NOTE_LENGTH)
        except values.BadValue as error:
            raise UserError(
                self.env._(
                    "The note is too long or not text: at most %(length)s characters.",
                    length=NOTE_LENGTH,
                )
            ) from error
        for line, quantity in left.items():
            line._loco_workflow().quantity_left = quantity
        notice.write(
            {
                "state": "acknowledged",
                "acknowledged_date": fields.Datetime.now(),
                "acknowledged_by": user.id,
                "quantity_left": sum(left.values()),
                "note": note or False,
            }
        )
        env = self.recall_id._loco_in_company_lang().env
        self.recall_id.message_post(
            body=env._(
                "%(association)s acknowledged the recall; it still had: %(left)s.",
                association=self.partner_id.display_name,
                left=", ".join(
                    f"{line.with_env(env).product_id.display_name} {quantity:g}"
                    for line, quantity in left.items()
                )
                or "0",
            )
        )
        return self


class LocoRecallNoticeLine(models.Model):
    """One recalled product an association received, and what it said it still had
    of it when it acknowledged."""

    _name = "loco.recall.notice.line"
    _inherit = ["loco.guard.mixin"]
    _description = "Recalled food an association received"
    _order = "notice_id, id"
    # the notice's evidence: written by the recall and the association's answer
    _loco_evidence = True
    _loco_made_by_loco = True

    notice_id = fields.Many2one(
        "loco.recall.notice", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True, index=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    quantity_delivered = fields.Float(
        string="Received", readonly=True, digits="Product Unit of Measure"
    )
    quantity_left = fields.Float(
        string="Still had", readonly=True, digits="Product Unit of Measure"
    )
