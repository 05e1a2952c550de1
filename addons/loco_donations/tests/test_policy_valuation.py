# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import BaseCase, tagged

from odoo.addons.loco_donations.policy import valuation as val


@tagged("post_install", "-at_install")
class TestValuationPolicy(BaseCase):
    def test_declared_value_wins(self):
        assert val.donation_value(
            10, 5, declared_value=42.123, standard_price=3, price_per_kg=2
        ) == (
            42.12,
            val.DECLARED,
        )

    def test_standard_price_then_price_per_kg(self):
        assert val.donation_value(10, 5, standard_price=1.25, price_per_kg=2) == (
            12.5,
            val.STANDARD_PRICE,
        )
        assert val.donation_value(10, 5, price_per_kg=2) == (10.0, val.PER_KG)
        assert val.donation_value(10, 0, price_per_kg=2) == (0.0, val.NONE)
        assert val.donation_value(10, 5) == (0.0, val.NONE)

    def test_negative_inputs_are_refused(self):
        with self.assertRaises(ValueError):
            val.donation_value(-1, 5)
        with self.assertRaises(ValueError):
            val.donation_value(1, -5)

    def test_prorate_a_declared_value_to_what_arrived(self):
        assert val.prorate(100.0, 40, 30) == 75.0
        assert val.prorate(100.0, 40, 0) == 0.0
        assert val.prorate(0.0, 40, 30) == 0.0
        assert val.prorate(100.0, 0, 30) == 0.0
