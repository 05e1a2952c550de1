import pytest

from odoo.addons.loco_hubs.policy import fair_share as fs


def test_proportional_to_beneficiaries():
    assert fs.share(100, 300, 1000) == 30
    assert fs.share(100, 700, 1000) == 70


def test_rounded_down_to_whole_units_never_more_than_the_pool():
    shares = [fs.share(10, b, 900) for b in (300, 300, 300)]
    assert shares == [3, 3, 3]
    assert sum(shares) <= 10
    assert fs.share(10, 1, 3, unit=0.5) == 3.0


def test_floor():
    assert fs.share(100, 1, 1000, floor=5) == 5
    assert fs.share(3, 1, 1000, floor=5) == 3, "the floor never exceeds the pool"


def test_one_association_takes_the_pool():
    assert fs.share(42, 120, 120) == 42


def test_no_beneficiaries():
    assert fs.share(100, 0, 0) == 0
    assert fs.share(100, 0, 500, floor=2) == 2
    assert fs.share(100, 50, 0, floor=2) == 2


def test_empty_pool():
    assert fs.share(0, 100, 100, floor=5) == 0


@pytest.mark.parametrize(("taken", "left"), [(0, 30), (10, 20), (30, 0), (45, 0)])
def test_remaining(taken, left):
    assert fs.remaining(100, 300, 1000, taken) == left
