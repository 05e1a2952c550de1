# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Who can do what, as a table: each LOCO group (and portal and public users) × each
LOCO model and the Odoo models LOCO touches × read / create / write / delete. The same
table stands in the README's "Who can do what"; this test checks both.

The table is the model-level right (ir.model.access) as the real users have it. On
top of it LOCO's guard refuses, whatever the right, what a job must not do: the
workflow fields and derived facts (states, lot dates, quarantine flags, donation
values), evidence once recorded, the allocation fields of associations for anyone
but coordinators, stock moves by operators, accountants and drivers. Those refusals
are tested where they are made (test_food_safety_facts, test_least_privilege,
test_round_integrity, test_associations)."""

from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

README = Path(__file__).resolve().parents[3] / "README.md"

GROUPS = {
    "operator": "loco_donations.group_loco_operator",
    "hub user": "loco_hubs.group_loco_hub_user",
    "coordinator": "loco_hubs.group_loco_coordinator",
    "accountant": "loco_donations.group_loco_accountant",
    "driver": "loco_fleet.group_loco_driver",
    "portal": "base.group_portal",
    "public": None,
}
OPERATIONS = (("read", "r"), ("create", "c"), ("write", "w"), ("unlink", "d"))
# model: rights per group, in the order of GROUPS ("rcwd": read, create, write, delete)
MATRIX = {
    "loco.donation.offer": "rcwd r--- rcwd r--- ---- ---- ----",
    "loco.donation.offer.line": "rcwd r--- rcwd r--- ---- ---- ----",
    "loco.donation.export": "---- ---- rcw- rcw- ---- ---- ----",
    "loco.vat.document": "---- ---- rcwd rcwd ---- ---- ----",
    "loco.fead.campaign": "---- r--- rcwd r--- ---- ---- ----",
    "loco.fead.quota": "---- r--- rcwd r--- ---- ---- ----",
    "loco.fead.quota.transfer": "---- r--- rc-- r--- ---- ---- ----",
    "loco.esf.declaration": "---- rcw- rcwd r--- ---- r--- ----",
    "loco.fead.distribution.report": "---- r--- r--- r--- ---- ---- ----",
    "loco.exchange": "---- rcw- rcwd r--- ---- ---- ----",
    "loco.exchange.line": "---- rcwd rcwd r--- ---- ---- ----",
    "loco.order": "---- rcw- rcwd ---- ---- r--- ----",
    "loco.order.line": "---- rcwd rcwd ---- ---- r--- ----",
    "loco.recall": "---- r--- rcwd ---- ---- ---- ----",
    "loco.recall.notice": "---- r--- rcw- ---- ---- r--- ----",
    "loco.recall.notice.line": "---- r--- rcw- ---- ---- r--- ----",
    "loco.proposal": "---- r--- r--- ---- ---- r--- ----",
    "loco.weekday": "r--- r--- r--- r--- r--- r--- ----",
    "loco.outcome.report": "---- r--- r--- r--- ---- ---- ----",
    "loco.order.outcome": "---- r--- r--- ---- ---- ---- ----",
    "loco.outcome.median": "---- r--- r--- r--- ---- ---- ----",
    "loco.temperature.limit": "---- r--- r-w- ---- ---- ---- ----",
    "loco.temperature.log": "---- rc-- rc-- ---- ---- ---- ----",
    "loco.scarce.product": "---- r--- rcwd ---- ---- ---- ----",
    "loco.shelf.life.rule": "---- r--- r-w- ---- ---- ---- ----",
    "loco.demand.report": "---- r--- r--- ---- ---- ---- ----",
    "loco.waste.report": "---- r--- r--- r--- ---- ---- ----",
    "loco.round": "---- r--- rcwd r--- r-w- ---- ----",
    "loco.round.stop": "---- r--- rcwd r--- r-w- ---- ----",
    "loco.round.cost": "---- r--- r--- r--- ---- ---- ----",
    "loco.round.planner": "---- ---- rcwd ---- ---- ---- ----",
    "loco.vehicle.booking": "---- r--- rcw- r--- ---- ---- ----",
    "loco.vehicle.charge": "---- r--- r--- r--- ---- ---- ----",
    "loco.vehicle.statement": "---- rcwd rcwd rcwd ---- ---- ----",
    "stock.warehouse": "r--- r--- rcwd r--- r--- ---- ----",
    "stock.location": "r--- r-w- rcwd r--- r--- ---- ----",
    "stock.lot": "---- rcwd rcwd r--- ---- ---- ----",
    "stock.quant": "r--- rcw- rcw- r--- r--- ---- ----",
    "stock.picking": "---- rcwd rcwd r--- ---- ---- ----",
    "stock.move": "---- rcw- rcwd r--- ---- ---- ----",
    "stock.picking.batch": "---- rcwd rcwd ---- ---- ---- ----",
    "fleet.vehicle": "---- r--- rcwd r--- r--- ---- ----",
    "product.category": "r--- r--- rcwd r--- r--- ---- ----",
    "res.partner": "rcwd r--- rcwd r--- r--- r--- r---",
}


def markdown_table():
    """The matrix as the README shows it."""
    head = "| model | " + " | ".join(GROUPS) + " |"
    rule = "|---|" + "---|" * len(GROUPS)
    rows = [
        f"| `{model}` | " + " | ".join(rights.split()) + " |" for model, rights in MATRIX.items()
    ]
    return "\n".join([head, rule, *rows])


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            name: new_test_user(cls.env, f"matrix_{name.replace(' ', '_')}", groups=xmlid)
            if xmlid
            else cls.env.ref("base.public_user")
            for name, xmlid in GROUPS.items()
        }

    def test_each_group_has_exactly_the_rights_of_the_table(self):
        for model, rights in MATRIX.items():
            for (name, user), expected in zip(self.users.items(), rights.split(), strict=True):
                Model = self.env[model].with_user(user)
                actual = "".join(
                    letter if Model.has_access(operation) else "-"
                    for operation, letter in OPERATIONS
                )
                with self.subTest(model=model, group=name):
                    self.assertEqual(actual, expected)

    def test_operators_accountants_and_drivers_move_no_stock(self):
        """Odoo lets every internal user write move lines; LOCO's jobs without stock
        rights do not."""
        line = self.env["stock.move.line"].search([("state", "!=", "done")], limit=1)
        self.assertTrue(line, "the demo data has open move lines")
        for name in ("operator", "accountant", "driver"):
            with self.subTest(group=name):
                with self.assertRaisesRegex(AccessError, "Only hub staff move stock"):
                    line.with_user(self.users[name]).quantity = 999
                with self.assertRaisesRegex(AccessError, "Only hub staff move stock"):
                    line.with_user(self.users[name]).unlink()

    def test_the_readme_shows_the_same_table(self):
        if not README.exists():  # an image that ships the addons without the repo
            self.skipTest("README.md is not beside the addons")
        self.assertIn(markdown_table(), README.read_text(encoding="utf-8"))
