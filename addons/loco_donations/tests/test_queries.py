# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo.tests import tagged

from .common import LocoDonationsCase

# Accepting an offer of n lines costs BASE_QUERIES + QUERIES_PER_LINE * n queries,
# measured with loco_hubs, loco_donations and loco_fleet installed (loco_fleet brings
# stock_picking_batch, which batches the hub's receipts by donor). Per line: a lot, a
# move, the scheduler's look for reordering rules. A change that costs more fails here:
# measure again and say why in the commit.
BASE_QUERIES = 82
QUERIES_PER_LINE = 3


@tagged("post_install", "-at_install", "is_query_count")
class TestAcceptQueries(LocoDonationsCase):
    """Accepting an offer costs a bounded number of queries per line."""

    def registered_offer(self, size):
        products = [self.yoghurt, self.pasta, self.peas, self.bread]
        lines = []
        for index in range(size):
            product = products[index % 4]
            date_field = "dlc" if product == self.yoghurt else "ddm"
            lines.append(
                {
                    "product_id": product.id,
                    "quantity": 1 + index,
                    date_field: self.today + timedelta(days=20),
                }
            )
        offer = self.make_offer(lines=lines)
        offer.action_register()
        return offer.with_user(self.coordinator)

    def accept(self, size, counted=True):
        offer = self.registered_offer(size)
        self.env.flush_all()
        self.env.invalidate_all()
        if counted:
            with self.assertQueryCount(BASE_QUERIES + QUERIES_PER_LINE * size):
                offer.action_accept()
        else:
            offer.action_accept()
            self.env.flush_all()
        self.assertEqual(offer.state, "accepted")
        self.assertEqual(len(offer.picking_id.move_ids), size)
        # each acceptance finds the hub as the first did, without an open receipt of
        # the donor to batch the new one with (joining an open batch costs a query
        # more or less, depending on what is cached)
        offer.picking_id.action_cancel()

    def test_accept_with_5_and_50_lines(self):
        self.accept(4, counted=False)  # warm the caches: every product, every zone
        self.accept(5)
        self.accept(50)
