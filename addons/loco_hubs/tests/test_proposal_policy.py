# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The ranking of urgent food proposals, pure Python: examples and properties."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..policy import proposals
from .common import PROPERTY_SETTINGS

TODAY = date(2026, 12, 7)  # a Monday
CLASSES = ("ambient", "chilled", "frozen")
LOT = proposals.UrgentLot(category_id=1, temperature_class="chilled", until=TODAY + timedelta(2))

candidates = st.builds(
    proposals.Candidate,
    partner_id=st.integers(min_value=1, max_value=10**6),
    classes=st.frozensets(st.sampled_from(CLASSES)),
    next_day=st.none() | st.dates(min_value=TODAY, max_value=TODAY + timedelta(10)),
    distance_km=st.none() | st.floats(min_value=0, max_value=300, allow_nan=False),
    taken=st.dictionaries(st.sampled_from([1, 2]), st.floats(min_value=0, max_value=1e4)),
    beneficiaries=st.integers(min_value=0, max_value=5000),
)
lots = st.builds(
    proposals.UrgentLot,
    category_id=st.sampled_from([1, 2]),
    temperature_class=st.sampled_from(CLASSES),
    until=st.dates(min_value=TODAY, max_value=TODAY + timedelta(7)),
)


def candidate(partner_id, **vals):
    return proposals.Candidate(
        partner_id=partner_id,
        classes=vals.pop("classes", frozenset(CLASSES)),
        next_day=vals.pop("next_day", TODAY),
        **vals,
    )


@tagged("post_install", "-at_install")
class TestProposalPolicy(BaseCase):
    def test_the_next_service_day(self):
        self.assertEqual(proposals.next_service_day(TODAY, set()), TODAY, "any day")
        self.assertEqual(proposals.next_service_day(TODAY, {0}), TODAY)
        self.assertEqual(proposals.next_service_day(TODAY, {3}), TODAY + timedelta(3))
        self.assertEqual(
            proposals.next_service_day(TODAY + timedelta(1), {0}), TODAY + timedelta(7)
        )

    def test_nearest_then_who_uses_that_food_then_who_feeds_most(self):
        ranked = proposals.rank(
            LOT,
            [
                candidate(1, distance_km=12.0),
                candidate(2, distance_km=1.0, taken={1: 5.0}),
                candidate(3, distance_km=4.9, taken={1: 50.0}),
                candidate(4, distance_km=3.0, taken={1: 50.0}, beneficiaries=300),
                candidate(5, distance_km=None, beneficiaries=10_000),
                candidate(6, distance_km=2.0, classes=frozenset({"ambient"})),
                candidate(7, distance_km=2.0, next_day=TODAY + timedelta(3)),
                candidate(8, distance_km=2.0, next_day=None),
            ],
        )
        self.assertEqual([c.partner_id for c in ranked], [4, 3, 2, 1, 5])
        again = proposals.rank(LOT, [candidate(4, distance_km=3.0)], excluded={4})
        self.assertEqual(again, [])

    @PROPERTY_SETTINGS
    @given(lots, st.lists(candidates, max_size=30, unique_by=lambda c: c.partner_id))
    def test_never_one_that_cannot_store_it_or_comes_too_late(self, lot, pool):
        ranked = proposals.rank(lot, pool)
        for chosen in ranked:
            self.assertIn(lot.temperature_class, chosen.classes)
            self.assertIsNotNone(chosen.next_day)
            self.assertLessEqual(chosen.next_day, lot.until)
        # everyone eligible is there, once
        self.assertEqual(
            sorted(c.partner_id for c in ranked),
            sorted(c.partner_id for c in pool if proposals.eligible(lot, c)),
        )

    @PROPERTY_SETTINGS
    @given(lots, st.lists(candidates, max_size=30, unique_by=lambda c: c.partner_id), st.randoms())
    def test_the_order_does_not_depend_on_the_order_given(self, lot, pool, rnd):
        shuffled = list(pool)
        rnd.shuffle(shuffled)
        self.assertEqual(proposals.rank(lot, pool), proposals.rank(lot, shuffled))

    @PROPERTY_SETTINGS
    @given(lots, st.lists(candidates, min_size=2, max_size=30, unique_by=lambda c: c.partner_id))
    def test_a_nearer_ring_always_comes_first(self, lot, pool):
        rings = [proposals.ring(c.distance_km) for c in proposals.rank(lot, pool)]
        self.assertEqual(rings, sorted(rings))
