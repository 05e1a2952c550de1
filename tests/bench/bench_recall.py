"""Benchmark of recalls (not a test: run with `make bench`, prints a table).

A lot delivered to A associations through M done moves, part of it still in the hub
and reserved for open deliveries: the recall is opened (blocked, associations listed)
and notified (one e-mail each). Server time and queries; the target for 50
associations and 200 moves is under 2 s.
"""

import time

from tablefmt import table  # tests/bench is on sys.path (pytest rootdir import)

from odoo import Command
from odoo.tests import tagged

from odoo.addons.loco_hubs.tests.common import LocoHubsCase

SIZES = ((10, 40), (50, 200))


@tagged("-standard", "loco_bench")
class BenchRecall(LocoHubsCase):
    def deliveries(self, lot, associations, moves):
        """``moves`` done deliveries of ``lot`` spread over ``associations``."""
        customers = self.env.ref("stock.stock_location_customers")
        pickings = self.env["stock.picking"].create(
            [
                {
                    "picking_type_id": self.hub.out_type_id.id,
                    "partner_id": associations[index % len(associations)].id,
                    "location_id": self.hub.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": lot.product_id.name,
                                "product_id": lot.product_id.id,
                                "product_uom_qty": 1,
                                "product_uom": lot.product_id.uom_id.id,
                                "location_id": self.hub.lot_stock_id.id,
                                "location_dest_id": customers.id,
                            }
                        )
                    ],
                }
                for index in range(moves)
            ]
        )
        pickings.action_confirm()
        pickings.action_assign()
        pickings.move_ids.picked = True
        pickings.with_context(skip_backorder=True).button_validate()
        return pickings

    def run_size(self, associations_count, moves):
        lot = self.make_lot(self.pasta, 90, f"BENCH-RECALL-{moves}")
        self.put_in_stock(lot, moves + 50)
        associations = self.env["res.partner"].create(
            [
                {
                    "name": f"Bench association {moves}-{index}",
                    "is_company": True,
                    "loco_association": True,
                    "loco_hub_id": self.hub.id,
                    "email": f"bench{index}@example.com",
                }
                for index in range(associations_count)
            ]
        )
        self.deliveries(lot, associations, moves)
        self.make_delivery(self.pasta, 20)  # reserved on the lot, still open
        recall = self.env["loco.recall"].create(
            {"reason": "Benchmark", "lot_ids": [Command.set(lot.ids)]}
        )
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        start = time.perf_counter()
        recall.action_open()
        recall.action_notify()
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        assert len(recall.notice_ids) == associations_count
        assert recall.blocked_qty == 50
        return elapsed, self.cr.sql_log_count - queries

    def test_bench_recall(self):
        rows = []
        for associations_count, moves in SIZES:
            elapsed, queries = self.run_size(associations_count, moves)
            rows.append((associations_count, moves, f"{elapsed:.2f}", queries))
        table(
            "Recall opened, blocked and notified (server time)",
            ("associations", "done moves", "seconds", "queries"),
            rows,
        )
        self.assertLess(float(rows[-1][2]), 2.0, "50 associations / 200 moves under 2 s")
