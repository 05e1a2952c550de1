# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""What LOCO stores on a record reads the same whoever pressed the button: texts in
the company's language (an order's notices in its association's), days in the
company's time zone."""

from datetime import datetime

import pytz

from odoo.tests import tagged

from ..tools.dates import loco_today
from .common import load_belgian_languages
from .test_orders import LocoOrdersCase


@tagged("post_install", "-at_install")
class TestStoredTexts(LocoOrdersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_belgian_languages(cls.env, "loco_hubs")
        cls.coordinator.lang = "fr_BE"
        cls.hub_user.lang = "fr_BE"
        cls.hub.loco_manager_id = cls.coordinator

    def test_the_sweep_names_its_transfer_in_the_company_language(self):
        hub = self.hub.with_user(self.coordinator)
        self.assertEqual(hub._prepare_sweep_picking_vals()["origin"], "LOCO expiry sweep")
        self.env.company.partner_id.lang = "nl_BE"
        self.assertEqual(hub._prepare_sweep_picking_vals()["origin"], "LOCO-vervalcontrole")

    def test_the_quarantine_activity_is_in_the_company_language(self):
        self.put_in_stock(self.make_lot(self.yoghurt, -1, "Y-EXPIRED-FR"), 3)
        self.env.company.partner_id.lang = "nl_BE"
        pickings = self.hub.with_user(self.coordinator)._loco_sweep()
        self.assertEqual(pickings.origin, "LOCO-vervalcontrole")
        self.assertNotIn("expired lot(s)", str(pickings.activity_ids.note))

    def test_order_notices_are_written_in_the_association_language(self):
        self.restaurant.lang = "nl_BE"
        first = self.order(self.grocery, [(self.pasta, 12)])
        second = self.order(self.restaurant, [(self.pasta, 12)])
        first.with_user(self.hub_user).action_submit()
        second.with_user(self.hub_user).action_submit()
        self.assertEqual(second.line_ids.quantity, 4)
        self.assertIn("er is nog maar 4.0 over van de 12.0", second.notice)

    def test_the_hub_day_is_the_company_day_not_the_user_day(self):
        brussels_today = datetime.now(pytz.utc).astimezone(pytz.timezone("Europe/Brussels"))
        # one of these two is on another calendar day than Brussels at any moment
        for far_away in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
            with self.subTest(tz=far_away):
                self.hub_user.tz = far_away
                env = self.env(user=self.hub_user, context={"tz": far_away})
                self.assertEqual(loco_today(env), brussels_today.date())
        self.env.company.partner_id.tz = "Pacific/Kiritimati"
        kiritimati_today = datetime.now(pytz.utc).astimezone(pytz.timezone("Pacific/Kiritimati"))
        self.assertEqual(loco_today(self.env), kiritimati_today.date())
