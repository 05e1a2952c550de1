# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import os
import tempfile
import threading
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import TransactionCase, new_test_user

from ..tools.dates import loco_today, utc_start_of

# Property-based tests: no example database, and hypothesis' own caches outside the
# repository (under pytest-odoo and Odoo's runner alike)
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "loco-hypothesis"))
PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def load_belgian_languages(env, module):
    """Belgian French and Dutch active, with ``module``'s translations loaded."""
    for code in ("fr_BE", "nl_BE"):
        env["res.lang"]._activate_lang(code)
    env["ir.module.module"]._load_module_terms([module], ["fr_BE", "nl_BE"], overwrite=True)


@contextmanager
def registry_open_to_threads():
    """Let the threads of a race test look the registry up while the test runs.

    Odoo's runner (odoo-bin --test-enable) runs every test inside ``with
    Registry._lock`` (``ThreadedServer.run`` holds it around ``preload_registries``),
    and a thread looks the registry up under that lock: ``api.Environment`` on a new
    cursor, ``retrying`` after a serialization failure (``Transaction.reset``). The
    test, joining its threads, would wait for them while they wait for the lock.
    HttpCase meets the same problem for the HTTP server's threads and swaps the lock
    for a ``DummyRLock`` (``Registry.enter_test_mode``); this does only that swap,
    so the threads keep real cursors on their own connections. pytest-odoo holds no
    such lock: there the swap changes nothing (the registry is loaded already)."""
    with patch.object(Registry, "_lock", DummyRLock()):
        yield


def race(test, registry, company_id, actions):
    """Run each of ``actions`` (``action(env)``, returning a value) in its own thread
    and real transaction, all released at the same moment; Odoo's ``retrying`` replays
    one that a concurrent one made fail to serialize. Returns the actions' results;
    ``test`` fails on any error."""
    barrier = threading.Barrier(len(actions))
    results, errors = [], []

    def run(action):
        try:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company_id]})
                # the transaction's snapshot is open before the race
                env["res.company"].browse(company_id).read(["name"])
                barrier.wait(timeout=30)
                results.append(retrying(lambda: action(env), env))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    with registry_open_to_threads():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    test.assertFalse(errors)
    return results


