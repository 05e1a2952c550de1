# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import BaseCase, tagged

from odoo.addons.loco_hubs.policy import fair_share as fs


@tagged("post_install", "-at_install")
class TestFairSharePolicy(BaseCase):
    def test_proportional_to_beneficiaries(self):
        assert fs.share(100, 300, 1000) == 30
        assert fs.share(100, 700, 1000) == 70

    def test_rounded_down_to_whole_units_never_more_than_the_pool(self):
        shares = [fs.share(10, b, 900) for b in (300, 300, 300)]
        assert shares == [3, 3, 3]
        assert sum(shares) <= 10
        assert fs.share(10, 1, 3, unit=0.5) == 3.0

    def test_floor(self):
        assert fs.share(100, 1, 1000, floor=5) == 5
        assert fs.share(3, 1, 1000, floor=5) == 3, "the floor never exceeds the pool"

    def test_one_association_takes_the_pool(self):
        assert fs.share(42, 120, 120) == 42

    def test_no_beneficiaries(self):
        assert fs.share(100, 0, 0) == 0
        assert fs.share(100, 0, 500, floor=2) == 2
        assert fs.share(100, 50, 0, floor=2) == 2

    def test_empty_pool(self):
        assert fs.share(0, 100, 100, floor=5) == 0

    def test_remaining(self):
        for taken, left in [(0, 30), (10, 20), (30, 0), (45, 0)]:
            with self.subTest(taken=taken, left=left):
                assert fs.remaining(100, 300, 1000, taken) == left
