# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.loco_hubs.tools.dates import local_date

from ..policy import acceptance

STATES = [
    ("draft", "Draft"),
    ("registered", "Registered"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
    ("collected", "Collected"),
    ("received", "Received"),
    ("cancelled", "Cancelled"),
]
CHANNELS = [
    ("phone", "Phone (105)"),
    ("email", "E-mail"),
    ("portal", "Portal"),
    ("api", "API"),
]
OPERATOR = "loco_donations.group_loco_operator"
COORDINATOR = "loco_hubs.group_loco_coordinator"
TRANSPORTS = [
    ("loco_collects", "LOCO collects"),
    ("donor_delivers", "Donor delivers"),
]
# an offer and its lines change until a coordinator decides; then only its note does
EDITABLE_STATES = ("draft", "registered")
FREE_FIELDS = ("note",)


class LocoDonationOffer(models.Model):
    _name = "loco.donation.offer"
    _inherit = ["mail.thread", "mail.activity.mixin", "loco.workflow.mixin"]
    _description = "Donor offer"
    _order = "id desc"
    _check_company_auto = True
    # a coordinator clicking while another accepts gets "busy", not a wait
    _loco_lock_nowait = True
    # what the actions alone write
    _loco_workflow_fields = ("state", "picking_id", "picking_ids")

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    # the receiving hub's organisation: it receives the goods and issues the donor's
    # documents, whoever took the call
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False, index=True, tracking=True
    )
    donor_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("loco_donor", "=", True)],
    )
    donor_vat = fields.Char(related="donor_id.vat", string="VAT number")
    donor_phone = fields.Char(related="donor_id.phone")
    channel = fields.Selection(CHANNELS, default="phone", required=True)
    operator_id = fields.Many2one("res.users", default=lambda self: self.env.user, tracking=True)
    pickup_partner_id = fields.Many2one(
        "res.partner",
        string="Pickup address",
        compute="_compute_pickup_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    pickup_start = fields.Datetime(string="Pickup from", tracking=True)
    pickup_end = fields.Datetime(string="Pickup until", tracking=True)
    transport = fields.Selection(TRANSPORTS, default="loco_collects", required=True, tracking=True)
    hub_id = fields.Many2one(
        "stock.warehouse",
        string="Destination hub",
        compute="_compute_hub_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        # any hub of the network: the offer then belongs to the hub's organisation
        domain=[("loco_hub", "=", True)],
    )
    line_ids = fields.One2many("loco.donation.offer.line", "offer_id", string="Lines", copy=True)
    picking_id = fields.Many2one(
        "stock.picking", string="Receipt", readonly=True, copy=False, index=True
    )
    picking_ids = fields.One2many(
        "stock.picking", "loco_offer_id", string="Receipts", readonly=True
    )
    note = fields.Text()
    total_weight = fields.Float(
        string="Weight (kg)", compute="_compute_totals", store=True, digits="Stock Weight"
    )
    has_chilled = fields.Boolean(compute="_compute_totals", store=True)
    has_frozen = fields.Boolean(compute="_compute_totals", store=True)
    refused_line_count = fields.Integer(compute="_compute_totals", store=True)

    @api.depends("donor_id")
    def _compute_pickup_partner_id(self):
        for offer in self:
            offer.pickup_partner_id = (
                offer.donor_id.address_get(["delivery"])["delivery"] if offer.donor_id else False
            )

    @api.depends("pickup_partner_id.zip")
    def _compute_hub_id(self):
        """The hub of the network (any organisation the operator works for) whose
        service area covers the pickup address most narrowly."""
        Warehouse = self.env["stock.warehouse"]
        for offer in self:
            zip_code = offer.pickup_partner_id.zip
            if zip_code and offer.state in ("draft", False):
                offer.hub_id = (
                    Warehouse._loco_hub_for_postal_code(zip_code, self.env.companies)
                    or offer.hub_id
                )
            else:
                offer.hub_id = offer.hub_id

    @api.depends("hub_id")
    def _compute_company_id(self):
        for offer in self:
            offer.company_id = offer.hub_id.company_id or offer.company_id or self.env.company

    @api.depends("line_ids.weight_kg", "line_ids.temperature_class", "line_ids.state")
    def _compute_totals(self):
        for offer in self:
            lines = offer.line_ids
            offer.total_weight = sum(lines.mapped("weight_kg"))
            classes = set(lines.mapped("temperature_class"))
            offer.has_chilled = "chilled" in classes
            offer.has_frozen = "frozen" in classes
            offer.refused_line_count = len(lines.filtered(lambda line: line.state == "refused"))

    @api.constrains("pickup_start", "pickup_end")
    def _check_pickup_window(self):
        for offer in self:
            if offer.pickup_start and offer.pickup_end and offer.pickup_end < offer.pickup_start:
                raise ValidationError(self.env._("The pickup window ends before it starts."))

    @api.constrains("hub_id", "company_id")
    def _check_hub(self):
        for offer in self:
            if offer.hub_id and not offer.hub_id.loco_hub:
                raise ValidationError(offer.hub_id._loco_not_a_hub_message())
            if offer.hub_id and offer.hub_id.company_id != offer.company_id:
                raise ValidationError(
                    self.env._(
                        "Offer %(offer)s belongs to the organisation of its hub, %(company)s.",
                        offer=offer.name,
                        company=offer.hub_id.company_id.name,
                    )
                )

    @api.constrains("donor_id")
    def _check_donor(self):
        for offer in self:
            if not offer.donor_id.loco_donor:
                raise ValidationError(
                    self.env._("%(partner)s is not a donor.", partner=offer.donor_id.display_name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._loco_guard_create(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("loco.donation.offer") or "/"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for offer in self:
            if offer.state != "draft":
                raise UserError(offer._loco_wrong_state_message("delete"))

    def write(self, vals):
        self._loco_guard_write(vals)
        return super().write(vals)

    def _loco_forbidden_fields(self, fnames):
        """Once a coordinator has decided on an offer, only its note changes."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if any(offer.state not in EDITABLE_STATES for offer in self):
            forbidden |= fnames - set(FREE_FIELDS)
        return forbidden

    def _loco_forbidden_message(self, fnames):
        decided = self.filtered(lambda offer: offer.state not in EDITABLE_STATES)
        if decided and fnames - set(self._loco_workflow_fields):
            return self.env._(
                "Offer %(offer)s is %(state)s: only its note can still be changed.",
                offer=decided[0].name,
                state=decided[0]._state_label(),
            )
        return super()._loco_forbidden_message(fnames)

    # ------------------------------------------------------------------
    # Actions (public, callable over RPC)
    # ------------------------------------------------------------------

    def action_register(self):
        """draft → registered, once every line and the window make sense."""
        self._loco_check_group(OPERATOR)
        for offer in self._loco_lock("register", allowed=("draft",), done=("registered",)):
            offer._loco_check_registrable()
            offer.state = "registered"
        return True

    def action_accept(self):
        """registered → accepted (lines checked one by one; refused lines keep their
        reason) with one incoming receipt at the hub, or refused when no line passes."""
        self._loco_check_group(COORDINATOR)
        for offer in self._loco_lock(
            "accept", allowed=("registered",), done=("accepted", "refused")
        ):
            offer._loco_check_registrable(accepting=True)
            offer._loco_accept()
        return True

    def action_refuse(self):
        self._loco_check_group(COORDINATOR)
        for offer in self._loco_lock("refuse", allowed=("draft", "registered"), done=("refused",)):
            offer.line_ids.filtered(lambda line: line.state == "pending").state = "refused"
            offer.state = "refused"
        return True

    def action_cancel(self):
        """Cancel; an accepted offer's receipt is cancelled with it when nothing was
        received yet, else the cancellation is refused."""
        self._loco_check_group(COORDINATOR)
        offers = self._loco_lock(
            "cancel", allowed=("draft", "registered", "accepted", "refused"), done=("cancelled",)
        )
        for offer in offers:
            pickings = offer.picking_ids
            if any(move.state == "done" for move in pickings.move_ids):
                raise UserError(
                    self.env._(
                        "Offer %(offer)s cannot be cancelled: goods were already received. Return "
                        "them "
                        "with a transfer instead.",
                        offer=offer.name,
                    )
                )
            offer.state = "cancelled"
            pickings.filtered(lambda p: p.state != "cancel").with_context(
                loco_offer_cancelling=True
            ).action_cancel()
        return True

    def action_view_receipt(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "view_mode": "form",
            "res_id": self.picking_id.id,
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _loco_check_group(self, group):
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "You are not allowed to do this with donor offers: operators register them, "
                    "coordinators accept, refuse or cancel them."
                )
            )

    def _loco_wrong_state_message(self, action):
        """The sentence refusing ``action`` in the present state, one whole sentence
        per action (other addons add theirs by overriding)."""
        offer, state = self.name, self._state_label()
        sentences = {
            "register": self.env._(
                "Offer %(offer)s cannot be registered: it is %(state)s.", offer=offer, state=state
            ),
            "accept": self.env._(
                "Offer %(offer)s cannot be accepted: it is %(state)s.", offer=offer, state=state
            ),
            "refuse": self.env._(
                "Offer %(offer)s cannot be refused: it is %(state)s.", offer=offer, state=state
            ),
            "cancel": self.env._(
                "Offer %(offer)s cannot be cancelled: it is %(state)s.", offer=offer, state=state
            ),
            "delete": self.env._(
                "Offer %(offer)s cannot be deleted: it is %(state)s.", offer=offer, state=state
            ),
        }
        return sentences[action]

    def _loco_busy_message(self):
        return self.env._(
            "Offer %(offer)s is being handled by someone else right now. Try again in a moment.",
            offer=", ".join(self.mapped("name")),
        )

    def _loco_check_lines_editable(self):
        """Refuse, outside the actions, to add lines to (or delete lines of) an offer a
        coordinator has decided on; field writes are the guard's rules."""
        if self._loco_in_workflow():
            return
        for offer in self:
            if offer.state not in EDITABLE_STATES:
                raise UserError(
                    self.env._(
                        "Offer %(offer)s is %(state)s: its lines can no longer be added, changed "
                        "or deleted.",
                        offer=offer.name,
                        state=offer._state_label(),
                    )
                )

    def _loco_check_registrable(self, accepting=False):
        """The offer can be registered (or, ``accepting``, accepted)."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("Offer %(offer)s has no line to register.", offer=self.name))
        if not self.hub_id:
            raise UserError(
                self.env._(
                    "Offer %(offer)s has no destination hub: choose the hub that receives it.",
                    offer=self.name,
                )
            )
        if self.pickup_end and self.pickup_end < fields.Datetime.now():
            raise UserError(self.env._("The pickup window is already over."))
        # a DLC passed since the registration refuses its line at acceptance (with its
        # reason), not the whole offer
        self.line_ids._loco_check_dates(refuse_past_dlc=not accepting)

    def _loco_pickup_day(self):
        """The day the goods leave the donor at the latest (Belgian calendar)."""
        moment = self.pickup_end or self.pickup_start or fields.Datetime.now()
        return local_date(self.env, moment)

    def _loco_accept(self):
        self.ensure_one()
        rules = self.env["loco.shelf.life.rule"]._policy_rules()
        hub_classes = self.hub_id._loco_storable_classes()
        pickup_day = self._loco_pickup_day()
        accepted = self.env["loco.donation.offer.line"]
        refused_notes = []
        for line in self.line_ids:
            reason = acceptance.check_line(line._loco_facts(rules), pickup_day, hub_classes)
            if reason:
                text = line._loco_in_company_lang()._loco_refusal_reason(reason)
                line.write({"state": "refused", "refusal_reason": text})
                refused_notes.append(
                    self.env._(
                        "%(product)s refused: %(reason)s",
                        product=line.product_id.display_name,
                        reason=text,
                    )
                )
            else:
                accepted |= line
        accepted.state = "accepted"
        body = [
            self.env._(
                "Accepted: %(accepted)s line(s); refused: %(refused)s line(s).",
                accepted=len(accepted),
                refused=len(self.line_ids) - len(accepted),
            )
        ]
        if not accepted:
            self.state = "refused"
            body.append(self.env._("Every line was refused: the offer is refused."))
        else:
            self.picking_id = self._loco_create_receipt(accepted)
            self.state = "accepted"
        self.message_post(body=Markup("<br/>").join(body + refused_notes))

    def _loco_create_receipt(self, lines):
        """One incoming receipt at the hub, from the donor, with a lot per line named
        and dated from the offer (so FEFO, urgency and quarantine apply at once)."""
        self.ensure_one()
        position = {line: index for index, line in enumerate(self.line_ids, start=1)}
        lots = self.env["stock.lot"].create([line._loco_lot_vals(position[line]) for line in lines])
        picking = self.env["stock.picking"].create(self._prepare_receipt_vals())
        self.env["stock.move"].create(
            [
                self._prepare_receipt_move_vals(picking, line, lot)
                for line, lot in zip(lines, lots, strict=True)
            ]
        )
        picking.action_confirm()
        return picking

    def _prepare_receipt_vals(self):
        """The hub's receipt of the offer, from the donor's supplier location."""
        self.ensure_one()
        supplier = self.donor_id.property_stock_supplier or self.env.ref(
            "stock.stock_location_suppliers"
        )
        return {
            "picking_type_id": self.hub_id.in_type_id.id,
            "partner_id": self.donor_id.id,
            "origin": self.name,
            "loco_offer_id": self.id,
            "location_id": supplier.id,
            "location_dest_id": self.hub_id.lot_stock_id.id,
            "scheduled_date": self.pickup_end or self.pickup_start or fields.Datetime.now(),
            "company_id": self.company_id.id,
        }

    def _prepare_receipt_move_vals(self, picking, line, lot):
        """The move receiving offer ``line`` in ``picking``, with its expected lot."""
        common = {
            "location_id": picking.location_id.id,
            "location_dest_id": picking.location_dest_id.id,
            "picking_id": picking.id,
            "company_id": self.company_id.id,
        }
        return {
            **common,
            "name": line.product_id.display_name,
            "product_id": line.product_id.id,
            "product_uom_qty": line.quantity,
            "product_uom": line.uom_id.id,
            "loco_offer_line_id": line.id,
            # what is expected; what arrives is weighed again at validation
            "loco_weight_kg": line.weight_kg,
            # the expected lot, for hub staff to confirm or correct
            "move_line_ids": [
                fields.Command.create(
                    {
                        **common,
                        # straight to the zone of its temperature class
                        "location_dest_id": picking.location_dest_id._get_putaway_strategy(
                            line.product_id, line.quantity
                        ).id,
                        "product_id": line.product_id.id,
                        "product_uom_id": line.uom_id.id,
                        "lot_id": lot.id,
                        "quantity": line.quantity,
                    }
                )
            ],
        }

    def _loco_on_receipt_done(self):
        """Called when one of the offer's receipts is validated."""
        for offer in self._loco_workflow():
            open_pickings = offer.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            lines = [self.env._("Goods received.")]
            for line in offer.line_ids.filtered(lambda line: line.state == "accepted"):
                received = line._loco_received_quantity()
                if float_compare(received, line.quantity, precision_rounding=line.uom_id.rounding):
                    lines.append(
                        self.env._(
                            "%(product)s: %(received)s %(uom)s received instead of %(planned)s "
                            "%(uom)s.",
                            product=line.product_id.display_name,
                            planned=line.quantity,
                            received=received,
                            uom=line.uom_id.name,
                        )
                    )
            offer.message_post(body=Markup("<br/>").join(lines))
            if not open_pickings and offer.state in ("accepted", "collected"):
                offer.state = "received"
                offer._loco_prepare_vat_document()

    def _loco_prepare_vat_document(self):
        """The draft document de don of this received offer, for the accountants to
        issue (donors who asked for summary documents get them per period instead)."""
        self.ensure_one()
        if self.donor_id.loco_vat_period != "donation":
            return self.env["loco.vat.document"]
        moves = self.picking_ids.move_ids.filtered(
            lambda move: move.state == "done" and move.loco_offer_line_id
        )
        if not moves:
            return self.env["loco.vat.document"]
        day = fields.Date.context_today(self)
        return (
            self.env["loco.vat.document"]
            .sudo()
            .create(
                {
                    "kind": "donation",
                    "company_id": self.company_id.id,
                    "donor_id": self.donor_id.id,
                    "date_from": min(moves.mapped("date")).date(),
                    "date_to": day,
                    "move_ids": [Command.set(moves.ids)],
                }
            )
        )

    def _loco_on_receipt_cancelled(self):
        for offer in self._loco_workflow():
            if offer.state in ("accepted", "collected") and all(
                p.state == "cancel" for p in offer.picking_ids
            ):
                offer.state = "cancelled"
                offer.message_post(body=self.env._("The receipt was cancelled: nothing arrived."))
            elif offer.state in ("accepted", "collected") and all(
                p.state in ("done", "cancel") for p in offer.picking_ids
            ):
                offer._loco_on_receipt_done()
