# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Absurd values sent over RPC (JSON-RPC accepts NaN and Infinity, dates up to
9999-12-31, any type) get a clear error and change nothing, on every LOCO model."""

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LocoFleetCase

NAN = float("nan")
INF = float("inf")
FAR = date(9999, 12, 31)


@tagged("post_install", "-at_install")
class TestAbsurdValues(LocoFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_planned_round()

    def assertRefused(self, call, pattern):
        # UserError covers ValidationError and AccessError: never a bare Python error
        with self.assertRaisesRegex(UserError, pattern):
            call()

    def test_absurd_numbers_and_dates_are_refused_everywhere(self):
        line = {"product_id": self.pasta.id, "quantity": 5, "ddm": self.today + timedelta(200)}
        Offer = self.env["loco.donation.offer"].with_user(self.operator)
        Order = self.env["loco.order"].with_user(self.hub_user)
        cases = [
            (lambda: Offer.create(self.offer_vals([{**line, "quantity": NAN}])), "number"),
            (lambda: Offer.create(self.offer_vals([{**line, "weight_kg": INF}])), "number"),
            (lambda: Offer.create(self.offer_vals([{**line, "declared_value": -INF}])), "number"),
            (lambda: Offer.create(self.offer_vals([{**line, "ddm": FAR}])), "plausible date"),
            (lambda: Offer.create(self.offer_vals(pickup_end="9999-12-31 10:00:00")), "plausible"),
            (
                lambda: Order.create(
                    {
                        "partner_id": self.customer.id,
                        "line_ids": [
                            Command.create({"product_id": self.pasta.id, "quantity": NAN})
                        ],
                    }
                ),
                "number",
            ),
            (
                lambda: Order.create({"partner_id": self.customer.id, "requested_date": FAR}),
                "plausible date",
            ),
            (
                lambda: self.env["stock.lot"]
                .with_user(self.hub_user)
                .create(
                    {
                        "name": "FAR-LOT",
                        "product_id": self.yoghurt.id,
                        "company_id": self.company.id,
                        "expiration_date": "9999-12-31 12:00:00",
                    }
                ),
                "plausible date",
            ),
            (
                lambda: self.env["loco.donation.export"]
                .with_user(self.accountant)
                .create({"date_from": self.today, "date_to": FAR}),
                "plausible date",
            ),
            (
                lambda: self.van.with_user(self.coordinator).write({"loco_cost_per_km": NAN}),
                "number",
            ),
            (
                lambda: self.customer.with_user(self.coordinator).write(
                    {"loco_beneficiaries": INF}
                ),
                "number",
            ),
            (lambda: self.round_1.with_user(self.driver).write({"odometer_start": NAN}), "number"),
            (
                lambda: self.hub.with_user(self.coordinator).write({"loco_round_end": INF}),
                "number",
            ),
            (
                lambda: self.categ_dairy.with_user(self.coordinator).write(
                    {"loco_urgent_days": 10**9}
                ),
                "counts days",
            ),
            (
                lambda: self.env.ref("loco_hubs.shelf_life_long")
                .with_user(self.coordinator)
                .write({"grace_days": 2**31 - 1}),
                "counts days",
            ),
            (
                lambda: self.env["loco.scarce.product"]
                .with_user(self.coordinator)
                .create({"hub_id": self.hub.id, "product_id": self.pasta.id, "period_days": 10**8}),
                "counts days",
            ),
        ]
        for call, pattern in cases:
            with self.subTest(case=cases.index((call, pattern))):
                self.assertRefused(call, pattern)

    def test_driver_arguments_of_the_wrong_type_are_refused(self):
        rnd = self.round_1.with_user(self.driver)
        rnd.action_start()
        stop = rnd.stop_ids.filtered(lambda s: s.kind == "pickup")
        cases = [
            (lambda: stop.action_mark_done(temperature="abc", contact_name="Luc"), "number of"),
            (lambda: stop.action_mark_done(temperature=NAN, contact_name="Luc"), "number of"),
            (lambda: stop.action_mark_done(temperature=1e9, contact_name="Luc"), "plausible"),
            (lambda: stop.action_mark_done(temperature=[3], contact_name="Luc"), "number of"),
            (lambda: stop.action_mark_done(temperature=3, contact_name=1), "as text"),
            (lambda: stop.action_mark_done(temperature=3, contact_name="x" * 5000), "as text"),
            (
                lambda: stop.action_mark_done(temperature=3, contact_name="Luc", signature=12),
                "not an image",
            ),
            (
                lambda: stop.action_mark_done(
                    temperature=3, contact_name="Luc", signature="bm90IGFuIGltYWdl"
                ),
                "not an image",
            ),
            (lambda: stop.action_mark_failed(reason=1), "in words"),
            (lambda: stop.action_mark_failed(reason={"a": 1}), "in words"),
        ]
        for call, pattern in cases:
            with self.subTest(case=cases.index((call, pattern))):
                self.assertRefused(call, pattern)
        self.assertEqual(stop.state, "open")
        self.assertFalse(stop.temperature_taken)
        stop.action_mark_done(temperature="3,5", contact_name="  Luc  ")
        self.assertEqual(stop.temperature, 3.5)
        self.assertEqual(stop.contact_name, "Luc")
