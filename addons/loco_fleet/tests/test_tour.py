# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.loco_hubs.tools.dates import loco_today

DEMO_TOMORROW_OFFERS = ("loco_fleet.offer_tomorrow_aldi", "loco_fleet.offer_tomorrow_colruyt")
DEMO_TOMORROW_ORDERS = (
    "loco_fleet.order_tomorrow_resto_charleroi",
    "loco_fleet.order_tomorrow_resto_mons",
    "loco_fleet.order_tomorrow_resto_la_louviere",
)


def align_demo_tomorrow(env):
    """The demo's "tomorrow" is the day after it was installed. When the tests run on a
    later day (an install just before midnight in Brussels, the tests after it), its
    pickups, deliveries and borrowed truck move to the tests' tomorrow."""
    booking = env.ref("loco_fleet.booking_frozen_truck_tomorrow")
    shift = loco_today(env) + timedelta(days=1) - booking.date
    if not shift:
        return
    booking.date += shift
    for xmlid in DEMO_TOMORROW_OFFERS:
        offer = env.ref(xmlid)
        offer.write(
            {"pickup_start": offer.pickup_start + shift, "pickup_end": offer.pickup_end + shift}
        )
    for xmlid in DEMO_TOMORROW_ORDERS:
        order = env.ref(xmlid)
        order.requested_date += shift


@tagged("post_install", "-at_install")
class TestDriverTour(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_a_driver_runs_a_round_from_a_phone(self):
        """In Chromium, phone-sized, on the demo network: tomorrow's Charleroi round."""
        align_demo_tomorrow(self.env)
        driver = new_test_user(
            self.env,
            "loco_tour_driver",
            groups="loco_fleet.group_loco_driver",
            tz="Europe/Brussels",
        )
        offer = self.env.ref("loco_fleet.offer_tomorrow_aldi")
        order = self.env.ref("loco_fleet.order_tomorrow_resto_mons")
        rnd = self.env["loco.round"].create(
            {
                "hub_id": self.env.ref("loco_hubs.hub_charleroi").id,
                "date": loco_today(self.env) + timedelta(days=1),
                "vehicle_id": self.env.ref("loco_fleet.vehicle_charleroi_dry").id,
                "stop_ids": [
                    Command.create({"sequence": 1, "offer_id": offer.id}),
                    Command.create({"sequence": 2, "order_id": order.id}),
                ],
            }
        )
        rnd.driver_id = driver.partner_id
        rnd.action_plan()
        self.start_tour(
            "/odoo/action-loco_fleet.action_loco_round_driver",
            "loco_fleet_driver_tour",
            login="loco_tour_driver",
        )
        self.assertEqual(rnd.state, "done")
        self.assertEqual(offer.state, "collected")
        self.assertEqual(order.state, "ready", "failed: still to deliver")
        self.assertEqual(rnd.odometer_end, 91600)
        self.assertTrue(rnd.cost_ids, "its cost is shared")
        self.assertEqual(rnd.stop_ids.sorted("sequence").mapped("state"), ["done", "failed"])


@tagged("post_install", "-at_install")
class TestPlannerTour(HttpCase):
    def test_a_coordinator_builds_tomorrows_rounds_in_one_click(self):
        """In Chromium, on the demo network: the Charleroi hub's open pickups and
        deliveries become rounds that fit their vehicles."""
        align_demo_tomorrow(self.env)
        new_test_user(
            self.env,
            "loco_tour_coordinator",
            groups="loco_hubs.group_loco_coordinator",
            tz="Europe/Brussels",
        )
        hub = self.env.ref("loco_hubs.hub_charleroi")
        tomorrow = loco_today(self.env) + timedelta(days=1)
        self.start_tour(
            "/odoo/action-loco_hubs.stock_warehouse_action_loco_hub",
            "loco_fleet_planner_tour",
            login="loco_tour_coordinator",
        )
        rounds = self.env["loco.round"].search([("hub_id", "=", hub.id), ("date", "=", tomorrow)])
        stops = rounds.stop_ids
        self.assertIn(self.env.ref("loco_fleet.offer_tomorrow_aldi"), stops.offer_id)
        self.assertIn(self.env.ref("loco_fleet.order_tomorrow_resto_charleroi"), stops.order_id)
        for rnd in rounds:
            self.assertFalse(rnd.problem_count, rnd.stop_ids.mapped("problem"))
            self.assertLessEqual(rnd.max_load_kg, rnd.payload_kg)
        frozen = stops.filtered(lambda s: s.temperature_class == "frozen")
        self.assertEqual(frozen.round_id.vehicle_id.loco_cold_class, "frozen")


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    def test_a_coordinator_opens_the_networks_outcomes(self):
        """In Chromium, on the demo network: the dashboard loads its pivots."""
        self.start_tour("/odoo/dashboards", "loco_fleet_dashboard_tour", login="admin")


@tagged("post_install", "-at_install")
class TestMapTour(HttpCase):
    def test_a_coordinator_sees_the_associations_on_the_map(self):
        """In Chromium, on the demo network. No map tile is fetched from the internet:
        the tiles come from a local image (the `leaflet.tile_url` parameter)."""
        self.env["ir.config_parameter"].set_param(
            "leaflet.tile_url", "/web/static/img/placeholder.png?z={z}&x={x}&y={y}"
        )
        located = self.env["res.partner"].search_count(
            [("loco_association", "=", True), ("partner_latitude", "!=", 0)]
        )
        self.assertGreater(located, 10, "the demo's associations are located")
        self.start_tour(
            "/odoo/action-loco_fleet.action_loco_map_associations",
            "loco_fleet_map_tour",
            login="admin",
        )
