# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The whole chain across two organisations, each step by the person who does it:
a Croix-Rouge operator of the 105 registers a farm's offer for the Restos du Cœur
central hub; a Restos van collects it and the Restos hub staff receive it; part of it
is exchanged to the Croix-Rouge hub, on a Restos round; an association of that hub
orders it through the portal; a Croix-Rouge van delivers it. Each organisation's
valuation export counts the food once, where it is held, and each sees its own records
only."""

import re
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_transfer_stops import LocoTransferCase

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestNetworkChain(LocoTransferCase, HttpCase):
    """Company A (the test's Croix-Rouge) runs hub A with its van and driver; company
    B (Restos du Cœur) runs hub B with its van, driver, staff and coordinator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.soup = cls.env["product.product"].create(
            {"name": "Test soup 1 l", "categ_id": cls.categ_pasta.id, "weight": 0.5}
        )
        cls.farm = cls.env["res.partner"].create(
            {
                "name": "Ferme test de Noville",
                "is_company": True,
                "loco_donor": True,
                "zip": "7000",
                "partner_latitude": 50.5000,
                "partner_longitude": 5.0000,
            }
        )
        cls.operator_105 = new_test_user(
            cls.env,
            "loco_chain_105",
            groups="loco_donations.group_loco_operator",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.company_b).ids)],
        )
        cls.accountant_b = cls.user_of(
            "loco_chain_accountant_b", "loco_donations.group_loco_accountant", cls.company_b
        )
        cls.association = cls.env["res.partner"].create(
            {
                "name": "Épicerie sociale test de Charleroi",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "zip": "4993",  # served by hub A only (no demo hub serves it)
                "partner_latitude": 50.4200,
                "partner_longitude": 4.4500,
            }
        )
        new_test_user(
            cls.env,
            "loco_chain_volunteer",
            groups="base.group_portal",
            password="loco_chain_volunteer",
            partner_id=cls.env["res.partner"]
            .create({"name": "Volunteer test", "parent_id": cls.association.id})
            .id,
        )

    def run_round(self, rnd, coordinator, driver, **done):
        """Plan, start and finish ``rnd``: its driver marks every stop done."""
        self.started(rnd, coordinator, driver)
        for stop in rnd.stop_ids:
            self.as_user(stop, driver).action_mark_done(contact_name="Test contact", **done)
        self.as_user(rnd, driver).write({"odometer_end": rnd.odometer_start + 80})
        self.as_user(rnd, driver).action_done()
        self.assertEqual(rnd.state, "done")

    def round_of(self, hub, vehicle, coordinator, day, **stop):
        return self.as_user(self.env["loco.round"], coordinator).create(
            {
                "hub_id": hub.id,
                "date": self.today + timedelta(days=day),
                "vehicle_id": vehicle.id,
                "stop_ids": [Command.create(stop)],
            }
        )

    def soup_rows(self, user, company, hub):
        """(kg, value) of the soup rows of ``company``'s export, by row kind."""
        _summary, detail = self.export(user, company, hub)
        return sorted(
            (round(row[9], 2), round(row[11], 2))
            for row in detail.iter_rows(min_row=2, values_only=True)
            if row[5] and "Test soup" in row[5]
        )

    def test_offer_to_restos_exchange_to_croix_rouge_portal_order_delivered(self):
        # 1. the 105 (Croix-Rouge) registers the farm's offer for the Restos' hub
        Offer = self.as_user(self.env["loco.donation.offer"], self.operator_105)
        offer = Offer.create(
            {
                "donor_id": self.farm.id,
                "hub_id": self.hub_b.id,
                "pickup_start": self.at(1, 8),
                "pickup_end": self.at(1, 12),
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.soup.id,
                            "quantity": 100,
                            "ddm": self.today + timedelta(days=200),
                        }
                    )
                ],
            }
        )
        offer.action_register()
        offer = offer.with_env(self.env)
        self.assertEqual(offer.company_id, self.company_b, "the receiving hub's organisation")
        self.assertEqual(offer.operator_id, self.operator_105)
        with self.assertRaises(AccessError):
            offer.with_user(self.coordinator).action_accept()
        self.as_user(offer, self.coordinator_b).action_accept()
        self.assertEqual(offer.picking_id.company_id, self.company_b)

        # 2. a Restos van collects it; the Restos hub staff receive it
        pickup = self.round_of(self.hub_b, self.van_b, self.coordinator_b, 1, offer_id=offer.id)
        self.run_round(pickup, self.coordinator_b, self.driver_b)
        self.assertEqual(offer.state, "collected")
        self.receive(offer, user=self.hub_user_b)
        self.assertEqual(offer.state, "received")
        lot_b = offer.line_ids.lot_id
        self.assertEqual(lot_b.company_id, self.company_b)
        self.assertEqual(self.on_hand(lot_b, self.hub_b), 100)
        self.assertEqual(pickup.cost_ids.organisation_id, self.company_b.partner_id)

        # 3. the Restos offer 60 to the Croix-Rouge hub, and carry them on their round
        exchange = self.as_user(self.env["loco.exchange"], self.hub_user_b).create(
            {
                "from_hub_id": self.hub_b.id,
                "to_hub_id": self.hub.id,
                "transport": "sender_delivers",
                "line_ids": [Command.create({"lot_id": lot_b.id, "quantity": 60})],
            }
        )
        exchange.action_propose()
        self.as_user(exchange, self.hub_user).action_accept()
        exchange = exchange.with_env(self.env)
        self.assertTrue(exchange.inter_company)
        transfer = self.round_of(
            self.hub_b, self.van_b, self.coordinator_b, 2, exchange_id=exchange.id
        )
        self.assertEqual(transfer.stop_ids.kind, "transfer")
        self.run_round(transfer, self.coordinator_b, self.driver_b)
        self.assertEqual(exchange.state, "received")
        lot_a = exchange.in_picking_id.move_ids.move_line_ids.lot_id
        self.assertEqual((lot_a.company_id, lot_a.name), (self.company, lot_b.name))
        self.assertEqual(lot_a.use_date, lot_b.use_date, "the dates travel with the food")
        self.assertEqual(self.on_hand(lot_a, self.hub), 60)
        self.assertEqual(self.on_hand(lot_b, self.hub_b), 40)

        # 4. the association of hub A orders 25 through the Bourse aux dons (HTTP)
        self.authenticate("loco_chain_volunteer", "loco_chain_volunteer")
        html = self.url_open("/my/bourse").text
        self.assertIn("Test soup 1 l", html)
        self.assertNotIn("Ferme test de Noville", html, "volunteers never see donors")
        response = self.url_open(
            "/my/bourse/order",
            data={
                f"qty_{self.hub.id}_{self.soup.id}": "25",
                "delivery_method": "delivery",
                "csrf_token": CSRF.search(html).group(1),
            },
        )
        self.assertEqual(response.status_code, 200)
        order = self.env["loco.order"].search([("partner_id", "=", self.association.id)])
        self.assertEqual((order.state, order.company_id), ("submitted", self.company))
        self.assertIn(order.name, response.text)
        order.with_user(self.coordinator).action_confirm()
        self.assertEqual(order.picking_id.move_line_ids.lot_id, lot_a, "the exchanged lot")

        # 5. a Croix-Rouge van delivers it
        delivery = self.round_of(self.hub, self.van, self.coordinator, 3, order_id=order.id)
        self.run_round(delivery, self.coordinator, self.driver)
        self.assertEqual(order.state, "done")
        self.assertEqual(self.on_hand(lot_a, self.hub), 35)
        self.assertEqual(delivery.cost_ids.organisation_id, self.association, "the one served")

        # each organisation's export counts the soup it held, once: 50 kg in all
        self.assertEqual(
            self.soup_rows(self.accountant_b, self.company_b, self.hub_b),
            [(-30.0, -54.0), (50.0, 90.0)],
            "received from the farm, less what was sent by exchange",
        )
        self.assertEqual(
            self.soup_rows(self.accountant, self.company, self.hub),
            [(30.0, 54.0)],
            "received by exchange, never as a donation of its own",
        )

        # each organisation sees its own records, and the exchange both share
        for model, records, seen_by_a, seen_by_b in (
            ("loco.donation.offer", offer, False, True),
            ("stock.picking", offer.picking_id, False, True),
            ("stock.lot", lot_b, False, True),
            ("loco.round", pickup | transfer, False, True),
            ("loco.exchange", exchange, True, True),
            ("stock.lot", lot_a, True, False),
            ("loco.order", order, True, False),
            ("stock.picking", order.picking_id, True, False),
            ("loco.round", delivery, True, False),
        ):
            for user, seen in ((self.coordinator, seen_by_a), (self.coordinator_b, seen_by_b)):
                with self.subTest(model=model, records=records.ids, user=user.login):
                    found = self.as_user(self.env[model], user).search([("id", "in", records.ids)])
                    self.assertEqual(found, records if seen else records.browse())
