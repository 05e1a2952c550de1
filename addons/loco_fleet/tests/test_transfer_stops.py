# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

# the module, not its classes: Odoo's runner would collect an imported test class
from odoo.addons.loco_donations.tests import test_exchange

from .common import LocoFleetCase


class LocoTransferCase(LocoFleetCase, test_exchange.LocoExchangeCase):
    """The fleet's test network (hub A, its van and drivers) with loco_donations'
    exchange network: hub A2 of the same organisation, at Namur; hub B of another
    organisation, at Liège, with its own coordinator, driver and chilled van."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hub2.partner_id = cls.env["res.partner"].create(
            {
                "name": "Test hub 2 (Namur)",
                "street": "Rue des Dépôts 2",
                "zip": "5000",
                "city": "Namur",
                "partner_latitude": 50.4670,
                "partner_longitude": 4.8710,
            }
        )
        cls.company_b.partner_id.write(
            {"city": "Liège", "partner_latitude": 50.6330, "partner_longitude": 5.5670}
        )
        cls.coordinator_b = cls.user_of(
            "loco_transfer_coordinator_b", "loco_hubs.group_loco_coordinator", cls.company_b
        )
        cls.driver_b = cls.user_of(
            "loco_transfer_driver_b", "loco_fleet.group_loco_driver", cls.company_b
        )
        cls.van_b = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "category_id": cls.cat_van.id,
                "license_plate": "VAN-B",
                "loco_cold_class": "chilled",
                "loco_hub_id": cls.hub_b.id,
                "company_id": cls.company_b.id,
                "loco_cost_per_km": 0.4,
                "driver_id": cls.driver_b.partner_id.id,
            }
        )

    @classmethod
    def user_of(cls, login, group, company):
        return new_test_user(
            cls.env,
            login,
            groups=group,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def accepted_exchange(self, to_hub, lines=None, transport="sender_delivers"):
        """An exchange from hub A proposed by its staff, accepted by the other hub's."""
        exchange = self.make_exchange(to_hub, lines)
        exchange.transport = transport
        exchange.action_propose()
        receiver = self.hub_user if to_hub.company_id == self.company else self.hub_user_b
        self.as_user(exchange, receiver).action_accept()
        self.assertEqual(exchange.state, "accepted")
        return exchange.with_env(self.env)

    def transfer_round(self, exchange, hub=None, vehicle=None, user=None, day=1):
        user = user or self.coordinator
        return self.as_user(self.env["loco.round"], user).create(
            {
                "hub_id": (hub or self.hub).id,
                "date": self.today + timedelta(days=day),
                "vehicle_id": (vehicle or self.van).id,
                "stop_ids": [Command.create({"exchange_id": exchange.id})],
            }
        )

    def started(self, rnd, coordinator=None, driver=None):
        self.as_user(rnd, coordinator or self.coordinator).action_plan()
        self.as_user(rnd, driver or self.driver).action_start()
        self.assertEqual(rnd.state, "in_progress")
        return rnd


