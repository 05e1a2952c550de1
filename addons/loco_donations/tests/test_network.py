# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""LOCO is a network of organisations (companies) sharing one hotline: the 105's
operators register offers for any hub of the network; the offer, its receipt and its
donation value belong to the receiving hub's organisation."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestNetworkOffers(LocoDonationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.restos = cls.env["res.company"].create(
            {"name": "Restos du Cœur (test)", "currency_id": cls.env.ref("base.EUR").id}
        )
        cls.fernelmont = cls.env["stock.warehouse"].create(
            {
                "name": "Fernelmont (test)",
                "code": "FERN",
                "loco_hub": True,
                "company_id": cls.restos.id,
                "loco_service_area": "4991-4999",  # no demo hub serves these codes
            }
        )
        cls.farm = cls.env["res.partner"].create(
            {"name": "Ferme de Noville (test)", "loco_donor": True, "zip": "4995"}
        )
        both = [Command.set([cls.company.id, cls.restos.id])]
        cls.network_operator = new_test_user(
            cls.env,
            "loco_105_operator",
            groups="loco_donations.group_loco_operator",
            company_id=cls.company.id,
            company_ids=both,
        )

        def staff(login, groups):
            return new_test_user(
                cls.env,
                login,
                groups=groups,
                company_id=cls.restos.id,
                company_ids=[Command.set([cls.restos.id])],
            )

        cls.restos_coordinator = staff("loco_restos_coord", "loco_hubs.group_loco_coordinator")
        cls.restos_hub_user = staff("loco_restos_hub", "loco_hubs.group_loco_hub_user")
        cls.restos_accountant = staff(
            "loco_restos_accountant", "loco_donations.group_loco_accountant"
        )

    def network_offer(self):
        """The 105 takes the farm's call, working for both organisations."""
        Offer = (
            self.env["loco.donation.offer"]
            .with_user(self.network_operator)
            .with_context(allowed_company_ids=[self.company.id, self.restos.id])
        )
        offer = Offer.create(
            {
                "donor_id": self.farm.id,
                "pickup_start": self.now + timedelta(days=1),
                "pickup_end": self.now + timedelta(days=1, hours=4),
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.yoghurt.id,
                            "quantity": 20,
                            "dlc": self.today + timedelta(days=10),
                        }
                    )
                ],
            }
        )
        offer.action_register()
        return offer.with_env(self.env)

    @property
    def now(self):
        return self.env.cr.now()

    def test_the_105_registers_for_the_hub_of_another_organisation(self):
        offer = self.network_offer()
        self.assertEqual(offer.hub_id, self.fernelmont, "the hub serving the farm's commune")
        self.assertEqual(offer.company_id, self.restos, "the receiving hub's organisation")
        self.assertEqual(offer.operator_id, self.network_operator)
        self.assertEqual(offer.channel, "phone")

    def test_only_the_receiving_organisation_sees_and_handles_it(self):
        offer = self.network_offer()
        Offer = self.env["loco.donation.offer"]
        self.assertNotIn(offer, Offer.with_user(self.coordinator).search([]))
        with self.assertRaises(AccessError):
            offer.with_user(self.coordinator).action_accept()
        offer.with_user(self.restos_coordinator).action_accept()
        self.assertEqual(offer.state, "accepted")
        self.assertEqual(offer.picking_id.company_id, self.restos)
        self.assertEqual(offer.picking_id.picking_type_id.warehouse_id, self.fernelmont)
        self.assertEqual(offer.line_ids.lot_id.company_id, self.restos)

    def test_its_donation_value_is_counted_by_the_receiving_organisation_only(self):
        offer = self.network_offer()
        offer.with_user(self.restos_coordinator).action_accept()
        self.receive(offer, user=self.restos_hub_user)
        moves = offer.picking_id.move_ids
        self.assertEqual(moves.company_id, self.restos)
        self.assertGreater(moves.loco_donation_value, 0)

        def exported(user):
            wizard = (
                self.env["loco.donation.export"]
                .with_user(user)
                .create({"date_from": self.today - timedelta(days=1), "date_to": self.today})
            )
            return self.env["stock.move"].sudo().search(wizard._moves_domain())

        self.assertEqual(exported(self.restos_accountant), moves)
        self.assertFalse(exported(self.accountant) & moves)

    def test_an_offer_cannot_belong_to_another_organisation_than_its_hub(self):
        offer = self.network_offer()
        with self.assertRaises(ValidationError):
            offer.sudo().company_id = self.company
