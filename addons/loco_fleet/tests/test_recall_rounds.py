# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.tests import tagged

from .common import LocoFleetCase


@tagged("post_install", "-at_install")
class TestRecallRounds(LocoFleetCase):
    def test_a_recall_flags_the_live_rounds_carrying_the_food(self):
        self.setup_planned_round()
        lot = self.env["stock.lot"].search(
            [("product_id", "=", self.pasta.id), ("name", "=", "Test pasta 500 g/300")]
        )
        recall = (
            self.env["loco.recall"]
            .with_user(self.coordinator)
            .create({"reason": "Glass found (test)", "lot_ids": [Command.set(lot.ids)]})
        )
        recall.action_open()
        for rnd in (self.round_1, self.round_2):
            with self.subTest(round=rnd.name):
                self.assertIn(recall.name, rnd.message_ids[0].body)
        self.assertIn(self.round_1.name, recall.message_ids[0].body)
        self.assertIn(self.round_2.name, recall.message_ids[0].body)
        # a round already done is history: not flagged
        self.assertEqual(self.round_1.state, "planned")
