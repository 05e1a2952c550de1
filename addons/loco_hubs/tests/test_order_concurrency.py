# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Two associations race for the last units, in two real database transactions.

The data is committed (each thread has its own connection, as two portal requests
would), in a company of its own with a unique name, so other tests never see it."""

import threading
import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from ..tools.dates import loco_today, utc_start_of
from .common import archive_race_companies, registry_open_to_threads

STOCK = 5


@tagged("post_install", "-at_install")
class TestOrderConcurrency(TransactionCase):
    def make_race(self, auto_confirm, submitted=False):
        tag = uuid.uuid4().hex[:6]
        with self.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tz": "Europe/Brussels", "tracking_disable": True}
            )
            company = env["res.company"].create({"name": f"Race {tag}"})
            env = env(context=dict(env.context, allowed_company_ids=[company.id]))
            hub = env["stock.warehouse"].create(
                {
                    "name": f"Race hub {tag}",
                    "code": tag[:5].upper(),
                    "company_id": company.id,
                    "loco_hub": True,
                    "loco_auto_confirm": auto_confirm,
                }
            )
            categ = env["product.category"].create(
                {
                    "name": f"Race food {tag}",
                    "loco_date_kind": "dlc",
                    "loco_temperature_class": "ambient",
                }
            )
            product = env["product.product"].create(
                {"name": f"Last tins {tag}", "categ_id": categ.id}
            )
            until = utc_start_of(env, loco_today(env) + timedelta(days=30))
            lot = env["stock.lot"].create(
                {
                    "name": f"RACE-{tag}",
                    "product_id": product.id,
                    "company_id": company.id,
                    "expiration_date": until,
                }
            )
            env["stock.quant"]._update_available_quantity(
                product, hub.loco_ambient_location_id, STOCK, lot_id=lot
            )
            orders = env["loco.order"]
            for name in ("A", "B"):
                association = env["res.partner"].create(
                    {
                        "name": f"Association {name} {tag}",
                        "is_company": True,
                        "company_id": company.id,
                        "loco_association": True,
                        "loco_hub_id": hub.id,
                        "loco_beneficiaries": 100,
                    }
                )
                orders |= env["loco.order"].create(
                    {
                        "partner_id": association.id,
                        "company_id": company.id,
                        "line_ids": [(0, 0, {"product_id": product.id, "quantity": STOCK})],
                    }
                )
            if submitted:
                # both already claim the last units (as the superuser may set up): only
                # the confirmations race
                orders.write({"state": "submitted", "submitted_date": "2026-01-01"})
            # two connections must see the data: commit it, in a company of its own
            cr.commit()  # pylint: disable=invalid-commit
            self.addCleanup(archive_race_companies, self.registry, [company.id])
            return company.id, product.id, orders.ids

    def race(self, order_ids, company_id, action="action_submit"):
        barrier = threading.Barrier(len(order_ids))
        errors = []

        def submit(order_id):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company_id]})
                    order = env["loco.order"].browse(order_id)
                    order.read(["state"])  # open the transaction (its snapshot) before the race
                    barrier.wait(timeout=30)
                    retrying(getattr(order, action), env)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=submit, args=(order_id,)) for order_id in order_ids]
        with registry_open_to_threads():
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertFalse(errors)

    def outcome(self, company_id, product_id, order_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company_id]})
            orders = env["loco.order"].browse(order_ids)
            ordered = sum(
                orders.filtered(lambda o: o.state != "cancelled").line_ids.mapped("quantity")
            )
            quants = env["stock.quant"].search(
                [("product_id", "=", product_id), ("location_id.usage", "=", "internal")]
            )
            return (
                orders.mapped("state"),
                ordered,
                sum(quants.mapped("reserved_quantity")),
                sum(quants.mapped("quantity")),
            )

    def test_submissions_never_promise_the_same_units_twice(self):
        company_id, product_id, order_ids = self.make_race(auto_confirm=False)
        self.race(order_ids, company_id)
        states, ordered, reserved, available = self.outcome(company_id, product_id, order_ids)
        self.assertEqual(available, STOCK)
        self.assertEqual(ordered, STOCK, states)
        self.assertEqual(sorted(states), ["cancelled", "submitted"])

    def test_confirmations_never_reserve_more_than_available(self):
        company_id, product_id, order_ids = self.make_race(auto_confirm=True)
        self.race(order_ids, company_id)
        states, ordered, reserved, available = self.outcome(company_id, product_id, order_ids)
        self.assertLessEqual(reserved, available)
        self.assertEqual(reserved, STOCK)
        self.assertEqual(ordered, STOCK)
        self.assertEqual(sorted(states), ["cancelled", "ready"])

    def test_two_coordinators_confirming_at_once_never_reserve_the_same_units(self):
        company_id, product_id, order_ids = self.make_race(auto_confirm=False, submitted=True)
        self.race(order_ids, company_id, action="action_confirm")
        states, _ordered, reserved, available = self.outcome(company_id, product_id, order_ids)
        self.assertEqual(available, STOCK)
        self.assertEqual(reserved, STOCK, "the first takes the units, never both")
        self.assertEqual(sorted(states), ["confirmed", "ready"], "the second reserved nothing")