@tagged("post_install", "-at_install")
class TestTransferStops(LocoTransferCase):
    def test_same_organisation_exchange_travels_on_the_senders_round_and_is_received(self):
        exchange = self.accepted_exchange(self.hub2)
        order = self.delivery_order()
        rnd = self.make_round(orders=[order])
        self.as_user(rnd, self.coordinator).write(
            {"stop_ids": [Command.create({"exchange_id": exchange.id})]}
        )
        stop = rnd.stop_ids.filtered("exchange_id")
        self.assertEqual(stop.kind, "transfer")
        self.assertEqual(stop.partner_id, self.hub2.partner_id, "dropped at the other hub")
        self.assertAlmostEqual(stop.weight_kg, 5.0)  # 10 yoghurts × 0.5 kg
        self.assertEqual(stop.temperature_class, "chilled", "from the lot's category")
        self.assertEqual(stop.picking_id, exchange.out_picking_id)
        self.assertEqual(exchange.out_picking_id.batch_id, rnd.batch_id)
        self.assertEqual(stop.organisation_id, self.company.partner_id, "the receiving hub's")
        self.assertIn("Test yoghurt", stop.goods)
        self.assertIn("Namur", stop.address)
        # loaded at the depot with the order, unloaded at hub 2
        self.assertAlmostEqual(rnd.delivery_kg, 25.0)
        self.assertAlmostEqual(rnd.pickup_kg, 0.0)
        self.assertAlmostEqual(rnd.max_load_kg, 25.0)
        self.assertEqual(rnd.problem_count, 0)
        self.assertEqual(exchange.loco_round_name, rnd.name)
        self.assertTrue(exchange.loco_on_round)
        self.started(rnd)

        as_driver = stop.with_user(self.driver)
        self.assertEqual(
            (as_driver.exchange_name, as_driver.exchange_from_hub, as_driver.exchange_to_hub),
            (exchange.name, "Test hub", "Test hub 2"),
            "the driver reads the exchange on the stop",
        )
        with self.assertRaises(AccessError):
            exchange.with_user(self.driver).check_access("read")
        as_driver.action_mark_done(temperature=4.0, contact_name="Anne (hub 2)")
        self.assertEqual(stop.state, "done")
        self.assertEqual(exchange.state, "received")
        self.assertEqual(exchange.out_picking_id.state, "done")
        self.assertEqual(exchange.in_picking_id.state, "done")
        self.assertEqual(self.on_hand(self.yoghurt_lot, self.hub2), 10)
        self.assertEqual(self.on_hand(self.yoghurt_lot, self.hub), 30)
        # hub staff read it moving
        as_staff = self.as_user(exchange, self.hub_user)
        self.assertEqual(as_staff.state, "received")
        self.assertEqual(as_staff.loco_stop_state, "done")
        self.assertTrue(as_staff.loco_round_visible)
        self.assertEqual(as_staff.action_view_round()["res_id"], rnd.id)
        bodies = " ".join(exchange.message_ids.mapped("body"))
        self.assertIn("Shipped by Test hub", bodies)
        self.assertIn("Received by Test hub 2", bodies)
        self.assertIn("Anne (hub 2)", bodies)

        # a second click changes nothing; failing it now is refused
        moves = self.env["stock.move"].search_count([("loco_exchange_line_id", "!=", False)])
        messages = len(exchange.message_ids)
        as_driver.action_mark_done(temperature=4.0, contact_name="Anne (hub 2)")
        self.assertEqual(exchange.state, "received")
        self.assertEqual(len(exchange.message_ids), messages)
        self.assertEqual(
            self.env["stock.move"].search_count([("loco_exchange_line_id", "!=", False)]), moves
        )
        with self.refused(UserError, "already closed"):
            as_driver.action_mark_failed("Too late")

        rnd.stop_ids.filtered("order_id").with_user(self.driver).action_mark_done(
            contact_name="Nadia"
        )
        rnd.with_user(self.driver).write({"odometer_end": rnd.odometer_start + 80})
        rnd.with_user(self.driver).action_done()
        self.assertEqual(rnd.state, "done")

    def test_another_organisation_collects_the_exchange_on_its_own_round(self):
        exchange = self.accepted_exchange(
            self.hub_b,
            [(self.yoghurt_lot, 10), (self.pasta_lot, 40)],
            transport="receiver_collects",
        )
        self.assertTrue(exchange.inter_company)
        rnd = self.transfer_round(
            exchange, hub=self.hub_b, vehicle=self.van_b, user=self.coordinator_b
        )
        self.assertEqual(rnd.company_id, self.company_b, "the round is the moving hub's")
        stop = rnd.stop_ids
        self.assertEqual(stop.kind, "transfer")
        self.assertEqual(stop.company_id, self.company_b)
        self.assertEqual(stop.partner_id, self.hub.partner_id, "collected at hub A")
        self.assertAlmostEqual(stop.weight_kg, 25.0)
        self.assertEqual(stop.temperature_class, "chilled")
        self.assertEqual(stop.picking_id, exchange.in_picking_id, "B's own receipt")
        self.assertEqual(exchange.in_picking_id.batch_id, rnd.batch_id)
        self.assertAlmostEqual(rnd.pickup_kg, 25.0, "loaded at hub A, carried home")
        self.assertAlmostEqual(rnd.delivery_kg, 0.0)
        self.started(rnd, self.coordinator_b, self.driver_b)
        self.as_user(stop, self.driver_b).action_mark_done(
            temperature=3.5, contact_name="Marc (hub A)"
        )
        self.assertEqual(exchange.state, "received")
        out, incoming = exchange.out_picking_id, exchange.in_picking_id
        self.assertEqual((out.state, incoming.state), ("done", "done"))
        lot_b = incoming.move_ids.move_line_ids.lot_id.filtered(
            lambda lot: lot.product_id == self.yoghurt
        )
        self.assertEqual(lot_b.company_id, self.company_b)
        self.assertEqual(lot_b.name, self.yoghurt_lot.name)
        for fname in ("expiration_date", "use_date", "removal_date", "distributable_until"):
            self.assertEqual(lot_b[fname], self.yoghurt_lot[fname], fname)
        self.assertEqual(self.on_hand(lot_b, self.hub_b), 10)
        self.assertEqual(self.on_hand(self.yoghurt_lot, self.hub), 30)
        # the sending hub's staff read where it went, without opening B's round
        as_sender = self.as_user(exchange, self.hub_user)
        self.assertEqual(as_sender.state, "received")
        self.assertEqual(as_sender.loco_round_name, rnd.name)
        self.assertEqual(as_sender.loco_stop_state, "done")
        self.assertFalse(as_sender.loco_round_visible)
        with self.assertRaises(AccessError):
            as_sender.action_view_round()
        self.assertTrue(self.as_user(exchange, self.hub_user_b).loco_round_visible)
        # B's round is B's alone: its cost goes to B (the hub's organisation)
        self.as_user(rnd, self.driver_b).write({"odometer_end": rnd.odometer_start + 120})
        self.as_user(rnd, self.driver_b).action_done()
        self.assertEqual(rnd.cost_ids.organisation_id, self.company_b.partner_id)

    def test_the_planner_picks_the_hubs_accepted_exchanges_of_the_day(self):
        delivered = self.accepted_exchange(self.hub2)
        collected_by_b = self.accepted_exchange(
            self.hub_b, [(self.pasta_lot, 20)], transport="receiver_collects"
        )
        taken = self.accepted_exchange(self.hub2, [(self.pasta_lot, 10)])
        self.transfer_round(taken, vehicle=self.truck)
        later = self.make_exchange(self.hub2, [(self.pasta_lot, 5)])
        later.scheduled_date = self.at(3)
        later.action_propose()
        later.action_accept()
        planner = (
            self.env["loco.round.planner"]
            .with_user(self.coordinator)
            .create({"hub_id": self.hub.id, "date": self.today + timedelta(days=1)})
        )
        self.assertEqual(planner.exchange_ids, delivered, "not B's, not on a round, not later")
        planner.action_build()
        stop = self.env["loco.round.stop"].search([("exchange_id", "=", delivered.id)])
        self.assertEqual(stop.kind, "transfer")
        self.assertEqual(stop.round_id.hub_id, self.hub)
        self.assertEqual(stop.round_id.vehicle_id, self.van, "the chilled van (yoghurt)")
        # hub B's planner takes the one it collects
        planner_b = (
            self.env["loco.round.planner"]
            .with_user(self.coordinator_b)
            .with_context(allowed_company_ids=self.company_b.ids)
            .create({"hub_id": self.hub_b.id, "date": self.today + timedelta(days=1)})
        )
        self.assertEqual(planner_b.exchange_ids, collected_by_b)
        self.assertEqual(planner_b.vehicle_ids, self.van_b)

    def test_a_failed_transfer_stop_leaves_the_exchange_accepted_for_another_round(self):
        exchange = self.accepted_exchange(self.hub2)
        rnd = self.started(self.transfer_round(exchange))
        stop = rnd.stop_ids.with_user(self.driver)
        stop.action_mark_failed("Hub 2 closed, nobody at the dock")
        self.assertEqual(stop.state, "failed")
        self.assertEqual(exchange.state, "accepted")
        self.assertEqual(exchange.out_picking_id.state, "assigned", "still reserved")
        self.assertFalse(exchange.out_picking_id.batch_id, "out of the round's batch")
        self.assertIn("Hub 2 closed, nobody at the dock", exchange.message_ids[0].body)
        self.assertFalse(exchange.loco_on_round)
        self.assertEqual(exchange.loco_stop_state, "failed")
        # the planner offers it again; another round takes it
        planner = (
            self.env["loco.round.planner"]
            .with_user(self.coordinator)
            .create({"hub_id": self.hub.id, "date": self.today + timedelta(days=2)})
        )
        self.assertEqual(planner.exchange_ids, exchange)
        again = self.transfer_round(exchange, day=2)
        self.assertEqual(exchange.out_picking_id.batch_id, again.batch_id)
        self.assertEqual(exchange.loco_round_name, again.name)

    def test_a_cold_chain_break_on_a_transfer_is_flagged_on_the_exchange(self):
        exchange = self.accepted_exchange(self.hub2)
        rnd = self.started(self.transfer_round(exchange))
        stop = rnd.stop_ids.with_user(self.driver)
        with self.refused(UserError, "record the temperature reading"):
            stop.action_mark_done(contact_name="Anne")
        self.assertEqual(exchange.state, "accepted", "nothing handed over without a reading")
        stop.action_mark_done(temperature=9.5, contact_name="Anne")
        self.assertTrue(stop.cold_chain_broken)
        self.assertEqual(exchange.state, "received")
        self.assertIn("9.5", exchange.message_ids[0].body)
        self.assertTrue(exchange.activity_ids, "the hub checks the goods")
        # the driver's reading is the receiving hub's dock reading: the food is on hold
        [reading] = exchange.in_picking_id.loco_temperature_log_ids
        self.assertEqual((reading.place, reading.reading), ("receipt", 9.5))
        self.assertTrue(reading.hold_picking_id)
        received = exchange.in_picking_id.move_line_ids.lot_id
        quants = self.env["stock.quant"].search(
            [
                ("lot_id", "in", received.ids),
                ("quantity", ">", 0),
                ("location_id", "child_of", exchange.to_hub_id.view_location_id.id),
            ]
        )
        self.assertTrue(quants)
        self.assertTrue(all(quants.location_id.mapped("loco_quarantine")))