def archive_race_companies(registry, company_ids):
    """Archive the companies a race test committed its data in (a race needs two
    connections, so its data outlives the test's rollback): the tests that follow, the
    demo's own included, see the network's organisations only."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["res.company"].browse(company_ids).write({"active": False})


class LocoNetworkMixin:
    """A hub with its zones, four food categories (one per rule kind) and users of
    the real LOCO groups. Dates are relative to today in Belgium."""

    @classmethod
    def setup_network(cls):
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, tz="Europe/Brussels")
        )
        cls.today = loco_today(cls.env)
        cls.company = cls.env.company
        # texts stored on records are in the company's language; the demo's Croix-Rouge
        # writes French, these tests read English (test_stored_texts checks the rule)
        cls.company.partner_id.lang = "en_US"
        cls.hub = cls.env["stock.warehouse"].create(
            {
                "name": "Test hub",
                "code": "TSTH",
                "loco_hub": True,
                "loco_service_area": "7000-7099",
            }
        )
        Category = cls.env["product.category"]
        cls.food = Category.create({"name": "Test food"})
        cls.categ_dairy = Category.create(
            {
                "name": "Test dairy",
                "parent_id": cls.food.id,
                "loco_date_kind": "dlc",
                "loco_temperature_class": "chilled",
                "loco_min_days_before_dlc": 3,
                "loco_urgent_days": 2,
            }
        )
        cls.categ_pasta = Category.create(
            {
                "name": "Test pasta",
                "parent_id": cls.food.id,
                "loco_date_kind": "ddm",
                "loco_temperature_class": "ambient",
                "loco_shelf_life_group": "very_long",
                "loco_urgent_days": 30,
            }
        )
        cls.categ_bread = Category.create(
            {
                "name": "Test bread",
                "parent_id": cls.food.id,
                "loco_date_kind": "ddm",
                "loco_temperature_class": "ambient",
                "loco_shelf_life_group": "short",
                "loco_urgent_days": 1,
            }
        )
        cls.categ_frozen = Category.create(
            {
                "name": "Test frozen",
                "parent_id": cls.food.id,
                "loco_date_kind": "ddm",
                "loco_temperature_class": "frozen",
                "loco_shelf_life_group": "long",
                "loco_urgent_days": 10,
            }
        )
        Product = cls.env["product.product"]
        cls.yoghurt = Product.create({"name": "Test yoghurt", "categ_id": cls.categ_dairy.id})
        cls.pasta = Product.create({"name": "Test pasta 500 g", "categ_id": cls.categ_pasta.id})
        cls.bread = Product.create({"name": "Test bread", "categ_id": cls.categ_bread.id})
        cls.peas = Product.create({"name": "Test frozen peas", "categ_id": cls.categ_frozen.id})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Test association", "loco_association": True}
        )
        cls.hub_user = new_test_user(
            cls.env, "loco_hub_user", groups="loco_hubs.group_loco_hub_user"
        )
        cls.coordinator = new_test_user(
            cls.env, "loco_coordinator", groups="loco_hubs.group_loco_coordinator"
        )
        cls.stock_user = new_test_user(cls.env, "loco_stock_only", groups="stock.group_stock_user")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_network()

    @classmethod
    def at(cls, days, hour=12):
        """A naive UTC datetime, ``days`` from today at ``hour`` o'clock in Belgium."""
        return utc_start_of(cls.env, cls.today + timedelta(days=days)) + timedelta(hours=hour)

    @classmethod
    def start_of(cls, days):
        return utc_start_of(cls.env, cls.today + timedelta(days=days))

    @classmethod
    def end_of(cls, days):
        """The last second of the day ``days`` from today, when a lot stops being given."""
        return cls.start_of(days + 1) - timedelta(seconds=1)

    @classmethod
    def make_lot(cls, product, days, name=None):
        """A lot whose DLC (or DDM) is ``days`` from today."""
        date_field = "expiration_date" if product.categ_id.loco_date_kind == "dlc" else "use_date"
        return cls.env["stock.lot"].create(
            {
                "name": name or f"{product.name}/{days}",
                "product_id": product.id,
                "company_id": cls.company.id,
                date_field: cls.at(days),
            }
        )

    @classmethod
    def put_in_stock(cls, lot, qty, location=None):
        location = (
            location
            or cls.hub[
                {
                    "ambient": "loco_ambient_location_id",
                    "chilled": "loco_chilled_location_id",
                    "frozen": "loco_frozen_location_id",
                }[lot.product_id.categ_id.loco_temperature_class]
            ]
        )
        cls.env["stock.quant"]._update_available_quantity(lot.product_id, location, qty, lot_id=lot)
        return location

    @classmethod
    def read_dock(cls, picking, user=None, reading=4.0):
        """The hub staff's temperature reading at the dock (chilled and frozen food is
        received only once it is read)."""
        return (
            cls.env["loco.temperature.log"]
            .with_user(user or cls.hub_user)
            .with_context(allowed_company_ids=picking.company_id.ids)
            .create(
                {
                    "place": "receipt",
                    "picking_id": picking.id,
                    "reading": reading,
                    "company_id": picking.company_id.id,
                }
            )
        )

    @classmethod
    def make_delivery(cls, product, qty, hub=None):
        hub = hub or cls.hub
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": hub.out_type_id.id,
                "partner_id": cls.customer.id,
                "location_id": hub.lot_stock_id.id,
                "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": hub.lot_stock_id.id,
                            "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return picking


class LocoHubsCase(LocoNetworkMixin, TransactionCase):
    pass
