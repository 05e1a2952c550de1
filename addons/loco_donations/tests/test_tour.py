# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOperatorTour(HttpCase):
    def test_operator_registers_an_offer_by_keyboard(self):
        """In Chromium, on the demo network: a call to the 105 becomes a registered offer."""
        new_test_user(
            self.env,
            "loco_tour_operator",
            groups="loco_donations.group_loco_operator",
            tz="Europe/Brussels",
        )
        self.start_tour(
            "/odoo/action-loco_donations.loco_donation_offer_action",
            "loco_donations_operator_tour",
            login="loco_tour_operator",
        )
        offer = self.env["loco.donation.offer"].search([], order="id desc", limit=1)
        self.assertEqual(offer.state, "registered")
        self.assertEqual(offer.donor_id, self.env.ref("loco_donations.donor_delhaize_saint_gilles"))
        self.assertEqual(offer.hub_id, self.env.ref("loco_hubs.hub_bruxelles"))
        self.assertEqual(offer.line_ids.quantity, 25)
        self.assertEqual(str(offer.line_ids.ddm), "2030-12-31")


@tagged("post_install", "-at_install")
class TestExchangeTour(HttpCase):
    def test_the_receiving_hub_accepts_surplus_from_another_organisation(self):
        """In Chromium, on the demo network: Charleroi (Croix-Rouge) accepts the UHT
        milk Fernelmont (Restos du Cœur) proposes."""
        charleroi = self.env.ref("base.main_company")
        new_test_user(
            self.env,
            "loco_tour_charleroi",
            groups="loco_hubs.group_loco_hub_user",
            tz="Europe/Brussels",
            company_id=charleroi.id,
            company_ids=[(6, 0, charleroi.ids)],
        )
        exchange = self.env.ref("loco_donations.exchange_fernelmont_charleroi")
        self.assertEqual(exchange.state, "proposed")
        self.start_tour(
            "/odoo/action-loco_donations.loco_exchange_action",
            "loco_donations_exchange_accept_tour",
            login="loco_tour_charleroi",
        )
        self.assertEqual(exchange.state, "accepted")
        self.assertEqual(exchange.out_picking_id.state, "assigned", "set aside at Fernelmont")
        self.assertEqual(exchange.in_picking_id.company_id, charleroi)
