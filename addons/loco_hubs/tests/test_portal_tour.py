# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalTour(HttpCase):
    def test_association_orders_from_the_bourse(self):
        """In Chromium, on the demo network: a Restos du Cœur volunteer orders."""
        association = self.env.ref("loco_hubs.partner_resto_saint_gilles")
        volunteer = self.env["res.partner"].create(
            # the tour reads English; the demo association itself works in French
            {"name": "Bénévole Saint-Gilles", "parent_id": association.id, "lang": "en_US"}
        )
        new_test_user(
            self.env, "loco_tour_volunteer", groups="base.group_portal", partner_id=volunteer.id
        )
        self.start_tour("/my", "loco_portal_order_tour", login="loco_tour_volunteer")
        order = self.env["loco.order"].search(
            [("partner_id", "=", association.id)], order="id desc", limit=1
        )
        self.assertEqual(order.state, "submitted")
        self.assertEqual(order.line_ids.quantity, 1)
