# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.loco_hubs.models.product_category import TEMPERATURE_CLASSES
from odoo.addons.loco_hubs.tools.dates import loco_today

from ..policy import cost_share, routing
from ..tools import distance
from ..tools.clock import clock_of_minutes, moment_of
from ..tools.settings import fleet_settings

STATES = [
    ("draft", "Draft"),
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
COORDINATOR = "loco_hubs.group_loco_coordinator"
# what a driver may write on a round (the rest goes through the actions)
DRIVER_FIELDS = {"odometer_start", "odometer_end", "note"}
MAX_ROUND_KM = 2000
# what was recorded on a round in these states is evidence
CLOSED_STATES = ("done", "cancelled")


class LocoRound(models.Model):
    _name = "loco.round"
    _inherit = ["mail.thread", "mail.activity.mixin", "loco.workflow.mixin"]
    _description = "Collection and delivery round"
    _order = "date desc, id desc"
    _check_company_auto = True
    _loco_lock_nowait = True
    # what the actions alone write: the state, and what driving the round on paper
    # computes (distances, loads, times, problems)
    _loco_workflow_fields = (
        "state",
        "batch_id",
        "cost",
        "distance_km",
        "max_load_kg",
        "planned_departure",
        "planned_return",
        "distance_source",
        "routing_notice",
        "problem",
        "problem_count",
    )

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False, index=True, tracking=True
    )
    date = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: loco_today(self.env) + timedelta(days=1),
    )
    hub_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("loco_hub", "=", True)],
    )
    # Vehicle and driver are those of Odoo's own batch transfer (stock_fleet)
    batch_id = fields.Many2one(
        "stock.picking.batch",
        string="Batch transfer",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    vehicle_id = fields.Many2one(
        related="batch_id.vehicle_id", store=True, readonly=False, index=True, tracking=True
    )
    driver_id = fields.Many2one(
        related="batch_id.driver_id", store=True, readonly=False, index=True, tracking=True
    )
    departure_hour = fields.Float(
        string="Leaves at",
        compute="_compute_hours",
        store=True,
        readonly=False,
        precompute=True,
    )
    return_hour = fields.Float(
        string="Back by", compute="_compute_hours", store=True, readonly=False, precompute=True
    )
    stop_ids = fields.One2many("loco.round.stop", "round_id", string="Stops", copy=False)
    stop_count = fields.Integer(compute="_compute_loads", store=True)
    payload_kg = fields.Float(related="vehicle_id.loco_payload_kg", string="Payload (kg)")
    volume_capacity_m3 = fields.Float(related="vehicle_id.loco_volume_m3", string="Volume (m³)")
    cold_class = fields.Selection(related="vehicle_id.loco_cold_class")
    pickup_kg = fields.Float(string="Collected (kg)", compute="_compute_loads", store=True)
    delivery_kg = fields.Float(string="Delivered (kg)", compute="_compute_loads", store=True)
    goods_class = fields.Selection(
        TEMPERATURE_CLASSES, string="Coldest goods", compute="_compute_loads", store=True
    )
    max_load_kg = fields.Float(string="Heaviest load (kg)", readonly=True, copy=False)
    load_percent = fields.Float(
        string="Load (%)", compute="_compute_load_percent", help="Heaviest load / payload."
    )
    distance_km = fields.Float(string="Planned km", readonly=True, copy=False, digits=(12, 1))
    planned_departure = fields.Datetime(readonly=True, copy=False)
    planned_return = fields.Datetime(readonly=True, copy=False)
    distance_source = fields.Selection(
        [(distance.HAVERSINE, "Straight lines × road factor"), (distance.OSRM, "OSRM")],
        readonly=True,
        copy=False,
    )
    routing_notice = fields.Char(readonly=True, copy=False)
    problem = fields.Text(string="Round problems", readonly=True, copy=False)
    problem_count = fields.Integer(readonly=True, copy=False)
    odometer_start = fields.Float(string="Odometer at departure", copy=False, tracking=True)
    odometer_end = fields.Float(string="Odometer at return", copy=False, tracking=True)
    driven_km = fields.Float(string="Driven km", compute="_compute_driven_km", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost = fields.Monetary(readonly=True, copy=False, tracking=True)
    cost_ids = fields.One2many("loco.round.cost", "round_id", string="Cost shares", readonly=True)
    note = fields.Text()

    @api.depends("hub_id")
    def _compute_hours(self):
        for rnd in self:
            rnd.departure_hour = rnd.hub_id.loco_round_start if rnd.hub_id else 7.0
            rnd.return_hour = rnd.hub_id.loco_round_end if rnd.hub_id else 18.0

    @api.depends(
        "stop_ids.weight_kg",
        "stop_ids.kind",
        "stop_ids.state",
        "stop_ids.temperature_class",
        "stop_ids.exchange_id.transport",
    )
    def _compute_loads(self):
        for rnd in self:
            stops = rnd.stop_ids.filtered(lambda stop: stop.state != "cancelled")
            rnd.stop_count = len(stops)
            # a transfer is collected or delivered, as the routing sees it
            rnd.pickup_kg = sum(
                stops.filtered(lambda s: s._loco_routing_kind() == routing.PICKUP).mapped(
                    "weight_kg"
                )
            )
            rnd.delivery_kg = sum(
                stops.filtered(lambda s: s._loco_routing_kind() == routing.DELIVERY).mapped(
                    "weight_kg"
                )
            )
            rnd.goods_class = routing.strictest(stops.mapped("temperature_class"))

    @api.depends("max_load_kg", "payload_kg")
    def _compute_load_percent(self):
        for rnd in self:
            rnd.load_percent = 100 * rnd.max_load_kg / rnd.payload_kg if rnd.payload_kg else 0.0

    @api.depends("odometer_start", "odometer_end")
    def _compute_driven_km(self):
        for rnd in self:
            rnd.driven_km = (
                max(rnd.odometer_end - rnd.odometer_start, 0.0) if rnd.odometer_end else 0.0
            )

    @api.constrains("vehicle_id", "date", "state", "company_id")
    def _check_vehicle_day(self):
        for rnd in self:
            if rnd.vehicle_id and rnd.state != "cancelled":
                rnd._loco_check_vehicle_free(rnd.vehicle_id.id, rnd.date)
                rnd._loco_check_vehicle_booked()

    def _loco_check_vehicle_booked(self):
        """A round uses another organisation's vehicle only with an approved booking of
        that day; the owner's own rounds need none, but not on a day it is lent."""
        self.ensure_one()
        # the owner's vehicle and bookings, read whoever plans
        vehicle = self.vehicle_id.sudo()
        owner = vehicle.company_id
        if not owner:
            return
        Booking = self.env["loco.vehicle.booking"].sudo()
        if owner != self.company_id:
            if not Booking._loco_approved_booking(vehicle, self.company_id, self.date):
                raise ValidationError(
                    self.env._(
                        "Vehicle %(vehicle)s belongs to %(owner)s: round %(round)s can use it on "
                        "%(date)s only once %(owner)s has approved a booking of it for that day.",
                        vehicle=vehicle.display_name,
                        owner=owner.name,
                        round=self.name,
                        date=self.date,
                    )
                )
            return
        lent = Booking.search(
            [("vehicle_id", "=", vehicle.id), ("date", "=", self.date), ("state", "=", "approved")],
            limit=1,
        )
        if lent:
            raise ValidationError(
                self.env._(
                    "Vehicle %(vehicle)s is lent to %(borrower)s on %(date)s (booking "
                    "%(booking)s): choose another vehicle for round %(round)s.",
                    vehicle=vehicle.display_name,
                    borrower=lent.company_id.name,
                    date=self.date,
                    booking=lent.name,
                    round=self.name,
                )
            )

    def _loco_check_vehicle_free(self, vehicle_id, day):
        """Refuse a vehicle already on another live round that day (checked before
        writing, so the user reads this rather than the database's refusal)."""
        if not vehicle_id or not day:
            return
        clash = self.sudo().search(
            [
                ("vehicle_id", "=", vehicle_id),
                ("date", "=", day),
                ("state", "!=", "cancelled"),
                ("id", "not in", self.ids),
            ],
            limit=1,
        )
        if clash:
            raise ValidationError(
                self.env._(
                    "Vehicle %(vehicle)s is already on round %(round)s on %(date)s.",
                    vehicle=clash.vehicle_id.display_name,
                    date=fields.Date.to_date(day),
                    round=clash.name,
                )
            )

    @api.constrains("departure_hour", "return_hour")
    def _check_hours(self):
        for rnd in self:
            if not 0 <= rnd.departure_hour < rnd.return_hour <= 24:
                raise ValidationError(
                    self.env._(
                        "%(record)s: the hours must be between 00:00 and 24:00, the start before "
                        "the end.",
                        record=rnd.name,
                    )
                )

    @api.constrains("hub_id")
    def _check_hub(self):
        for rnd in self:
            if not rnd.hub_id.loco_hub:
                raise ValidationError(rnd.hub_id._loco_not_a_hub_message())

    def init(self):
        # the database too refuses a vehicle on two live rounds the same day, should two
        # coordinators plan at the same moment
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS loco_round_vehicle_day_uniq ON loco_round "
            "(vehicle_id, date) WHERE vehicle_id IS NOT NULL AND state != 'cancelled'"
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._loco_check_coordinator()
        # before the batch is made from the hub the values name
        self._loco_guard_create(vals_list)
        today = loco_today(self.env)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("loco.round") or "/"
            day = fields.Date.to_date(vals.get("date")) if vals.get("date") else None
            if day and day < today:
                raise ValidationError(
                    self.env._("A round cannot be planned for a day already past.")
                )
            self.browse()._loco_check_vehicle_free(
                vals.get("vehicle_id"), day or self._fields["date"].default(self)
            )
            if not vals.get("batch_id"):
                vals["batch_id"] = (
                    self.env["stock.picking.batch"].create(self._prepare_batch_vals(vals)).id
                )
        # checked above; the batch is the round's own doing
        rounds = super(LocoRound, self._loco_workflow()).create(vals_list).with_env(self.env)
        for rnd in rounds:
            rnd.batch_id._loco_workflow().write(
                {"loco_round_id": rnd.id, "scheduled_date": rnd._loco_departure()}
            )
        return rounds

    @api.model
    def _prepare_batch_vals(self, vals):
        """The picking batch a new round (its values ``vals``) carries its transfers in."""
        hub = self.env["stock.warehouse"].browse(vals.get("hub_id"))
        return {
            "description": vals["name"],
            "company_id": vals.get("company_id") or self.env.company.id,
            # the hub's: the round's pickings all come from there
            "picking_type_id": hub.out_type_id.id or False,
            "user_id": self.env.uid,
            "loco_round": True,
        }

    def write(self, vals):
        self._loco_guard_write(vals)
        if "date" in vals and vals["date"]:
            if fields.Date.to_date(vals["date"]) < loco_today(self.env):
                raise ValidationError(
                    self.env._("A round cannot be planned for a day already past.")
                )
            not_draft = self.filtered(lambda r: r.state != "draft")
            if not_draft:
                raise UserError(not_draft[0]._loco_wrong_state_message("edit"))
        if {"vehicle_id", "date"} & set(vals):
            for rnd in self.filtered(lambda r: r.state != "cancelled"):
                rnd._loco_check_vehicle_free(
                    vals.get("vehicle_id", rnd.vehicle_id.id), vals.get("date", rnd.date)
                )
        # checked above: vehicle and driver reach the round's batch as the round's own
        res = super(LocoRound, self._loco_workflow()).write(vals)
        if {"date", "departure_hour"} & set(vals):
            for rnd in self:
                rnd.batch_id._loco_workflow().scheduled_date = rnd._loco_departure()
        if {"vehicle_id", "date", "departure_hour", "return_hour"} & set(vals):
            self.filtered(lambda r: r.state == "draft")._loco_refresh()
        return res

    def _loco_forbidden_fields(self, fnames):
        """A closed round is evidence (odometers, costs); a driver writes on the
        rounds they drive only (a driver who is also hub staff sees every round)."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if any(rnd.state in CLOSED_STATES for rnd in self):
            forbidden |= fnames - {"note"}
        elif not self._loco_is_coordinator():
            partner = self.env.user.partner_id
            if any(rnd.driver_id != partner for rnd in self):
                forbidden |= fnames
            forbidden |= fnames - DRIVER_FIELDS
        return forbidden

    def _loco_forbidden_message(self, fnames):
        closed = self.filtered(lambda rnd: rnd.state in CLOSED_STATES)
        if closed and fnames - set(self._loco_workflow_fields):
            return self.env._(
                "Round %(round)s is %(state)s: what was recorded on it stays as it was.",
                round=closed[0].name,
                state=closed[0]._state_label(),
            )
        if not self._loco_is_coordinator() and fnames - set(self._loco_workflow_fields):
            return self._loco_driver_message(self._loco_field_labels(fnames - DRIVER_FIELDS))
        return super()._loco_forbidden_message(fnames)

    def _loco_driver_message(self, labels):
        """The refusal of a driver's write on these rounds (or their stops): not their
        round, or fields (``labels``) a driver does not record."""
        partner = self.env.user.partner_id
        other = self.filtered(lambda rnd: rnd.driver_id != partner)
        if other:
            return self.env._(
                "Round %(round)s is not yours: only its driver or a coordinator can run it.",
                round=other[0].name,
            )
        return self.env._(
            "Drivers can only record the odometer, temperatures and who received the goods "
            "(not: %(fields)s).",
            fields=labels,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for rnd in self:
            if rnd.state != "draft":
                raise UserError(rnd._loco_wrong_state_message("delete"))

    def unlink(self):
        batches = self.batch_id
        self.stop_ids.unlink()
        res = super().unlink()
        batches._loco_workflow().action_cancel()
        return res

    # ------------------------------------------------------------------
    # Actions (public, callable over RPC)
    # ------------------------------------------------------------------

    def action_optimize(self):
        """Order the stops of each draft round for the shortest drive that keeps the
        load, the cold chain and the time windows; stops it cannot fit go last, with
        their reason."""
        self._loco_check_coordinator()
        for rnd in self._loco_lock("optimize", allowed=("draft",), done=()):
            rnd._loco_refresh(optimise=True, online=True)
        return True

    def action_plan(self):
        """draft → planned, once the vehicle fits every stop of the route."""
        self._loco_check_coordinator()
        for rnd in self._loco_lock(
            "plan", allowed=("draft",), done=("planned", "in_progress", "done")
        ):
            rnd._loco_check_plannable()
            rnd.state = "planned"
            if rnd.batch_id.state == "draft" and rnd.batch_id.picking_ids:
                rnd.batch_id.action_confirm()
        return True

    def action_start(self):
        """planned → in progress: the driver leaves; the odometer is read from the
        vehicle unless given."""
        rounds = self._loco_lock("start", allowed=("planned",), done=("in_progress", "done"))
        rounds._loco_check_runner()
        for rnd in rounds.sudo():
            rnd.write(
                {
                    "state": "in_progress",
                    "odometer_start": rnd.odometer_start or rnd.vehicle_id.odometer,
                }
            )
            for stop in rnd.stop_ids.filtered(lambda stop: stop.order_id and stop.state == "open"):
                stop.order_id._loco_mail("out_for_delivery", loco_window=stop._loco_window_text())
        return True

    def action_done(self):
        """in progress → done: every stop done or failed, the odometer recorded on the
        vehicle, the cost split between the organisations served."""
        rounds = self._loco_lock("done", allowed=("in_progress",), done=("done",))
        rounds._loco_check_runner()
        for rnd in rounds.sudo():
            rnd._loco_close()
        return True

    def action_cancel(self):
        """Cancel a round that has not served anyone: its stops go back to the pool of
        open offers and orders, its batch is emptied."""
        self._loco_check_coordinator()
        for rnd in self._loco_lock(
            "cancel", allowed=("draft", "planned", "in_progress"), done=("cancelled",)
        ):
            if any(stop.state == "done" for stop in rnd.stop_ids):
                raise UserError(
                    self.env._(
                        "Round %(round)s cannot be cancelled: stops were already done. Close it "
                        "instead.",
                        round=rnd.name,
                    )
                )
            rnd.stop_ids.write({"state": "cancelled"})
            rnd.batch_id.action_cancel()
            rnd.state = "cancelled"
        return True

    def action_draft(self):
        """planned → draft, to change the stops or the vehicle."""
        self._loco_check_coordinator()
        for rnd in self._loco_lock("draft", allowed=("planned",), done=("draft",)):
            rnd.state = "draft"
        return True

    def action_check(self):
        """Recompute times, loads and problems of the draft rounds (button)."""
        self._loco_check_coordinator()
        self.filtered(lambda r: r.state == "draft")._loco_refresh(online=True)
        return True

    def action_print(self):
        return self.env.ref("loco_fleet.action_report_loco_round").report_action(self)

    def action_view_batch(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking.batch",
            "view_mode": "form",
            "res_id": self.batch_id.id,
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _loco_is_coordinator(self):
        return self.env.su or self.env.user.has_group(COORDINATOR)

    def _loco_check_coordinator(self):
        if not self._loco_is_coordinator():
            raise AccessError(
                self.env._("Only LOCO coordinators can plan, change or cancel rounds.")
            )

    def _loco_check_runner(self):
        """Only the round's driver (or a coordinator) runs it."""
        if self._loco_is_coordinator():
            return
        partner = self.env.user.partner_id
        for rnd in self:
            if rnd.driver_id != partner:
                raise AccessError(
                    self.env._(
                        "Round %(round)s is not yours: only its driver or a coordinator can run "
                        "it.",
                        round=rnd.name,
                    )
                )

    def _loco_wrong_state_message(self, action):
        """The sentence refusing ``action`` in the present state, one whole sentence
        per action (other addons add theirs by overriding)."""
        round, state = self.name, self._state_label()
        sentences = {
            "optimize": self.env._(
                "Round %(round)s cannot be optimised: it is %(state)s.", round=round, state=state
            ),
            "plan": self.env._(
                "Round %(round)s cannot be planned: it is %(state)s.", round=round, state=state
            ),
            "start": self.env._(
                "Round %(round)s cannot be started: it is %(state)s.", round=round, state=state
            ),
            "done": self.env._(
                "Round %(round)s cannot be closed: it is %(state)s.", round=round, state=state
            ),
            "cancel": self.env._(
                "Round %(round)s cannot be cancelled: it is %(state)s.", round=round, state=state
            ),
            "draft": self.env._(
                "Round %(round)s cannot be set back to draft: it is %(state)s.",
                round=round,
                state=state,
            ),
            "delete": self.env._(
                "Round %(round)s cannot be deleted: it is %(state)s.", round=round, state=state
            ),
            "edit": self.env._(
                "Round %(round)s cannot be changed: it is %(state)s.", round=round, state=state
            ),
        }
        return sentences[action]

    def _loco_busy_message(self):
        return self.env._(
            "%(rounds)s is being changed by someone else right now: try again in a moment.",
            rounds=", ".join(self.mapped("name")),
        )

    def _loco_departure(self):
        self.ensure_one()
        return moment_of(self.env, self.date, round(self.departure_hour * 60))

    def _loco_routing_vehicle(self, vehicle=None):
        """The round's vehicle for the optimiser (a vehicle without limits when the
        round has none yet, so that times are still computed)."""
        self.ensure_one()
        start, end = round(self.departure_hour * 60), round(self.return_hour * 60)
        vehicle = vehicle or self.vehicle_id
        if not vehicle:
            return routing.Vehicle(None, payload=1e9, cold=routing.FROZEN, start=start, end=end)
        return vehicle._loco_routing_vehicle(start, end)

    @api.model
    def _loco_matrix(self, hub, partners, online=True):
        """Distances between the hub (point 0) and ``partners`` (points 1..n); a
        partner without coordinates is put at the hub (its stop is flagged).

        ``online``: geocode missing coordinates and ask the OSRM server, if one is
        set. Only explicit actions go online (with the client's timeout); a refresh
        after an edit (create, write, unlink) stays offline, on straight lines."""
        settings = fleet_settings(self.env)
        if online:
            (hub.partner_id | partners)._loco_geolocate_missing()
        origin = hub.partner_id._loco_location()
        if not origin:
            raise UserError(
                self.env._(
                    "Hub %(hub)s has no coordinates: set the latitude and longitude of its "
                    "address.",
                    hub=hub.display_name,
                )
            )
        points = [origin] + [partner._loco_location() or origin for partner in partners]
        return distance.road_matrix(
            points,
            road_factor=settings.road_factor,
            speed_kmh=settings.speed_kmh,
            osrm_url=(settings.osrm_url or None) if online else None,
            timeout=settings.osrm_timeout,
        )

    def _loco_refresh(self, optimise=False, online=False):
        """Drive the rounds on paper: times, load after each stop, problems per stop,
        distance. With ``optimise``, the optimiser chooses the order first; with
        ``online``, distances come from the road server when one is set."""
        for rnd in self._loco_workflow():
            rnd._loco_refresh_one(optimise, online)

    def _loco_refresh_one(self, optimise, online):
        self.ensure_one()
        stops = self.stop_ids.filtered(lambda stop: stop.state != "cancelled").sorted(
            lambda stop: (stop.sequence, stop.id)
        )
        if not stops:
            self.write(
                {
                    "distance_km": 0.0,
                    "max_load_kg": 0.0,
                    "problem": False,
                    "problem_count": 0,
                    "planned_departure": False,
                    "planned_return": False,
                    "routing_notice": False,
                }
            )
            return
        try:
            partners = self.env["res.partner"].concat(*(stop.partner_id for stop in stops))
            matrix = self._loco_matrix(self.hub_id, partners, online=online or optimise)
        except UserError as error:
            self.write({"problem": error.args[0], "problem_count": 1})
            if optimise:
                raise
            return
        settings = fleet_settings(self.env)
        points = [
            stop._loco_routing_stop(position, self.date, settings.service_minutes)
            for position, stop in enumerate(stops)
        ]
        vehicle = self._loco_routing_vehicle()
        order = list(range(len(stops)))
        notices = []
        if optimise:
            order, notices = self._loco_optimise_order(stops, matrix, points, vehicle)
        report = routing.evaluate(matrix, points, vehicle, order)
        self._loco_write_report(stops, order, report, matrix, notices)
        if optimise:
            self.message_post(
                body=self.env._(
                    "Stops ordered by the optimiser: %(km)s km (%(method)s).",
                    km=round(report.distance / 1000, 1),
                    method=self._loco_source_label(matrix.source),
                )
            )

    def _loco_optimise_order(self, stops, matrix, points, vehicle):
        """The optimiser's order of ``stops`` (those it could not fit last), and the
        notice naming those."""
        solution = routing.solve(
            matrix, points, [vehicle], time_limit=self._loco_time_limit(len(stops))
        )
        order = solution.routes[vehicle.key] + sorted(solution.dropped)
        notices = []
        if solution.dropped:
            names = ", ".join(stops[i].partner_id.display_name for i in sorted(solution.dropped))
            notices.append(
                self._loco_in_company_lang().env._("Could not be planned: %(stops)s.", stops=names)
            )
        return order, notices

    @api.model
    def _loco_time_limit(self, size):
        """Seconds given to the optimiser: the configured limit, less for small rounds."""
        return routing.time_limit(size, fleet_settings(self.env).time_limit)

    def _loco_write_report(self, stops, order, report, matrix, notices):
        """Store what driving the round on paper found; its texts in the company's
        language, whoever pressed the button."""
        self.ensure_one()
        texts = self._loco_in_company_lang()
        problem_count = len(report.problems)
        for sequence, (position, visit) in enumerate(zip(order, report.visits, strict=True), 1):
            stop = stops[position]
            problem_count += bool(visit.problems)
            stop._loco_workflow().with_context(loco_refresh=True).write(
                {
                    "sequence": sequence,
                    "planned_arrival": moment_of(self.env, self.date, visit.start),
                    "load_after_kg": visit.weight_after / routing.WEIGHT_UNITS_PER_KG,
                    "problem": texts._loco_problems_text(visit.problems) or False,
                }
            )
        if matrix.notice:
            notices.append(texts._loco_fallback_notice(matrix.notice))
        elif matrix.source != distance.OSRM and fleet_settings(self.env).osrm_url:
            notices.append(
                texts.env._(
                    "Distances are straight lines × the road factor until you press "
                    "Check or Optimise, which ask the road server."
                )
            )
        loads = [report.weight_at_start] + [visit.weight_after for visit in report.visits]
        self.write(
            {
                "distance_km": round(report.distance / 1000, 1),
                "max_load_kg": max(loads) / routing.WEIGHT_UNITS_PER_KG,
                "planned_departure": moment_of(self.env, self.date, report.departure),
                "planned_return": moment_of(self.env, self.date, report.back),
                "distance_source": matrix.source,
                "routing_notice": " ".join(notices) or False,
                "problem": texts._loco_problems_text(report.problems) or False,
                "problem_count": problem_count,
            }
        )
        self.batch_id._loco_follow_round(self)

    def _loco_check_plannable(self):
        self.ensure_one()
        stops = self.stop_ids.filtered(lambda stop: stop.state != "cancelled")
        if not stops:
            raise UserError(
                self.env._(
                    "Round %(round)s has no stops: add pickups or deliveries first.",
                    round=self.name,
                )
            )
        if not self.vehicle_id:
            raise UserError(self.env._("Round %(round)s has no vehicle.", round=self.name))
        if not self.driver_id:
            raise UserError(self.env._("Round %(round)s has no driver.", round=self.name))
        if not self.vehicle_id.loco_payload_kg:
            raise UserError(
                self.env._(
                    "Vehicle %(vehicle)s has no payload: set the maximum weight of its category.",
                    vehicle=self.vehicle_id.display_name,
                )
            )
        self._loco_refresh(online=True)
        if self.problem_count:
            lines = []
            if self.problem:
                lines.append(self.env._("Round: %(problem)s", problem=self.problem))
            for stop in stops.sorted("sequence").filtered("problem"):
                lines.append(
                    self.env._(
                        "Stop %(sequence)s – %(name)s: %(problem)s",
                        sequence=stop.sequence,
                        name=stop.partner_id.display_name,
                        problem=stop.problem,
                    )
                )
            raise UserError(
                self.env._(
                    "Round %(round)s cannot be planned:\n%(problems)s",
                    round=self.name,
                    problems="\n".join(lines),
                )
            )

    # ------------------------------------------------------------------
    # What the routing policy returns (codes), as sentences
    # ------------------------------------------------------------------

    @api.model
    def _loco_class_label(self, temperature_class):
        labels = {
            routing.AMBIENT: self.env._("ambient"),
            routing.CHILLED: self.env._("chilled"),
            routing.FROZEN: self.env._("frozen"),
        }
        return labels.get(temperature_class, temperature_class)

    @api.model
    def _loco_problem_text(self, problem):
        """One broken rule of a route (a ``routing.Problem``), as a sentence."""
        values = problem.values
        if problem.code == routing.OVERWEIGHT:
            return self.env._(
                "%(load)s kg on board, the vehicle carries %(capacity)s kg at most.",
                load=round(values["load"] / routing.WEIGHT_UNITS_PER_KG, 1),
                capacity=round(values["capacity"] / routing.WEIGHT_UNITS_PER_KG, 1),
            )
        if problem.code == routing.OVERVOLUME:
            return self.env._(
                "%(load)s m³ on board, the vehicle holds %(capacity)s m³ at most.",
                load=round(values["load"] / routing.VOLUME_UNITS_PER_M3, 2),
                capacity=round(values["capacity"] / routing.VOLUME_UNITS_PER_M3, 2),
            )
        if problem.code == routing.COLD_CHAIN:
            return self.env._(
                "Cold chain: %(goods)s goods cannot travel in a vehicle for %(vehicle)s goods.",
                goods=self._loco_class_label(values["goods"]),
                vehicle=self._loco_class_label(values["vehicle"]),
            )
        if problem.code == routing.LATE:
            return self.env._(
                "Reached at %(arrival)s, after its time window closes (%(end)s).",
                arrival=clock_of_minutes(values["arrival"]),
                end=clock_of_minutes(values["end"]),
            )
        if problem.code == routing.RETURN_LATE:
            return self.env._(
                "Back at the hub at %(back)s, later than %(end)s.",
                back=clock_of_minutes(values["back"]),
                end=clock_of_minutes(values["end"]),
            )
        if problem.code == routing.NO_TIME:
            return self.env._(
                "Its time window closes (%(end)s) before it opens (%(start)s): correct it.",
                start=clock_of_minutes(values["start"]),
                end=clock_of_minutes(values["end"]),
            )
        if problem.code == routing.NO_LOCATION:
            return self.env._(
                "The address has no coordinates: set its latitude and longitude (or geolocate it)."
            )
        return self.env._("No vehicle has room or time left for this stop.")

    @api.model
    def _loco_problems_text(self, problems):
        return " ".join(self._loco_problem_text(problem) for problem in problems)

    @api.model
    def _loco_source_label(self, source):
        labels = {
            distance.OSRM: self.env._("road distances from OSRM"),
            distance.HAVERSINE: self.env._("straight lines × road factor"),
        }
        return labels[source]

    @api.model
    def _loco_fallback_notice(self, reason):
        return self.env._(
            "The routing server did not answer (%(reason)s): distances are estimated from "
            "straight lines.",
            reason=reason,
        )

    def _loco_close(self):
        """Close the round: its odometer reading kept on the vehicle, its cost shared
        between the organisations it served."""
        self.ensure_one()
        self._loco_check_closable()
        km = self.odometer_end - self.odometer_start
        self.env["fleet.vehicle.odometer"].create(
            {"vehicle_id": self.vehicle_id.id, "value": self.odometer_end, "date": self.date}
        )
        cost = self.currency_id.round(km * self.vehicle_id.loco_cost_per_km)
        self.env["loco.round.cost"].create(self._prepare_cost_vals_list(cost, km))
        charge_vals = self._prepare_vehicle_charge_vals(cost, km)
        if charge_vals:
            self.env["loco.vehicle.charge"].sudo().create(charge_vals)
        self.write({"state": "done", "cost": cost})

    def _loco_check_closable(self):
        """Every stop is done or failed and the odometer reading is plausible."""
        self.ensure_one()
        still_open = self.stop_ids.filtered(lambda stop: stop.state == "open")
        if still_open:
            names = ", ".join(still_open.mapped("partner_id.display_name"))
            raise UserError(
                self.env._(
                    "Round %(round)s still has open stops: %(stops)s. Mark each one done or "
                    "failed.",
                    round=self.name,
                    stops=names,
                )
            )
        if not self.odometer_end:
            raise UserError(
                self.env._(
                    "Round %(round)s: record the odometer at the end of the round.", round=self.name
                )
            )
        if self.odometer_end < self.odometer_start:
            raise UserError(
                self.env._(
                    "The odometer cannot go backwards: %(end)s km at the end, %(start)s km at the "
                    "start.",
                    start=self.odometer_start,
                    end=self.odometer_end,
                )
            )
        km = self.odometer_end - self.odometer_start
        if km > MAX_ROUND_KM:
            raise UserError(
                self.env._("%(km)s km in one round is not plausible: check the odometer.", km=km)
            )

    def _prepare_cost_vals_list(self, cost, km):
        """The round's ``cost`` shared between the organisations served (the hub's
        own when no stop was done), by the configured rule."""
        self.ensure_one()
        served = [
            (stop.organisation_id, stop.weight_kg)
            for stop in self.stop_ids.filtered(lambda stop: stop.state == "done")
        ]
        if not served:
            served = [(self._loco_hub_organisation(), 0.0)]
        shares = cost_share.shares(cost, served, fleet_settings(self.env).cost_split)
        return [
            {
                "round_id": self.id,
                "organisation_id": organisation.id,
                "weight_kg": kg,
                "amount": amount,
                "distance_km": km,
            }
            for organisation, (kg, amount) in shares.items()
        ]

    def _prepare_vehicle_charge_vals(self, cost, km):
        """What the round's company owes the owner of a borrowed vehicle (None when the
        vehicle is its own)."""
        self.ensure_one()
        vehicle = self.vehicle_id.sudo()
        owner = vehicle.company_id
        if not owner or owner == self.company_id:
            return None
        booking = (
            self.env["loco.vehicle.booking"]
            .sudo()
            ._loco_approved_booking(vehicle, self.company_id, self.date)
        )
        return {
            "round_id": self.id,
            "booking_id": booking.id,
            "vehicle_id": vehicle.id,
            "owner_company_id": owner.id,
            "company_id": self.company_id.id,
            "date": self.date,
            "distance_km": km,
            "cost_per_km": vehicle.loco_cost_per_km,
            "currency_id": self.currency_id.id,
            "amount": cost,
        }

    def _loco_hub_organisation(self):
        self.ensure_one()
        return self.hub_id.loco_organisation_id or self.company_id.partner_id
