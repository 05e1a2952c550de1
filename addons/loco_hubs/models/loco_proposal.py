# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..policy import proposals
from ..tools.dates import utc_end_of

PROPOSAL_STATES = [
    ("proposed", "Proposed"),
    ("taken", "Taken"),
    ("expired", "Not taken in time"),
    ("withdrawn", "Withdrawn"),
]


class LocoProposal(models.Model):
    """Urgent food pushed, not just listed: an urgent lot of a hub proposed to the
    association that can use it in time and is ranked first (``policy.proposals``);
    taken in one click on the portal (an order, with the same checks), or passed on to
    the next association when its deadline passes."""

    _name = "loco.proposal"
    _inherit = ["loco.workflow.mixin"]
    _description = "Urgent food proposed to an association"
    _order = "id desc"
    _rec_name = "product_id"
    _check_company_auto = True
    # made and closed by LOCO: nobody writes it by hand
    _loco_evidence = True
    _loco_made_by_loco = True
    _loco_workflow_fields = ("state", "order_id", "taken_date")

    hub_id = fields.Many2one("stock.warehouse", required=True, readonly=True, index=True)
    company_id = fields.Many2one(related="hub_id.company_id", store=True, index=True)
    lot_id = fields.Many2one("stock.lot", required=True, readonly=True, index=True)
    product_id = fields.Many2one(related="lot_id.product_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Association", required=True, readonly=True, index=True
    )
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    until = fields.Date(string="To give by", readonly=True)
    deadline = fields.Datetime(string="To take by", readonly=True, index=True)
    rank = fields.Integer(readonly=True, help="Its place in the ranking when it was proposed.")
    state = fields.Selection(
        PROPOSAL_STATES, default="proposed", required=True, readonly=True, index=True
    )
    order_id = fields.Many2one("loco.order", readonly=True)
    taken_date = fields.Datetime(string="Taken on", readonly=True)

    def init(self):
        # a lot is proposed to one association at a time in a hub
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS loco_proposal_one_open_per_lot"
                " ON %s (hub_id, lot_id) WHERE state = 'proposed'",
                SQL.identifier(self._table),
            )
        )

    def _loco_wrong_state_message(self, action):
        self.ensure_one()
        return self.env._(
            "This proposal of %(product)s cannot be taken any more: it is %(state)s.",
            product=self.product_id.display_name,
            state=self._state_label(),
        )

    def _loco_busy_message(self):
        return self.env._("Someone is taking this food: try again in a moment.")

    # ------------------------------------------------------------------
    # Proposing
    # ------------------------------------------------------------------

    @api.model
    def _loco_propose(self, hubs):
        """Propose each urgent lot of ``hubs`` not proposed right now to the first
        association of its ranking that was not proposed it yet and still may take
        it (the hub's catalogue for it: its fair share, what it may be given).
        Returns the proposals made, each e-mailed to its association."""
        Proposal = self.sudo()._loco_workflow()
        made = Proposal.browse()
        now = fields.Datetime.now()
        for hub in hubs.sudo().filtered("loco_hub"):
            urgent = hub._loco_urgent_lots()
            if urgent:
                # one pass at a time per hub, as submissions: a concurrent one waits
                # and is retried with a fresh view (never two open proposals of a lot)
                hub._loco_lock_orders()
                busy = Proposal.search([("hub_id", "=", hub.id), ("state", "=", "proposed")])
                urgent = [row for row in urgent if row["lot"] not in busy.lot_id]
            if not urgent:
                continue
            tried = defaultdict(set)
            for lot, partner in Proposal._read_group(
                [("hub_id", "=", hub.id), ("lot_id", "in", [row["lot"].id for row in urgent])],
                ["lot_id", "partner_id"],
            ):
                tried[lot].add(partner.id)
            candidates, associations = hub._loco_proposal_candidates()
            catalogues = {}
            vals_list = []
            for row in urgent:
                vals = self._loco_first_taker(hub, row, candidates, associations, tried, catalogues)
                if vals:
                    deadline = now + timedelta(hours=hub.loco_proposal_hours or 24)
                    vals["deadline"] = min(deadline, utc_end_of(self.env, row["until"]))
                    vals_list.append(vals)
            made |= Proposal.create(vals_list)
        made._loco_mail_proposed()
        return made.with_env(self.env)

    @api.model
    def _loco_first_taker(self, hub, row, candidates, associations, tried, catalogues):
        """The values of the proposal of the urgent lot ``row`` to the first ranked
        association that may take it now, or None."""
        lot = row["lot"]
        facts = proposals.UrgentLot(
            category_id=lot.product_id.categ_id.id,
            temperature_class=lot.product_id.categ_id.loco_temperature_class or "ambient",
            until=row["until"],
        )
        for rank, candidate in enumerate(proposals.rank(facts, candidates, tried[lot]), 1):
            association = associations[candidate.partner_id]
            if association not in catalogues:
                catalogues[association] = hub._loco_catalogue(association)
            entry = catalogues[association].get(lot.product_id)
            if not entry or entry["allowance"] <= 0:
                continue  # its fair share or quota is used up, or it may not get it
            quantity = min(row["free"], entry["allowance"])
            entry["allowance"] -= quantity  # what this pass proposes it counts too
            return {
                "hub_id": hub.id,
                "lot_id": lot.id,
                "partner_id": association.id,
                "quantity": quantity,
                "until": row["until"],
                "rank": rank,
            }
        return None

    @api.model
    def _cron_loco_proposals(self):
        """Hourly: proposals not taken by their deadline expire and their food goes to
        the next association; the urgent food of the day is proposed."""
        expired = self.sudo().search(
            [("state", "=", "proposed"), ("deadline", "<", fields.Datetime.now())]
        )
        expired._loco_workflow().write({"state": "expired"})
        self._loco_propose(self.env["stock.warehouse"].search([("loco_hub", "=", True)]))

    def _loco_mail_proposed(self):
        """Tell each association its new proposal (its contacts with portal access
        who did not opt out)."""
        template = self.env.ref("loco_hubs.mail_template_loco_proposal")
        for proposal in self.sudo():
            association = proposal.partner_id.commercial_partner_id
            contacts = association.child_ids.filtered(
                lambda partner: partner.email
                and not partner.loco_no_proposal_mail
                and any(user.share for user in partner.user_ids)
            )
            contacts._loco_mail_in_their_langs(template, proposal, association.lang)

    # ------------------------------------------------------------------
    # Portal (the controller holds superuser records: what the volunteer may do is
    # decided here on the volunteer, the real user)
    # ------------------------------------------------------------------

    def _loco_portal_take(self, user):
        """The association's volunteer ``user`` takes the proposal: an order of its
        food, submitted with the same checks as any order. A second click finds the
        first order."""
        self.ensure_one()
        if user._is_public() or (
            user.partner_id.commercial_partner_id != self.partner_id.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "Log in as a volunteer of %(association)s to take this food.",
                    association=self.partner_id.display_name,
                )
            )
        proposal = self._loco_lock("take", allowed=("proposed",), done=("taken",))
        if proposal:
            if proposal.deadline and proposal.deadline < fields.Datetime.now():
                raise UserError(
                    self.env._(
                        "The proposal of %(product)s ended: it was offered to you until "
                        "%(deadline)s.",
                        product=proposal.product_id.display_name,
                        deadline=tools.format_datetime(self.env, proposal.deadline),
                    )
                )
            hub, product = proposal.hub_id, proposal.product_id
            orders = self.env["loco.order"]._loco_portal_submit(
                proposal.partner_id.commercial_partner_id,
                [
                    (f"qty_{hub.id}_{product.id}", f"{proposal.quantity:g}"),
                    ("portal_key", f"proposal-{proposal.id}"),
                ],
            )
            proposal.write(
                {"state": "taken", "order_id": orders[:1].id, "taken_date": fields.Datetime.now()}
            )
        return self.order_id
