# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.tests import BaseCase, tagged

from ..policy import vat_period


@tagged("post_install", "-at_install")
class TestVatPeriodPolicy(BaseCase):
    def test_months_quarters_and_years(self):
        for kind, day, expected in (
            ("month", date(2026, 2, 14), (date(2026, 2, 1), date(2026, 2, 28))),
            ("month", date(2028, 2, 29), (date(2028, 2, 1), date(2028, 2, 29))),
            ("month", date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
            ("quarter", date(2026, 5, 5), (date(2026, 4, 1), date(2026, 6, 30))),
            ("quarter", date(2026, 12, 6), (date(2026, 10, 1), date(2026, 12, 31))),
            ("year", date(2026, 7, 1), (date(2026, 1, 1), date(2026, 12, 31))),
        ):
            with self.subTest(kind=kind, day=day):
                self.assertEqual(vat_period.bounds(kind, day), expected)

    def test_the_previous_period(self):
        self.assertEqual(
            vat_period.previous("quarter", date(2027, 1, 15)),
            (date(2026, 10, 1), date(2026, 12, 31)),
        )
        self.assertEqual(
            vat_period.previous("month", date(2026, 3, 1)), (date(2026, 2, 1), date(2026, 2, 28))
        )
        with self.assertRaises(ValueError):
            vat_period.bounds("week", date(2026, 1, 1))
