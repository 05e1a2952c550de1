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
