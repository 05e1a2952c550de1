# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..policy import service_area
from .common import LocoHubsCase


@tagged("post_install", "-at_install")
class TestHubSetup(LocoHubsCase):
    def test_a_hub_gets_its_zones_and_quarantine(self):
        hub = self.hub
        self.assertEqual(hub.loco_ambient_location_id.location_id, hub.lot_stock_id)
        self.assertEqual(hub.loco_chilled_location_id.loco_temperature_class, "chilled")
        self.assertEqual(hub.loco_frozen_location_id.usage, "internal")
        quarantine = hub.loco_quarantine_location_id
        self.assertTrue(quarantine.loco_quarantine)
        self.assertEqual(quarantine.warehouse_id, hub)
        self.assertFalse(
            quarantine.search_count(
                [("id", "=", quarantine.id), ("id", "child_of", hub.lot_stock_id.id)]
            ),
            "quarantine must stay outside the stock that outgoing transfers reserve from",
        )
        self.assertEqual(
            hub.lot_stock_id.removal_strategy_id, self.env.ref("product_expiry.removal_fefo")
        )

    def test_zones_are_created_once(self):
        warehouse = self.env["stock.warehouse"].create({"name": "Later hub", "code": "LATH"})
        self.assertFalse(warehouse.loco_ambient_location_id)
        warehouse.loco_hub = True
        zones = warehouse.loco_ambient_location_id | warehouse.loco_quarantine_location_id
        self.assertEqual(len(zones), 2)
        warehouse.write({"loco_hub": True})
        warehouse._loco_setup_hub()
        self.assertEqual(
            warehouse.loco_ambient_location_id | warehouse.loco_quarantine_location_id, zones
        )
        names = (
            self.env["stock.location"].search([("warehouse_id", "=", warehouse.id)]).mapped("name")
        )
        self.assertEqual(names.count("Ambient"), 1)
        self.assertEqual(names.count("Quarantine"), 1)
        rules = self.env["stock.putaway.rule"].search(
            [("location_in_id", "=", warehouse.lot_stock_id.id)]
        )
        warehouse._loco_sync_putaway()
        self.assertEqual(
            self.env["stock.putaway.rule"].search(
                [("location_in_id", "=", warehouse.lot_stock_id.id)]
            ),
            rules,
        )

    def test_putaway_sends_each_class_to_its_zone(self):
        stock = self.hub.lot_stock_id
        self.assertEqual(
            stock._get_putaway_strategy(self.yoghurt), self.hub.loco_chilled_location_id
        )
        self.assertEqual(stock._get_putaway_strategy(self.pasta), self.hub.loco_ambient_location_id)
        self.assertEqual(stock._get_putaway_strategy(self.peas), self.hub.loco_frozen_location_id)
        cheese = self.env["product.category"].create(
            {"name": "Cheese", "parent_id": self.categ_dairy.id}
        )
        brie = self.env["product.product"].create({"name": "Brie", "categ_id": cheese.id})
        self.assertEqual(stock._get_putaway_strategy(brie), self.hub.loco_chilled_location_id)

    def test_a_real_receipt_lands_in_the_zones(self):
        supplier = self.env.ref("stock.stock_location_suppliers")
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.hub.in_type_id.id,
                "location_id": supplier.id,
                "location_dest_id": self.hub.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": 4,
                            "product_uom": product.uom_id.id,
                            "location_id": supplier.id,
                            "location_dest_id": self.hub.lot_stock_id.id,
                        }
                    )
                    for product in (self.yoghurt, self.pasta, self.peas)
                ],
            }
        )
        receipt.action_confirm()
        for move in receipt.move_ids:
            move.move_line_ids.write(
                {"lot_name": f"R-{move.product_id.id}", "quantity": 4, "picked": True}
            )
        receipt.with_context(skip_expired=True).button_validate()
        self.assertEqual(receipt.state, "done")
        zone_of = {ml.product_id: ml.location_dest_id for ml in receipt.move_line_ids}
        self.assertEqual(zone_of[self.yoghurt], self.hub.loco_chilled_location_id)
        self.assertEqual(zone_of[self.pasta], self.hub.loco_ambient_location_id)
        self.assertEqual(zone_of[self.peas], self.hub.loco_frozen_location_id)

    def test_changing_a_category_class_moves_its_putaway(self):
        self.categ_pasta.loco_temperature_class = "chilled"
        self.assertEqual(
            self.hub.lot_stock_id._get_putaway_strategy(self.pasta),
            self.hub.loco_chilled_location_id,
        )

    def test_a_hub_without_zones_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "must keep its ambient, chilled, frozen and quarantine"
        ):
            self.hub.sudo().write({"loco_chilled_location_id": False})
        with self.assertRaisesRegex(
            ValidationError, "must keep its ambient, chilled, frozen and quarantine"
        ):
            self.hub.loco_quarantine_location_id.active = False
            self.hub._check_loco_zones()

    def test_a_zone_of_another_warehouse_is_refused(self):
        other = self.env["stock.warehouse"].create({"name": "Other", "code": "OTH"})
        with self.assertRaisesRegex(ValidationError, "not inside that warehouse"):
            self.hub.write({"loco_frozen_location_id": other.lot_stock_id.id})

    def test_service_area_is_validated(self):
        self.hub.loco_service_area = "7000-7099, 7100"
        with self.assertRaisesRegex(ValidationError, "is not a postal code"):
            self.hub.loco_service_area = "70000"

    def test_storable_classes_and_service_area(self):
        self.assertEqual(self.hub._loco_storable_classes(), {"ambient", "chilled", "frozen"})
        self.hub.loco_store_frozen = False
        self.assertEqual(self.hub._loco_storable_classes(), {"ambient", "chilled"})
        self.assertTrue(service_area.covers(self.hub.loco_service_area, "7050"))
        self.assertFalse(service_area.covers(self.hub.loco_service_area, "1000"))
        wide = self.env["stock.warehouse"].create(
            {
                "name": "Wide hub",
                "code": "WIDE",
                "loco_hub": True,
                "loco_service_area": "7400-7599",
            }
        )
        Warehouse = self.env["stock.warehouse"]
        self.assertEqual(Warehouse._loco_hub_for_postal_code("7050", self.company), self.hub)
        self.assertEqual(Warehouse._loco_hub_for_postal_code("7500", self.company), wide)
        self.assertFalse(Warehouse._loco_hub_for_postal_code("0999", self.company))
