# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""When the round leaves, each association on it is told its order is on its way and
when to expect it, in its volunteers' languages, once."""

from odoo.tests import new_test_user, tagged

from odoo.addons.loco_hubs.tests.common import load_belgian_languages

from .common import LocoFleetCase


@tagged("post_install", "-at_install")
class TestOutForDelivery(LocoFleetCase):
    def test_the_association_is_told_its_order_is_on_its_way(self):
        load_belgian_languages(self.env, "loco_fleet")
        Partner = self.env["res.partner"]
        for login, lang in (("fleet_mail_fr", "fr_BE"), ("fleet_mail_nl", "nl_BE")):
            new_test_user(
                self.env,
                login,
                groups="base.group_portal",
                email=f"{login}@example.org",
                partner_id=Partner.create(
                    {"name": login, "parent_id": self.customer.id, "lang": lang}
                ).id,
            )
        order = self.delivery_order()
        rnd = self.make_round(orders=[order])
        stop = rnd.stop_ids
        stop.write({"window_start": self.at(1, 10), "window_end": self.at(1, 12)})
        rnd.action_plan()
        sent = self.env["mail.mail"].search(
            [("model", "=", "loco.order"), ("res_id", "=", order.id)]
        )
        rnd.with_user(self.driver).action_start()
        rnd.with_user(self.driver).action_start()  # a second click
        mails = (
            self.env["mail.mail"].search([("model", "=", "loco.order"), ("res_id", "=", order.id)])
            - sent
        )
        by_email = {mail.recipient_ids.email: mail for mail in mails}
        self.assertEqual(set(by_email), {"fleet_mail_fr@example.org", "fleet_mail_nl@example.org"})
        french, dutch = by_email["fleet_mail_fr@example.org"], by_email["fleet_mail_nl@example.org"]
        self.assertEqual(french.subject, f"Votre commande {order.name} est en route")
        self.assertIn("Attendue entre :", french.body_html)
        self.assertIn("10:00–12:00", french.body_html)
        self.assertEqual(dutch.subject, f"Je bestelling {order.name} is onderweg")
        self.assertIn("Verwacht tussen:", dutch.body_html)
        self.assertIn("10:00–12:00", dutch.body_html)
