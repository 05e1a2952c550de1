# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The association is told: its volunteers who follow an order are e-mailed, each in
their own language, when it is confirmed, partially served, ready for pickup or
cancelled; through Odoo's mail queue, once per event."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import load_belgian_languages
from .test_portal import LocoPortalCase


@tagged("post_install", "-at_install")
class TestOrderMails(LocoPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_belgian_languages(cls.env, "loco_hubs")
        cls.hub.partner_id.write({"street": "Rue du Dépôt 12", "zip": "7000", "city": "Mons"})
        cls.volunteer_fr = cls.env["res.users"].search([("login", "=", "grocery_portal")])
        cls.volunteer_fr.partner_id.write({"email": "fr@epicerie.example", "lang": "fr_BE"})
        cls.volunteer_nl = new_test_user(
            cls.env,
            "grocery_portal_nl",
            groups="base.group_portal",
            email="nl@epicerie.example",
            partner_id=cls.env["res.partner"]
            .create(
                {
                    "name": "Vrijwilliger",
                    "parent_id": cls.grocery.id,
                    "email": "nl@epicerie.example",
                    "lang": "nl_BE",
                }
            )
            .id,
        )

    def order(self, quantity=4, method="pickup"):
        order = self.env["loco.order"].create(
            {
                "partner_id": self.grocery.id,
                "delivery_method": method,
                "line_ids": [Command.create({"product_id": self.pasta.id, "quantity": quantity})],
            }
        )
        order.action_submit()
        return order

    def mails(self, order):
        return self.env["mail.mail"].search(
            [("model", "=", "loco.order"), ("res_id", "=", order.id)], order="id"
        )

    def by_recipient(self, mails):
        return {mail.recipient_ids.email: mail for mail in mails}

    def test_a_confirmed_delivery_is_mailed_in_each_volunteers_language_once(self):
        order = self.order(method="delivery")
        self.assertEqual(
            set(order.message_partner_ids.ids)
            >= {self.volunteer_fr.partner_id.id, self.volunteer_nl.partner_id.id},
            True,
            "the association's volunteers follow its orders",
        )
        self.assertFalse(self.mails(order), "a submission is seen on screen")
        order.with_user(self.coordinator).action_confirm()
        mails = self.by_recipient(self.mails(order))
        self.assertEqual(set(mails), {"fr@epicerie.example", "nl@epicerie.example"})
        french, dutch = mails["fr@epicerie.example"], mails["nl@epicerie.example"]
        self.assertEqual(french.subject, f"Votre commande {order.name} est confirmée")
        self.assertIn("a confirmé votre commande", french.body_html)
        self.assertIn(self.pasta.name, french.body_html)
        self.assertEqual(dutch.subject, f"Je bestelling {order.name} is bevestigd")
        self.assertIn("heeft je bestelling", dutch.body_html)
        self.assertEqual(french.state, "outgoing", "through Odoo's mail queue")
        order.with_user(self.coordinator).action_confirm()  # a second click
        self.assertEqual(len(self.mails(order)), 2)

    def test_food_ready_at_the_hub_says_where_and_when(self):
        order = self.order()
        order.with_user(self.coordinator).action_confirm()
        self.assertEqual(order.state, "ready")
        mails = self.by_recipient(self.mails(order))
        self.assertEqual(len(mails), 2, "ready, not confirmed then ready")
        french, dutch = mails["fr@epicerie.example"], mails["nl@epicerie.example"]
        self.assertIn("est prête", french.subject)
        for mail, where, when in ((french, "Où :", "Quand :"), (dutch, "Waar:", "Wanneer:")):
            self.assertIn(where, mail.body_html)
            self.assertIn(when, mail.body_html)
            self.assertIn("Rue du Dépôt 12", mail.body_html)
        # unreserved and reserved again: ready again, mailed once
        order.picking_id.do_unreserve()
        order._loco_sync_with_picking()
        order.picking_id.action_assign()
        order._loco_sync_with_picking()
        self.assertEqual(order.state, "ready")
        self.assertEqual(len(self.mails(order)), 2)

    def test_what_the_hub_could_not_reserve_is_told(self):
        order = self.order(quantity=8, method="delivery")
        # meanwhile, 5 of the 10 pasta left the shelf
        self.env["stock.quant"]._update_available_quantity(
            self.pasta, self.hub.loco_ambient_location_id, -5, lot_id=self.pasta_lot
        )
        order.with_user(self.coordinator).action_confirm()
        mails = self.by_recipient(self.mails(order))
        french, dutch = mails["fr@epicerie.example"], mails["nl@epicerie.example"]
        self.assertIn("une partie n'a pas pu être servie", french.subject)
        self.assertIn(f"{self.pasta.name} : 3 sur 8", french.body_html)
        self.assertIn(f"{self.pasta.name}: 3 van 8", dutch.body_html)

    def test_a_cancellation_says_why(self):
        order = self.order(method="delivery")
        order.with_user(self.coordinator).write({"cancel_reason": "Chambre froide en panne"})
        order.with_user(self.coordinator).action_cancel()
        order.with_user(self.coordinator).action_cancel()
        mails = self.by_recipient(self.mails(order))
        self.assertEqual(len(self.mails(order)), 2)
        self.assertIn("Chambre froide en panne", mails["fr@epicerie.example"].body_html)
        self.assertIn("est annulée", mails["fr@epicerie.example"].subject)
        self.assertIn("is geannuleerd", mails["nl@epicerie.example"].subject)
        # the association cancels its own: the e-mail says so, in each language
        own = self.order(method="delivery")
        self.login("grocery_portal")
        response = self.post(f"/my/loco/orders/{own.id}/cancel", {})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(own.state, "cancelled")
        self.post(f"/my/loco/orders/{own.id}/cancel", {})  # a second click
        mails = self.by_recipient(self.mails(own))
        self.assertEqual(len(self.mails(own)), 2)
        self.assertIn("Vous l'avez annulée sur le portail.", mails["fr@epicerie.example"].body_html)
        self.assertIn(
            "Je hebt ze op het portaal geannuleerd.", mails["nl@epicerie.example"].body_html
        )

    def test_a_volunteer_who_unfollows_is_not_mailed_and_a_draft_is_never(self):
        order = self.order(method="delivery")
        order.message_unsubscribe(partner_ids=self.volunteer_nl.partner_id.ids)
        order.with_user(self.coordinator).action_confirm()
        self.assertEqual(set(self.by_recipient(self.mails(order))), {"fr@epicerie.example"})
        draft = self.env["loco.order"].create(
            {
                "partner_id": self.grocery.id,
                "line_ids": [Command.create({"product_id": self.pasta.id, "quantity": 1})],
            }
        )
        draft.action_cancel()
        self.assertFalse(self.mails(draft))
