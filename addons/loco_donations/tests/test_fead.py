# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""European aid (FEAD / ESF+): received from the programme's deliveries, kept apart
from donations (never valued as one) and given only to recognised associations."""

import re
import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.loco_hubs.tests.common import archive_race_companies, race

from .common import LocoDonationsCase

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class FeadCase(LocoDonationsCase, HttpCase):
    """A FEAD campaign of the test organisation, a delivery of rice, and two
    associations with their volunteers: one recognised for European aid, one not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = (
            cls.env["loco.fead.campaign"]
            .with_user(cls.coordinator)
            .create(
                {
                    "name": "FEAD 2026 (test)",
                    "date_from": fields.Date.today().replace(month=1, day=1),
                    "date_to": fields.Date.today().replace(month=12, day=31),
                }
            )
        )
        cls.rice = cls.env["product.product"].create(
            {"name": "Test FEAD rice 1 kg", "categ_id": cls.categ_pasta.id, "weight": 1.0}
        )
        Partner = cls.env["res.partner"]
        cls.recognised, cls.other = Partner.create(
            [
                {
                    "name": f"{name} (FEAD test)",
                    "is_company": True,
                    "loco_association": True,
                    "loco_hub_id": cls.hub.id,
                    "loco_beneficiaries": 50,
                    "loco_fead": fead,
                }
                for name, fead in (("Recognised", True), ("Not recognised", False))
            ]
        )
        for login, association in (("fead_yes", cls.recognised), ("fead_no", cls.other)):
            new_test_user(
                cls.env,
                login,
                groups="base.group_portal",
                password=login + "_pw",
                partner_id=Partner.create({"name": login, "parent_id": association.id}).id,
            )
        cls.lot = cls.fead_delivery(30)

    @classmethod
    def fead_delivery(cls, quantity):
        """The programme's delivery of rice, received by hub staff on a FEAD receipt."""
        supplier = cls.env.ref("stock.stock_location_suppliers")
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.hub.in_type_id.id,
                "location_id": supplier.id,
                "location_dest_id": cls.hub.lot_stock_id.id,
                "loco_fead_campaign_id": cls.campaign.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": cls.rice.name,
                            "product_id": cls.rice.id,
                            "product_uom_qty": quantity,
                            "product_uom": cls.rice.uom_id.id,
                            "location_id": supplier.id,
                            "location_dest_id": cls.hub.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids.write(
            {"lot_name": "FEAD-RICE-1", "quantity": quantity, "picked": True}
        )
        picking.with_user(cls.hub_user).button_validate()
        cls.fead_picking = picking
        return picking.move_line_ids.lot_id

    def order(self, quantity):
        order = self.env["loco.order"].create(
            {
                "partner_id": self.recognised.id,
                "line_ids": [Command.create({"product_id": self.rice.id, "quantity": quantity})],
            }
        )
        order.action_submit()
        return order


