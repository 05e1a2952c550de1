# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import Form, tagged

from .common import LocoHubsCase


@tagged("post_install", "-at_install")
class TestLotDates(LocoHubsCase):
    def test_dlc_lot(self):
        lot = self.make_lot(self.yoghurt, 5)
        self.assertEqual(
            lot.distributable_until, self.end_of(5), "given until the end of its DLC day"
        )
        self.assertEqual(lot.expiration_date, self.end_of(5))
        self.assertEqual(lot.removal_date, lot.distributable_until)
        self.assertEqual(lot.alert_date, self.start_of(3), "urgent from 2 days before")

    def test_ddm_lot_gets_the_grace_of_its_group(self):
        pasta = self.make_lot(self.pasta, -10)
        self.assertEqual(pasta.use_date, self.at(-10))
        self.assertEqual(pasta.distributable_until, self.end_of(355))
        self.assertEqual(pasta.removal_date, self.end_of(355))
        self.assertEqual(pasta.expiration_date, self.end_of(355), "Odoo's hard end is the LOCO one")
        peas = self.make_lot(self.peas, 1)
        self.assertEqual(peas.distributable_until, self.end_of(61))
        bread = self.make_lot(self.bread, 1)
        self.assertEqual(bread.distributable_until, self.end_of(1))

    def test_editing_the_ddm_moves_every_date(self):
        lot = self.make_lot(self.peas, 1)
        lot.use_date = self.at(10)
        self.assertEqual(lot.use_date, self.at(10))
        self.assertEqual(lot.distributable_until, self.end_of(70))
        self.assertEqual(lot.removal_date, self.end_of(70))
        self.assertEqual(lot.expiration_date, self.end_of(70))

    def test_editing_the_dlc_moves_every_date(self):
        lot = self.make_lot(self.yoghurt, 5)
        lot.expiration_date = self.at(8)
        self.assertEqual(lot.distributable_until, self.end_of(8))
        self.assertEqual(lot.removal_date, self.end_of(8))

    def test_lot_entered_in_the_form(self):
        lots = self.env["stock.lot"].with_user(self.hub_user).with_context(display_complete=True)
        with Form(lots) as form:
            form.name = "FORM-1"
            form.product_id = self.pasta
            form.use_date = self.at(2)
        lot = form.record
        self.assertEqual(lot.use_date, self.at(2))
        self.assertEqual(lot.distributable_until, self.end_of(367))

    def test_changing_the_grace_of_a_group_updates_its_lots(self):
        lot = self.make_lot(self.peas, 0)
        self.env.ref("loco_hubs.shelf_life_long").grace_days = 30
        self.assertEqual(lot.distributable_until, self.end_of(30))
        self.assertEqual(lot.removal_date, self.end_of(30))

    def test_changing_the_group_of_a_category_updates_its_lots(self):
        lot = self.make_lot(self.peas, 0)
        self.categ_frozen.loco_shelf_life_group = "very_long"
        self.assertEqual(lot.distributable_until, self.end_of(365))

    def test_lot_of_a_non_food_product_is_untouched(self):
        soap = self.env["product.product"].create(
            {"name": "Soap", "is_storable": True, "tracking": "lot"}
        )
        lot = self.env["stock.lot"].create(
            {"name": "S1", "product_id": soap.id, "company_id": self.company.id}
        )
        self.assertFalse(lot.distributable_until)
        self.assertEqual(lot.loco_freshness, "fresh")

    def test_freshness_and_its_search(self):
        expired = self.make_lot(self.yoghurt, -1)
        today = self.make_lot(self.yoghurt, 0)
        urgent = self.make_lot(self.yoghurt, 2)
        fresh = self.make_lot(self.yoghurt, 3)
        bread_urgent = self.make_lot(self.bread, 1)
        bread_fresh = self.make_lot(self.bread, 2)
        pasta_old_ddm = self.make_lot(self.pasta, -100)
        lots = expired | today | urgent | fresh | bread_urgent | bread_fresh | pasta_old_ddm
        self.assertEqual(
            lots.mapped("loco_freshness"),
            ["expired", "urgent", "urgent", "fresh", "urgent", "fresh", "fresh"],
        )
        Lot = self.env["stock.lot"]
        domain = [("id", "in", lots.ids)]
        self.assertEqual(Lot.search(domain + [("loco_freshness", "=", "expired")]), expired)
        self.assertEqual(
            Lot.search(domain + [("loco_freshness", "=", "urgent")]), today | urgent | bread_urgent
        )
        self.assertEqual(
            Lot.search(domain + [("loco_freshness", "=", "fresh")]),
            fresh | bread_fresh | pasta_old_ddm,
        )
        self.assertEqual(
            Lot.search(domain + [("loco_freshness", "!=", "fresh")]),
            expired | today | urgent | bread_urgent,
        )
        self.assertEqual(
            Lot.search(domain + [("loco_freshness", "in", ["expired", "urgent"])]),
            expired | today | urgent | bread_urgent,
        )

    def test_changing_the_urgent_days_moves_the_alert_date(self):
        lot = self.make_lot(self.yoghurt, 6)
        self.categ_dairy.loco_urgent_days = 4
        self.assertEqual(lot.alert_date, self.start_of(2))

    def test_moving_a_category_under_another_parent_applies_its_rules(self):
        loose = self.env["product.category"].create({"name": "Loose", "loco_date_kind": "dlc"})
        product = self.env["product.product"].create({"name": "Loose cheese", "categ_id": loose.id})
        lot = self.env["stock.lot"].create(
            {
                "name": "LOOSE-1",
                "product_id": product.id,
                "company_id": self.company.id,
                "expiration_date": self.at(2),
                "use_date": self.at(2),
            }
        )
        self.assertEqual(lot.distributable_until, self.end_of(2))
        pasta_like = self.env["product.category"].create(
            {
                "name": "Long DDM",
                "loco_date_kind": "ddm",
                "loco_shelf_life_group": "long",
            }
        )
        loose.parent_id = pasta_like
        self.assertEqual(loose.loco_date_kind, "ddm")
        self.assertEqual(lot.distributable_until, self.end_of(62))
