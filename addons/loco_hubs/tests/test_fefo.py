# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import LocoHubsCase


@tagged("post_install", "-at_install")
class TestFefo(LocoHubsCase):
    def test_fefo_serves_first_what_must_leave_first_among_dlc_and_ddm(self):
        """Pasta is DDM (grace 365 days): a pasta lot whose DDM is long past must
        still leave after one whose DDM + grace comes sooner."""
        old_ddm = self.make_lot(self.pasta, -300, "OLD-DDM")  # until +65
        recent_ddm = self.make_lot(self.pasta, -340, "RECENT-DDM")  # until +25
        young = self.make_lot(self.pasta, 20, "YOUNG")  # until +385
        for lot in (old_ddm, young, recent_ddm):
            self.put_in_stock(lot, 10)
        picking = self.make_delivery(self.pasta, 15)
        reserved = {ml.lot_id: ml.quantity for ml in picking.move_line_ids}
        self.assertEqual(reserved, {recent_ddm: 10, old_ddm: 5})

    def test_dlc_lots_in_fefo_order(self):
        late = self.make_lot(self.yoghurt, 9, "LATE")
        soon = self.make_lot(self.yoghurt, 4, "SOON")
        self.put_in_stock(late, 5)
        self.put_in_stock(soon, 5)
        picking = self.make_delivery(self.yoghurt, 6)
        self.assertEqual(
            {ml.lot_id: ml.quantity for ml in picking.move_line_ids}, {soon: 5, late: 1}
        )

    def test_an_expired_lot_is_never_reserved_even_before_the_sweep(self):
        expired = self.make_lot(self.yoghurt, -1, "EXPIRED")
        fresh = self.make_lot(self.yoghurt, 5, "FRESH")
        self.put_in_stock(expired, 5)
        self.put_in_stock(fresh, 5)
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(self.yoghurt, self.hub.lot_stock_id), 5
        )
        picking = self.make_delivery(self.yoghurt, 8)
        self.assertEqual({ml.lot_id: ml.quantity for ml in picking.move_line_ids}, {fresh: 5})
        self.assertEqual(picking.move_ids.quantity, 5)

    def test_a_lot_on_its_last_day_is_still_served(self):
        last_day = self.make_lot(self.bread, 0, "LAST-DAY")
        self.put_in_stock(last_day, 3)
        picking = self.make_delivery(self.bread, 3)
        self.assertEqual(picking.move_line_ids.lot_id, last_day)

    def test_one_delivery_of_dlc_and_ddm_food_takes_the_right_lots(self):
        yoghurt_late = self.make_lot(self.yoghurt, 8, "Y-LATE")
        yoghurt_soon = self.make_lot(self.yoghurt, 3, "Y-SOON")
        pasta_old = self.make_lot(self.pasta, -350, "P-OLD")  # until +15
        pasta_new = self.make_lot(self.pasta, 5, "P-NEW")  # until +370
        for lot in (yoghurt_late, yoghurt_soon, pasta_old, pasta_new):
            self.put_in_stock(lot, 4)
        picking = self.make_delivery(self.yoghurt, 4)
        pasta_move = self.env["stock.move"].create(
            {
                "name": "pasta",
                "product_id": self.pasta.id,
                "product_uom_qty": 4,
                "product_uom": self.pasta.uom_id.id,
                "picking_id": picking.id,
                "location_id": picking.location_id.id,
                "location_dest_id": picking.location_dest_id.id,
            }
        )
        pasta_move._action_confirm()
        picking.action_assign()
        self.assertEqual(picking.move_line_ids.lot_id, yoghurt_soon | pasta_old)

    def test_lots_of_a_product_that_changed_date_kind_stay_in_fefo_order(self):
        """Lots entered when the category was DDM, then some as DLC: FEFO compares
        their distributable dates, whatever the kind they were entered with."""
        ddm_lot = self.make_lot(self.peas, -50, "DDM-LOT")  # long: until +10
        self.categ_frozen.loco_date_kind = "dlc"
        self.assertEqual(ddm_lot.distributable_until, self.end_of(10))
        dlc_soon = self.make_lot(self.peas, 4, "DLC-SOON")
        dlc_late = self.make_lot(self.peas, 20, "DLC-LATE")
        for lot in (dlc_late, ddm_lot, dlc_soon):
            self.put_in_stock(lot, 2)
        picking = self.make_delivery(self.peas, 5)
        reserved = {ml.lot_id: ml.quantity for ml in picking.move_line_ids}
        self.assertEqual(reserved, {dlc_soon: 2, ddm_lot: 2, dlc_late: 1})


@tagged("post_install", "-at_install")
class TestReorderingRuleLookup(LocoHubsCase):
    """Odoo looks up a reordering rule per confirmed move; LOCO asks once which foods
    have an automatic rule and looks up only their moves."""

    def moves(self, products):
        supplier = self.env.ref("stock.stock_location_suppliers")
        return self.env["stock.move"].create(
            [
                {
                    "name": product.name,
                    "product_id": product.id,
                    "product_uom_qty": 1,
                    "product_uom": product.uom_id.id,
                    "location_id": supplier.id,
                    "location_dest_id": self.hub.lot_stock_id.id,
                }
                for product in products
            ]
        )

    def test_foods_without_an_automatic_rule_cost_one_query(self):
        moves = self.moves([self.pasta, self.yoghurt] * 5)
        self.env.flush_all()
        with self.assertQueryCount(1):
            moves._trigger_scheduler()

    def test_the_moves_of_a_food_with_an_automatic_rule_are_looked_up(self):
        self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.pasta.id,
                "location_id": self.hub.lot_stock_id.id,
                "trigger": "auto",
                "product_min_qty": 0,
                "product_max_qty": 0,
            }
        )
        moves = self.moves([self.pasta, self.yoghurt] * 5)
        self.env.flush_all()
        before = self.cr.sql_log_count
        moves._trigger_scheduler()
        self.assertGreaterEqual(self.cr.sql_log_count - before, 1 + 5, "one lookup per pasta move")
