"""Benchmark of the donors' VAT documents (not a test: run with `make bench`).

A year of donations from D donors (each received offer of 2 lines): the summary
documents of the year are prepared (one draft per donor) and issued (numbered without
gaps, each e-mailed with its PDF). Server time and queries.
"""

import time
from datetime import date

from tablefmt import table  # tests/bench is on sys.path (pytest rootdir import)

from odoo.tests import tagged

from odoo.addons.loco_donations.tests.common import LocoDonationsCase

DONORS = (30, 150)
OFFERS_PER_DONOR = 2


@tagged("-standard", "loco_bench")
class BenchVat(LocoDonationsCase):
    def donations(self, count, tag):
        donors = self.env["res.partner"].create(
            [
                {
                    "name": f"Bench donor {tag}-{index}",
                    "is_company": True,
                    "loco_donor": True,
                    "loco_vat_period": "year",
                    "email": f"donor{tag}{index}@example.com",
                    "vat": "BE0477472701",
                }
                for index in range(count)
            ]
        )
        lines = [line for line in self.default_lines() if line["product_id"] == self.pasta.id]
        for donor in donors:
            for _index in range(OFFERS_PER_DONOR):
                offer = self.make_offer(
                    user=self.env.user, lines=lines, donor_id=donor.id, hub_id=self.hub.id
                )
                offer.action_register()
                offer.action_accept()
                for move in offer.picking_id.move_ids:
                    move.move_line_ids.quantity = move.product_uom_qty
                    move.picked = True
                offer.picking_id.button_validate()
        return donors

    def test_bench_summaries_of_a_year(self):
        rows = []
        today = date.today()
        for count in DONORS:
            donors = self.donations(count, count)
            Document = self.env["loco.vat.document"]
            self.env.flush_all()
            self.env.invalidate_all()
            queries = self.cr.sql_log_count
            start = time.perf_counter()
            documents = Document._loco_prepare_summaries(
                self.company, date(today.year, 1, 1), date(today.year, 12, 31), donors=donors
            )
            prepared = time.perf_counter() - start
            documents.action_issue()
            self.env.flush_all()
            elapsed = time.perf_counter() - start
            assert len(documents) == count and set(documents.mapped("state")) == {"issued"}
            rows.append(
                (
                    count,
                    count * OFFERS_PER_DONOR,
                    f"{prepared:.2f}",
                    f"{elapsed:.2f}",
                    self.cr.sql_log_count - queries,
                )
            )
        table(
            "Summary VAT documents of a year: prepared, then issued and e-mailed",
            ("donors", "donations", "prepared s", "issued s", "queries"),
            rows,
        )
