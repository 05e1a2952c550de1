# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import LocoFleetCase


@tagged("post_install", "-at_install")
class TestRoundFlow(LocoFleetCase):
    def test_a_round_groups_its_pickups_and_deliveries_in_one_batch_of_the_hub(self):
        offer = self.accepted_offer()
        order = self.delivery_order()
        rnd = self.make_round([offer], [order])
        batch = rnd.batch_id
        self.assertEqual(batch.picking_ids, offer.picking_id | order.picking_id)
        self.assertEqual(
            set(batch.picking_ids.mapped("picking_type_code")), {"incoming", "outgoing"}
        )
        self.assertEqual(batch.vehicle_id, self.van, "stock_fleet's own vehicle field")
        self.assertEqual(rnd.driver_id, self.driver.partner_id, "the vehicle's driver")
        self.assertEqual(batch.loco_round_id, rnd)
        pickup, delivery = rnd.stop_ids.sorted(lambda s: s.kind != "pickup")
        self.assertEqual(pickup.kind, "pickup")
        self.assertEqual(pickup.partner_id, self.donor)
        self.assertAlmostEqual(pickup.weight_kg, 70.0)  # 40 yoghurts + 100 pasta × 0.5 kg
        self.assertEqual(pickup.temperature_class, "chilled")
        self.assertEqual(pickup.window_start, offer.pickup_start)
        self.assertEqual(pickup.organisation_id, self.organisation, "the hub's organisation")
        self.assertEqual(delivery.kind, "delivery")
        self.assertEqual(delivery.organisation_id, self.customer)
        self.assertAlmostEqual(delivery.weight_kg, 20.0)
        self.assertEqual(delivery.window_start, self.at(1, 9), "association's hours")
        self.assertEqual(delivery.window_end, self.at(1, 17))
        self.assertTrue(rnd.distance_km > 0)
        self.assertEqual(rnd.problem_count, 0)
        self.assertEqual(rnd.distance_source, "haversine")

    def test_a_hubs_transfers_wait_for_their_round_not_in_a_batch_per_partner(self):
        """stock_picking_batch batches a new warehouse's receipts and deliveries per
        partner as they are reserved; a hub's batches are its rounds."""
        offer = self.accepted_offer()
        order = self.delivery_order()
        self.assertEqual(order.picking_id.state, "assigned")
        self.assertFalse((offer.picking_id | order.picking_id).batch_id)
        Warehouse = self.env["stock.warehouse"]
        hub = Warehouse.create({"name": "Hub (test batches)", "code": "HTB", "loco_hub": True})
        self.assertFalse(any((hub.in_type_id | hub.out_type_id).mapped("auto_batch")))
        plain = Warehouse.create({"name": "Warehouse (test batches)", "code": "WTB"})
        self.assertTrue(plain.out_type_id.auto_batch, "other warehouses keep Odoo's default")

    def test_coordinator_plans_driver_runs_the_round_offers_and_orders_move(self):
        offer = self.accepted_offer()
        order = self.delivery_order()
        rnd = self.make_round([offer], [order])
        rnd.action_optimize()
        rnd.action_plan()
        self.assertEqual(rnd.state, "planned")
        self.assertEqual(rnd.batch_id.state, "in_progress")

        as_driver = rnd.with_user(self.driver)
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": self.van.id, "value": 1000})
        as_driver.action_start()
        self.assertEqual(rnd.state, "in_progress")
        self.assertEqual(rnd.odometer_start, 1000, "read from the vehicle")

        pickup = rnd.stop_ids.filtered(lambda s: s.kind == "pickup").with_user(self.driver)
        delivery = rnd.stop_ids.filtered(lambda s: s.kind == "delivery").with_user(self.driver)
        pickup.action_mark_done(temperature=4.0, contact_name="Luc (Colruyt)")
        self.assertEqual(offer.state, "collected")
        self.assertEqual(pickup.state, "done")
        self.assertFalse(pickup.cold_chain_broken)
        delivery.action_mark_done(contact_name="Nadia")
        self.assertEqual(order.state, "done")
        self.assertEqual(order.picking_id.state, "done")

        as_driver.odometer_end = 1042
        as_driver.action_done()
        self.assertEqual(rnd.state, "done")
        self.assertEqual(rnd.driven_km, 42)
        self.van.invalidate_recordset(["odometer"])
        self.assertEqual(self.van.odometer, 1042, "Odoo's odometer log of the vehicle")
        self.assertAlmostEqual(rnd.cost, 21.0)  # 42 km × 0.50
        shares = {c.organisation_id: c.amount for c in rnd.cost_ids}
        self.assertAlmostEqual(sum(shares.values()), 21.0)
        # by kg carried: 70 kg collected for the hub's organisation, 20 kg delivered
        self.assertAlmostEqual(shares[self.organisation], round(21.0 * 70 / 90, 2))
        self.assertAlmostEqual(shares[self.customer], round(21.0 * 20 / 90, 2))

        # back at the hub, staff receive what was collected
        self.receive(offer)
        self.assertEqual(offer.state, "received")

    def collected_at(self, temperature):
        """An offer of chilled food collected by the driver, who read ``temperature``."""
        offer = self.accepted_offer()
        rnd = self.make_round([offer])
        rnd.action_plan()
        rnd.with_user(self.driver).action_start()
        stop = rnd.stop_ids.with_user(self.driver)
        stop.action_mark_done(temperature=temperature, contact_name="Luc")
        return offer, stop

    def test_cold_chain_break_is_recorded_and_flagged_to_the_hub(self):
        offer, stop = self.collected_at(9.5)
        self.assertTrue(stop.cold_chain_broken)
        self.assertEqual(stop.temperature, 9.5)
        self.assertIn("9.5", offer.message_ids[0].body)
        self.assertTrue(offer.activity_ids, "someone at the hub must look at the goods")
        # the reading joins the temperature log, out of range, by the driver
        log = self.env["loco.temperature.log"].search([("picking_id", "=", offer.picking_id.id)])
        self.assertEqual(
            (log.place, log.reading, log.out_of_range, log.user_id),
            ("pickup", 9.5, True, self.driver),
        )
        self.assertFalse(log.hold_picking_id, "on the road: the hub reads it again at its dock")

    def test_the_limits_a_stop_reads_against_are_configuration(self):
        self.env.ref("loco_hubs.temperature_limit_chilled").highest = 10.0
        _offer, stop = self.collected_at(9.5)
        self.assertFalse(stop.cold_chain_broken)

    def test_a_failed_stop_leaves_its_offer_or_order_open_for_another_round(self):
        offer = self.accepted_offer()
        order = self.delivery_order()
        rnd = self.make_round([offer], [order])
        rnd.action_plan()
        rnd.with_user(self.driver).action_start()
        for stop in rnd.stop_ids.with_user(self.driver):
            stop.action_mark_failed("Closed, nobody there")
        self.assertEqual(offer.state, "accepted")
        self.assertEqual(order.state, "ready")
        self.assertFalse(order.picking_id.batch_id, "its transfer left the round's batch")
        rnd.with_user(self.driver).write({"odometer_end": rnd.odometer_start + 12})
        rnd.with_user(self.driver).action_done()
        self.assertEqual(
            rnd.cost_ids.organisation_id, self.organisation, "nobody served: the hub pays"
        )
        # another day, another round takes them
        again = self.make_round([offer], [order], day=2)
        self.assertEqual(len(again.stop_ids), 2)
        self.assertEqual(order.picking_id.batch_id, again.batch_id)

    def test_a_vehicle_is_on_one_round_a_day(self):
        offer = self.accepted_offer()
        rnd = self.make_round([offer])
        with self.refused(ValidationError, "already on round"):
            self.make_round()
        other_day = self.make_round(day=2)
        self.assertEqual(other_day.vehicle_id, self.van)
        with self.refused(ValidationError, "already on round"):
            other_day.date = rnd.date
        rnd.action_cancel()
        self.make_round()
        stop = self.env["loco.round.stop"].search([("offer_id", "=", offer.id)])
        self.assertEqual(stop.state, "cancelled", "the offer is free again")

    def test_an_offer_or_order_is_on_one_live_round_only(self):
        offer = self.accepted_offer()
        self.make_round([offer])
        with self.refused(ValidationError, "already on round"):
            self.make_round([offer], vehicle=self.truck)

    def test_planning_explains_each_violation_per_stop(self):
        big = self.accepted_offer(
            lines=[
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 300,
                    "dlc": self.today + timedelta(days=10),
                }
            ]
        )
        order = self.delivery_order(lines=[(self.pasta, 20)])
        rnd = self.make_round([big], [order], vehicle=self.bike)
        self.assertEqual(rnd.problem_count, 2, "overloaded from the pickup on")
        pickup = rnd.stop_ids.filtered(lambda s: s.kind == "pickup")
        self.assertIn("kg on board", pickup.problem)
        self.assertIn("Cold chain", pickup.problem)
        with self.assertRaises(UserError) as caught:
            rnd.action_plan()
        message = caught.exception.args[0]
        self.assertIn(f"Stop {pickup.sequence} – {self.donor.display_name}", message)
        self.assertIn("100.0 kg at most", message)
        self.assertEqual(rnd.state, "draft")
        rnd.vehicle_id = self.truck
        self.assertEqual(rnd.problem_count, 0)
        rnd.action_plan()
        self.assertEqual(rnd.state, "planned")

    def test_a_window_the_round_cannot_reach_is_a_problem(self):
        offer = self.accepted_offer(start_hour=6, end_hour=7)
        rnd = self.make_round([offer])
        rnd.departure_hour = 9.0
        self.assertIn("after its time window closes", rnd.stop_ids.problem)
        with self.refused(UserError, "cannot be planned"):
            rnd.action_plan()

    def test_optimise_reorders_the_stops_for_a_shorter_drive(self):
        far = self.accepted_offer()  # Mons, west
        near = self.delivery_order()  # Charleroi
        louviere = self.delivery_order(partner=self.association_2)
        rnd = self.make_round([far], [near, louviere])
        # worst order: far west, back east, west again
        rnd.stop_ids.filtered(lambda s: s.order_id == near).sequence = 1
        rnd.stop_ids.filtered(lambda s: s.offer_id == far).sequence = 2
        rnd.stop_ids.filtered(lambda s: s.order_id == louviere).sequence = 3
        rnd.action_check()
        before = rnd.distance_km
        rnd.action_optimize()
        self.assertLessEqual(rnd.distance_km, before)
        self.assertEqual(sorted(rnd.stop_ids.mapped("sequence")), [1, 2, 3])
        self.assertIn("Stops ordered by the optimiser", rnd.message_ids[0].body)
        for stop in rnd.stop_ids:
            self.assertEqual(stop.picking_id.batch_sequence, stop.sequence, "batch in round order")

    def test_round_sheet_lists_the_stops(self):
        offer = self.accepted_offer()
        order = self.delivery_order()
        rnd = self.make_round([offer], [order])
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "loco_fleet.report_loco_round", rnd.ids
        )
        html = html.decode()
        self.assertIn(rnd.name, html)
        self.assertIn(self.donor.name, html)
        self.assertIn(self.customer.name, html)
        self.assertIn("Test yoghurt", html)

    def test_second_clicks_do_nothing(self):
        offer = self.accepted_offer()
        rnd = self.make_round([offer])
        rnd.action_plan()
        rnd.action_plan()
        rnd.with_user(self.driver).action_start()
        rnd.with_user(self.driver).action_start()
        stop = rnd.stop_ids.with_user(self.driver)
        stop.action_mark_done(temperature=3, contact_name="Luc")
        stop.action_mark_done(temperature=3, contact_name="Luc")
        self.assertEqual(offer.state, "collected")
        notes = offer.message_ids.filtered(lambda m: "Collected on round" in (m.body or ""))
        self.assertEqual(len(notes), 1, notes.mapped("body"))
        with self.refused(UserError, "already closed"):
            stop.action_mark_failed("too late")

    def test_bad_input_is_refused_clearly_and_nothing_is_half_written(self):
        offer = self.accepted_offer()
        order = self.delivery_order()
        rnd = self.make_round([offer], [order])
        pickup = rnd.stop_ids.filtered(lambda s: s.kind == "pickup").with_user(self.driver)
        with self.refused(UserError, "has not started"):
            pickup.action_mark_done(temperature=3, contact_name="Luc")
        rnd.action_plan()
        rnd.with_user(self.driver).action_start()
        with self.refused(UserError, "record the temperature"):
            pickup.action_mark_done(contact_name="Luc")
        with self.refused(UserError, "not a plausible temperature"):
            pickup.action_mark_done(temperature=100, contact_name="Luc")
        with self.refused(UserError, "write the name"):
            pickup.action_mark_done(temperature=3, contact_name="  ")
        with self.refused(UserError, "say why"):
            pickup.action_mark_failed("")
        self.assertEqual(pickup.state, "open")
        self.assertEqual(offer.state, "accepted")
        with self.refused(UserError, "still has open stops"):
            rnd.with_user(self.driver).action_done()
        for stop in rnd.stop_ids.with_user(self.driver):
            stop.action_mark_done(temperature=3, contact_name="Luc")
        with self.refused(UserError, "record the odometer"):
            rnd.with_user(self.driver).action_done()
        rnd.with_user(self.driver).write({"odometer_start": 500, "odometer_end": 400})
        with self.refused(UserError, "cannot go backwards"):
            rnd.with_user(self.driver).action_done()
        rnd.with_user(self.driver).odometer_end = 99000
        with self.refused(UserError, "not plausible"):
            rnd.with_user(self.driver).action_done()
        self.assertEqual(rnd.state, "in_progress")
        self.assertFalse(rnd.cost_ids)
        with self.refused(UserError, "cannot be cancelled"):
            rnd.action_cancel()

    def test_rounds_and_stops_refuse_what_does_not_belong(self):
        with self.refused(ValidationError, "already past"):
            self.make_round(day=-1)
        registered = self.make_offer(pickup_start=self.at(1, 8), pickup_end=self.at(1, 12))
        registered.action_register()
        with self.refused(ValidationError, "cannot be collected"):
            self.make_round([registered])
        pickup_order = self.delivery_order()
        pickup_order.delivery_method = "pickup"
        with self.refused(ValidationError, "cannot be delivered"):
            self.make_round(orders=[pickup_order])
        other_hub = self.env["stock.warehouse"].create(
            {"name": "Other hub", "code": "OTH", "loco_hub": True}
        )
        rnd = (
            self.env["loco.round"]
            .with_user(self.coordinator)
            .create({"hub_id": other_hub.id, "vehicle_id": self.van.id})
        )
        offer = self.accepted_offer()
        with self.refused(ValidationError, "another hub"):
            rnd.write({"stop_ids": [(0, 0, {"offer_id": offer.id})]})
        with self.refused(UserError, "does not exist"):
            rnd.write({"vehicle_id": 999999})
        with self.refused(ValidationError, "exactly one document"):
            rnd.write({"stop_ids": [(0, 0, {"offer_id": offer.id, "order_id": pickup_order.id})]})
        self.assertFalse(rnd.stop_ids)
        with self.refused(ValidationError, "hours must be between"):
            rnd.write({"departure_hour": 19.0, "return_hour": 8.0})
