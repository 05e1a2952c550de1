# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LocoHubsCase


@tagged("post_install", "-at_install")
class TestFoodCategories(LocoHubsCase):
    def test_sub_category_inherits_and_follows_its_parent(self):
        sub = self.env["product.category"].create(
            {"name": "Cheese", "parent_id": self.categ_dairy.id}
        )
        self.assertEqual(sub.loco_date_kind, "dlc")
        self.assertEqual(sub.loco_temperature_class, "chilled")
        self.assertEqual(sub.loco_min_days_before_dlc, 3)
        self.assertEqual(sub.loco_urgent_days, 2)
        self.categ_dairy.loco_min_days_before_dlc = 5
        self.assertEqual(sub.loco_min_days_before_dlc, 5)
        sub.loco_urgent_days = 4  # a sub-category may differ from its parent
        self.assertEqual(sub.loco_urgent_days, 4)
        self.assertEqual(self.categ_dairy.loco_urgent_days, 2)

    def test_defaults_of_a_new_top_category(self):
        top = self.env["product.category"].create({"name": "Top food", "loco_date_kind": "dlc"})
        self.assertEqual(top.loco_min_days_before_dlc, 3)

    def test_negative_days_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.categ_dairy.loco_min_days_before_dlc = -1
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.categ_pasta.loco_urgent_days = -2

    def test_negative_grace_is_refused(self):
        rule = self.env.ref("loco_hubs.shelf_life_long")
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            rule.grace_days = -5

    def test_short_group_cannot_get_a_grace(self):
        with self.assertRaisesRegex(ValidationError, "grace must be 0"):
            self.env.ref("loco_hubs.shelf_life_short").grace_days = 3

    def test_default_groups(self):
        rules = self.env["loco.shelf.life.rule"]._policy_rules()
        self.assertEqual(
            {code: (rule.grace_days, rule.hard_limit) for code, rule in rules.items()},
            {
                "very_long": (365, False),
                "long": (60, False),
                "limited": (0, False),
                "short": (0, True),
            },
        )

    def test_food_products_are_lot_tracked_with_dates(self):
        self.assertEqual(self.yoghurt.tracking, "lot")
        self.assertTrue(self.yoghurt.use_expiration_date)
        self.assertTrue(self.yoghurt.is_storable)
        with self.assertRaisesRegex(ValidationError, "must be tracked by lots"):
            self.yoghurt.tracking = "none"
        other = self.env["product.product"].create({"name": "Soap"})
        with self.assertRaisesRegex(ValidationError, "must be tracked by lots"):
            other.categ_id = self.categ_dairy
