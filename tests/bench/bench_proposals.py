"""Benchmark of urgent food proposals (not a test: run with `make bench`, prints a
table).

L urgent lots in a hub serving A associations (located, storing chilled food): every
lot is ranked (policy.proposals) and proposed to
its first association that may still take it (the e-mails go to volunteers with
portal access, none here: their cost is the mail queue's). Server time and
queries; the target for 500 lots and 700 associations is under 5 s.
"""

import random
import time

from tablefmt import table  # tests/bench is on sys.path (pytest rootdir import)

from odoo.tests import tagged

from odoo.addons.loco_hubs.tests.common import LocoHubsCase

SIZES = ((50, 70), (500, 700))


@tagged("-standard", "loco_bench")
class BenchProposals(LocoHubsCase):
    def run_size(self, lots_count, associations_count):
        rng = random.Random(lots_count)
        hub = self.env["stock.warehouse"].create(
            {"name": f"Bench proposals {lots_count}", "code": f"BP{lots_count}", "loco_hub": True}
        )
        hub.partner_id.write({"partner_latitude": 50.85, "partner_longitude": 4.35})
        associations = self.env["res.partner"].create(
            [
                {
                    "name": f"Bench association {lots_count}-{index}",
                    "is_company": True,
                    "loco_association": True,
                    "loco_hub_id": hub.id,
                    "loco_can_store_chilled": True,
                    "loco_beneficiaries": rng.randint(10, 500),
                    "partner_latitude": 50.85 + rng.uniform(-0.3, 0.3),
                    "partner_longitude": 4.35 + rng.uniform(-0.3, 0.3),
                    "child_ids": [
                        (0, 0, {"name": f"Volunteer {index}", "email": f"v{index}@example.org"})
                    ],
                }
                for index in range(associations_count)
            ]
        )
        products = self.env["product.product"].create(
            [
                {"name": f"Bench yoghurt {lots_count}-{index}", "categ_id": self.categ_dairy.id}
                for index in range(20)
            ]
        )
        location = hub.loco_chilled_location_id
        Quant = self.env["stock.quant"]
        for index in range(lots_count):
            lot = self.make_lot(products[index % 20], 1, f"BENCH-PROP-{lots_count}-{index}")
            Quant._update_available_quantity(lot.product_id, location, 10, lot_id=lot)
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        start = time.perf_counter()
        made = self.env["loco.proposal"]._loco_propose(hub)
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        assert len(made) == lots_count, len(made)
        assert set(made.partner_id) <= set(associations)
        return elapsed, self.cr.sql_log_count - queries

    def test_bench_proposals(self):
        rows = []
        for lots_count, associations_count in SIZES:
            elapsed, queries = self.run_size(lots_count, associations_count)
            rows.append((lots_count, associations_count, f"{elapsed:.2f}", queries))
        table(
            "Urgent lots ranked and proposed (server time)",
            ("urgent lots", "associations", "seconds", "queries"),
            rows,
        )
        self.assertLess(float(rows[-1][2]), 5.0, "500 lots / 700 associations under 5 s")
