# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestOfferGuards(LocoDonationsCase):
    def counts(self):
        return {
            model: self.env[model].search_count([])
            for model in (
                "loco.donation.offer",
                "loco.donation.offer.line",
                "stock.picking",
                "stock.lot",
                "stock.move",
            )
        }

    def assert_refused_cleanly(self, error, message, func):
        before = self.counts()
        # an RPC call is one transaction: an error rolls it back, like this savepoint
        with self.assertRaisesRegex(error, message), self.env.cr.savepoint():
            func()
        self.env.invalidate_all()
        self.assertEqual(self.counts(), before, "nothing half-written")

    def test_accepting_twice_makes_one_receipt_and_one_lot_per_line(self):
        offer = self.make_offer()
        offer.action_register()
        offer.action_register()  # double click
        coordinator_offer = offer.with_user(self.coordinator)
        coordinator_offer.action_accept()
        before = self.counts()
        coordinator_offer.action_accept()
        self.assertEqual(self.counts(), before)
        self.assertEqual(len(offer.picking_ids), 1)

    def test_validating_twice_changes_nothing(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        picking = self.receive(offer)
        quants = self.env["stock.quant"].search_read(
            [("lot_id", "in", offer.line_ids.lot_id.ids)], ["quantity"]
        )
        picking.with_user(self.hub_user).button_validate()
        self.assertEqual(
            self.env["stock.quant"].search_read(
                [("lot_id", "in", offer.line_ids.lot_id.ids)], ["quantity"]
            ),
            quants,
        )
        self.assertEqual(offer.state, "received")

    def test_cancelling_an_accepted_offer_cancels_its_receipt(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        offer.with_user(self.coordinator).action_cancel()
        self.assertEqual(offer.state, "cancelled")
        self.assertEqual(offer.picking_id.state, "cancel")

    def test_cancelling_a_received_offer_is_refused(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.receive(offer)
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            offer.with_user(self.coordinator).action_cancel()
        self.assertEqual(offer.state, "received")

    def test_zero_or_negative_quantities(self):
        for qty in (0, -3):
            self.assert_refused_cleanly(
                ValidationError,
                "must be more than zero",
                lambda qty=qty: self.make_offer(
                    lines=[
                        {
                            "product_id": self.yoghurt.id,
                            "quantity": qty,
                            "dlc": self.today + timedelta(days=9),
                        }
                    ]
                ),
            )

    def test_absurd_quantity(self):
        self.assert_refused_cleanly(
            ValidationError,
            "the most one offer line can hold",
            lambda: self.make_offer(
                lines=[
                    {
                        "product_id": self.pasta.id,
                        "quantity": 10**9,
                        "ddm": self.today + timedelta(days=9),
                    }
                ]
            ),
        )

    def test_negative_weight_or_value(self):
        self.assert_refused_cleanly(
            ValidationError,
            "weight .* cannot be negative",
            lambda: self.make_offer(
                lines=[
                    {"product_id": self.pasta.id, "quantity": 1, "weight_kg": -1, "ddm": self.today}
                ]
            ),
        )
        self.assert_refused_cleanly(
            ValidationError,
            "declared value .* cannot be negative",
            lambda: self.make_offer(
                lines=[
                    {
                        "product_id": self.pasta.id,
                        "quantity": 1,
                        "declared_value": -5,
                        "ddm": self.today,
                    }
                ]
            ),
        )

    def test_pickup_window_that_ends_before_it_starts(self):
        now = fields.Datetime.now()
        self.assert_refused_cleanly(
            ValidationError,
            "ends before it starts",
            lambda: self.make_offer(
                pickup_start=now + timedelta(days=2), pickup_end=now + timedelta(days=1)
            ),
        )

    def test_pickup_window_already_over(self):
        now = fields.Datetime.now()
        offer = self.make_offer(
            pickup_start=now - timedelta(days=2), pickup_end=now - timedelta(days=1)
        )
        with self.assertRaisesRegex(UserError, "already over"):
            offer.action_register()
        self.assertEqual(offer.state, "draft")

    def test_dlc_already_past(self):
        self.assert_refused_cleanly(
            ValidationError,
            "already past",
            lambda: self.make_offer(
                lines=[
                    {
                        "product_id": self.yoghurt.id,
                        "quantity": 2,
                        "dlc": self.today - timedelta(days=1),
                    }
                ]
            ),
        )

    def test_dlc_passed_since_the_offer_was_taken_is_refused_at_registration(self):
        now = fields.Datetime.now()
        vals = self.offer_vals(
            lines=[
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 2,
                    "dlc": self.today - timedelta(days=1),
                }
            ],
            pickup_start=now + timedelta(hours=2),
            pickup_end=now + timedelta(hours=5),
        )
        with freeze_time(now - timedelta(days=3)):  # taken three days ago
            offer = self.env["loco.donation.offer"].with_user(self.operator).create(vals)
        with self.assertRaisesRegex(ValidationError, "already past"):
            offer.action_register()
        self.assertEqual(offer.state, "draft")

    def test_missing_date_is_refused_at_registration(self):
        offer = self.make_offer(lines=[{"product_id": self.yoghurt.id, "quantity": 2}])
        with self.assertRaisesRegex(ValidationError, "needs its DLC"):
            offer.action_register()
        self.assertEqual(offer.state, "draft")

    def test_product_that_is_not_food(self):
        soap = self.env["product.product"].create({"name": "Soap", "is_storable": True})
        self.assert_refused_cleanly(
            ValidationError,
            "is not a food product",
            lambda: self.make_offer(lines=[{"product_id": soap.id, "quantity": 2}]),
        )

    def test_unknown_or_forged_records(self):
        plain = self.env["stock.warehouse"].create({"name": "Plain", "code": "PLN"})
        self.assert_refused_cleanly(
            ValidationError, "is not a LOCO hub", lambda: self.make_offer(hub_id=plain.id)
        )
        self.assert_refused_cleanly(
            UserError, "does not exist", lambda: self.make_offer(hub_id=999999)
        )
        self.assert_refused_cleanly(
            UserError, "does not exist", lambda: self.make_offer(donor_id=999999)
        )
        self.assert_refused_cleanly(
            UserError,
            "does not exist",
            lambda: self.make_offer(lines=[{"product_id": 999999, "quantity": 1}]),
        )
        stranger = self.env["res.partner"].create({"name": "Not a donor"})
        self.assert_refused_cleanly(
            ValidationError, "is not a donor", lambda: self.make_offer(donor_id=stranger.id)
        )

    def test_offer_without_lines_or_hub(self):
        offer = self.make_offer(lines=[])
        with self.assertRaisesRegex(UserError, "has no line"):
            offer.action_register()
        far_donor = self.donor.copy({"zip": False, "name": "Donor without address"})
        offer = self.make_offer(donor_id=far_donor.id)
        self.assertFalse(offer.hub_id)
        with self.assertRaisesRegex(UserError, "no destination hub"):
            offer.action_register()

    def test_only_drafts_are_deleted(self):
        draft = self.make_offer()
        draft.unlink()
        offer = self.make_offer()
        offer.action_register()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            offer.unlink()

    def test_wrong_transitions(self):
        offer = self.make_offer()
        with self.assertRaisesRegex(UserError, "cannot be accepted: it is Draft"):
            offer.with_user(self.coordinator).action_accept()
        offer.with_user(self.coordinator).action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be registered"):
            offer.action_register()

    def test_operators_cannot_accept(self):
        offer = self.make_offer()
        offer.action_register()
        with self.assertRaises(AccessError):
            offer.with_user(self.operator).action_accept()
        with self.assertRaises(AccessError):
            offer.with_user(self.operator).action_cancel()
