# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from urllib.parse import quote

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.loco_hubs.models.product_category import TEMPERATURE_CLASSES
from odoo.addons.loco_hubs.tools import values

from ..policy import cold_chain, routing
from ..tools import signature_image
from ..tools.clock import clock, minutes_of, moment_of

STOP_STATES = [
    ("open", "To do"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
KINDS = [
    ("pickup", "Pickup at a donor"),
    ("delivery", "Delivery to an association"),
    ("transfer", "Transfer to or from another hub"),
]
# what a driver may write on a stop (the rest goes through the actions)
DRIVER_FIELDS = {"temperature", "contact_name", "signature", "note"}
# a stop in one of these states holds its offer, order or exchange
LIVE_STATES = ("open", "done")
# the documents a stop carries (exactly one of them)
DOCUMENT_FIELDS = ("offer_id", "order_id", "exchange_id")
MAX_NAME = 128
MAX_NOTE = 2000
MAX_SIGNATURE_BYTES = 2 * 1024 * 1024
MAP_URL_PARAM = "loco_fleet.map_url"
DEFAULT_MAP_URL = "https://www.openstreetmap.org/directions?to={lat},{lon}"


class LocoRoundStop(models.Model):
    _name = "loco.round.stop"
    _inherit = ["loco.workflow.mixin"]
    _description = "Stop of a round"
    _order = "round_id, sequence, id"
    _check_company_auto = True
    _loco_lock_nowait = True
    _loco_workflow_fields = (
        "state",
        "planned_arrival",
        "load_after_kg",
        "problem",
        "done_at",
        "failure_reason",
        "temperature_taken",
        "cold_chain_broken",
    )

    round_id = fields.Many2one("loco.round", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    round_state = fields.Selection(related="round_id.state", string="Round state")
    sequence = fields.Integer(default=100)
    state = fields.Selection(
        STOP_STATES, default="open", required=True, readonly=True, copy=False, index=True
    )
    offer_id = fields.Many2one(
        "loco.donation.offer", string="Offer to collect", index="btree_not_null", check_company=True
    )
    order_id = fields.Many2one(
        "loco.order", string="Order to deliver", index="btree_not_null", check_company=True
    )
    # not check_company: an exchange is the sending organisation's, and travels on the
    # receiving organisation's round when that one collects it (see _loco_check_document)
    exchange_id = fields.Many2one(
        "loco.exchange", string="Exchange to carry", index="btree_not_null"
    )
    # what a driver (who cannot read exchanges) reads of it
    exchange_name = fields.Char(related="exchange_id.name", string="Exchange")
    exchange_from_hub = fields.Char(related="exchange_id.from_hub_name", string="From hub")
    exchange_to_hub = fields.Char(related="exchange_id.to_hub_name", string="To hub")
    kind = fields.Selection(KINDS, compute="_compute_facts", store=True, precompute=True)
    partner_id = fields.Many2one(
        "res.partner", string="Where", compute="_compute_facts", store=True, precompute=True
    )
    organisation_id = fields.Many2one(
        "res.partner",
        string="Organisation served",
        compute="_compute_facts",
        store=True,
        precompute=True,
    )
    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", compute="_compute_facts", store=True, precompute=True
    )
    weight_kg = fields.Float(
        string="Weight (kg)",
        compute="_compute_facts",
        store=True,
        precompute=True,
        digits="Stock Weight",
    )
    volume_m3 = fields.Float(
        string="Volume (m³)", compute="_compute_facts", store=True, precompute=True, digits=(12, 3)
    )
    temperature_class = fields.Selection(
        TEMPERATURE_CLASSES,
        string="Temperature",
        compute="_compute_facts",
        store=True,
        precompute=True,
    )
    window_start = fields.Datetime(
        string="From", compute="_compute_window", store=True, readonly=False, precompute=True
    )
    window_end = fields.Datetime(
        string="Until", compute="_compute_window", store=True, readonly=False, precompute=True
    )
    window_label = fields.Char(string="Window", compute="_compute_window_label")
    goods = fields.Text(compute="_compute_goods", compute_sudo=True)
    address = fields.Char(compute="_compute_address", compute_sudo=True)
    phone = fields.Char(related="partner_id.phone")
    # where the stop is, for the map of the day's rounds
    partner_latitude = fields.Float(related="partner_id.partner_latitude")
    partner_longitude = fields.Float(related="partner_id.partner_longitude")
    map_url = fields.Char(string="Map", compute="_compute_address", compute_sudo=True)
    planned_arrival = fields.Datetime(readonly=True, copy=False)
    load_after_kg = fields.Float(string="Load after (kg)", readonly=True, copy=False)
    problem = fields.Text(readonly=True, copy=False)
    needs_temperature = fields.Boolean(compute="_compute_needs_temperature")
    temperature = fields.Float(string="Temperature (°C)", copy=False)
    temperature_taken = fields.Boolean(readonly=True, copy=False)
    cold_chain_broken = fields.Boolean(readonly=True, copy=False)
    contact_name = fields.Char(string="Given / received by", copy=False)
    signature = fields.Binary(copy=False, attachment=True)
    done_at = fields.Datetime(readonly=True, copy=False)
    failure_reason = fields.Text(readonly=True, copy=False)
    note = fields.Text()

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends(
        "offer_id.pickup_partner_id",
        "offer_id.picking_id",
        "offer_id.line_ids.weight_kg",
        "offer_id.line_ids.state",
        "order_id.partner_id",
        "order_id.picking_id.move_ids.quantity",
        "exchange_id.transport",
        "exchange_id.line_ids.quantity",
        "exchange_id.line_ids.weight_kg",
        "exchange_id.from_hub_id.partner_id",
        "exchange_id.to_hub_id.partner_id",
        "exchange_id.out_picking_id",
        "exchange_id.in_picking_id",
        "round_id.hub_id",
    )
    def _compute_facts(self):
        for stop in self:
            stop.update(stop.sudo()._loco_facts())

    def _loco_goods(self):
        """[(product, quantity, unit, kg)] the stop loads (the offer's accepted lines,
        an exchange's lots collected), or unloads (what the order's transfer reserved,
        else what was ordered; an exchange's lots delivered)."""
        self.ensure_one()
        if self.exchange_id:
            lines = self.exchange_id.line_ids
            return [(ln.product_id, ln.quantity, ln.uom_id, ln.weight_kg) for ln in lines]
        if self.offer_id:
            lines = self.offer_id.line_ids.filtered(lambda line: line.state != "refused")
            return [(ln.product_id, ln.quantity, ln.uom_id, ln.weight_kg) for ln in lines]
        moves = self.order_id.picking_id.move_ids.filtered(lambda move: move.state != "cancel")
        rows = [(m.product_id, m.quantity or m.product_uom_qty, m.product_uom) for m in moves]
        if not moves:
            rows = [(ln.product_id, ln.quantity, ln.uom_id) for ln in self.order_id.line_ids]
        return [(product, qty, uom, product.weight * qty) for product, qty, uom in rows]

    def _loco_facts(self):
        """Where the stop is, who it serves and what it loads or unloads."""
        self.ensure_one()
        goods = self._loco_goods() if self._loco_document() else []
        facts = {
            "kind": False,
            "partner_id": False,
            "organisation_id": False,
            "picking_id": False,
            "weight_kg": sum(kg for *_rest, kg in goods),
            "volume_m3": sum(product.volume * qty for product, qty, *_rest in goods),
            "temperature_class": routing.strictest(
                product.categ_id.loco_temperature_class for product, *_rest in goods
            )
            if goods
            else False,
        }
        if self.offer_id:
            offer = self.offer_id
            facts.update(
                kind="pickup",
                partner_id=(offer.pickup_partner_id or offer.donor_id).id,
                organisation_id=self.round_id._loco_hub_organisation().id
                if self.round_id
                else False,
                picking_id=offer.picking_id.id,
            )
        elif self.order_id:
            order = self.order_id
            facts.update(
                kind="delivery",
                partner_id=order.partner_id.id,
                organisation_id=order.partner_id.commercial_partner_id.id,
                picking_id=order.picking_id.id,
            )
        elif self.exchange_id:
            facts.update(self._loco_transfer_facts())
        return facts

    def _loco_transfer_facts(self):
        """A transfer is one stop, at the other hub: the round starts and ends at its
        own hub's depot, where the food is loaded (the sending hub delivers) or
        unloaded (the receiving hub collects) as for any delivery or pickup.

        Two stops (a pickup at the sending hub, a drop at the receiving one) would put
        one of them at the depot itself, a stop of no distance the optimiser would
        have to keep before the other: one stop fits the round and the routing as
        they are (a delivery or a pickup to them, see ``_loco_routing_kind``).

        Its partner is the other hub's address; it serves the receiving hub's
        organisation (for the round's cost shares); its transfer in the round's batch
        is the moving organisation's own (the outgoing one when the sender delivers,
        the incoming one when the receiver collects)."""
        self.ensure_one()
        exchange = self.exchange_id
        to_hub = exchange.to_hub_id
        collects = exchange.transport == "receiver_collects"
        other_hub = exchange.from_hub_id if collects else to_hub
        return {
            "kind": "transfer",
            "partner_id": other_hub.partner_id.id,
            "organisation_id": (to_hub.loco_organisation_id or to_hub.company_id.partner_id).id,
            "picking_id": (exchange.in_picking_id if collects else exchange.out_picking_id).id,
        }

    def _loco_document(self):
        """The offer, order or exchange the stop carries."""
        self.ensure_one()
        return self.offer_id or self.order_id or self.exchange_id

    def _loco_routing_kind(self):
        """Pickup or delivery, for the routing: a transfer the round collects is
        loaded at the other hub, one it delivers was loaded at the depot."""
        self.ensure_one()
        if self.kind != "transfer":
            return self.kind
        if self.sudo().exchange_id.transport == "receiver_collects":
            return routing.PICKUP
        return routing.DELIVERY

    @api.depends(
        "offer_id.pickup_start",
        "offer_id.pickup_end",
        "order_id.partner_id",
        "round_id.date",
        "round_id.departure_hour",
        "round_id.return_hour",
    )
    def _compute_window(self):
        for stop in self:
            rnd = stop.round_id
            if not rnd.date:
                stop.window_start = stop.window_end = False
                continue
            start = moment_of(self.env, rnd.date, round(rnd.departure_hour * 60))
            end = moment_of(self.env, rnd.date, round(rnd.return_hour * 60))
            if stop.offer_id:
                start = stop.offer_id.pickup_start or start
                end = stop.offer_id.pickup_end or end
            elif stop.order_id:
                association = stop.order_id.partner_id.commercial_partner_id
                start = moment_of(self.env, rnd.date, round(association.loco_delivery_from * 60))
                end = moment_of(self.env, rnd.date, round(association.loco_delivery_to * 60))
            stop.window_start, stop.window_end = start, end

    @api.depends("window_start", "window_end", "planned_arrival")
    def _compute_window_label(self):
        for stop in self:
            start, end = stop.window_start, stop.window_end
            label = f"{clock(self.env, start)}–{clock(self.env, end)}" if start and end else ""
            if stop.planned_arrival:
                label = self.env._(
                    "%(window)s (planned %(planned)s)",
                    window=label,
                    planned=clock(self.env, stop.planned_arrival),
                )
            stop.window_label = label

    def _compute_goods(self):
        classes = dict(TEMPERATURE_CLASSES)
        for stop in self:
            goods = stop._loco_goods() if stop._loco_document() else []
            stop.goods = "\n".join(
                f"{qty:g} {uom.name} {product.display_name}"
                f" ({classes.get(product.categ_id.loco_temperature_class, '-')})"
                for product, qty, uom, _kg in goods
            )

    @api.depends("partner_id")
    def _compute_address(self):
        template = (
            self.env["ir.config_parameter"].sudo().get_param(MAP_URL_PARAM) or DEFAULT_MAP_URL
        )
        for stop in self:
            partner = stop.partner_id
            stop.address = ", ".join(
                filter(
                    None,
                    [
                        partner.street,
                        partner.street2,
                        f"{partner.zip or ''} {partner.city or ''}".strip(),
                    ],
                )
            )
            location = partner._loco_location() if partner else None
            if location:
                stop.map_url = template.format(lat=location[0], lon=location[1])
            elif stop.address:
                stop.map_url = "https://www.openstreetmap.org/search?query=" + quote(stop.address)
            else:
                stop.map_url = False

    @api.depends("temperature_class")
    def _compute_needs_temperature(self):
        for stop in self:
            stop.needs_temperature = cold_chain.needs_reading(stop.temperature_class)

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------

    @api.constrains("offer_id", "order_id", "exchange_id", "round_id")
    def _check_document(self):
        for stop in self:
            if sum(bool(stop[fname]) for fname in DOCUMENT_FIELDS) != 1:
                raise ValidationError(
                    self.env._(
                        "A stop carries exactly one document: an offer to collect, an order to "
                        "deliver or an exchange between hubs."
                    )
                )
            stop._loco_check_document()

    @api.constrains("window_start", "window_end")
    def _check_window(self):
        for stop in self:
            if stop.window_start and stop.window_end and stop.window_end < stop.window_start:
                raise ValidationError(
                    self.env._(
                        "Stop %(stop)s: its time window ends before it starts.",
                        stop=stop.partner_id.display_name,
                    )
                )

    def _loco_check_document(self):
        """The offer is accepted and LOCO collects it, or the order is confirmed for
        delivery, or the exchange is accepted; it is at the round's hub and on no other
        live round."""
        self.ensure_one()
        rnd = self.round_id
        if self.exchange_id:
            self._loco_check_exchange()
            hub = rnd.hub_id
        elif self.offer_id:
            offer = self.offer_id.sudo()
            document = offer.name
            ok = offer.state == "accepted" and offer.transport == "loco_collects"
            if not ok and self.state == "open":
                raise ValidationError(
                    self.env._(
                        "Offer %(offer)s cannot be collected: it must be accepted, collected by "
                        "LOCO and "
                        "not already on another round.",
                        offer=document,
                    )
                )
            hub = offer.hub_id
        else:
            order = self.order_id.sudo()
            document = order.name
            ok = (
                order.state in ("confirmed", "ready")
                and order.delivery_method == "delivery"
                and (not order.requested_date or order.requested_date <= rnd.date)
            )
            if not ok and self.state == "open":
                raise ValidationError(
                    self.env._(
                        "Order %(order)s cannot be delivered: it must be confirmed, for delivery, "
                        "and not "
                        "already on another round.",
                        order=document,
                    )
                )
            hub = order.hub_id
        if hub != rnd.hub_id:
            raise ValidationError(
                self.env._(
                    "%(document)s belongs to another hub than the round's (%(hub)s).",
                    document=document,
                    hub=rnd.hub_id.display_name,
                )
            )
        if self.state in LIVE_STATES:
            self._loco_check_free(self.offer_id.id, self.order_id.id, self.exchange_id.id)

    def _loco_check_exchange(self):
        """The exchange concerns the round's organisation (else it is not even
        named), travels on a round of the hub that moves it (the sending hub when it
        delivers, the receiving one when it collects) and, on an open stop, is
        accepted."""
        self.ensure_one()
        rnd = self.round_id
        exchange = self.exchange_id.sudo()
        if rnd.company_id not in exchange.company_id | exchange.to_company_id:
            raise ValidationError(
                self.env._(
                    "Round %(round)s cannot carry this exchange: it is neither sent nor received "
                    "by %(organisation)s.",
                    round=rnd.name,
                    organisation=rnd.company_id.name,
                )
            )
        collects = exchange.transport == "receiver_collects"
        moving_hub = exchange.to_hub_id if collects else exchange.from_hub_id
        if moving_hub != rnd.hub_id:
            if collects:
                raise ValidationError(
                    self.env._(
                        "Exchange %(exchange)s is collected by %(hub)s: it travels on a round of "
                        "%(hub)s, not of %(round_hub)s.",
                        exchange=exchange.name,
                        hub=moving_hub.name,
                        round_hub=rnd.hub_id.name,
                    )
                )
            raise ValidationError(
                self.env._(
                    "Exchange %(exchange)s is delivered by %(hub)s: it travels on a round of "
                    "%(hub)s, not of %(round_hub)s.",
                    exchange=exchange.name,
                    hub=moving_hub.name,
                    round_hub=rnd.hub_id.name,
                )
            )
        if exchange.state != "accepted" and self.state == "open":
            raise ValidationError(
                self.env._(
                    "Exchange %(exchange)s cannot travel on a round: it is %(state)s, and only "
                    "an exchange accepted by the receiving hub goes on a round.",
                    exchange=exchange.name,
                    state=exchange._state_label(),
                )
            )

    def _loco_check_free(self, offer_id, order_id, exchange_id=None):
        """Refuse an offer, order or exchange already on a live stop (checked before
        writing, so the user reads this rather than the database's refusal)."""
        for field, value in (
            ("offer_id", offer_id),
            ("order_id", order_id),
            ("exchange_id", exchange_id),
        ):
            if not value:
                continue
            other = self.sudo().search(
                [(field, "=", value), ("state", "in", LIVE_STATES), ("id", "not in", self.ids)],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(document)s is already on round %(round)s.",
                        document=other[field].sudo().display_name,
                        round=other.round_id.name,
                    )
                )

    def init(self):
        # an offer, an order or an exchange is on one live round at most, even when
        # two coordinators add it at the same moment
        for column in DOCUMENT_FIELDS:
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX IF NOT EXISTS %s ON loco_round_stop (%s) "
                    "WHERE %s IS NOT NULL AND state IN ('open', 'done')",
                    SQL.identifier(f"loco_round_stop_live_{column}_uniq"),
                    SQL.identifier(column),
                    SQL.identifier(column),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        # before the rounds the values name are read
        self._loco_guard_create(vals_list)
        rounds = self.env["loco.round"].browse(vals.get("round_id") for vals in vals_list)
        rounds._loco_check_coordinator()
        for rnd in rounds:
            if rnd.state != "draft":
                raise UserError(rnd._loco_wrong_state_message("edit"))
        # the unique indexes below compare with the stops' states as stored
        self.flush_model(["state", *DOCUMENT_FIELDS])
        for vals in vals_list:
            self.browse()._loco_check_free(
                vals.get("offer_id"), vals.get("order_id"), vals.get("exchange_id")
            )
        stops = super().create(vals_list)
        stops._loco_attach_pickings()
        stops.round_id._loco_refresh()
        return stops

    def write(self, vals):
        self._loco_guard_write(vals)
        structural = {*DOCUMENT_FIELDS, "round_id", "window_start", "window_end", "sequence"}
        if structural & set(vals) and not self.env.context.get("loco_refresh"):
            for rnd in self.round_id:
                if rnd.state != "draft":
                    raise UserError(rnd._loco_wrong_state_message("edit"))
        if set(DOCUMENT_FIELDS) & set(vals):
            self._loco_check_free(
                vals.get("offer_id"), vals.get("order_id"), vals.get("exchange_id")
            )
        moved = {*DOCUMENT_FIELDS, "round_id"} & set(vals)
        old_pickings = self.picking_id if moved else None
        res = super().write(vals)
        if old_pickings is not None:
            old_pickings.filtered(lambda p: p.batch_id.loco_round).write({"batch_id": False})
            self._loco_attach_pickings()
        if structural & set(vals) and not self.env.context.get("loco_refresh"):
            self.round_id._loco_refresh()
        return res

    def _loco_forbidden_fields(self, fnames):
        """A stop done, failed or cancelled keeps what the driver recorded there
        (temperature, who received, signature, note): it is evidence."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if any(stop.state != "open" for stop in self):
            forbidden |= fnames & DRIVER_FIELDS
        if not self.round_id._loco_is_coordinator():
            # a driver records readings on the stops of the rounds they drive
            partner = self.env.user.partner_id
            if any(stop.round_id.driver_id != partner for stop in self):
                forbidden |= fnames
            forbidden |= fnames - DRIVER_FIELDS
        return forbidden

    def _loco_forbidden_message(self, fnames):
        closed = self.filtered(lambda stop: stop.state != "open")
        if closed and fnames & DRIVER_FIELDS:
            return self.env._(
                "The stop at %(partner)s is %(state)s: what was recorded there stays as it was.",
                partner=closed[0].partner_id.display_name,
                state=closed[0]._state_label(),
            )
        if not self.round_id._loco_is_coordinator() and fnames - set(self._loco_workflow_fields):
            labels = self._loco_field_labels(fnames - DRIVER_FIELDS)
            return self.round_id._loco_driver_message(labels)
        return super()._loco_forbidden_message(fnames)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft_rounds(self):
        for stop in self:
            if stop.round_id.state != "draft":
                raise UserError(stop.round_id._loco_wrong_state_message("edit"))

    def unlink(self):
        self.round_id._loco_check_coordinator()
        rounds = self.round_id
        self._loco_detach_pickings()
        res = super().unlink()
        rounds.exists()._loco_refresh()
        return res

    # ------------------------------------------------------------------
    # Actions (public, callable over RPC)
    # ------------------------------------------------------------------

    def action_open_report(self):
        """The driver's form for this stop: done or failed, temperature, who."""
        self.ensure_one()
        outcome = self.env.context.get("loco_outcome", "done")
        return {
            "type": "ir.actions.act_window",
            "res_model": "loco.round.stop.report",
            "view_mode": "form",
            "target": "new",
            "context": {"default_stop_id": self.id, "default_outcome": outcome},
        }

    def action_mark_done(self, temperature=None, contact_name=None, signature=None, note=None):
        """The stop is done: a pickup moves its offer to collected, a delivery
        validates the association's transfer and completes its order, a transfer
        ships and receives its exchange. A second call does nothing."""
        temperature, contact_name, signature, note = self._loco_parse_report(
            temperature, contact_name, signature, note
        )
        stops = self._loco_lock("done", allowed=("open",), done=("done",))
        stops._loco_check_running()
        for stop in stops:
            stop._loco_done(temperature, contact_name, signature, note)
        return True

    def action_mark_failed(self, reason=None):
        """The stop could not be done: its offer, order or exchange stays open for
        another round."""
        try:
            reason = values.text(reason, max_length=MAX_NOTE)
        except values.BadValue as error:
            raise UserError(
                self.env._(
                    "Say in words why the stop failed (at most %(max)s characters).", max=MAX_NOTE
                )
            ) from error
        stops = self._loco_lock("failed", allowed=("open",), done=("failed",))
        stops._loco_check_running()
        for stop in stops:
            if not reason:
                raise UserError(
                    self.env._(
                        "Stop %(stop)s: say why it failed.", stop=stop.partner_id.display_name
                    )
                )
            stop._loco_fail(reason)
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _loco_parse_report(self, temperature, contact_name, signature, note):
        """What a driver sends for a stop (over RPC too), checked: a temperature in
        °C, names and notes as text, a signature as a base64 image."""
        if temperature in (None, False, ""):
            temperature = None
        else:
            low, high = cold_chain.PLAUSIBLE
            try:
                temperature = values.number(temperature, maximum=high, minimum=low)
            except values.BadValue as error:
                if error.code in (values.NEGATIVE, values.TOO_LARGE):
                    raise UserError(
                        self.env._(
                            "%(value)s °C is not a plausible temperature reading (between -40 and "
                            "40 °C).",
                            value=temperature,
                        )
                    ) from error
                raise UserError(
                    self.env._("The temperature must be a number of degrees, such as 4 or -18.5.")
                ) from error
        try:
            contact_name = values.text(contact_name, max_length=MAX_NAME)
            note = values.text(note, max_length=MAX_NOTE)
        except values.BadValue as error:
            raise UserError(
                self.env._(
                    "Write the name of who gave or received the goods, and the note, as "
                    "text (at most %(name)s and %(note)s characters).",
                    name=MAX_NAME,
                    note=MAX_NOTE,
                )
            ) from error
        if signature not in (None, False, "") and not signature_image.is_base64_image(
            signature, MAX_SIGNATURE_BYTES
        ):
            raise UserError(self.env._("The signature is not an image: sign again."))
        return temperature, contact_name or None, signature or None, note or None

    def _loco_wrong_state_message(self, action):
        return self.env._("Stop %(stop)s is already closed.", stop=self.partner_id.display_name)

    def _loco_busy_message(self):
        return self.env._(
            "%(rounds)s is being changed by someone else right now: try again in a moment.",
            rounds=", ".join(self.mapped("round_id.name")),
        )

    def _loco_check_running(self):
        """The round is on the road and the user is its driver or a coordinator."""
        self.round_id._loco_check_runner()
        for stop in self:
            if stop.round_id.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Round %(round)s has not started: press Start before recording its stops.",
                        round=stop.round_id.name,
                    )
                )

    def _loco_routing_stop(self, position, day, service):
        """This stop for the optimiser (``position`` is its index in the instance)."""
        self.ensure_one()
        window = None
        if self.window_start and self.window_end:
            window = (
                max(minutes_of(self.env, day, self.window_start), 0),
                min(minutes_of(self.env, day, self.window_end), routing.HORIZON),
            )
        return routing.Stop(
            key=position,
            kind=self._loco_routing_kind(),
            weight=self.weight_kg,
            volume=self.volume_m3,
            cold=self.temperature_class or routing.AMBIENT,
            window=window,
            service=service,
            located=bool(self.partner_id._loco_location()),
        )

    def _loco_attach_pickings(self):
        for stop in self.sudo():
            if stop.picking_id and stop.picking_id.batch_id != stop.round_id.batch_id:
                stop.picking_id.batch_id = stop.round_id.batch_id

    def _loco_detach_pickings(self):
        pickings = self.sudo().picking_id.filtered(
            lambda p: p.batch_id.loco_round and p.state not in ("done", "cancel")
        )
        pickings.write({"batch_id": False})

    def _loco_done(self, temperature, contact_name, signature, note):
        """Close the stop with what the driver recorded, then hand the goods over: the
        offer is collected, the order delivered, or the exchange shipped and received;
        a broken cold chain is reported."""
        self.ensure_one()
        if self.exchange_id:
            self._loco_check_exchange_movable()
        vals = self._prepare_done_vals(temperature, contact_name, signature, note)
        self.sudo().write(vals)
        if self.exchange_id:
            document = self._loco_hand_over_exchange(vals["contact_name"])
        elif self.offer_id:
            document = self._loco_collect_offer(vals["contact_name"])
        else:
            document = self._loco_deliver_order(vals["contact_name"])
        if vals.get("temperature_taken"):
            self._loco_log_reading()
        if vals.get("cold_chain_broken"):
            self._loco_report_breach(document, vals["temperature"])

    def _prepare_done_vals(self, temperature, contact_name, signature, note):
        """The values closing the stop, once what the driver recorded is complete and
        plausible."""
        self.ensure_one()
        name = self.partner_id.display_name
        contact_name = (contact_name or self.contact_name or "").strip()
        if not contact_name:
            raise UserError(
                self.env._(
                    "Stop %(stop)s: write the name of the person who gave or received the goods.",
                    stop=name,
                )
            )
        vals = {
            "state": "done",
            "done_at": fields.Datetime.now(),
            "contact_name": contact_name,
        }
        if signature:
            vals["signature"] = signature
        if note:
            vals["note"] = note
        if self.needs_temperature:
            reading = (
                temperature
                if temperature is not None
                else (self.temperature if self.temperature_taken else None)
            )
            if reading is None or reading is False:
                raise UserError(
                    self.env._(
                        "Stop %(stop)s carries chilled or frozen food: record the temperature "
                        "reading.",
                        stop=name,
                    )
                )
            reading = float(reading)
            if not cold_chain.plausible(reading):
                raise UserError(
                    self.env._(
                        "%(value)s °C is not a plausible temperature reading (between -40 and 40 "
                        "°C).",
                        value=reading,
                    )
                )
            breach = cold_chain.breach(reading, self._loco_highest())
            vals.update(temperature=reading, temperature_taken=True, cold_chain_broken=breach)
        return vals

    def _loco_collect_offer(self, contact_name):
        offer = self.offer_id.sudo()
        offer._loco_mark_collected(
            offer._loco_in_company_lang().env._(
                "Collected on round %(round)s, given by %(contact)s.",
                round=self.round_id.name,
                contact=contact_name,
            )
        )
        return offer

    def _loco_deliver_order(self, contact_name):
        order = self.order_id.sudo()
        for locked in order._loco_lock("receive", allowed=("confirmed", "ready"), done=("done",)):
            locked._loco_deliver()
        order.message_post(
            body=order._loco_in_company_lang().env._(
                "Delivered on round %(round)s, received by %(contact)s.",
                round=self.round_id.name,
                contact=contact_name,
            )
        )
        return order

    def _loco_check_exchange_movable(self):
        """Refuse, before anything is written, to hand over an exchange that is no
        longer accepted (cancelled by the sending hub meanwhile, say)."""
        exchange = self.exchange_id.sudo()
        if exchange.state != "accepted":
            raise UserError(
                self.env._(
                    "Stop %(stop)s cannot be done: exchange %(exchange)s is %(state)s, so "
                    "nothing is handed over. Mark the stop failed instead.",
                    stop=self.partner_id.display_name,
                    exchange=exchange.name,
                    state=exchange._state_label(),
                )
            )

    def _loco_window_text(self):
        """'10:00–12:00' when the stop is expected (its window, else its planned
        arrival), in numbers only: the association reads it in its own language."""
        self.ensure_one()
        if self.window_start and self.window_end:
            return f"{clock(self.env, self.window_start)}–{clock(self.env, self.window_end)}"
        if self.planned_arrival:
            return clock(self.env, self.planned_arrival)
        return ""

    def _loco_hand_over_exchange(self, contact_name):
        """The food changes hands at the other hub: the exchange is shipped (the
        sending hub's outgoing transfer validated) and received (the receiving hub's
        incoming one, with the receiving organisation's lots and their dates) in one
        step, as the driver records it."""
        exchange = self.exchange_id.sudo()
        exchange.action_ship()
        if self.temperature_taken:
            # the driver's reading at the receiving hub is its dock reading
            receipt = exchange.in_picking_id
            self.env["loco.temperature.log"].sudo().create(
                {
                    "reading": self.temperature,
                    "place": "receipt",
                    "picking_id": receipt.id,
                    "user_id": self.env.user.id,
                    "company_id": receipt.company_id.id,
                    "note": self.round_id.name,
                }
            )
        exchange.action_receive()
        exchange.message_post(
            body=exchange._loco_in_company_lang().env._(
                "Handed over on round %(round)s at %(hub)s, given or received by %(contact)s.",
                round=self.round_id.name,
                hub=self.partner_id.display_name,
                contact=contact_name,
            )
        )
        return exchange

    def _loco_highest(self):
        """The highest temperature (°C) the stop's goods may travel at (configuration)."""
        self.ensure_one()
        return self.env["loco.temperature.limit"]._loco_limits(self.temperature_class)[1]

    def _loco_log_reading(self):
        """The driver's reading, kept in the temperature log with the other readings."""
        self.ensure_one()
        picking = self.picking_id.sudo()
        return (
            self.env["loco.temperature.log"]
            .sudo()
            .create(
                {
                    "reading": self.temperature,
                    "place": "pickup" if self.kind == "pickup" else "delivery",
                    "picking_id": picking.id,
                    "lot_ids": [(6, 0, picking.move_line_ids.lot_id.ids)],
                    "user_id": self.env.user.id,
                    "company_id": (picking.company_id or self.company_id).id,
                    "note": self.partner_id.display_name,
                }
            )
        )

    def _loco_report_breach(self, document, reading):
        """Say on the document and the round that the cold chain broke, and ask the
        hub's manager to check the goods."""
        rnd = self.round_id
        text = document._loco_in_company_lang().env._(
            "Cold chain broken at %(stop)s: %(value)s °C read, %(limit)s °C at most. Check the "
            "goods before they are stored or given.",
            stop=self.partner_id.display_name,
            value=reading,
            limit=self._loco_highest(),
        )
        document.message_post(body=text)
        rnd.sudo().message_post(body=text)
        manager = rnd.hub_id.loco_manager_id or rnd.create_uid
        document.activity_schedule(
            "mail.mail_activity_data_todo", user_id=manager.id, summary=text[:80], note=text
        )

    def _loco_fail(self, reason):
        self.ensure_one()
        self.sudo().write(
            {"state": "failed", "failure_reason": reason, "done_at": fields.Datetime.now()}
        )
        self._loco_detach_pickings()
        document = self._loco_document().sudo()
        document.message_post(
            body=self.env._(
                "Not done on round %(round)s: %(reason)s. It can go on another round.",
                round=self.round_id.name,
                reason=reason,
            )
        )
