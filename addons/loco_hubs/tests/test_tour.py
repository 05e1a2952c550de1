# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCoordinatorTour(HttpCase):
    def test_coordinator_sees_hubs_zones_and_freshness(self):
        """In Chromium: the demo network as a coordinator sees it."""
        new_test_user(
            self.env,
            "loco_tour_coordinator",
            groups="loco_hubs.group_loco_coordinator,base.group_user",
        )
        self.start_tour("/odoo", "loco_hubs_coordinator_tour", login="loco_tour_coordinator")


@tagged("post_install", "-at_install")
class TestRecallTour(HttpCase):
    def test_coordinator_recalls_a_lot_in_the_browser(self):
        """In Chromium, on the demo network: a lot of spaghetti recalled at Bruxelles."""
        new_test_user(
            self.env,
            "loco_tour_recall",
            groups="loco_hubs.group_loco_coordinator,base.group_user",
        )
        lot = self.env.ref("loco_hubs.lot_bruxelles_spaghetti")
        hub = self.env.ref("loco_hubs.hub_bruxelles")
        self.start_tour(
            "/odoo/action-loco_hubs.loco_recall_action",
            "loco_hubs_recall_tour",
            login="loco_tour_recall",
        )
        recall = self.env["loco.recall"].search([("lot_ids", "in", lot.ids)])
        self.assertEqual(recall.state, "notified")
        quants = self.env["stock.quant"].search(
            [
                ("lot_id", "=", lot.id),
                ("location_id", "child_of", hub.view_location_id.id),
                ("quantity", "!=", 0),
            ]
        )
        self.assertTrue(quants)
        self.assertTrue(all(quants.location_id.mapped("loco_quarantine")), "all blocked")
