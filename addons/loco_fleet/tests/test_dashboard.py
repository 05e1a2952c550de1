# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The LOCO dashboards of Odoo's Dashboards app: every formula reads a pivot the
spreadsheet defines, with a measure it declares; each pivot is readable by the
dashboard's groups; its figures are the database's; each dashboard is shown only to
its groups."""

import base64
import json
import re

from odoo.tests import new_test_user, tagged

from .common import LocoFleetCase

FORMULA = re.compile(r'PIVOT\.(VALUE|HEADER)\((\d+)(?:,"([^"]+)")?')
DASHBOARDS = ("spreadsheet_dashboard_loco_network", "spreadsheet_dashboard_loco_organisation")


@tagged("post_install", "-at_install")
class TestDashboard(LocoFleetCase):
    def spreadsheet(self, xmlid):
        dashboard = self.env.ref(f"loco_fleet.{xmlid}")
        return json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))

    def test_every_formula_reads_a_pivot_and_measure_the_spreadsheet_defines(self):
        for xmlid in DASHBOARDS:
            data = self.spreadsheet(xmlid)
            pivots = data["pivots"]
            used = set()
            for cell in data["sheets"][0]["cells"].values():
                for kind, pivot_id, arg in FORMULA.findall(cell["content"]):
                    self.assertIn(pivot_id, pivots, cell)
                    pivot = pivots[pivot_id]
                    if kind == "VALUE":
                        self.assertIn(arg, [m["id"] for m in pivot["measures"]], cell)
                    elif arg:
                        self.assertIn(arg.lstrip("#"), [r["fieldName"] for r in pivot["rows"]])
                    used.add(pivot_id)
            self.assertEqual(used, set(pivots), "no pivot is left unread")

    def test_each_pivot_is_readable_by_the_dashboards_groups_and_equals_the_database(self):
        for xmlid, user in zip(DASHBOARDS, (self.coordinator, self.hub_user), strict=True):
            for pivot in self.spreadsheet(xmlid)["pivots"].values():
                with self.subTest(dashboard=xmlid, pivot=pivot["name"]):
                    Model = self.env[pivot["model"]].with_user(user)
                    aggregates = [
                        "__count" if m["id"] == "__count" else f"{m['fieldName']}:{m['aggregator']}"
                        for m in pivot["measures"]
                    ]
                    groupby = [row["fieldName"] for row in pivot["rows"]]
                    groups = Model._read_group(pivot["domain"], groupby, aggregates)
                    self.assertIsInstance(groups, list)
        # the network's received kg, as its key figure reads it, is the database's
        [[received]] = self.env["loco.outcome.report"]._read_group([], [], ["received_kg:sum"])
        lines = self.env["stock.move.line"].search(
            [
                ("state", "=", "done"),
                ("location_id.usage", "=", "supplier"),
                ("location_dest_id.warehouse_id.loco_hub", "=", True),
            ]
        )
        self.assertAlmostEqual(
            received, sum(ml.quantity_product_uom * ml.product_id.weight for ml in lines)
        )
        [[km, cost]] = self.env["loco.round"]._read_group(
            [("state", "=", "done")], [], ["driven_km:sum", "cost:sum"]
        )
        rounds = self.env["loco.round"].search([("state", "=", "done")])
        self.assertAlmostEqual(km, sum(rounds.mapped("driven_km")))
        self.assertAlmostEqual(cost, sum(rounds.mapped("cost")))

    def test_each_dashboard_is_shown_to_its_groups_only(self):
        network, organisation = (self.env.ref(f"loco_fleet.{xmlid}") for xmlid in DASHBOARDS)
        portal = new_test_user(self.env, "dashboard_portal", groups="base.group_portal")
        seen = {
            user: self.env["spreadsheet.dashboard"]
            .with_user(user)
            .search([("id", "in", (network | organisation).ids)])
            for user in (self.coordinator, self.hub_user, self.driver)
        }
        self.assertEqual(seen[self.coordinator], network | organisation)
        self.assertEqual(seen[self.hub_user], organisation)
        self.assertFalse(seen[self.driver])
        self.assertFalse(self.env["spreadsheet.dashboard"].with_user(portal).has_access("read"))
