# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import Command
from odoo.tests import tagged

# the module, not its classes: Odoo's runner would collect an imported test class
from . import test_exchange


@tagged("post_install", "-at_install")
class TestRecallSources(test_exchange.LocoExchangeCase):
    def report_text(self, recall):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "loco_hubs.action_report_loco_recall", recall.ids
        )
        return re.sub(r"\s+", " ", html.decode())

    def test_the_report_says_which_donor_the_food_came_from_even_after_an_exchange(self):
        exchange = self.make_exchange(self.hub_b, [(self.yoghurt_lot, 10)])
        exchange.action_propose()
        self.as_user(exchange, self.hub_user_b).action_accept()
        exchange.action_ship()
        self.read_dock(exchange.in_picking_id.sudo(), self.hub_user_b)
        self.as_user(exchange, self.hub_user_b).action_receive()
        lot_b = exchange.in_picking_id.move_ids.move_line_ids.lot_id
        self.assertEqual(lot_b.company_id, self.company_b)
        recall = self.env["loco.recall"].create(
            {
                "reason": "Listeria (test)",
                "company_id": self.company_b.id,
                "lot_ids": [Command.set(lot_b.ids)],
            }
        )
        recall.with_context(allowed_company_ids=self.company_b.ids).action_open()
        self.assertIn(self.donor.name, self.report_text(recall))
