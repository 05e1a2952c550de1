"""Benchmarks of the association portal (run with `make bench`, prints a table):
server time of the Bourse aux dons catalogue and of an order submission with 500 and
5,000 lots at the hub."""

from datetime import timedelta

from measure import server_time  # tests/bench is on sys.path (pytest rootdir import)
from tablefmt import table  # tests/bench is on sys.path (pytest rootdir import)

from odoo.tests import tagged

from odoo.addons.loco_hubs.tests.common import LocoHubsCase

LOT_COUNTS = (500, 5000)
PRODUCTS = 25
RUNS = 5


@tagged("-standard", "loco_bench")
class BenchPortal(LocoHubsCase):
    def fill(self, hub, lots):
        """``lots`` lots spread over PRODUCTS products, bulk-created."""
        products = self.env["product.product"].create(
            [
                {"name": f"Bench {hub.code} {index}", "categ_id": self.categ_pasta.id}
                for index in range(PRODUCTS)
            ]
        )
        lot_records = self.env["stock.lot"].create(
            [
                {
                    "name": f"B{hub.code}-{index}",
                    "product_id": products[index % PRODUCTS].id,
                    "company_id": self.company.id,
                    "use_date": self.at(10 + index % 300),
                }
                for index in range(lots)
            ]
        )
        Quant = self.env["stock.quant"]
        for lot in lot_records:
            Quant._update_available_quantity(
                lot.product_id, hub.loco_ambient_location_id, 10, lot_id=lot
            )
        return products

    def timed(self, func):
        seconds, queries, _result = server_time(self.env, func, RUNS)
        return seconds, queries

    def test_bench_catalogue_and_submission(self):
        rows = []
        for lots in LOT_COUNTS:
            hub = self.env["stock.warehouse"].create(
                {"name": f"Bench {lots}", "code": f"B{lots}"[:5], "loco_hub": True}
            )
            products = self.fill(hub, lots)
            association = self.env["res.partner"].create(
                {
                    "name": f"Bench association {lots}",
                    "loco_association": True,
                    "loco_hub_id": hub.id,
                    "loco_beneficiaries": 100,
                }
            )
            catalogue_s, catalogue_q = self.timed(
                lambda hub=hub, a=association: hub._loco_catalogue(a)
            )

            def submit(association=association, products=products):
                order = (
                    self.env["loco.order"]
                    .sudo()
                    .create(
                        {
                            "partner_id": association.id,
                            "line_ids": [
                                (0, 0, {"product_id": p.id, "quantity": 1}) for p in products[:5]
                            ],
                            "requested_date": self.today + timedelta(days=1),
                        }
                    )
                )
                order.action_submit()

            submit_s, submit_q = self.timed(submit)
            rows.append(
                (
                    f"{lots:,}",
                    f"{catalogue_s * 1000:.0f}",
                    catalogue_q,
                    f"{submit_s * 1000:.0f}",
                    submit_q,
                )
            )
        table(
            "Bourse aux dons: server time (best of 5)",
            (
                "lots at the hub",
                "catalogue ms",
                "catalogue queries",
                "submit 5 lines ms",
                "submit queries",
            ),
            rows,
        )
