# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""A round is run from the round: its batch follows it, what a driver recorded is
evidence once the stop or the round is closed, a driver writes on their own rounds
only, and a stop is done only when its transfer is."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import LocoFleetCase


@tagged("post_install", "-at_install")
class TestRoundIntegrity(LocoFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_planned_round()
        cls.driver_hub = new_test_user(
            cls.env,
            "loco_driver_hub",
            groups="loco_fleet.group_loco_driver,loco_hubs.group_loco_hub_user",
        )

    def run_round(self, rnd):
        rnd.action_start()
        for stop in rnd.stop_ids:
            stop.action_mark_done(temperature=3, contact_name="Luc")
        rnd.write({"odometer_start": 100, "odometer_end": 150})
        rnd.action_done()

    def test_stock_users_do_not_drive_a_round_through_its_batch(self):
        batch = self.round_1.batch_id.with_user(self.hub_user)
        for vals in (
            {"vehicle_id": self.bike.id},
            {"driver_id": self.hub_user.partner_id.id},
            {"picking_ids": [(5, 0, 0)]},
        ):
            with self.subTest(vals=vals), self.refused(AccessError, "transfer of round"):
                batch.write(vals)
        for action in (batch.action_done, batch.action_cancel):
            with self.subTest(action=action), self.refused(UserError, "transfer of round"):
                action()
        other = self.make_delivery(self.pasta, 1)
        with self.refused(UserError, "transfer of round"):
            other.with_user(self.hub_user).batch_id = self.round_1.batch_id
        self.assertEqual(self.round_1.vehicle_id, self.van)
        self.assertEqual(self.round_1.batch_id.vehicle_id, self.van)
        self.assertEqual(self.order.state, "ready")
        # the coordinator changes the vehicle on the round, and the batch follows
        self.round_2.with_user(self.coordinator).vehicle_id = self.bike
        self.assertEqual(self.round_2.batch_id.vehicle_id, self.bike)

    def test_readings_are_evidence_once_recorded(self):
        self.run_round(self.round_1.with_user(self.driver))
        stop = self.round_1.stop_ids.filtered("temperature_taken")
        self.assertEqual(len(stop), 1, "the pickup of chilled food")
        for user in (self.driver, self.coordinator):
            for vals in (
                {"temperature": 25.0},
                {"contact_name": "Somebody else"},
                {"signature": False},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.refused(AccessError, "stays as it was"):
                        stop.with_user(user).write(vals)
            with self.subTest(user=user.login, odometer=True):
                with self.refused(AccessError, "stays as it was"):
                    self.round_1.with_user(user).odometer_end = 9999
        self.assertEqual(stop.temperature, 3)
        self.assertEqual(stop.contact_name, "Luc")
        self.assertEqual(self.round_1.odometer_end, 150)
        self.round_1.with_user(self.coordinator).note = "Late because of road works"

    def test_a_driver_who_is_also_hub_staff_writes_only_their_rounds(self):
        as_both = self.round_1.with_user(self.driver_hub)
        self.assertEqual(as_both.name, self.round_1.name, "hub staff read every round")
        with self.refused(AccessError, "not your round|is not yours|drive"):
            as_both.odometer_start = 5
        with self.refused(AccessError, "not your round|is not yours|drive"):
            as_both.stop_ids[0].note = "forged"
        self.assertFalse(self.round_1.odometer_start)

    def test_a_stop_is_done_only_when_its_transfer_is(self):
        """product_expiry answers a wizard instead of validating a transfer holding a
        lot past its date: the stop and the order must stay open."""
        self.round_1.with_user(self.driver).action_start()
        delivery = self.round_1.stop_ids.filtered(lambda s: s.kind == "delivery")
        lot = self.order.picking_id.move_line_ids.lot_id
        lot.sudo().use_date = self.at(-400)  # the date was entered wrong: it is long past
        with self.refused(UserError, "could not be validated"):
            delivery.with_user(self.driver).action_mark_done(contact_name="Luc")
        self.assertEqual(delivery.state, "open")
        self.assertEqual(self.order.state, "ready")
        self.assertNotEqual(self.order.picking_id.state, "done")
