# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.loco_hubs.tools.dates import utc_start_of

KINDS = [("donation", "Document de don"), ("summary", "Document récapitulatif")]
STATES = [("draft", "Draft"), ("issued", "Issued"), ("cancelled", "Cancelled")]
ACCOUNTING = ("loco_donations.group_loco_accountant", "loco_hubs.group_loco_coordinator")


class LocoVatDocument(models.Model):
    """The document a receiving organisation issues to a donor so that the donor keeps
    its VAT exemption (Royal Decree n° 59 of 18 May 2020, circular 2026/C/22): one per
    received donation (document de don), or one per donor and period (document
    récapitulatif). Numbered per organisation without gaps when issued, and never
    changed afterwards: a correction is a new document that cancels the old one."""

    _name = "loco.vat.document"
    _inherit = ["mail.thread", "loco.workflow.mixin"]
    _description = "Donor's VAT document"
    _order = "id desc"
    _check_company_auto = True
    _loco_workflow_fields = ("state", "name", "date", "replaces_id", "replaced_by_id")

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index=True)
    kind = fields.Selection(KINDS, string="Document", required=True, default="donation")
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company",
        string="Receiving organisation",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    donor_id = fields.Many2one(
        "res.partner", required=True, index=True, domain=[("loco_donor", "=", True)]
    )
    date = fields.Date(string="Issued on", readonly=True, copy=False)
    date_from = fields.Date(string="Donations from", required=True)
    date_to = fields.Date(string="Donations to", required=True)
    move_ids = fields.Many2many(
        "stock.move", string="Donations received", check_company=True, copy=False
    )
    replaces_id = fields.Many2one(
        "loco.vat.document", string="Corrects", readonly=True, copy=False, index="btree_not_null"
    )
    replaced_by_id = fields.Many2one(
        "loco.vat.document", string="Corrected by", readonly=True, copy=False
    )
    total_kg = fields.Float(string="Weight (kg)", compute="_compute_totals", digits="Stock Weight")
    total_value = fields.Float(string="Value (€)", compute="_compute_totals")

    @api.depends("move_ids.loco_weight_kg", "move_ids.loco_donation_value")
    def _compute_totals(self):
        for document in self:
            moves = document.sudo().move_ids
            document.total_kg = sum(moves.mapped("loco_weight_kg"))
            document.total_value = sum(moves.mapped("loco_donation_value"))

    def _loco_forbidden_fields(self, fnames):
        """An issued document never changes (a correction is a new document)."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if any(document.state != "draft" for document in self):
            forbidden |= fnames
        return forbidden

    def _loco_forbidden_message(self, fnames):
        if any(document.state != "draft" for document in self):
            return self.env._(
                "Document %(document)s was issued: it never changes. Correct it with a new "
                "document, which cancels it.",
                document=self.filtered(lambda document: document.state != "draft")[:1].name,
            )
        return super()._loco_forbidden_message(fnames)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for document in self:
            if document.state != "draft":
                raise UserError(document._loco_wrong_state_message("delete"))

    # ------------------------------------------------------------------
    # Actions (public, callable over RPC)
    # ------------------------------------------------------------------

    def action_issue(self):
        """Number the document (per organisation, without gaps) and freeze it; the
        document it corrects is cancelled."""
        self._loco_check_accounting()
        for document in self._loco_lock("issue", allowed=("draft",), done=("issued",)):
            document._loco_issue()
        return True

    def action_cancel(self):
        self._loco_check_accounting()
        for document in self._loco_lock("cancel", allowed=("issued",), done=("cancelled",)):
            document.state = "cancelled"
        return True

    def action_correct(self):
        """A new draft with the same donations, which cancels this one once issued."""
        self._loco_check_accounting()
        self.ensure_one()
        if self.state != "issued":
            raise UserError(self._loco_wrong_state_message("correct"))
        correction = self.create(
            {
                "kind": self.kind,
                "company_id": self.company_id.id,
                "donor_id": self.donor_id.id,
                "date_from": self.date_from,
                "date_to": self.date_to,
                "move_ids": [Command.set(self.move_ids.ids)],
            }
        )
        correction._loco_workflow().replaces_id = self
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _loco_check_accounting(self):
        user = self.env.user
        if not self.env.su and not any(user.has_group(group) for group in ACCOUNTING):
            raise AccessError(
                self.env._("Only accountants and coordinators issue the donors' VAT documents.")
            )

    def _loco_wrong_state_message(self, action):
        self.ensure_one()
        state = self._state_label()
        return {
            "issue": self.env._(
                "Document %(document)s cannot be issued: it is %(state)s.",
                document=self.name,
                state=state,
            ),
            "cancel": self.env._(
                "Document %(document)s cannot be cancelled: it is %(state)s.",
                document=self.name,
                state=state,
            ),
            "correct": self.env._(
                "Document %(document)s cannot be corrected: it is %(state)s.",
                document=self.name,
                state=state,
            ),
            "delete": self.env._(
                "Document %(document)s cannot be deleted: it is %(state)s.",
                document=self.name,
                state=state,
            ),
        }[action]

    def _loco_busy_message(self):
        return self.env._("Someone is issuing this document: try again in a moment.")

    def _loco_issue(self):
        moves = self.sudo().move_ids
        if not moves:
            raise UserError(
                self.env._(
                    "Document for %(donor)s lists no donation: nothing to issue.",
                    donor=self.donor_id.display_name,
                )
            )
        foreign = moves.filtered(
            lambda move: move.loco_donor_id != self.donor_id
            or move.company_id != self.company_id
            or not move.loco_offer_line_id
            or move.state != "done"
        )
        if foreign:
            raise UserError(
                self.env._(
                    "Document for %(donor)s lists food that is not a donation of that donor "
                    "received by %(organisation)s.",
                    donor=self.donor_id.display_name,
                    organisation=self.company_id.name,
                )
            )
        taken = self.search(
            [
                ("id", "!=", self.id),
                ("state", "=", "issued"),
                ("move_ids", "in", moves.ids),
                ("id", "!=", self.replaces_id.id),
            ],
            limit=1,
        )
        if taken:
            raise UserError(
                self.env._(
                    "Some of these donations are on document %(document)s already: correct that "
                    "one instead.",
                    document=taken.name,
                )
            )
        self.write(
            {
                "state": "issued",
                "name": self._loco_next_number(),
                "date": fields.Date.context_today(self),
            }
        )
        if self.replaces_id:
            self.replaces_id._loco_workflow().write(
                {"state": "cancelled", "replaced_by_id": self.id}
            )
        self._loco_send()

    def _loco_send(self):
        """E-mail the issued document (PDF attached) to the donor, in its language."""
        if self.donor_id.email:
            self.env.ref("loco_donations.mail_template_loco_vat_document").sudo().send_mail(
                self.id, email_layout_xmlid="mail.mail_notification_light"
            )

    def _loco_next_number(self):
        """The organisation's next number: its own no-gap sequence, whose row lock
        serializes two accountants issuing at the same time."""
        code = f"loco.vat.document.{self.company_id.id}"
        Sequence = self.env["ir.sequence"].sudo()
        if not Sequence.search([("code", "=", code)], limit=1):
            # the organisation's first document: its row is updated, not only locked, so
            # that a concurrent first issue fails to serialize and is retried by Odoo with
            # a fresh view, which holds the sequence (never two sequences of one code)
            self.env.cr.execute(
                "UPDATE res_company SET write_date = write_date WHERE id = %s",
                [self.company_id.id],
                log_exceptions=False,
            )
            Sequence.create(
                {
                    "name": f"VAT documents {self.company_id.name}",
                    "code": code,
                    "prefix": "DD/%(year)s/",
                    "padding": 5,
                    "implementation": "no_gap",
                    "company_id": self.company_id.id,
                }
            )
        return Sequence.with_company(self.company_id).next_by_code(code)

    @api.model
    def _loco_donation_domain(self, company, donor=None, date_from=None, date_to=None):
        """The received donations of ``company`` (of ``donor``, in the period)."""
        domain = [
            ("state", "=", "done"),
            ("loco_offer_line_id", "!=", False),
            ("company_id", "=", company.id),
        ]
        if donor:
            domain.append(("loco_donor_id", "=", donor.id))
        if date_from:
            domain.append(("date", ">=", utc_start_of(self.env, date_from)))
        if date_to:
            domain.append(("date", "<", utc_start_of(self.env, date_to + timedelta(days=1))))
        return domain

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for document in self:
            if document.date_from > document.date_to:
                raise UserError(self.env._("The period of a document must start before it ends."))

    @api.model
    def _loco_prepare_summaries(self, company, date_from, date_to, donors=None):
        """Draft documents récapitulatifs of ``company`` for the period: one per donor
        (of ``donors``, when given) whose donations of the period are on no issued
        document yet."""
        self._loco_check_accounting()
        domain = self._loco_donation_domain(company, date_from=date_from, date_to=date_to)
        if donors is not None:
            domain.append(("loco_donor_id", "in", donors.ids))
        moves = self.env["stock.move"].sudo().search(domain)
        issued = self.sudo().search([("state", "=", "issued"), ("move_ids", "in", moves.ids)])
        moves -= issued.move_ids
        vals_list = [
            {
                "kind": "summary",
                "company_id": company.id,
                "donor_id": donor.id,
                "date_from": date_from,
                "date_to": date_to,
                "move_ids": [
                    Command.set(moves.filtered(lambda move, d=donor: move.loco_donor_id == d).ids)
                ],
            }
            for donor in moves.loco_donor_id
        ]
        return self.create(vals_list)
