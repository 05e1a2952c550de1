"""Benchmark of the waste report (not a test: run with `make bench`, prints a table).

A year of food destroyed at a hub (done scraps spread over 365 days, five reasons,
four categories): the report grouped as its pivot shows it (reason × month, hub ×
category), server time and queries. The scraps are created as done records: the
report reads them, not the stock moves behind them.
"""

import time
from datetime import timedelta

from tablefmt import table  # tests/bench is on sys.path (pytest rootdir import)

from odoo import fields
from odoo.tests import tagged

from odoo.addons.loco_donations.tests.common import LocoDonationsCase

SIZES = (1_000, 10_000)
REASONS = ("expired", "cold_chain", "recall", "damaged", "quality")


@tagged("-standard", "loco_bench")
class BenchWaste(LocoDonationsCase):
    def year_of_scraps(self, count):
        products = [self.yoghurt, self.pasta, self.peas, self.bread]
        reasons = [self.env.ref(f"loco_hubs.scrap_reason_{reason}") for reason in REASONS]
        start = fields.Datetime.now() - timedelta(days=365)
        self.env["stock.scrap"].create(
            [
                {
                    "product_id": products[index % 4].id,
                    "scrap_qty": 1 + index % 9,
                    "location_id": self.hub.loco_quarantine_location_id.id,
                    "scrap_reason_tag_ids": [(6, 0, reasons[index % 5].ids)],
                    "state": "done",
                    "date_done": start + timedelta(minutes=index * 525_600 // count),
                }
                for index in range(count)
            ]
        )
        self.env.flush_all()

    def measure(self, groupby):
        Report = self.env["loco.waste.report"].with_user(self.accountant)
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        begin = time.perf_counter()
        groups = Report._read_group(
            [("hub_id", "=", self.hub.id)], groupby, ["weight_kg:sum", "value:sum"]
        )
        return time.perf_counter() - begin, self.cr.sql_log_count - queries, len(groups)

    def test_bench_waste_report(self):
        rows = []
        done = 0
        for size in SIZES:
            self.year_of_scraps(size - done)
            done = size
            for label, groupby in (
                ("reason × month", ["reason_id", "date:month"]),
                ("hub × category", ["hub_id", "categ_id"]),
            ):
                seconds, queries, groups = self.measure(groupby)
                rows.append((size, label, groups, f"{seconds * 1000:.0f} ms", queries))
        table(
            "Waste report on a year of food destroyed",
            ("scraps", "grouped by", "groups", "time", "queries"),
            rows,
        )
