# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, timedelta

from odoo.tests import BaseCase, tagged

from odoo.addons.loco_donations.policy import acceptance as acc
from odoo.addons.loco_hubs.policy import shelf_life as sl

PICKUP = date(2026, 11, 25)
ALL = {"ambient", "chilled", "frozen"}


def dlc_line(days, min_days=3, temperature="chilled"):
    return acc.LineFacts(
        "dlc",
        dlc=PICKUP + timedelta(days=days),
        min_days_before_dlc=min_days,
        temperature_class=temperature,
    )


@tagged("post_install", "-at_install")
class TestAcceptancePolicy(BaseCase):
    def test_dlc_needs_its_minimum_days_at_the_end_of_pickup(self):
        assert acc.check_line(dlc_line(3), PICKUP, ALL) is None
        assert acc.check_line(dlc_line(2), PICKUP, ALL) == acc.DLC_TOO_CLOSE
        assert acc.check_line(dlc_line(0, min_days=0), PICKUP, ALL) is None
        assert acc.check_line(dlc_line(-1, min_days=0), PICKUP, ALL) == acc.DLC_TOO_CLOSE

    def test_ddm_within_its_grace_is_accepted(self):
        long = sl.ShelfLifeRule(60)
        line = acc.LineFacts(
            "ddm", ddm=PICKUP - timedelta(days=60), rule=long, temperature_class="ambient"
        )
        assert acc.check_line(line, PICKUP, ALL) is None
        late = acc.LineFacts(
            "ddm", ddm=PICKUP - timedelta(days=61), rule=long, temperature_class="ambient"
        )
        assert acc.check_line(late, PICKUP, ALL) == acc.DDM_PAST_GRACE

    def test_short_group_is_refused_once_past(self):
        short = sl.ShelfLifeRule(0, hard_limit=True)
        assert acc.check_line(acc.LineFacts("ddm", ddm=PICKUP, rule=short), PICKUP, ALL) is None
        past = acc.LineFacts("ddm", ddm=PICKUP - timedelta(days=1), rule=short)
        assert acc.check_line(past, PICKUP, ALL) == acc.DDM_PAST_GRACE

    def test_missing_date(self):
        assert acc.check_line(acc.LineFacts("dlc"), PICKUP, ALL) == acc.NO_DATE
        assert acc.check_line(acc.LineFacts("ddm"), PICKUP, ALL) == acc.NO_DATE

    def test_hub_must_store_the_temperature_class(self):
        assert (
            acc.check_line(dlc_line(10, temperature="frozen"), PICKUP, {"ambient", "chilled"})
            == acc.HUB_CANNOT_STORE
        )
        assert (
            acc.check_line(dlc_line(10, temperature="chilled"), PICKUP, {"ambient", "chilled"})
            is None
        )
