# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.tests import BaseCase, tagged

from odoo.addons.loco_donations.policy import exchange as policy

TODAY = date(2026, 3, 10)


@tagged("post_install", "-at_install")
class TestExchangePolicy(BaseCase):
    def test_line_codes(self):
        check = policy.check_line
        self.assertIsNone(check(5, 10, date(2026, 3, 20), TODAY))
        self.assertIsNone(check(5, 5, None, TODAY), "no date: no expiry")
        self.assertIsNone(check(5, 5, TODAY, TODAY), "its last day is still a day")
        self.assertEqual(check(0, 10, None, TODAY), policy.NO_QUANTITY)
        self.assertEqual(check(-1, 10, None, TODAY), policy.NO_QUANTITY)
        self.assertEqual(check(11, 10, None, TODAY), policy.NOT_AVAILABLE)
        self.assertEqual(check(1, 10, date(2026, 3, 9), TODAY), policy.EXPIRED)
        self.assertEqual(check(1, 10, None, TODAY, quarantined=True), policy.QUARANTINED)
        self.assertEqual(check(1, 10, None, TODAY, in_hub=False), policy.WRONG_HUB)

    def test_prorate(self):
        self.assertEqual(policy.prorate(20.0, 40, 10), 5.0)
        self.assertEqual(policy.prorate(20.0, 0, 10), 0.0)

    def test_suggest_offers_what_expires_before_it_is_ordered_where_it_is_wanted(self):
        dairy, pasta = "dairy", "pasta"
        rows = [
            policy.StockRow("soon", dairy, 10, date(2026, 3, 12)),
            policy.StockRow("sooner", dairy, 4, date(2026, 3, 11), own_demand=1),
            policy.StockRow("later", dairy, 10, date(2026, 4, 30)),
            policy.StockRow("unwanted", pasta, 10, date(2026, 3, 12)),
            policy.StockRow("taken", dairy, 3, date(2026, 3, 12), own_demand=3),
            policy.StockRow("past", dairy, 3, date(2026, 3, 9)),
            policy.StockRow("undated", dairy, 3, None),
        ]
        self.assertEqual(policy.suggest(rows, {dairy}, TODAY, 7), [("sooner", 3), ("soon", 10)])
        self.assertEqual(policy.suggest(rows, set(), TODAY, 7), [])
