# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, timedelta

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import LocoFleetCase

COORDINATOR = "loco_hubs.group_loco_coordinator"


@tagged("post_install", "-at_install")
class TestVehicleBooking(LocoFleetCase):
    """A pool vehicle of another organisation (company), booked for a day by the test
    hub's company (the borrower), approved or refused by the owner's coordinators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.borrower = cls.company
        cls.owner = cls.env["res.company"].create({"name": "Restos du Cœur (owner test)"})
        cls.third = cls.env["res.company"].create({"name": "CPAS (third test)"})
        cls.owner_coordinator = cls.company_user("loco_owner_coord", cls.owner)
        cls.third_coordinator = cls.company_user("loco_third_coord", cls.third)
        cls.owner_accountant = cls.company_user(
            "loco_owner_accountant", cls.owner, "loco_donations.group_loco_accountant"
        )
        cls.pool_van = cls.owner_vehicle("POOL-A", pool=True)
        cls.private_van = cls.owner_vehicle("PRIV-A", pool=False)
        cls.day = cls.today + timedelta(days=1)

    @classmethod
    def company_user(cls, login, company, groups=COORDINATOR):
        return new_test_user(
            cls.env,
            login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def owner_vehicle(cls, plate, pool):
        return cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "category_id": cls.cat_van.id,
                "license_plate": plate,
                "loco_cold_class": "frozen",
                "loco_cost_per_km": 0.8,
                "loco_pool": pool,
                "company_id": cls.owner.id,
                "driver_id": cls.driver.partner_id.id,
            }
        )

    def Booking(self, user=None, company=None):
        user = user or self.coordinator
        company = company or user.company_id
        return (
            self.env["loco.vehicle.booking"]
            .with_user(user)
            .with_context(allowed_company_ids=company.ids)
        )

    def request(self, vehicle=None, day=None, user=None, **vals):
        return self.Booking(user).create(
            {"vehicle_id": (vehicle or self.pool_van).id, "date": day or self.day, **vals}
        )

    def as_owner(self, booking):
        return booking.with_user(self.owner_coordinator).with_context(
            allowed_company_ids=self.owner.ids
        )

    def test_request_then_the_owner_approves(self):
        booking = self.request(note="Two extra deliveries on Saturday")
        self.assertEqual(booking.state, "requested")
        self.assertEqual(booking.company_id, self.borrower)
        self.assertEqual(booking.owner_company_id, self.owner)
        self.assertEqual(booking.requested_by, self.coordinator)
        self.assertTrue(booking.name.startswith("BKG/"))
        self.assertEqual(
            booking.sudo().activity_ids.user_id,
            self.owner_coordinator,
            "the owner's coordinators decide",
        )
        with self.refused(AccessError, "only the coordinators of .* can approve"):
            booking.action_approve()
        self.as_owner(booking).action_approve()
        self.assertEqual(booking.state, "approved")
        self.assertFalse(booking.sudo().activity_ids, "decided: nothing left to do")
        self.assertIn("Approved by", booking.message_ids[0].body)
        self.as_owner(booking).action_approve()  # a second click does nothing
        self.assertEqual(booking.state, "approved")

    def test_a_refused_booking_stays_refused(self):
        booking = self.request()
        self.as_owner(booking).action_refuse(reason="The van is at the garage.")
        self.assertEqual(booking.state, "refused")
        self.assertIn("at the garage", booking.message_ids[0].body)
        self.as_owner(booking).action_refuse()  # second click
        with self.refused(UserError, "cannot be approved: it is Refused"):
            self.as_owner(booking).action_approve()
        with self.refused(UserError, "cannot be cancelled: it is Refused"):
            booking.action_cancel()
        with self.refused(AccessError, "no longer change"):
            booking.date = self.day + timedelta(days=1)
        with self.refused(AccessError, "only through the document's buttons"):
            booking.write({"state": "approved"})
        with self.assertRaises(AccessError):
            booking.unlink()
        # the day is free again
        again = self.request()
        self.assertEqual(again.state, "requested")

    def test_the_borrower_cancels_and_the_day_is_free(self):
        booking = self.request()
        booking.action_cancel()
        self.assertEqual(booking.state, "cancelled")
        booking.action_cancel()  # second click
        self.assertFalse(booking.sudo().activity_ids)
        self.assertEqual(self.request(user=self.third_coordinator).state, "requested")

    def test_a_vehicle_is_booked_once_a_day(self):
        self.request()
        with self.refused(ValidationError, "already booked on .*choose another"):
            self.request()
        with self.refused(ValidationError, "already booked"):
            self.request(user=self.third_coordinator)
        other_day = self.request(day=self.day + timedelta(days=1))
        with self.refused(ValidationError, "already booked"):
            other_day.date = self.day
        self.assertEqual(other_day.date, self.day + timedelta(days=1))

    def test_a_refusal_reason_is_short_text(self):
        """Over RPC the reason is whatever is sent: a list, a number, a novel."""
        booking = self.request()
        for reason in (["van"], 42, {"x": 1}, "x" * 5000):
            with self.subTest(reason=str(reason)[:20]):
                with self.refused(UserError, "Say in words why the booking is refused"):
                    self.as_owner(booking).action_refuse(reason=reason)
                self.assertEqual(booking.state, "requested", "nothing half-written")

    def test_the_database_refuses_a_second_booking_of_the_day_too(self):
        """What two concurrent requests would both pass (each checked before the
        other is written) the database refuses."""
        first = self.request()
        self.env.flush_all()
        with self.assertRaises(psycopg2.errors.ExclusionViolation), mute_logger("odoo.sql_db"):
            self.cr.execute(
                "INSERT INTO loco_vehicle_booking (name, vehicle_id, company_id, date, state) "
                "VALUES ('BKG/TEST', %s, %s, %s, 'requested')",
                (self.pool_van.id, self.third.id, self.day),
            )
        self.assertEqual(first.state, "requested")

    def test_auto_approval_per_vehicle(self):
        self.pool_van.loco_booking_auto_approve = True
        booking = self.request()
        self.assertEqual(booking.state, "approved")
        self.assertFalse(booking.sudo().activity_ids)
        self.assertIn("Approved automatically", booking.message_ids[0].body)

    def test_a_round_uses_a_borrowed_vehicle_only_with_an_approved_booking(self):
        order = self.delivery_order()
        with self.refused(ValidationError, "only once .* has approved a booking"):
            self.make_round(orders=[order], vehicle=self.pool_van)
        booking = self.request()
        with self.refused(ValidationError, "only once .* has approved a booking"):
            self.make_round(orders=[order], vehicle=self.pool_van)
        self.as_owner(booking).action_approve()
        rnd = self.make_round(orders=[order], vehicle=self.pool_van)
        self.assertEqual(rnd.vehicle_id, self.pool_van)
        self.assertEqual(booking.round_ids, rnd)
        self.assertEqual(rnd.payload_kg, 1000, "the borrower reads the owner's vehicle")
        with self.refused(ValidationError, "only once .* has approved"):
            self.make_round(vehicle=self.pool_van, day=2)
        # the round holds the booking
        with self.refused(UserError, "cannot be cancelled: round .* uses the vehicle"):
            booking.action_cancel()
        with self.refused(UserError, "cannot be refused: round .* of the borrower"):
            self.as_owner(booking).action_refuse()
        rnd.action_cancel()
        booking.action_cancel()
        self.assertEqual(booking.state, "cancelled")

    def test_the_owner_cannot_use_a_lent_vehicle_nor_lend_a_busy_one(self):
        owner_hub = self.env["stock.warehouse"].search([("company_id", "=", self.owner.id)])
        owner_hub.loco_hub = True
        Round = (
            self.env["loco.round"]
            .with_user(self.owner_coordinator)
            .with_context(allowed_company_ids=self.owner.ids)
        )
        booking = self.request()
        self.as_owner(booking).action_approve()
        vals = {"hub_id": owner_hub.id, "company_id": self.owner.id, "date": self.day}
        with self.refused(ValidationError, "is lent to .* choose another vehicle"):
            Round.create(dict(vals, vehicle_id=self.pool_van.id))
        # another day: the owner's round needs no booking, and the vehicle is not lent
        other_day = dict(vals, date=self.day + timedelta(days=1))
        own = Round.create(dict(other_day, vehicle_id=self.pool_van.id))
        self.assertEqual(own.vehicle_id, self.pool_van)
        with self.refused(ValidationError, "on round .* of its owner"):
            self.request(day=self.day + timedelta(days=1))

    def test_the_planner_offers_a_borrowed_vehicle_once_approved(self):
        self.delivery_order()

        def offered():
            with Form(self.env["loco.round.planner"].with_user(self.coordinator)) as form:
                form.hub_id = self.hub
                form.date = self.day
            return form.save().vehicle_ids

        self.assertNotIn(self.pool_van, offered())
        booking = self.request()
        self.assertNotIn(self.pool_van, offered(), "requested is not approved")
        self.as_owner(booking).action_approve()
        self.assertIn(self.pool_van, offered())
        self.assertNotIn(self.private_van, offered())

    def close_borrowed_round(self, km):
        rnd = self.make_round(orders=[self.delivery_order()], vehicle=self.pool_van)
        rnd.action_plan()
        rnd.action_start()
        for stop in rnd.stop_ids:
            stop.action_mark_done(temperature=3, contact_name="Luc")
        rnd.write({"odometer_start": 1000, "odometer_end": 1000 + km})
        rnd.action_done()
        return rnd

    def test_the_borrower_owes_the_owner_the_rounds_km(self):
        booking = self.request()
        self.as_owner(booking).action_approve()
        rnd = self.close_borrowed_round(50)
        self.assertEqual(rnd.state, "done")
        self.assertAlmostEqual(rnd.cost, 40.0, msg="50 km × 0.80")
        self.assertAlmostEqual(sum(rnd.cost_ids.mapped("amount")), 40.0)
        self.assertEqual(rnd.cost_ids.company_id, self.borrower, "shared by the borrower")
        Charge = self.env["loco.vehicle.charge"]
        charge = Charge.search([("round_id", "=", rnd.id)])
        self.assertEqual(len(charge), 1)
        self.assertEqual(charge.owner_company_id, self.owner)
        self.assertEqual(charge.company_id, self.borrower)
        self.assertEqual(charge.booking_id, booking)
        self.assertAlmostEqual(charge.distance_km, 50)
        self.assertAlmostEqual(charge.amount, 40.0)
        self.assertEqual(charge.round_name, rnd.name)
        owner_view = charge.with_user(self.owner_accountant).with_context(
            allowed_company_ids=self.owner.ids
        )
        self.assertEqual(owner_view.read(["round_name"])[0]["round_name"], rnd.name)
        # both sides read it, and their accountants; a third organisation does not
        for user, company in (
            (self.accountant, self.borrower),
            (self.owner_accountant, self.owner),
            (self.owner_coordinator, self.owner),
        ):
            mine = Charge.with_user(user).with_context(allowed_company_ids=company.ids)
            self.assertEqual(mine.search([("round_id", "=", rnd.id)]), charge)
        third = Charge.with_user(self.third_coordinator)
        self.assertFalse(third.search([]))
        with self.assertRaises(AccessError):
            charge.with_user(self.third_coordinator).read(["amount"])
        # the owner's own rounds owe nobody
        self.assertFalse(Charge.search([("company_id", "=", self.owner.id)]))
        with self.refused(UserError, "cannot be cancelled: round"):
            booking.action_cancel()

    def test_the_monthly_statement_per_pair_of_organisations(self):
        Charge = self.env["loco.vehicle.charge"]
        rnd = self.make_round(orders=[self.delivery_order()])
        lines = [
            (self.owner, self.borrower, date(2026, 3, 5), 50, 40.0),
            (self.owner, self.borrower, date(2026, 3, 20), 30, 24.0),
            (self.owner, self.borrower, date(2026, 4, 2), 10, 8.0),
            (self.borrower, self.owner, date(2026, 3, 9), 100, 120.0),
        ]
        charges = Charge.create(
            [
                {
                    "round_id": rnd.id,
                    "vehicle_id": self.pool_van.id,
                    "owner_company_id": owner.id,
                    "company_id": borrower.id,
                    "date": day,
                    "distance_km": km,
                    "amount": amount,
                    "currency_id": self.borrower.currency_id.id,
                }
                for owner, borrower, day, km, amount in lines
            ]
        )
        report = self.env["report.loco_fleet.report_vehicle_statement"]
        statements = report._loco_statements(charges)
        totals = [(s["month"], s["owner"], s["borrower"], s["km"], s["amount"]) for s in statements]
        self.assertEqual(
            totals,
            [
                (date(2026, 3, 1), self.borrower, self.owner, 100, 120.0),
                (date(2026, 3, 1), self.owner, self.borrower, 80, 64.0),
                (date(2026, 4, 1), self.owner, self.borrower, 10, 8.0),
            ]
            if self.borrower.name < self.owner.name
            else [
                (date(2026, 3, 1), self.owner, self.borrower, 80, 64.0),
                (date(2026, 3, 1), self.borrower, self.owner, 100, 120.0),
                (date(2026, 4, 1), self.owner, self.borrower, 10, 8.0),
            ],
        )
        # the statement of March for one pair, as the borrower's accountant prints it
        wizard = (
            self.env["loco.vehicle.statement"]
            .with_user(self.accountant)
            .create(
                {
                    "month": date(2026, 3, 14),
                    "owner_company_id": self.owner.id,
                    "company_id": self.borrower.id,
                }
            )
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "loco_fleet.report_vehicle_statement")
        self.assertEqual(sorted(action["context"]["active_ids"]), sorted(charges[:2].ids))
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_qweb_html("loco_fleet.report_vehicle_statement", charges[:2].ids)
        )
        text = html.decode()
        self.assertIn("Shared vehicle costs", text)
        self.assertIn("80.0", text)
        self.assertIn("64.00", text)
        self.assertIn("owes", text)
        wizard.month = date(2026, 5, 1)
        with self.refused(UserError, "nothing to state"):
            wizard.action_print()
        # a third organisation prints nothing of theirs
        with self.assertRaises(AccessError):
            report.with_user(self.third_coordinator)._get_report_values(charges.ids)

    def test_only_the_two_organisations_see_the_booking(self):
        booking = self.request()
        self.assertEqual(self.Booking().search([("id", "=", booking.id)]), booking)
        owner_side = self.Booking(self.owner_coordinator).search([("id", "=", booking.id)])
        self.assertEqual(owner_side, booking)
        self.assertFalse(owner_side.round_ids, "the owner does not read the borrower's rounds")
        with self.refused(AccessError, "for your own organisations only"):
            booking.company_id = self.third
        hub_side = self.Booking(self.hub_user).search([("id", "=", booking.id)])
        self.assertEqual(hub_side, booking, "the borrower's hub staff read it")
        self.assertFalse(self.Booking(self.third_coordinator).search([]))
        with self.assertRaises(AccessError):
            booking.with_user(self.third_coordinator).read(["state"])
        with self.assertRaises(AccessError):
            booking.with_user(self.third_coordinator).action_cancel()
        # pool vehicles are read by every organisation, changed by their owner only
        as_third = self.pool_van.with_user(self.third_coordinator)
        self.assertEqual(as_third.license_plate, "POOL-A")
        with self.assertRaises(AccessError):
            as_third.write({"loco_cost_per_km": 0.0})
        with self.assertRaises(AccessError):
            self.private_van.with_user(self.third_coordinator).read(["license_plate"])

    def test_what_cannot_be_booked(self):
        with self.refused(ValidationError, "not a plausible date"):
            self.request(day=date(9999, 12, 31))
        with self.refused(ValidationError, "already past"):
            self.request(day=self.today - timedelta(days=1))
        with self.refused(UserError, "does not exist"):
            self.Booking().create({"vehicle_id": 999999999, "date": self.day})
        with self.refused(UserError, "is not a record id"):
            self.Booking().create({"vehicle_id": "1; DROP TABLE", "date": self.day})
        with self.refused(ValidationError, "not shared in the LOCO pool"):
            self.request(vehicle=self.private_van)
        own = self.make_vehicle("OWN-1", self.cat_van, "chilled", 0.5, self.driver)
        own.loco_pool = True
        with self.refused(ValidationError, "its own rounds need no booking"):
            self.request(vehicle=own)
        with self.refused(AccessError, "for your own organisations only"):
            self.request(company_id=self.third.id)
        with self.refused(AccessError, "only through the document's buttons"):
            self.request(state="approved")
        with self.refused(AccessError, "only through the document's buttons"):
            self.request(requested_by=self.owner_coordinator.id)
        with self.refused(AccessError, "Only LOCO coordinators"):
            self.request(user=self.driver)
        with self.assertRaises(AccessError):
            self.request(user=self.hub_user)
        self.assertFalse(
            self.env["loco.vehicle.booking"].search([("vehicle_id", "=", self.private_van.id)])
        )
        self.assertFalse(self.pool_van.loco_booking_ids)

    def test_a_refusal_reads_in_french(self):
        self.env["res.lang"]._activate_lang("fr_BE")
        self.env["ir.module.module"]._load_module_terms(["loco_fleet"], ["fr_BE"], overwrite=True)
        self.request()
        with self.refused(ValidationError, "est déjà réservé le .* choisissez un autre"):
            self.Booking().with_context(lang="fr_BE").create(
                {"vehicle_id": self.pool_van.id, "date": self.day}
            )