@tagged("post_install", "-at_install")
class TestTransferStopGuards(LocoTransferCase):
    def test_only_an_accepted_exchange_goes_on_a_round(self):
        exchange = self.make_exchange(self.hub2)
        exchange.action_propose()
        with self.refused(ValidationError, "it is Proposed, and only an exchange accepted"):
            self.transfer_round(exchange)
        self.assertFalse(self.env["loco.round.stop"].search([("exchange_id", "=", exchange.id)]))

    def test_an_exchange_travels_only_on_a_round_of_the_hub_that_moves_it(self):
        collected = self.accepted_exchange(self.hub2, transport="receiver_collects")
        with self.refused(ValidationError, "collected by Test hub 2: it travels on a round of"):
            self.transfer_round(collected)
        # the receiving organisation's round cannot take what the sender delivers
        delivered = self.accepted_exchange(self.hub_b, [(self.pasta_lot, 10)])
        with self.refused(ValidationError, "delivered by Test hub: it travels on a round of"):
            self.transfer_round(
                delivered, hub=self.hub_b, vehicle=self.van_b, user=self.coordinator_b
            )

    def test_a_round_of_an_organisation_the_exchange_does_not_concern_is_refused(self):
        exchange = self.accepted_exchange(self.hub2)
        with self.refused(ValidationError, "neither sent nor received by Restos du C"):
            self.transfer_round(
                exchange, hub=self.hub_b, vehicle=self.van_b, user=self.coordinator_b
            )
        with self.assertRaises(ValidationError) as caught:
            self.transfer_round(
                exchange, hub=self.hub_b, vehicle=self.van_b, user=self.coordinator_b
            )
        self.assertNotIn(exchange.name, caught.exception.args[0], "not even named")

    def test_forged_exchange_ids_get_a_clear_error(self):
        rnd = self.make_round(orders=[self.delivery_order()])
        Stop = self.env["loco.round.stop"].with_user(self.coordinator)
        for forged, pattern in (
            (987654321, "does not exist"),
            ("12; DROP TABLE loco_exchange", "is not a record id"),
            (-3, "is not a record id"),
        ):
            with self.refused(UserError, pattern):
                Stop.create({"round_id": rnd.id, "exchange_id": forged})
        exchange = self.accepted_exchange(self.hub2)
        with self.refused(ValidationError, "exactly one document"):
            Stop.create(
                {
                    "round_id": rnd.id,
                    "exchange_id": exchange.id,
                    "offer_id": self.accepted_offer().id,
                }
            )
        self.assertEqual(len(rnd.stop_ids), 1)

    def test_an_exchange_is_on_one_live_stop_at_most(self):
        exchange = self.accepted_exchange(self.hub2)
        first = self.transfer_round(exchange)
        with self.refused(ValidationError, f"is already on round {first.name}"):
            self.transfer_round(exchange, vehicle=self.truck)
        # the database refuses it too, should two coordinators add it at once
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.env.cr.execute(
                "INSERT INTO loco_round_stop (round_id, company_id, exchange_id, state, sequence)"
                " VALUES (%s, %s, %s, 'open', 1)",
                [first.id, first.company_id.id, exchange.id],
                log_exceptions=False,
            )

    def test_done_on_an_exchange_cancelled_meanwhile_is_refused_and_nothing_written(self):
        exchange = self.accepted_exchange(self.hub2)
        rnd = self.started(self.transfer_round(exchange))
        self.as_user(exchange, self.hub_user).action_cancel()
        stop = rnd.stop_ids.with_user(self.driver)
        with self.refused(UserError, "exchange .* is Cancelled, so nothing is handed over"):
            stop.action_mark_done(temperature=4.0, contact_name="Anne")
        stop.invalidate_recordset()
        self.assertEqual(stop.state, "open")
        self.assertFalse(stop.done_at)
        self.assertFalse(stop.temperature_taken)
        self.assertEqual(exchange.state, "cancelled")
        stop.action_mark_failed("The sending hub cancelled the exchange")
        self.assertEqual(stop.state, "failed")

    def test_on_a_round_the_driver_not_the_staff_ships_the_exchange(self):
        exchange = self.accepted_exchange(self.hub2)
        rnd = self.started(self.transfer_round(exchange))
        with self.refused(UserError, f"travels on round {rnd.name}"):
            self.as_user(exchange, self.hub_user).action_ship()
        self.assertEqual(exchange.state, "accepted")
        # nor another driver, nor a driver's write of the stop's exchange
        stop = rnd.stop_ids
        with self.assertRaises(AccessError):
            stop.with_user(self.driver_2).action_mark_done(temperature=4.0, contact_name="X")
        other = self.accepted_exchange(self.hub2, [(self.pasta_lot, 5)])
        with self.assertRaises(AccessError):
            stop.with_user(self.driver).write({"exchange_id": other.id})
        self.assertEqual(stop.exchange_id, exchange)
        self.assertEqual(exchange.state, "accepted")