@tagged("post_install", "-at_install")
class TestFead(FeadCase):
    def test_a_fead_delivery_makes_fead_lots_of_its_campaign(self):
        self.assertEqual(self.fead_picking.state, "done")
        self.assertEqual(self.lot.loco_origin, "fead")
        self.assertEqual(self.lot.loco_fead_campaign_id, self.campaign)
        with self.assertRaises(AccessError):
            self.fead_picking.with_user(self.hub_user).loco_fead_campaign_id = False
        with self.assertRaises(AccessError):
            self.lot.with_user(self.coordinator).loco_origin = "donation"

    def test_only_recognised_associations_see_and_order_fead_food(self):
        self.authenticate("fead_no", "fead_no_pw")
        html = self.url_open("/my/bourse").text
        self.assertNotIn("Test FEAD rice", html)
        self.authenticate("fead_yes", "fead_yes_pw")
        html = self.url_open("/my/bourse").text
        self.assertIn("Test FEAD rice", html)
        response = self.url_open(
            "/my/bourse/order",
            data={f"qty_{self.rice.id}": "5", "csrf_token": CSRF.search(html).group(1)},
        )
        self.assertEqual(response.status_code, 200)
        order = self.env["loco.order"].search([("partner_id", "=", self.recognised.id)])
        self.assertEqual(order.line_ids.quantity, 5)
        # the other association forging the line is refused, and orders nothing
        self.authenticate("fead_no", "fead_no_pw")
        self.put_in_stock(self.make_lot(self.pasta, 90, "FEAD-TEST-PASTA"), 3)  # a form
        html = self.url_open("/my/bourse").text
        response = self.url_open(
            "/my/bourse/order",
            data={f"qty_{self.rice.id}": "5", "csrf_token": CSRF.search(html).group(1)},
        )
        self.assertIn("is not available at", response.text)
        self.assertFalse(self.env["loco.order"].search([("partner_id", "=", self.other.id)]))

    def test_fead_food_is_never_valued_as_a_donation(self):
        wizard = (
            self.env["loco.donation.export"]
            .with_user(self.accountant)
            .create({"date_from": fields.Date.today(), "date_to": fields.Date.today()})
        )
        moves = self.env["stock.move"].sudo().search(wizard._moves_domain())
        self.assertFalse(moves & self.fead_picking.move_ids)

    def test_a_quota_caps_what_an_association_takes_in_the_campaign(self):
        quota = (
            self.env["loco.fead.quota"]
            .with_user(self.coordinator)
            .create(
                {
                    "campaign_id": self.campaign.id,
                    "partner_id": self.recognised.id,
                    "product_id": self.rice.id,
                    "quantity": 10,
                }
            )
        )
        self.assertEqual(self.hub._loco_catalogue(self.recognised)[self.rice]["allowance"], 10)
        first = self.order(8)
        self.assertEqual(first.line_ids.quantity, 8)
        second = self.order(5)
        self.assertEqual(second.line_ids.quantity, 2, "what the quota leaves")
        self.assertIn("quota", second.notice)
        self.assertEqual(self.hub._loco_catalogue(self.recognised)[self.rice]["allowance"], 0)
        with self.assertRaises(ValidationError):
            quota.with_user(self.coordinator).quantity = -1
        with self.assertRaises(AccessError):
            quota.with_user(self.hub_user).quantity = 50

    def test_the_fead_report_counts_what_was_delivered_to_each_association(self):
        order = self.order(7)
        order.with_user(self.coordinator).action_confirm()
        order.sudo()._loco_deliver()
        self.assertEqual(order.state, "done")
        self.env.flush_all()
        rows = (
            self.env["loco.fead.distribution.report"]
            .with_user(self.accountant)
            ._read_group(
                [("campaign_id", "=", self.campaign.id)],
                ["partner_id", "product_id"],
                ["quantity:sum", "weight_kg:sum"],
            )
        )
        self.assertEqual(rows, [(self.recognised, self.rice, 7.0, 7.0)])


@tagged("post_install", "-at_install")
class TestFeadQuotaRace(TransactionCase):
    """Two submissions of one association at the same moment, in two real
    transactions: together they never take more than its quota."""

    def test_two_racing_submissions_never_exceed_the_quota(self):
        tag = uuid.uuid4().hex[:6]
        with self.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tz": "Europe/Brussels", "tracking_disable": True}
            )
            company = env["res.company"].create({"name": f"FEAD race {tag}"})
            env = env(context=dict(env.context, allowed_company_ids=[company.id]))
            hub = env["stock.warehouse"].create(
                {"name": f"FEAD hub {tag}", "code": tag[:5].upper(), "loco_hub": True}
            )
            categ = env["product.category"].create(
                {
                    "name": f"FEAD food {tag}",
                    "loco_date_kind": "ddm",
                    "loco_temperature_class": "ambient",
                    "loco_shelf_life_group": "long",
                }
            )
            product = env["product.product"].create({"name": f"Rice {tag}", "categ_id": categ.id})
            env["stock.quant"]._update_available_quantity(product, hub.loco_ambient_location_id, 50)
            association = env["res.partner"].create(
                {
                    "name": f"Association {tag}",
                    "is_company": True,
                    "loco_association": True,
                    "loco_fead": True,
                    "loco_hub_id": hub.id,
                }
            )
            # running today whether the day is UTC's or Belgium's (they differ at night)
            today = fields.Date.today()
            campaign = env["loco.fead.campaign"].create(
                {
                    "name": f"FEAD {tag}",
                    "date_from": today - timedelta(days=1),
                    "date_to": today + timedelta(days=1),
                }
            )
            env["loco.fead.quota"].create(
                {
                    "campaign_id": campaign.id,
                    "partner_id": association.id,
                    "product_id": product.id,
                    "quantity": 10,
                }
            )
            orders = env["loco.order"].create(
                [
                    {
                        "partner_id": association.id,
                        "line_ids": [(0, 0, {"product_id": product.id, "quantity": 6})],
                    }
                    for _index in range(2)
                ]
            )
            cr.commit()  # pylint: disable=invalid-commit
            ids, company_id = orders.ids, company.id
        self.addCleanup(archive_race_companies, self.registry, [company_id])
        race(
            self,
            self.registry,
            company_id,
            [
                lambda env, order_id=order_id: env["loco.order"].browse(order_id).action_submit()
                for order_id in ids
            ],
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company_id]})
            orders = env["loco.order"].browse(ids)
            taken = sum(
                orders.filtered(lambda o: o.state != "cancelled").line_ids.mapped("quantity")
            )
            self.assertEqual(taken, 10, orders.mapped("notice"))
