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
