# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.loco_hubs.tools import values
from odoo.addons.loco_hubs.tools.dates import loco_today

STATES = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
# a booking in these states holds the vehicle for its day
LIVE_STATES = ("requested", "approved")
COORDINATOR = "loco_hubs.group_loco_coordinator"
# what changes only while the booking is requested
REQUEST_FIELDS = {"vehicle_id", "company_id", "date"}

# the longest reason a refusal keeps in the chatter
MAX_REASON = 2000


class LocoVehicleBooking(models.Model):
    """A pool vehicle of one organisation (company) lent to another for a day: the
    borrower requests it, the owner's coordinators approve or refuse (or the vehicle
    approves every request by itself)."""

    _name = "loco.vehicle.booking"
    _inherit = ["mail.thread", "mail.activity.mixin", "loco.workflow.mixin"]
    _description = "Booking of a pool vehicle by another organisation"
    _order = "date desc, id desc"
    _loco_lock_nowait = True
    # who asked is the user who created the request, never someone else
    _loco_workflow_fields = ("state", "requested_by")
    _sql_constraints = [
        (
            "vehicle_day_excl",
            "EXCLUDE USING btree (vehicle_id WITH =, date WITH =) "
            "WHERE (state IN ('requested', 'approved'))",
            "A vehicle is booked once a day: another request for it on that day came first.",
        )
    ]

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        required=True,
        index=True,
        tracking=True,
        domain=[("loco_pool", "=", True)],
        ondelete="restrict",
    )
    owner_company_id = fields.Many2one(
        related="vehicle_id.company_id",
        string="Owner",
        store=True,
        index=True,
        help="The organisation (company) the vehicle belongs to.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Borrower",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.company,
        help="The organisation (company) whose rounds use the vehicle that day.",
    )
    date = fields.Date(required=True, index=True, tracking=True)
    state = fields.Selection(
        STATES,
        default="requested",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    requested_by = fields.Many2one(
        "res.users",
        string="Requested by",
        readonly=True,
        copy=False,
        default=lambda self: self.env.user,
    )
    note = fields.Text()
    round_ids = fields.Many2many(
        "loco.round",
        string="Rounds",
        compute="_compute_round_ids",
        help="The borrower's live rounds with the vehicle that day.",
    )

    @api.depends("vehicle_id", "date", "company_id")
    def _compute_round_ids(self):
        for booking in self:
            # the borrower's rounds: the owner's side does not read them
            booking.round_ids = booking._loco_live_rounds()._filtered_access("read")

    @api.constrains("vehicle_id", "company_id")
    def _check_vehicle(self):
        for booking in self:
            booking._loco_check_bookable_vehicle()

    @api.constrains("vehicle_id", "date", "state")
    def _check_vehicle_day(self):
        for booking in self.filtered(lambda b: b.state in LIVE_STATES):
            booking._loco_check_vehicle_free(booking.vehicle_id, booking.date)

    @api.model_create_multi
    def create(self, vals_list):
        self._loco_check_coordinator()
        self._loco_guard_create(vals_list)
        today = loco_today(self.env)
        for vals in vals_list:
            day = fields.Date.to_date(vals["date"]) if vals.get("date") else None
            if day and day < today:
                raise ValidationError(
                    self.env._("A vehicle cannot be booked for a day already past.")
                )
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            if not self.env.su and company not in self.env.companies:
                raise AccessError(
                    self.env._(
                        "You can book a vehicle for your own organisations only, not for "
                        "%(company)s.",
                        company=company.sudo().name,
                    )
                )
            if vals.get("vehicle_id") and day:
                self.browse()._loco_check_vehicle_free(
                    self.env["fleet.vehicle"].browse(vals["vehicle_id"]), day
                )
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("loco.vehicle.booking") or "/"
                )
        bookings = super(LocoVehicleBooking, self._loco_workflow()).create(vals_list)
        bookings = bookings.with_env(self.env)
        for booking in bookings:
            booking._loco_after_request()
        return bookings

    def write(self, vals):
        self._loco_guard_write(vals)
        if "date" in vals and vals["date"]:
            if fields.Date.to_date(vals["date"]) < loco_today(self.env):
                raise ValidationError(
                    self.env._("A vehicle cannot be booked for a day already past.")
                )
        if vals.get("company_id") and not self.env.su:
            company = self.env["res.company"].browse(vals["company_id"])
            if company not in self.env.companies:
                raise AccessError(
                    self.env._(
                        "You can book a vehicle for your own organisations only, not for "
                        "%(company)s.",
                        company=company.sudo().name,
                    )
                )
        if {"vehicle_id", "date"} & set(vals):
            # before writing, so that the user reads this rather than the database's refusal
            Vehicle = self.env["fleet.vehicle"]
            for booking in self.filtered(lambda b: b.state in LIVE_STATES):
                booking._loco_check_vehicle_free(
                    Vehicle.browse(vals.get("vehicle_id", booking.vehicle_id.id)),
                    vals.get("date", booking.date),
                )
        return super(LocoVehicleBooking, self._loco_workflow()).write(vals)

    def _loco_forbidden_fields(self, fnames):
        """Vehicle, borrower and day are what the owner approved: they change while
        the booking is requested only, and on the borrower's side."""
        forbidden = super()._loco_forbidden_fields(fnames)
        if any(booking.state != "requested" for booking in self):
            forbidden |= fnames & REQUEST_FIELDS
        if any(booking.company_id not in self.env.companies for booking in self):
            forbidden |= fnames & REQUEST_FIELDS
        return forbidden

    def _loco_forbidden_message(self, fnames):
        if fnames & REQUEST_FIELDS and not fnames & set(self._loco_workflow_fields):
            booking = self.filtered(lambda b: b.state != "requested")[:1] or self[:1]
            return self.env._(
                "Booking %(booking)s is %(state)s: its vehicle, borrower and day no longer "
                "change (cancel it and book again).",
                booking=booking.name,
                state=booking._state_label(),
            )
        return super()._loco_forbidden_message(fnames)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        for booking in self:
            raise UserError(booking._loco_wrong_state_message("delete"))

    # ------------------------------------------------------------------
    # Actions (public, callable over RPC)
    # ------------------------------------------------------------------

    def action_approve(self):
        """requested → approved, by a coordinator of the vehicle's owner."""
        self._loco_check_coordinator()
        self._loco_check_side("owner")
        for booking in self._loco_lock("approve", allowed=("requested",), done=("approved",)):
            booking._loco_check_vehicle_free(booking.vehicle_id, booking.date)
            booking.state = "approved"
            booking._loco_close_activities()
            booking.message_post(
                body=self.env._(
                    "Approved by %(user)s: %(vehicle)s is lent to %(borrower)s on %(date)s.",
                    user=self.env.user.name,
                    vehicle=booking.vehicle_id.sudo().display_name,
                    borrower=booking.company_id.sudo().name,
                    date=booking.date,
                )
            )
        return True

    def action_refuse(self, reason=None):
        """requested (or approved, while no round uses it) → refused, by a
        coordinator of the vehicle's owner."""
        try:
            reason = values.text(reason, max_length=MAX_REASON)
        except values.BadValue as error:
            raise UserError(
                self.env._(
                    "Say in words why the booking is refused (at most %(max)s characters).",
                    max=MAX_REASON,
                )
            ) from error
        self._loco_check_coordinator()
        self._loco_check_side("owner")
        for booking in self._loco_lock(
            "refuse", allowed=("requested", "approved"), done=("refused",)
        ):
            booking._loco_check_unused("refuse")
            booking.state = "refused"
            booking._loco_close_activities()
            booking.message_post(
                body=self.env._(
                    "Refused by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason or self.env._("no reason given."),
                )
            )
        return True

    def action_cancel(self):
        """requested or approved → cancelled, by a coordinator of either side, while
        no round of the borrower uses the vehicle that day."""
        self._loco_check_coordinator()
        self._loco_check_side("any")
        for booking in self._loco_lock(
            "cancel", allowed=("requested", "approved"), done=("cancelled",)
        ):
            booking._loco_check_unused("cancel")
            booking.state = "cancelled"
            booking._loco_close_activities()
            booking.message_post(body=self.env._("Cancelled by %(user)s.", user=self.env.user.name))
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _loco_check_coordinator(self):
        if not (self.env.su or self.env.user.has_group(COORDINATOR)):
            raise AccessError(
                self.env._("Only LOCO coordinators can book, approve or refuse vehicles.")
            )

    def _loco_check_side(self, side):
        """The current user acts for the owner (``owner``) or either party (``any``)."""
        if self.env.su:
            return
        companies = self.env.companies
        for booking in self:
            if booking.owner_company_id in companies:
                continue
            if side == "any":
                if booking.company_id in companies:
                    continue
                raise AccessError(
                    self.env._(
                        "Booking %(booking)s: only the coordinators of the borrower or of the "
                        "owner can cancel it.",
                        booking=booking.name,
                    )
                )
            raise AccessError(
                self.env._(
                    "Booking %(booking)s: only the coordinators of %(owner)s, who own the "
                    "vehicle, can approve or refuse it.",
                    booking=booking.name,
                    owner=booking.owner_company_id.sudo().name,
                )
            )

    def _loco_check_bookable_vehicle(self):
        """A pool vehicle of another organisation (read as the owner's, whoever asks)."""
        self.ensure_one()
        vehicle = self.vehicle_id.sudo()
        if not vehicle.loco_pool:
            raise ValidationError(
                self.env._(
                    "Vehicle %(vehicle)s is not shared in the LOCO pool: it cannot be booked.",
                    vehicle=vehicle.display_name,
                )
            )
        if not vehicle.company_id:
            raise ValidationError(
                self.env._(
                    "Vehicle %(vehicle)s belongs to no organisation (company): every one may "
                    "use it without a booking.",
                    vehicle=vehicle.display_name,
                )
            )
        if vehicle.company_id == self.company_id:
            raise ValidationError(
                self.env._(
                    "Vehicle %(vehicle)s belongs to %(company)s already: its own rounds need "
                    "no booking.",
                    vehicle=vehicle.display_name,
                    company=self.company_id.name,
                )
            )

    def _loco_check_vehicle_free(self, vehicle, day):
        """Refuse a vehicle already booked that day, or on a round of its owner
        (checked before writing; the database refuses a second booking too)."""
        if not vehicle or not day:
            return
        vehicle = vehicle.sudo()
        # the clash may be another borrower's, which the user cannot read
        clash = self.sudo().search(
            [
                ("vehicle_id", "=", vehicle.id),
                ("date", "=", day),
                ("state", "in", LIVE_STATES),
                ("id", "not in", self.ids),
            ],
            limit=1,
        )
        if clash:
            raise ValidationError(
                self.env._(
                    "Vehicle %(vehicle)s is already booked on %(date)s (%(booking)s, %(state)s): "
                    "choose another vehicle or another day.",
                    vehicle=vehicle.display_name,
                    date=fields.Date.to_date(day),
                    booking=clash.name,
                    state=clash._state_label(),
                )
            )
        own_round = (
            self.env["loco.round"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "=", vehicle.id),
                    ("date", "=", day),
                    ("state", "!=", "cancelled"),
                    ("company_id", "=", vehicle.company_id.id),
                ],
                limit=1,
            )
        )
        if own_round:
            raise ValidationError(
                self.env._(
                    "Vehicle %(vehicle)s is on round %(round)s of its owner on %(date)s: it "
                    "cannot be lent that day.",
                    vehicle=vehicle.display_name,
                    round=own_round.name,
                    date=fields.Date.to_date(day),
                )
            )

    def _loco_live_rounds(self):
        """The borrower's rounds (not cancelled) with the vehicle on the booked day."""
        self.ensure_one()
        if not (self.vehicle_id and self.date and self.company_id):
            return self.env["loco.round"]
        return (
            self.env["loco.round"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "=", self.vehicle_id.id),
                    ("date", "=", self.date),
                    ("company_id", "=", self.company_id.id),
                    ("state", "!=", "cancelled"),
                ]
            )
            .with_env(self.env)
        )

    def _loco_check_unused(self, action):
        self.ensure_one()
        rounds = self._loco_live_rounds()
        if not rounds:
            return
        booking, round_name = self.name, rounds[0].sudo().name
        sentences = {
            "refuse": self.env._(
                "Booking %(booking)s cannot be refused: round %(round)s of the borrower uses "
                "the vehicle that day. The round must be cancelled or change vehicle first.",
                booking=booking,
                round=round_name,
            ),
            "cancel": self.env._(
                "Booking %(booking)s cannot be cancelled: round %(round)s uses the vehicle "
                "that day. Cancel the round or change its vehicle first.",
                booking=booking,
                round=round_name,
            ),
        }
        raise UserError(sentences[action])

    def _loco_owner_coordinators(self):
        """The coordinators of the vehicle's owner, who decide on the request."""
        self.ensure_one()
        group = self.env.ref(COORDINATOR).sudo()
        return group.users.filtered(
            lambda user: not user.share and self.owner_company_id in user.company_ids
        )

    def _loco_after_request(self):
        """Approved at once when the vehicle says so, else an activity for each
        coordinator of its owner."""
        self.ensure_one()
        vehicle = self.vehicle_id.sudo()
        if vehicle.loco_booking_auto_approve:
            self._loco_workflow().state = "approved"
            self.message_post(
                body=self.env._(
                    "Approved automatically: %(vehicle)s accepts every booking of the pool.",
                    vehicle=vehicle.display_name,
                )
            )
            return
        booking = self.sudo()
        for user in self._loco_owner_coordinators():
            booking.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=loco_today(self.env),
                summary=self.env._("Vehicle booking to approve"),
                note=self.env._(
                    "%(borrower)s asks for %(vehicle)s on %(date)s.",
                    borrower=self.company_id.sudo().name,
                    vehicle=vehicle.display_name,
                    date=self.date,
                ),
                user_id=user.id,
            )

    def _loco_close_activities(self):
        self.sudo().activity_ids.unlink()

    @api.model
    def _loco_approved_booking(self, vehicle, company, day):
        """The approved booking that lets ``company`` use ``vehicle`` on ``day``."""
        return (
            self.sudo()
            .search(
                [
                    ("vehicle_id", "=", vehicle.id),
                    ("company_id", "=", company.id),
                    ("date", "=", day),
                    ("state", "=", "approved"),
                ],
                limit=1,
            )
            .with_env(self.env)
        )

    def _loco_wrong_state_message(self, action):
        booking, state = self.name, self._state_label()
        sentences = {
            "approve": self.env._(
                "Booking %(booking)s cannot be approved: it is %(state)s.",
                booking=booking,
                state=state,
            ),
            "refuse": self.env._(
                "Booking %(booking)s cannot be refused: it is %(state)s.",
                booking=booking,
                state=state,
            ),
            "cancel": self.env._(
                "Booking %(booking)s cannot be cancelled: it is %(state)s.",
                booking=booking,
                state=state,
            ),
            "delete": self.env._(
                "Booking %(booking)s cannot be deleted: cancel it instead.", booking=booking
            ),
        }
        return sentences[action]

    def _loco_busy_message(self):
        return self.env._(
            "%(bookings)s is being changed by someone else right now: try again in a moment.",
            bookings=", ".join(self.mapped("name")),
        )
