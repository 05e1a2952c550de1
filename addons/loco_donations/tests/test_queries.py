from datetime import timedelta

from odoo.tests import tagged

from .common import LocoDonationsCase

PER_LINE_BOUND = 25


@tagged("post_install", "-at_install")
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

    def accept_queries(self, offer):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        offer.action_accept()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_accept_with_5_and_50_lines(self):
        self.accept_queries(self.registered_offer(2))  # warm the caches
        small = self.accept_queries(self.registered_offer(5))
        large = self.accept_queries(self.registered_offer(50))
        per_line = (large - small) / 45
        self.assertLessEqual(per_line, PER_LINE_BOUND, (small, large))
        # a second offer of the same size costs exactly the same
        offer = self.registered_offer(5)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            offer.action_accept()
            self.env.flush_all()
