"""Benchmark of the outcome views (not a test: run with `make bench`, prints a table).

A year of a national network's stock moves: the done moves of a receipt, two
deliveries and a scrap at a hub, copied in SQL over the days of a year (each size
copies what is there already: some 400,000 move lines and 135,000 orders at the
end). The views read stock move lines and orders, not how they were made. Each
outcome view is read as its pivot shows it (hub × week, with every measure): server
time and queries; the target is under 1 s each.
"""

import time

from tablefmt import table  # tests/bench is on sys.path (pytest rootdir import)

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.loco_donations.tests.common import FLOW_MEASURES, LocoDonationsCase

# each outcome view and the measures its pivot shows
OUTCOME_VIEWS = (
    # model, its pivot's rows and columns, its measures
    ("loco.outcome.report", ("hub_id", "date:week"), FLOW_MEASURES),
    ("loco.outcome.median", ("hub_id", "week:week"), ("median_days_left:max", "distributions:sum")),
    ("loco.order.outcome", ("hub_id", "date:week"), ("asked_kg:sum", "served_kg:sum")),
)
# copies of each base move line: one per day of the year, times the hubs' volume
SIZES = (("a month", 30), ("a year, national", 365 * 6))


@tagged("-standard", "loco_bench")
class BenchOutcomes(LocoDonationsCase):
    def base_moves(self):
        """A receipt, two delivered orders and a scrap at the hub, done."""
        association = self.env["res.partner"].create(
            {
                "name": "Bench outcome association",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": self.hub.id,
                "loco_can_store_chilled": True,
            }
        )
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.receive(offer)
        for lines in ([(self.pasta, 20)], [(self.yoghurt, 10), (self.pasta, 10)]):
            order = self.env["loco.order"].create(
                {
                    "partner_id": association.id,
                    "line_ids": [
                        Command.create({"product_id": p.id, "quantity": q}) for p, q in lines
                    ],
                }
            )
            order.action_submit()
            order.action_confirm()
            order.sudo()._loco_deliver()
        lot = self.make_lot(self.pasta, 90, "BENCH-OUTCOME-SCRAP")
        self.put_in_stock(lot, 5)
        self.env["stock.scrap"].create(
            {
                "product_id": self.pasta.id,
                "lot_id": lot.id,
                "scrap_qty": 5,
                "location_id": self.hub.loco_ambient_location_id.id,
            }
        ).do_scrap()
        self.env.flush_all()

    def copy_rows(self, table_name, where, copies):
        """``copies`` copies of the rows of ``table_name`` matching ``where``, each a
        day earlier than the one before (the dates of the year)."""
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name != 'id'",
            [table_name],
        )
        columns = [row[0] for row in self.env.cr.fetchall()]
        dated = {"date", "submitted_date"}
        select = [
            SQL("%s - MOD(g, 365) * INTERVAL '1 day'", SQL.identifier(c))
            if c in dated
            else SQL.identifier(c)
            for c in columns
        ]
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM %s, generate_series(1, %s) g WHERE %s",
                SQL.identifier(table_name),
                SQL(", ").join(SQL.identifier(c) for c in columns),
                SQL(", ").join(select),
                SQL.identifier(table_name),
                copies,
                where,
            )
        )
        return self.env.cr.rowcount

    def read(self, model, groupby, aggregates):
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        start = time.perf_counter()
        self.env[model].with_user(self.coordinator)._read_group([], groupby, aggregates)
        return time.perf_counter() - start, self.cr.sql_log_count - queries

    def test_bench_outcomes(self):
        self.base_moves()
        hub_ids = tuple(self.hub.ids)
        rows = []
        for label, copies in SIZES:
            lines = self.copy_rows(
                "stock_move_line",
                SQL(
                    "state = 'done' AND (location_id IN %(locs)s OR location_dest_id IN %(locs)s)",
                    locs=tuple(
                        self.env["stock.location"].search([("warehouse_id", "in", hub_ids)]).ids
                    ),
                ),
                copies,
            )
            orders = self.copy_rows(
                "loco_order", SQL("hub_id IN %s AND state = 'done'", hub_ids), copies
            )
            # as autovacuum keeps a real database's statistics
            self.env.cr.execute("ANALYZE stock_move_line, loco_order")
            # before the nightly job: every copied move line is added up at the read
            model, groupby, aggregates = OUTCOME_VIEWS[0]
            elapsed, queries = self.read(model, groupby, aggregates)
            rows.append((label, f"{model} (all live)", lines, orders, f"{elapsed:.2f}", queries))
            self.env["loco.outcome.report"]._cron_loco_summarize()
            for model, groupby, aggregates in OUTCOME_VIEWS:
                elapsed, queries = self.read(model, groupby, aggregates)
                rows.append((label, model, lines, orders, f"{elapsed:.2f}", queries))
        table(
            "Outcome views read as their pivots (hub × week, every measure)",
            ("data", "view", "move lines added", "orders added", "seconds", "queries"),
            rows,
        )
        for row in rows[-len(OUTCOME_VIEWS) :]:
            self.assertLess(float(row[4]), 1.0, f"{row[1]} under 1 s on a year")
