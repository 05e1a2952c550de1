# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from odoo.addons.loco_hubs.tests.common import load_belgian_languages

from .common import LocoFleetCase


@tagged("post_install", "-at_install")
class TestStoredTexts(LocoFleetCase):
    """What the round's check finds is stored on its stops for every reader: in the
    company's language, whoever pressed the button."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_belgian_languages(cls.env, "loco_fleet")
        cls.coordinator.lang = "fr_BE"
        cls.association_2.write({"partner_latitude": 0.0, "partner_longitude": 0.0})

    def test_stop_problems_are_in_the_company_language(self):
        rnd = self.make_round(orders=[self.delivery_order(partner=self.association_2)])
        self.assertIn("The address has no coordinates", rnd.stop_ids.problem)
        self.env.company.partner_id.lang = "nl_BE"
        rnd.with_user(self.coordinator)._loco_refresh()
        self.assertIn("Het adres heeft geen coördinaten", rnd.stop_ids.problem)
