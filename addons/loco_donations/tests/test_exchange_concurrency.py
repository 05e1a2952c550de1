# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Two receiving hubs accept, at the same moment and in two real database
transactions, exchanges asking for the same last units of one lot: the lot is never
reserved twice, the second is told what is left.

The data is committed (two connections must see it) in a company of its own."""

import threading
import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.loco_hubs.tests.common import archive_race_companies, registry_open_to_threads
from odoo.addons.loco_hubs.tools.dates import loco_today, utc_start_of


@tagged("post_install", "-at_install")
class TestExchangeConcurrency(TransactionCase):
    def make_exchanges(self):
        tag = uuid.uuid4().hex[:6]
        with self.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tz": "Europe/Brussels", "tracking_disable": True}
            )
            company = env["res.company"].create({"name": f"Exchange race {tag}"})
            env = env(context=dict(env.context, allowed_company_ids=[company.id]))
            Warehouse = env["stock.warehouse"]
            hubs = [
                Warehouse.create(
                    {
                        "name": f"Race hub {index} {tag}",
                        "code": f"R{index}{tag[:3].upper()}",
                        "company_id": company.id,
                        "loco_hub": True,
                    }
                )
                for index in range(3)
            ]
            categ = env["product.category"].create(
                {
                    "name": f"Race food {tag}",
                    "loco_date_kind": "ddm",
                    "loco_temperature_class": "ambient",
                    "loco_shelf_life_group": "long",
                }
            )
            product = env["product.product"].create({"name": f"Rice {tag}", "categ_id": categ.id})
            lot = env["stock.lot"].create(
                {
                    "name": f"RACE-{tag}",
                    "product_id": product.id,
                    "company_id": company.id,
                    "use_date": utc_start_of(env, loco_today(env) + timedelta(days=30)),
                }
            )
            env["stock.quant"]._update_available_quantity(
                product, hubs[0].loco_ambient_location_id, 10, lot_id=lot
            )
            exchanges = env["loco.exchange"].create(
                [
                    {
                        "from_hub_id": hubs[0].id,
                        "to_hub_id": hub.id,
                        "company_id": company.id,
                        "line_ids": [(0, 0, {"lot_id": lot.id, "quantity": 8})],
                    }
                    for hub in hubs[1:]
                ]
            )
            exchanges.action_propose()
            cr.commit()  # pylint: disable=invalid-commit
            self.addCleanup(archive_race_companies, self.registry, [company.id])
            return company.id, lot.id, exchanges.ids

    def test_accepting_at_the_same_time_never_reserves_a_lot_twice(self):
        company_id, lot_id, exchange_ids = self.make_exchanges()
        barrier = threading.Barrier(2)
        outcomes = []

        def accept(exchange_id):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company_id]})
                    exchange = env["loco.exchange"].browse(exchange_id)
                    exchange.read(["state"])  # open the transaction before the race
                    barrier.wait(timeout=30)
                    retrying(exchange.action_accept, env)
                    outcomes.append("accepted")
            except UserError as error:
                outcomes.append(str(error))

        threads = [threading.Thread(target=accept, args=(eid,)) for eid in exchange_ids]
        with registry_open_to_threads():
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company_id]})
            exchanges = env["loco.exchange"].browse(exchange_ids)
            self.assertEqual(sorted(exchanges.mapped("state")), ["accepted", "proposed"])
            quants = env["stock.quant"].search([("lot_id", "=", lot_id)])
            self.assertEqual(sum(quants.mapped("reserved_quantity")), 8)
        self.assertEqual(len(outcomes), 2)
        self.assertIn("accepted", outcomes)
        refused = [outcome for outcome in outcomes if outcome != "accepted"]
        self.assertTrue(all("are free at" in outcome for outcome in refused), outcomes)
