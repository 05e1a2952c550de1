# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LocoHubsCase


@tagged("post_install", "-at_install")
class TestAccess(LocoHubsCase):
    def test_hub_user_reads_hubs_lots_and_rules_but_configures_nothing(self):
        env = self.env(user=self.hub_user)
        hub = env["stock.warehouse"].browse(self.hub.id)
        self.assertTrue(hub.loco_hub)
        self.assertTrue(hub.loco_quarantine_location_id.name)
        lot = self.make_lot(self.yoghurt, 1).with_user(self.hub_user)
        self.assertEqual(lot.loco_freshness, "urgent")
        self.assertEqual(len(env["loco.shelf.life.rule"].search([])), 4)
        with self.assertRaises(AccessError):
            env.ref("loco_hubs.shelf_life_long").grace_days = 10
        with self.assertRaises(AccessError):
            hub.loco_service_area = "1000"
        with self.assertRaises(AccessError):
            env["product.category"].browse(self.categ_dairy.id).loco_min_days_before_dlc = 1

    def test_hub_user_records_lots_and_dates(self):
        lot = (
            self.env["stock.lot"]
            .with_user(self.hub_user)
            .create(
                {
                    "name": "HUBUSER-1",
                    "product_id": self.yoghurt.id,
                    "company_id": self.company.id,
                    "expiration_date": self.at(4),
                }
            )
        )
        self.assertEqual(lot.distributable_until, self.end_of(4))
        lot.expiration_date = self.at(6)
        self.assertEqual(lot.removal_date, self.end_of(6))

    def test_coordinator_configures_the_network(self):
        env = self.env(user=self.coordinator)
        env.ref("loco_hubs.shelf_life_long").grace_days = 45
        env["product.category"].browse(self.categ_dairy.id).loco_min_days_before_dlc = 2
        hub = env["stock.warehouse"].create(
            {"name": "Coordinator hub", "code": "COH", "loco_hub": True}
        )
        self.assertTrue(hub.loco_frozen_location_id)
        hub.action_loco_sweep()

    def test_a_user_without_loco_group_cannot_sweep(self):
        with self.assertRaises(AccessError):
            self.hub.with_user(self.stock_user).action_loco_sweep()

    def test_menus_follow_the_groups(self):
        root = self.env.ref("loco_hubs.menu_loco_root")
        config = self.env.ref("loco_hubs.menu_loco_config")

        def visible(user):
            return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

        self.assertIn(root.id, visible(self.hub_user))
        self.assertNotIn(config.id, visible(self.hub_user))
        self.assertIn(config.id, visible(self.coordinator))
        self.assertNotIn(root.id, visible(self.stock_user))


@tagged("post_install", "-at_install")
class TestMultiCompany(LocoHubsCase):
    def test_hub_users_only_see_the_hubs_and_stock_of_their_companies(self):
        other_company = self.env["res.company"].create({"name": "Antenne LOCO Liège"})
        other_hub = self.env["stock.warehouse"].create(
            {
                "name": "Liège antenna hub",
                "code": "LGA",
                "loco_hub": True,
                "company_id": other_company.id,
            }
        )
        self.assertEqual(other_hub.loco_quarantine_location_id.company_id, other_company)
        self.assertEqual(other_hub.loco_chilled_location_id.company_id, other_company)
        lot = self.make_lot(self.yoghurt, 3)
        lot_other = self.env["stock.lot"].create(
            {
                "name": "LG-1",
                "product_id": self.yoghurt.id,
                "company_id": other_company.id,
                "expiration_date": self.at(3),
            }
        )
        self.put_in_stock(lot, 2)
        self.env["stock.quant"].with_company(other_company)._update_available_quantity(
            self.yoghurt, other_hub.loco_chilled_location_id, 2, lot_id=lot_other
        )
        env = self.env(user=self.hub_user)
        hubs = env["stock.warehouse"].search([("loco_hub", "=", True)])
        self.assertIn(self.hub, hubs)
        self.assertNotIn(other_hub, hubs)
        self.assertFalse(env["stock.quant"].search([("lot_id", "=", lot_other.id)]))
        self.assertTrue(env["stock.quant"].search([("lot_id", "=", lot.id)]))
        self.assertFalse(env["stock.lot"].search([("id", "=", lot_other.id)]))

    def test_orders_scarce_products_and_demand_stay_in_their_company(self):
        other_company = self.env["res.company"].create({"name": "Antenne LOCO Namur"})
        other_hub = self.env["stock.warehouse"].create(
            {
                "name": "Namur antenna hub",
                "code": "NMA",
                "loco_hub": True,
                "company_id": other_company.id,
            }
        )
        other_association = self.env["res.partner"].create(
            {
                "name": "Épicerie d'ailleurs",
                "loco_association": True,
                "loco_hub_id": other_hub.id,
                "company_id": other_company.id,
            }
        )
        order = self.env["loco.order"].create(
            {
                "partner_id": other_association.id,
                "company_id": other_company.id,
                "line_ids": [Command.create({"product_id": self.pasta.id, "quantity": 2})],
            }
        )
        order.state = "submitted"  # set up as the superuser: the hub has no stock
        scarce = self.env["loco.scarce.product"].create(
            {"hub_id": other_hub.id, "product_id": self.pasta.id}
        )
        self.env.flush_all()  # the report is an SQL view over orders and quants
        for user in (self.hub_user, self.coordinator):
            env = self.env(user=user)
            self.assertFalse(env["loco.order"].search([("id", "=", order.id)]))
            self.assertFalse(env["loco.order.line"].search([("id", "in", order.line_ids.ids)]))
            self.assertFalse(env["loco.scarce.product"].search([("id", "=", scarce.id)]))
            self.assertFalse(env["loco.demand.report"].search([("hub_id", "=", other_hub.id)]))
        mine = self.env["loco.demand.report"].search([("hub_id", "=", other_hub.id)])
        self.assertEqual(mine.company_id, other_company)
        self.assertEqual(mine.demand_qty, 2)
