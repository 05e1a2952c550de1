# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The shelf-life policy alone: every group, and the boundaries at the day of the date."""

from datetime import date, datetime, timedelta

from odoo.tests import BaseCase, tagged

from odoo.addons.loco_hubs.policy import shelf_life as sl

TODAY = date(2026, 11, 22)
GROUPS = {
    "very_long": sl.ShelfLifeRule(365),
    "long": sl.ShelfLifeRule(60),
    "limited": sl.ShelfLifeRule(0),
    "short": sl.ShelfLifeRule(0, hard_limit=True),
}


@tagged("post_install", "-at_install")
class TestShelfLifePolicy(BaseCase):
    def test_dlc_is_its_own_end(self):
        assert sl.distributable_until(sl.DLC, dlc=TODAY, ddm=TODAY - timedelta(days=9)) == TODAY

    def test_ddm_adds_the_grace_of_its_group(self):
        for group, grace in [("very_long", 365), ("long", 60), ("limited", 0), ("short", 0)]:
            with self.subTest(group=group, grace=grace):
                assert sl.distributable_until(
                    sl.DDM, ddm=TODAY, rule=GROUPS[group]
                ) == TODAY + timedelta(days=grace)

    def test_ddm_keeps_the_time_of_a_datetime(self):
        moment = datetime(2026, 11, 22, 10, 30)
        assert sl.distributable_until(
            sl.DDM, ddm=moment, rule=GROUPS["long"]
        ) == moment + timedelta(days=60)

    def test_ddm_without_ddm_falls_back_on_the_hard_end(self):
        assert sl.distributable_until(sl.DDM, dlc=TODAY, rule=GROUPS["long"]) == TODAY
        assert sl.distributable_until(sl.DDM, rule=GROUPS["long"]) is None

    def test_not_food_has_no_end(self):
        assert sl.distributable_until(False, dlc=TODAY) is None

    def test_negative_grace_is_refused(self):
        with self.assertRaises(ValueError):
            sl.ShelfLifeRule(-1)

    def test_hard_limit_takes_no_grace(self):
        with self.assertRaises(ValueError):
            sl.ShelfLifeRule(3, hard_limit=True)

    def test_freshness_boundaries(self):
        for until, urgent_days, expected in [
            (TODAY - timedelta(days=1), 2, sl.EXPIRED),  # the day after: expired
            (TODAY, 2, sl.URGENT),  # on the day of the date: still given, urgently
            (TODAY, 0, sl.URGENT),
            (TODAY + timedelta(days=2), 2, sl.URGENT),  # boundary of urgency included
            (TODAY + timedelta(days=3), 2, sl.FRESH),
            (TODAY + timedelta(days=1), 0, sl.FRESH),
            (None, 2, sl.FRESH),
        ]:
            with self.subTest(until=until, urgent_days=urgent_days, expected=expected):
                assert sl.freshness(until, TODAY, urgent_days) == expected

    def test_freshness_of_datetimes_compares_days(self):
        late_yesterday = datetime(2026, 11, 21, 23, 59)
        early_today = datetime(2026, 11, 22, 0, 1)
        assert sl.freshness(late_yesterday, datetime(2026, 11, 22, 8, 0), 0) == sl.EXPIRED
        assert sl.freshness(early_today, datetime(2026, 11, 22, 23, 0), 0) == sl.URGENT

    def test_each_group_expires_the_day_after_its_end(self):
        for group in sorted(GROUPS):
            with self.subTest(group=group):
                ddm = TODAY
                until = sl.distributable_until(sl.DDM, ddm=ddm, rule=GROUPS[group])
                assert not sl.is_expired(until, until)
                assert sl.is_expired(until, until + timedelta(days=1))

    def test_short_group_is_refused_once_past_even_with_a_grace_configured_elsewhere(self):
        assert GROUPS["short"].effective_grace == 0
        assert sl.is_expired(
            sl.distributable_until(sl.DDM, ddm=TODAY, rule=GROUPS["short"]),
            TODAY + timedelta(days=1),
        )

    def test_dlc_minimum_days(self):
        for days, min_days, ok in [(3, 3, True), (2, 3, False), (0, 0, True), (-1, 0, False)]:
            with self.subTest(days=days, min_days=min_days, ok=ok):
                assert (
                    sl.dlc_leaves_enough_days(TODAY + timedelta(days=days), TODAY, min_days) is ok
                )

    def test_storable_classes(self):
        assert sl.storable_classes(False, False) == {"ambient"}
        assert sl.storable_classes(True, False) == {"ambient", "chilled"}
        assert sl.storable_classes(True, True) == {"ambient", "chilled", "frozen"}
