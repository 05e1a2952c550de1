# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import random

from odoo.tests import BaseCase, tagged

from ..policy import fead


@tagged("post_install", "-at_install")
class TestFeadPolicy(BaseCase):
    def test_a_transfer_moves_what_is_left_to_whom_can_receive_it(self):
        ok = {"same_quota": False, "recognised": True, "campaign_found": True}
        self.assertIsNone(fead.transfer_refusal(5, 5, **ok))
        for quantity, left, flags, code in (
            (0, 5, ok, fead.NO_QUANTITY),
            (-1, 5, ok, fead.NO_QUANTITY),
            (6, 5, ok, fead.MORE_THAN_LEFT),
            (1, 5, {**ok, "same_quota": True}, fead.SAME_QUOTA),
            (1, 5, {**ok, "recognised": False}, fead.NOT_RECOGNISED),
            (1, 5, {**ok, "campaign_found": False}, fead.NO_CAMPAIGN),
        ):
            with self.subTest(quantity=quantity, flags=flags):
                self.assertEqual(fead.transfer_refusal(quantity, left, **flags), code)

    def test_declared_counts_hold_together(self):
        good = {
            fead.TOTAL: 100,
            "recipients_children": 40,
            "recipients_young": 30,
            "recipients_aged": 30,
            "recipients_women": 100,
            "recipients_homeless": 3,
        }
        self.assertIsNone(fead.declaration_refusal(good))
        self.assertIsNone(fead.declaration_refusal({}))
        self.assertEqual(
            fead.declaration_refusal({**good, "recipients_aged": 31}),
            (fead.AGES_ABOVE_TOTAL, None),
        )
        self.assertEqual(
            fead.declaration_refusal({**good, "recipients_women": 101}),
            (fead.BREAKDOWN_ABOVE_TOTAL, "recipients_women"),
        )
        self.assertEqual(
            fead.declaration_refusal({**good, "recipients_homeless": -1}),
            (fead.NEGATIVE, "recipients_homeless"),
        )
        self.assertEqual(
            fead.declaration_refusal({fead.TOTAL: fead.MAX_RECIPIENTS + 1}),
            (fead.TOO_MANY, fead.TOTAL),
        )

    def test_any_accepted_declaration_has_breakdowns_within_its_total(self):
        rng = random.Random(1057)
        for _draw in range(500):
            counts = {fname: rng.randint(-2, 60) for fname in (fead.TOTAL, *fead.BREAKDOWNS)}
            if fead.declaration_refusal(counts) is None:
                total = counts[fead.TOTAL]
                self.assertTrue(all(0 <= counts[f] <= total for f in fead.BREAKDOWNS))
                self.assertLessEqual(sum(counts[f] for f in fead.AGE_GROUPS), total)
