# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LocoFleetCase


@tagged("post_install", "-at_install")
class TestFleetAccess(LocoFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_planned_round()
        cls.portal = new_test_user(cls.env, "loco_fleet_portal", groups="base.group_portal")

    def test_drivers_see_and_run_only_their_rounds(self):
        Round = self.env["loco.round"].with_user(self.driver)
        self.assertEqual(
            Round.search([("id", "in", (self.round_1 | self.round_2).ids)]), self.round_1
        )
        with self.assertRaises(AccessError):
            self.round_2.with_user(self.driver).read(["name"])
        with self.assertRaises(AccessError):
            self.round_2.stop_ids.with_user(self.driver).read(["state"])
        mine = self.round_1.with_user(self.driver)
        mine.action_start()
        mine.odometer_start = 120  # drivers record the odometer
        for stop in mine.stop_ids:
            stop.note = "Ring twice"
            stop.action_mark_done(temperature=3, contact_name="Luc")
        self.assertEqual(self.order.state, "done", "the driver completes the delivery")

    def test_drivers_cannot_plan_or_change_what_the_coordinator_decided(self):
        mine = self.round_1.with_user(self.driver)
        with self.refused(AccessError, "coordinators"):
            self.env["loco.round"].with_user(self.driver).create({"hub_id": self.hub.id})
        with self.refused(AccessError, "only record the odometer"):
            mine.vehicle_id = self.bike
        with self.refused(AccessError, "only record the odometer"):
            mine.stop_ids[0].window_start = self.at(1, 5)
        with self.refused(AccessError, "coordinators"):
            mine.action_cancel()
        with self.refused(AccessError, "coordinators"):
            mine.action_optimize()
        with self.assertRaises(AccessError):
            mine.stop_ids[0].unlink()
        with self.assertRaises(AccessError):
            self.env["loco.round.planner"].with_user(self.driver).create({"hub_id": self.hub.id})
        with self.assertRaises(AccessError):
            self.round_2.stop_ids.with_user(self.driver).action_mark_failed("not mine")
        # another driver cannot start this round
        with self.assertRaises(AccessError):
            self.round_1.with_user(self.driver_2).action_start()
        self.assertEqual(self.round_1.state, "planned")

    def test_states_change_only_through_the_buttons_even_for_coordinators(self):
        with self.refused(AccessError, "only through the document's buttons"):
            self.round_1.write({"state": "done"})
        with self.refused(AccessError, "only through the document's buttons"):
            self.round_1.stop_ids[0].write({"state": "done"})
        with self.refused(AccessError, "only through the document's buttons"):
            self.round_1.write({"cost": 0.0})
        with self.refused(AccessError, "only through the document's buttons"):
            self.env["loco.round"].with_user(self.coordinator).create(
                {"hub_id": self.hub.id, "state": "done", "date": self.round_1.date}
            )
        self.assertEqual(self.round_1.state, "planned")
        self.assertEqual(set(self.round_1.stop_ids.mapped("state")), {"open"})

    def test_hub_staff_read_rounds_but_do_not_plan_them(self):
        as_hub = self.round_1.with_user(self.hub_user)
        self.assertEqual(as_hub.stop_ids.mapped("kind"), self.round_1.stop_ids.mapped("kind"))
        self.assertTrue(as_hub.batch_id.picking_ids, "their batch transfer, as usual")
        with self.refused(AccessError, "coordinators"):
            as_hub.action_draft()
        with self.assertRaises(AccessError):
            as_hub.write({"note": "x", "vehicle_id": self.bike.id})
        self.assertTrue(self.van.with_user(self.hub_user).loco_payload_kg)

    def test_accountants_read_the_costs_per_organisation(self):
        self.round_1.action_start()
        for stop in self.round_1.stop_ids:
            stop.action_mark_done(temperature=3, contact_name="Luc")
        self.round_1.write({"odometer_start": 100, "odometer_end": 150})
        self.round_1.action_done()
        Cost = self.env["loco.round.cost"].with_user(self.accountant)
        groups = Cost._read_group(
            [("round_id", "=", self.round_1.id)], ["organisation_id"], ["amount:sum"]
        )
        self.assertEqual(
            {org: amount for org, amount in groups},
            {cost.organisation_id: cost.amount for cost in self.round_1.cost_ids},
        )
        self.assertAlmostEqual(sum(amount for _org, amount in groups), self.round_1.cost)
        self.round_1.with_user(self.accountant).read(["cost", "driven_km"])
        with self.assertRaises(AccessError):
            Cost.create({"round_id": self.round_1.id, "organisation_id": self.customer.id})
        with self.refused(AccessError, "coordinators"):
            self.round_2.with_user(self.accountant).action_cancel()

    def test_operators_and_portal_users_see_no_round(self):
        for user in (self.operator, self.portal):
            with self.assertRaises(AccessError):
                self.env["loco.round"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["loco.round.stop"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["loco.round.cost"].with_user(user).search([])
