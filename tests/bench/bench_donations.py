"""Benchmarks of loco_donations (not a test: run with `make bench`, prints tables).

1. An offer of N lines registered, accepted and its receipt validated, against a plain
   Odoo receipt of the same N lines (same products, lots and dates) created and
   validated directly. N = 10, 100, 1000.
2. The accountants' XLSX export of 10,000 and 100,000 detail lines: time and peak
   resident memory of the process (Linux's high-water mark).
"""

import base64
import time
from datetime import timedelta

from measure import peak_rss, server_time  # tests/bench is on sys.path (pytest rootdir import)
from tablefmt import table

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.loco_donations.tests.common import COPIED_MOVE_COLUMNS, LocoDonationsCase

SIZES = (10, 100, 1000)
EXPORT_SIZES = (10_000, 100_000)


@tagged("-standard", "loco_bench")
class BenchDonations(LocoDonationsCase):
    def measure(self, func):
        seconds, queries, result = server_time(self.env, func)
        return result, seconds, queries

    def lines(self, size):
        products = [self.yoghurt, self.pasta, self.peas, self.bread]
        lines = []
        for index in range(size):
            product = products[index % 4]
            date_field = "dlc" if product == self.yoghurt else "ddm"
            lines.append(
                {
                    "product_id": product.id,
                    "quantity": 1 + index % 7,
                    date_field: self.today + timedelta(days=20 + index % 30),
                }
            )
        return lines

    def loco_flow(self, size):
        offer = self.make_offer(user=self.env.user, lines=self.lines(size))

        def run():
            offer.action_register()
            offer.action_accept()
            picking = offer.picking_id
            picking.move_ids.picked = True
            picking.button_validate()
            return picking

        picking, seconds, queries = self.measure(run)
        assert picking.state == "done" and offer.state == "received"
        return seconds, queries

    def plain_flow(self, size, one_move_per_line=False):
        supplier = self.env.ref("stock.stock_location_suppliers")
        lines = self.lines(size)

        def run():
            lots = self.env["stock.lot"].create(
                [
                    {
                        "name": f"PLAIN-{size}-{one_move_per_line}-{index}",
                        "product_id": line["product_id"],
                        "company_id": self.company.id,
                        (
                            "expiration_date" if "dlc" in line else "use_date"
                        ): fields.Datetime.to_datetime(line.get("dlc") or line.get("ddm"))
                        + timedelta(hours=12),
                    }
                    for index, line in enumerate(lines)
                ]
            )
            picking = self.env["stock.picking"].create(
                {
                    "picking_type_id": self.hub.in_type_id.id,
                    "partner_id": self.donor.id,
                    "location_id": supplier.id,
                    "location_dest_id": self.hub.lot_stock_id.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": "plain",
                                # a distinct description keeps Odoo from merging moves
                                "description_picking": f"line {index}"
                                if one_move_per_line
                                else False,
                                "product_id": line["product_id"],
                                "product_uom_qty": line["quantity"],
                                "product_uom": self.env["product.product"]
                                .browse(line["product_id"])
                                .uom_id.id,
                                "location_id": supplier.id,
                                "location_dest_id": self.hub.lot_stock_id.id,
                                "move_line_ids": [
                                    Command.create(
                                        {
                                            "product_id": line["product_id"],
                                            "lot_id": lot.id,
                                            "quantity": line["quantity"],
                                            "location_id": supplier.id,
                                            "location_dest_id": self.hub.lot_stock_id.id,
                                        }
                                    )
                                ],
                            }
                        )
                        for index, (line, lot) in enumerate(zip(lines, lots, strict=True))
                    ],
                }
            )
            picking.move_ids.picked = True
            picking.button_validate()
            return picking

        picking, seconds, queries = self.measure(run)
        assert picking.state == "done"
        return seconds, queries

    def test_bench_offer_to_receipt(self):
        self.loco_flow(5)
        self.plain_flow(5)  # warm caches
        rows = []
        for size in SIZES:
            loco_s, loco_q = self.loco_flow(size)
            plain_s, plain_q = self.plain_flow(size)
            split_s, split_q = self.plain_flow(size, one_move_per_line=True)
            rows.append(
                (
                    size,
                    f"{loco_s:.2f}",
                    loco_q,
                    f"{plain_s:.2f}",
                    plain_q,
                    f"{loco_s / plain_s:.2f}",
                    f"{loco_q / plain_q:.2f}",
                    f"{split_s:.2f}",
                    split_q,
                    f"{loco_s / split_s:.2f}",
                    f"{loco_q / split_q:.2f}",
                )
            )
        table(
            "Offer -> accepted -> receipt validated, vs a plain Odoo receipt of the same lines "
            "(merged: Odoo's one move per product; split: one move per line, like LOCO)",
            (
                "lines",
                "LOCO s",
                "LOCO q",
                "merged s",
                "merged q",
                "time x",
                "queries x",
                "split s",
                "split q",
                "time x",
                "queries x",
            ),
            rows,
        )

    def test_bench_export(self):
        offer = self.make_offer(user=self.env.user, lines=self.lines(2))
        offer.action_register()
        offer.action_accept()
        offer.picking_id.move_ids.picked = True
        offer.picking_id.button_validate()
        template = offer.picking_id.move_ids[0]
        rows = []
        created = 1
        for size in EXPORT_SIZES:
            # copy the received move in SQL: the benchmark measures the export, not the receipt
            self.env.flush_all()
            columns = ", ".join(COPIED_MOVE_COLUMNS)
            self.cr.execute(
                f"INSERT INTO stock_move ({columns}) SELECT {columns} "  # noqa: S608 - constant names
                "FROM stock_move, generate_series(1, %s) WHERE stock_move.id = %s",
                [size - created, template.id],
            )
            created = size
            wizard = self.env["loco.donation.export"].create(
                {
                    "date_from": self.today - timedelta(days=1),
                    "date_to": self.today,
                }
            )
            start = time.perf_counter()
            with peak_rss() as peak:
                wizard.action_export()
            seconds = time.perf_counter() - start
            size_mb = len(base64.b64decode(wizard.file_data)) / 1e6
            rows.append((f"{size + 1:,}", f"{seconds:.1f}", f"{peak.mb:.0f}", f"{size_mb:.1f}"))
            wizard.file_data = False
        table(
            "XLSX export of donations",
            ("detail lines", "seconds", "peak RSS MB", "file MB"),
            rows,
        )
