# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.queue_job.job import Job

from .common import LocoFleetCase


@tagged("post_install", "-at_install")
class TestPlanner(LocoFleetCase):
    def planner(self, day=1, user=None):
        with Form(self.env["loco.round.planner"].with_user(user or self.coordinator)) as form:
            form.hub_id = self.hub
            form.date = self.today + timedelta(days=day)
        return form.save()

    def test_tomorrows_rounds_in_one_click_from_open_offers_and_orders(self):
        pickup = self.accepted_offer()
        frozen = self.delivery_order(lines=[(self.peas, 30)])
        dry = self.delivery_order(partner=self.association_2, lines=[(self.pasta, 50)])
        planner = self.planner()
        self.assertEqual(planner.offer_ids, pickup)
        self.assertEqual(planner.order_ids, frozen | dry)
        fleet = self.van | self.truck | self.bike
        self.assertEqual(planner.vehicle_ids & fleet, fleet)
        planner.vehicle_ids = fleet  # not the demo pool's
        result = planner.action_build()
        self.assertEqual(result["tag"], "display_notification")
        rounds = self.env["loco.round"].search(result["params"]["next"]["domain"])
        stops = rounds.stop_ids
        self.assertEqual(stops.offer_id, pickup)
        self.assertEqual(stops.order_id, frozen | dry)
        self.assertEqual(len(stops), 3, "each stop on exactly one round")
        frozen_stop = stops.filtered(lambda s: s.order_id == frozen)
        self.assertEqual(frozen_stop.round_id.vehicle_id, self.truck, "frozen food: the truck")
        for rnd in rounds:
            self.assertEqual(rnd.state, "draft")
            self.assertEqual(rnd.problem_count, 0, rnd.stop_ids.mapped("problem"))
            self.assertEqual(
                sorted(rnd.stop_ids.mapped("sequence")), list(range(1, len(rnd.stop_ids) + 1))
            )
            rnd.action_plan()
        # everything is on a round now: nothing left to plan for that day
        again = self.planner()
        self.assertFalse(again.offer_ids or again.order_ids)
        self.assertFalse(self.planner().vehicle_ids & rounds.vehicle_id, "busy that day")
        self.assertEqual(self.planner(day=2).vehicle_ids & fleet, fleet, "free the day after")

    def test_a_big_day_is_built_by_a_queued_job_and_the_coordinator_is_told(self):
        pickup = self.accepted_offer()
        frozen = self.delivery_order(lines=[(self.peas, 30)])
        planner = self.planner()
        planner.vehicle_ids = self.van | self.truck
        action = planner.action_build_in_background()
        self.assertEqual(action["params"]["type"], "info")
        planner.action_build_in_background()  # a second click queues nothing more
        jobs = self.env["queue.job"].search([("method_name", "=", "_loco_build_job")])
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.channel, "root.loco_planner")
        self.assertEqual(jobs.user_id, self.coordinator)
        self.assertFalse(self.env["loco.round"].search([("stop_ids.offer_id", "=", pickup.id)]))
        rounds = Job.load(self.env, jobs.uuid).perform()
        self.assertEqual(rounds.env.user, self.coordinator, "built with the asker's rights")
        self.assertEqual(rounds.stop_ids.offer_id, pickup)
        self.assertEqual(rounds.stop_ids.order_id, frozen)
        self.assertEqual(set(rounds.mapped("state")), {"draft"})
        told = (
            self.env["mail.notification"]
            .search([("res_partner_id", "=", self.coordinator.partner_id.id)])
            .mail_message_id.filtered(lambda m: "round(s) built" in str(m.body))
        )
        self.assertEqual(len(told), 1)

    def test_a_day_that_makes_no_sense_is_refused_at_once_not_queued(self):
        self.accepted_offer()
        planner = self.planner()
        planner.vehicle_ids = False
        with self.refused(UserError, "at least one vehicle"):
            planner.action_build_in_background()
        with self.refused(UserError, "today or later"):
            self.planner(day=-1).action_build_in_background()
        self.assertFalse(self.env["queue.job"].search([("method_name", "=", "_loco_build_job")]))

    def test_what_no_vehicle_can_take_is_reported_not_dropped_silently(self):
        frozen = self.delivery_order(lines=[(self.peas, 30)])
        dry = self.delivery_order(partner=self.association_2, lines=[(self.pasta, 20)])
        planner = self.planner()
        planner.vehicle_ids = self.van  # chilled only
        result = planner.action_build()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("Could not be planned", result["params"]["message"])
        self.assertIn(self.customer.display_name, result["params"]["message"])
        self.assertIn("Cold chain", result["params"]["message"])
        rounds = self.env["loco.round"].search(result["params"]["next"]["domain"])
        self.assertEqual(rounds.stop_ids.order_id, dry)
        self.assertFalse(frozen.loco_stop_ids)

    def test_the_planner_refuses_what_makes_no_sense(self):
        with self.refused(UserError, "nothing to collect or deliver"):
            self.planner().action_build()
        self.delivery_order()
        planner = self.planner()
        planner.vehicle_ids = False
        with self.refused(UserError, "at least one vehicle"):
            planner.action_build()
        past = self.planner(day=-1)
        with self.refused(UserError, "today or later"):
            past.action_build()
        with self.assertRaises(AccessError):
            self.planner(user=self.hub_user)

    def test_vehicles_of_the_pool_are_offered_to_every_hub(self):
        other_hub = self.env["stock.warehouse"].create(
            {"name": "Other hub", "code": "OTH2", "loco_hub": True}
        )
        shared = self.make_vehicle("POOL-1", self.cat_van, "frozen", 0.8, self.driver_2)
        shared.write({"loco_hub_id": other_hub.id, "loco_pool": True})
        private = self.make_vehicle("PRIV-1", self.cat_van, "chilled", 0.8, self.driver_2)
        private.loco_hub_id = other_hub
        vehicles = self.planner().vehicle_ids
        self.assertIn(shared, vehicles)
        self.assertNotIn(private, vehicles)

    def test_missing_coordinates_are_explained(self):
        self.association_2.write({"partner_latitude": 0.0, "partner_longitude": 0.0})
        order = self.delivery_order(partner=self.association_2)
        rnd = self.make_round(orders=[order])
        self.assertIn("no coordinates", rnd.stop_ids.problem)
        with self.refused(UserError, "cannot be planned"):
            rnd.action_plan()
        self.hub.partner_id.write({"partner_latitude": 0.0, "partner_longitude": 0.0})
        with self.refused(UserError, "has no coordinates"):
            rnd.action_optimize()

    def test_a_split_respects_payloads(self):
        # three deliveries of 400 kg: the 1000 kg van cannot take them all
        heavy = self.env["product.product"].create(
            {"name": "Test flour 25 kg", "categ_id": self.categ_pasta.id, "weight": 25.0}
        )
        self.put_in_stock(self.make_lot(heavy, 300), 100)
        orders = self.env["loco.order"]
        for partner in (self.customer, self.association_2, self.customer):
            orders |= self.delivery_order(partner=partner, lines=[(heavy, 16)])
        planner = self.planner()
        planner.vehicle_ids = self.van | self.bike
        result = planner.action_build()
        self.assertIn("Could not be planned", result["params"]["message"])
        rounds = self.env["loco.round"].search(result["params"]["next"]["domain"])
        self.assertEqual(rounds.vehicle_id, self.van)
        self.assertEqual(len(rounds.stop_ids), 2, "two of 400 kg fit in 1000 kg, not three")
        self.assertLessEqual(rounds.max_load_kg, 1000)
        planner = self.planner()
        self.assertEqual(len(planner.order_ids), 1, "the third is still open")

    def test_stops_are_added_by_hand_as_well(self):
        offer = self.accepted_offer()
        rnd = (
            self.env["loco.round"]
            .with_user(self.coordinator)
            .create({"hub_id": self.hub.id, "vehicle_id": self.van.id})
        )
        self.assertEqual(rnd.date, self.today + timedelta(days=1), "tomorrow by default")
        self.assertEqual(rnd.departure_hour, 7.0, "the hub's hours")
        rnd.write({"stop_ids": [Command.create({"offer_id": offer.id})]})
        self.assertEqual(rnd.stop_ids.kind, "pickup")
        self.assertTrue(rnd.distance_km)
        receipt = offer.sudo().picking_id
        self.assertEqual(receipt.batch_id, rnd.batch_id)
        rnd.write({"stop_ids": [Command.clear()]})
        self.assertFalse(receipt.batch_id, "out of the batch with its stop")
        self.assertEqual(rnd.distance_km, 0)
