# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.loco_hubs.models.loco_guard_mixin import MAX_DAYS
from odoo.addons.loco_hubs.tools.dates import local_date, loco_today

from ..policy import exchange as policy

STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed"),
    ("accepted", "Accepted"),
    ("shipped", "Shipped"),
    ("received", "Received"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
TRANSPORTS = [
    ("sender_delivers", "The sending hub delivers"),
    ("receiver_collects", "The receiving hub collects"),
]
HUB_STAFF = "loco_hubs.group_loco_hub_user"
# an exchange changes until it is proposed; then only its note does
FREE_FIELDS = ("note",)
# how far ahead a hub's associations order: food lasting less is offered to others
ORDER_LEAD_DAYS_PARAM = "loco_donations.exchange_order_lead_days"
ORDER_LEAD_DAYS = 7
# the weeks of association orders that say which categories a hub asks for
DEMAND_WEEKS_PARAM = "loco_donations.exchange_demand_weeks"
DEMAND_WEEKS = 4


class LocoExchange(models.Model):
    _name = "loco.exchange"
    _inherit = ["mail.thread", "mail.activity.mixin", "loco.workflow.mixin"]
    _description = "Surplus exchange between hubs"
    _order = "id desc"
    _check_company_auto = True
    _loco_lock_nowait = True
    _loco_workflow_fields = ("state", "out_picking_id", "in_picking_id")

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company",
        string="Sending organisation",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False, index=True, tracking=True
    )
    from_hub_id = fields.Many2one(
        "stock.warehouse",
        string="From hub",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("loco_hub", "=", True)],
    )
    to_hub_id = fields.Many2one(
        "stock.warehouse",
        string="To hub",
        required=True,
        index=True,
        tracking=True,
        domain=[("loco_hub", "=", True)],
    )
    # the hubs' names, readable by the other organisation's staff too
    from_hub_name = fields.Char(related="from_hub_id.name", string="From hub name")
    to_hub_name = fields.Char(related="to_hub_id.name", string="To hub name")
    to_company_id = fields.Many2one(
        related="to_hub_id.company_id",
        string="Receiving organisation",
        store=True,
        index=True,
    )
    inter_company = fields.Boolean(compute="_compute_inter_company", store=True)
    line_ids = fields.One2many("loco.exchange.line", "exchange_id", string="Lines", copy=True)
    out_picking_id = fields.Many2one(
        "stock.picking", string="Outgoing transfer", readonly=True, copy=False
    )
    in_picking_id = fields.Many2one(
        "stock.picking", string="Incoming transfer", readonly=True, copy=False
    )
    transport = fields.Selection(
        TRANSPORTS, default="sender_delivers", required=True, tracking=True
    )
    scheduled_date = fields.Datetime(
        string="Planned shipping",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the food leaves the sending hub (or is collected by the receiving one).",
    )
    note = fields.Text()
    total_weight = fields.Float(
        string="Weight (kg)", compute="_compute_total_weight", store=True, digits="Stock Weight"
    )

    @api.depends("company_id", "to_company_id")
    def _compute_inter_company(self):
        for exchange in self:
            exchange.inter_company = exchange.company_id != exchange.to_company_id

    @api.depends("line_ids.weight_kg")
    def _compute_total_weight(self):
        for exchange in self:
            exchange.total_weight = sum(exchange.line_ids.mapped("weight_kg"))

    @api.constrains("from_hub_id", "to_hub_id")
    def _check_hubs(self):
        for exchange in self:
            for hub in exchange.from_hub_id | exchange.to_hub_id:
                if not hub.loco_hub:
                    raise ValidationError(hub._loco_not_a_hub_message())
            if exchange.from_hub_id == exchange.to_hub_id:
                raise ValidationError(
                    self.env._(
                        "Exchange %(exchange)s sends food from %(hub)s to the same hub: choose "
                        "another receiving hub.",
                        exchange=exchange.name,
                        hub=exchange.from_hub_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._loco_guard_create(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("loco.exchange") or "/"
        return super().create(vals_list)

    def write(self, vals):
        self._loco_guard_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for exchange in self:
            if exchange.state != "draft":
                raise UserError(exchange._loco_wrong_state_message("delete"))

    def _loco_forbidden_fields(self, fnames):
        """Once proposed, an exchange keeps its hubs and lines: only its note changes;
        the receiving organisation writes nothing but the note."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if any(exchange.state != "draft" for exchange in self) or not self._loco_sender_user():
            forbidden |= fnames - set(FREE_FIELDS)
        return forbidden

    def _loco_sender_user(self):
        """Whether the current user belongs to the sending organisation of these."""
        return self.env.su or self.company_id <= self.env.user.company_ids

    def _loco_forbidden_message(self, fnames):
        if not self._loco_sender_user():
            return self.env._(
                "Exchange %(exchange)s is %(hub)s's: the receiving hub accepts, refuses or "
                "receives it, and writes only its note.",
                exchange=self[0].name,
                hub=self[0].from_hub_id.sudo().name,
            )
        decided = self.filtered(lambda exchange: exchange.state != "draft")
        if decided and fnames - set(self._loco_workflow_fields):
            return self.env._(
                "Exchange %(exchange)s is %(state)s: only its note can still be changed.",
                exchange=decided[0].name,
                state=decided[0]._state_label(),
            )
        return super()._loco_forbidden_message(fnames)

    # ------------------------------------------------------------------
    # Actions (public, callable over RPC)
    # ------------------------------------------------------------------

    def action_propose(self):
        """draft → proposed: the sending hub offers these lots to the other hub."""
        self._loco_check_staff("from")
        for exchange in self._loco_lock(
            "propose", allowed=("draft",), done=("proposed", "accepted", "shipped", "received")
        ):
            exchange._loco_check_lines()
            exchange.state = "proposed"
            exchange._loco_notify("propose")
        return True

    def action_accept(self):
        """proposed → accepted by the receiving hub: the transfers are created, the
        chosen lots reserved in the sending hub."""
        self._loco_check_staff("to")
        for exchange in self._loco_lock(
            "accept", allowed=("proposed",), done=("accepted", "shipped", "received")
        ):
            # what takes the sending hub's free stock is serialized (association
            # orders too): a concurrent acceptance is retried and sees what is left
            exchange.from_hub_id.sudo()._loco_lock_orders()
            exchange._loco_check_lines()
            exchange._loco_create_pickings()
            exchange.state = "accepted"
            exchange._loco_notify("accept")
        return True

    def action_refuse(self):
        """proposed → refused by the receiving hub: nothing moves."""
        self._loco_check_staff("to")
        for exchange in self._loco_lock("refuse", allowed=("proposed",), done=("refused",)):
            exchange.state = "refused"
            exchange._loco_notify("refuse")
        return True

    def action_ship(self):
        """accepted → shipped: the sending hub validates its outgoing transfer (or the
        receiving hub does, when it collects the food)."""
        for exchange in self:
            collects = exchange.transport == "receiver_collects"
            exchange._loco_check_staff(("from", "to") if collects else ("from",))
        for exchange in self._loco_lock(
            "ship", allowed=("accepted",), done=("shipped", "received")
        ):
            exchange._loco_validate(exchange.out_picking_id)
            exchange._loco_prepare_receipt_lines()
            exchange.state = "shipped"
            exchange._loco_notify("ship")
        return True

    def action_receive(self):
        """shipped → received: the receiving hub validates its incoming transfer."""
        self._loco_check_staff("to")
        for exchange in self._loco_lock("receive", allowed=("shipped",), done=("received",)):
            # chilled or frozen food from another hub is read at the dock like any other
            exchange.in_picking_id.sudo()._loco_check_dock_readings()
            exchange._loco_validate(exchange.in_picking_id)
            exchange.state = "received"
            exchange._loco_notify("receive")
        return True

    def action_cancel(self):
        """Cancel before shipping: the transfers (and their reservations) go too."""
        self._loco_check_staff("from")
        for exchange in self._loco_lock(
            "cancel", allowed=("draft", "proposed", "accepted"), done=("cancelled",)
        ):
            pickings = (exchange.out_picking_id | exchange.in_picking_id).sudo()
            pickings.with_context(loco_exchange_validating=True).action_cancel()
            exchange.state = "cancelled"
            exchange._loco_notify("cancel")
        return True

    def action_suggest(self):
        """Fill a draft exchange with the lots of the sending hub that will stop being
        distributable before its own associations order them, in the categories the
        receiving hub's associations ask for."""
        self._loco_check_staff("from")
        for exchange in self:
            if exchange.state != "draft":
                raise UserError(exchange._loco_wrong_state_message("suggest"))
            suggestions = exchange._loco_suggestions()
            if not suggestions:
                raise UserError(
                    self.env._(
                        "No lot of %(from_hub)s is at risk of expiring in a category that "
                        "%(to_hub)s asks for: nothing to suggest.",
                        from_hub=exchange.from_hub_id.name,
                        to_hub=exchange.to_hub_id.name,
                    )
                )
            exchange.line_ids._loco_workflow().unlink()
            self.env["loco.exchange.line"]._loco_workflow().create(
                [exchange._prepare_line_vals(lot, quantity) for lot, quantity in suggestions]
            )
        return True

    def action_view_pickings(self):
        self.ensure_one()
        pickings = self.out_picking_id | self.in_picking_id
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "view_mode": "list,form",
            "domain": [("id", "in", pickings.ids)],
            "name": self.name,
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _loco_check_staff(self, sides):
        """Hub staff of the sending ("from" in ``sides``) or receiving ("to")
        organisation (one side's name alone is one side)."""
        if self.env.su:
            return
        sides = (sides,) if isinstance(sides, str) else sides
        user = self.env.user
        for exchange in self:
            companies = {"from": exchange.company_id, "to": exchange.to_company_id}
            if not user.has_group(HUB_STAFF) or not any(
                companies[side] in user.company_ids for side in sides
            ):
                raise AccessError(exchange._loco_staff_message(sides[0]))

    def _loco_staff_message(self, side):
        if side == "from":
            return self.env._(
                "Only the staff of %(hub)s propose, ship or cancel exchange %(exchange)s.",
                hub=self.from_hub_id.sudo().name,
                exchange=self.name,
            )
        return self.env._(
            "Only the staff of %(hub)s accept, refuse or receive exchange %(exchange)s.",
            hub=self.to_hub_id.sudo().name,
            exchange=self.name,
        )

    def _loco_wrong_state_message(self, action):
        """The sentence refusing ``action`` in the present state, one whole sentence
        per action (other addons add theirs by overriding)."""
        exchange, state = self.name, self._state_label()
        sentences = {
            "propose": self.env._(
                "Exchange %(exchange)s cannot be proposed: it is %(state)s.",
                exchange=exchange,
                state=state,
            ),
            "accept": self.env._(
                "Exchange %(exchange)s cannot be accepted: it is %(state)s.",
                exchange=exchange,
                state=state,
            ),
            "refuse": self.env._(
                "Exchange %(exchange)s cannot be refused: it is %(state)s.",
                exchange=exchange,
                state=state,
            ),
            "ship": self.env._(
                "Exchange %(exchange)s cannot be shipped: it is %(state)s.",
                exchange=exchange,
                state=state,
            ),
            "receive": self.env._(
                "Exchange %(exchange)s cannot be received: it is %(state)s.",
                exchange=exchange,
                state=state,
            ),
            "cancel": self.env._(
                "Exchange %(exchange)s cannot be cancelled: it is %(state)s.",
                exchange=exchange,
                state=state,
            ),
            "delete": self.env._(
                "Exchange %(exchange)s cannot be deleted: it is %(state)s.",
                exchange=exchange,
                state=state,
            ),
            "suggest": self.env._(
                "Exchange %(exchange)s cannot get suggested lots: it is %(state)s.",
                exchange=exchange,
                state=state,
            ),
            "lines": self.env._(
                "Exchange %(exchange)s is %(state)s: its lines can no longer be added, "
                "changed or deleted.",
                exchange=exchange,
                state=state,
            ),
        }
        return sentences[action]

    def _loco_busy_message(self):
        return self.env._(
            "Exchange %(exchange)s is being handled by someone else right now. Try again in a "
            "moment.",
            exchange=", ".join(self.mapped("name")),
        )

    def _loco_check_lines_editable(self):
        """Refuse, outside the actions, to add, change or delete lines of an exchange
        already proposed."""
        if self._loco_in_workflow():
            return
        for exchange in self:
            if exchange.state != "draft":
                raise UserError(exchange._loco_wrong_state_message("lines"))

    def _loco_notify(self, event):
        """Say in the chatter, in the sending organisation's language (both hubs read
        it), what ``event`` (an action) did."""
        exchange = self.sudo()._loco_in_company_lang()
        env, to_hub, from_hub = exchange.env, exchange.to_hub_id.name, exchange.from_hub_id.name
        bodies = {
            "propose": env._("Proposed to %(hub)s.", hub=to_hub),
            "accept": env._("Accepted by %(hub)s.", hub=to_hub),
            "refuse": env._("Refused by %(hub)s.", hub=to_hub),
            "ship": env._("Shipped by %(hub)s.", hub=from_hub),
            "receive": env._("Received by %(hub)s.", hub=to_hub),
            "cancel": env._("Cancelled by %(hub)s: nothing left it.", hub=from_hub),
        }
        exchange.message_post(body=bodies[event])

    def _loco_check_lines(self):
        """Every line may leave the sending hub now (under the hub's lock)."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(
                self.env._("Exchange %(exchange)s has no line to send.", exchange=self.name)
            )
        # the stock of the sending organisation, read for its staff and the receiving
        # hub's alike (the receiving one sees only the lines)
        lines = self.line_ids.sudo()
        today = loco_today(self.env)
        wanted = {}
        for line in lines:
            wanted[line.lot_id] = wanted.get(line.lot_id, 0.0) + line.quantity
        for line in lines:
            code = policy.check_line(
                line.quantity,
                line._loco_available(),
                line.lot_id.distributable_until
                and local_date(self.env, line.lot_id.distributable_until),
                today,
                quarantined=line._loco_quarantined(),
                in_hub=line.lot_id.company_id in (self.company_id, self.env["res.company"]),
            )
            if not code and wanted[line.lot_id] > line._loco_available():
                code = policy.NOT_AVAILABLE
            if code:
                raise UserError(line._loco_refusal_message(code))

    def _loco_transit_location(self):
        """Same organisation: its inter-warehouse transit; another: Odoo's
        inter-company transit."""
        self.ensure_one()
        if self.inter_company:
            return self.env.ref("stock.stock_location_inter_company")
        return self.company_id.internal_transit_location_id

    def _loco_create_pickings(self):
        """The outgoing transfer of the sending hub (reserved on the chosen lots) and
        the incoming one of the receiving hub, linked both ways to the exchange."""
        self.ensure_one()
        transit = self._loco_transit_location().sudo()
        Picking = self.env["stock.picking"].sudo()._loco_workflow()
        out_picking = Picking.with_company(self.company_id).create(
            self._prepare_out_picking_vals(transit)
        )
        in_picking = Picking.with_company(self.to_company_id).create(
            self._prepare_in_picking_vals(transit)
        )
        Move = self.env["stock.move"].sudo()._loco_workflow()
        for line in self.line_ids.sudo():
            out_move = Move.with_company(self.company_id).create(
                line._prepare_move_vals(out_picking, "out")
            )
            in_move = Move.with_company(self.to_company_id).create(
                line._prepare_move_vals(in_picking, "in")
            )
            if not self.inter_company:
                # the receipt waits for the food shipped, and reserves its lots
                out_move.move_dest_ids = in_move
        out_picking.action_confirm()
        out_picking.action_assign()
        for line in self.line_ids.sudo():
            line._loco_check_reserved(out_picking)
        in_picking.action_confirm()
        self.out_picking_id = out_picking
        self.in_picking_id = in_picking

    def _prepare_out_picking_vals(self, transit):
        self.ensure_one()
        return {
            "picking_type_id": self.from_hub_id.out_type_id.id,
            "partner_id": self.to_company_id.partner_id.id,
            "origin": self.name,
            "loco_exchange_id": self.id,
            "scheduled_date": self.scheduled_date,
            "location_id": self.from_hub_id.lot_stock_id.id,
            "location_dest_id": transit.id,
            "company_id": self.company_id.id,
        }

    def _prepare_in_picking_vals(self, transit):
        self.ensure_one()
        to_hub = self.to_hub_id.sudo()
        return {
            "picking_type_id": to_hub.in_type_id.id,
            "partner_id": self.company_id.partner_id.id,
            "origin": self.name,
            "loco_exchange_id": self.id,
            "scheduled_date": self.scheduled_date,
            "location_id": transit.id,
            "location_dest_id": to_hub.lot_stock_id.id,
            "company_id": self.to_company_id.id,
        }

    def _loco_validate(self, picking):
        """Validate ``picking`` for the exchange, exactly as reserved or prepared."""
        picking = picking.sudo().with_context(
            loco_exchange_validating=True,
            skip_backorder=True,
            picking_ids_not_to_backorder=picking.ids,
            skip_expired=True,
        )
        if picking.state not in ("assigned",):
            picking.action_assign()
        for move in picking.move_ids:
            move.picked = True
        picking.button_validate()
        picking._loco_check_validated()

    def _loco_prepare_receipt_lines(self):
        """Across organisations, the receipt's lots are the receiving organisation's:
        same names and dates (created when it has none), set on its move lines once
        the food has left."""
        self.ensure_one()
        if not self.inter_company:
            return
        for move in self.in_picking_id.sudo().move_ids:
            line = move.loco_exchange_line_id
            lot = line._loco_receiving_lot()
            move.move_line_ids._loco_workflow().unlink()
            self.env["stock.move.line"].sudo()._loco_workflow().create(
                {
                    "move_id": move.id,
                    "picking_id": move.picking_id.id,
                    "product_id": move.product_id.id,
                    "product_uom_id": move.product_uom.id,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id._get_putaway_strategy(
                        move.product_id, move.product_uom_qty
                    ).id,
                    "lot_id": lot.id,
                    "quantity": move.product_uom_qty,
                    "company_id": move.company_id.id,
                }
            )

    def _prepare_line_vals(self, lot, quantity):
        self.ensure_one()
        return {"exchange_id": self.id, "lot_id": lot.id, "quantity": quantity}

    def _loco_suggestions(self):
        """[(lot, quantity)] of the sending hub worth offering to the receiving hub."""
        self.ensure_one()
        lead_days, demand_weeks = self._loco_suggestion_settings()
        wanted = self._loco_wanted_categories(
            self.to_hub_id, fields.Datetime.now() - timedelta(weeks=demand_weeks)
        )
        rows = self._loco_stock_rows(
            self._loco_free_by_lot(self.from_hub_id), self._loco_open_demand(self.from_hub_id)
        )
        return policy.suggest(rows, wanted, loco_today(self.env), lead_days)

    @api.model
    def _loco_wanted_categories(self, hub, since):
        """The food categories the associations ordered from ``hub`` since ``since``."""
        return {
            product.categ_id
            for [product] in self.env["loco.order.line"]
            .sudo()
            ._read_group(
                [
                    ("order_id.hub_id", "=", hub.id),
                    ("order_id.state", "not in", ("draft", "cancelled")),
                    ("order_id.create_date", ">=", since),
                ],
                ["product_id"],
            )
        }

    @api.model
    def _loco_open_demand(self, hub):
        """{product: quantity} the open orders of ``hub``'s associations still claim."""
        return dict(
            self.env["loco.order.line"]
            .sudo()
            ._read_group(
                [
                    ("order_id.hub_id", "=", hub.id),
                    ("order_id.state", "in", ("submitted", "confirmed", "ready")),
                ],
                ["product_id"],
                ["quantity:sum"],
            )
        )

    def _loco_free_by_lot(self, hub):
        """{lot: unreserved quantity} of the exchange's organisation at ``hub``, outside
        quarantine, the lot that must leave first first."""
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("location_id", "child_of", hub.sudo().lot_stock_id.id),
                    ("location_id.loco_quarantine", "=", False),
                    ("lot_id", "!=", False),
                    ("company_id", "=", self.company_id.id),
                ],
                order="distributable_until, id",
            )
        )
        free = {}
        for quant in quants:
            free[quant.lot_id] = free.get(quant.lot_id, 0.0) + (
                quant.quantity - quant.reserved_quantity
            )
        return free

    @api.model
    def _loco_stock_rows(self, free, own_demand):
        """The policy's rows of the ``free`` lots, the hub's ``own_demand`` taken from
        its first-expiring lots first (FEFO)."""
        left = dict(own_demand)
        rows = []
        for lot, quantity in free.items():
            taken = min(left.get(lot.product_id, 0.0), quantity)
            left[lot.product_id] = left.get(lot.product_id, 0.0) - taken
            rows.append(
                policy.StockRow(
                    lot=lot,
                    category=lot.product_id.categ_id,
                    quantity=quantity,
                    until=lot.distributable_until and local_date(self.env, lot.distributable_until),
                    own_demand=taken,
                )
            )
        return rows

    @api.model
    def _loco_suggestion_settings(self):
        """(days ahead associations order, weeks of orders read): system parameters,
        the defaults when unset or not a sensible number of days."""
        Param = self.env["ir.config_parameter"].sudo()
        settings = []
        for param, default, per_week in (
            (ORDER_LEAD_DAYS_PARAM, ORDER_LEAD_DAYS, 1),
            (DEMAND_WEEKS_PARAM, DEMAND_WEEKS, 7),
        ):
            try:
                value = int(Param.get_param(param, default))
            except (TypeError, ValueError):
                value = default
            settings.append(value if 0 <= value * per_week <= MAX_DAYS else default)
        return tuple(settings)
