# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import BaseCase, tagged

from odoo.addons.loco_fleet.policy import cold_chain, cost_share


@tagged("post_install", "-at_install")
class TestCostPolicy(BaseCase):
    def test_split_adds_up_to_the_cent_largest_remainders_first(self):
        assert cost_share.split(10.0, [1, 1, 1]) == [3.34, 3.33, 3.33]
        assert sum(cost_share.split(21.0, [70, 20])) == 21.0
        assert cost_share.split(21.0, [70, 20]) == [16.33, 4.67]
        assert cost_share.split(0.01, [1, 1]) == [0.01, 0.0]

    def test_split_without_weights_is_equal_and_refuses_negative_weights(self):
        assert cost_share.split(9.0, [0, 0, 0]) == [3.0, 3.0, 3.0]
        assert cost_share.split(5.0, []) == []
        with self.assertRaises(ValueError):
            cost_share.split(5.0, [1, -1])

    def test_shares_by_kg_or_by_stop_group_an_organisation_stops(self):
        served = [("resto", 30.0), ("cpas", 10.0), ("resto", 60.0)]
        assert cost_share.shares(10.0, served) == {"resto": (90.0, 9.0), "cpas": (10.0, 1.0)}
        assert cost_share.shares(9.0, served, cost_share.BY_STOP) == {
            "resto": (90.0, 6.0),
            "cpas": (10.0, 3.0),
        }

    def test_cold_chain_limits(self):
        assert not cold_chain.needs_reading("ambient")
        assert cold_chain.needs_reading("chilled") and cold_chain.needs_reading("frozen")
        assert not cold_chain.breach(7.0, highest=7.0)
        assert cold_chain.breach(7.1, highest=7.0)
        assert not cold_chain.breach(-18.0, highest=-18.0)
        assert cold_chain.breach(-12.0, highest=-18.0)
        assert cold_chain.plausible(-40) and not cold_chain.plausible(41)
