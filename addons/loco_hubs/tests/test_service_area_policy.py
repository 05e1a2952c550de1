# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import BaseCase, tagged

from odoo.addons.loco_hubs.policy import service_area


@tagged("post_install", "-at_install")
class TestServiceAreaPolicy(BaseCase):
    def test_parse_ranges_and_codes(self):
        assert service_area.parse("1000-1299, 1410;1300 5000 - 5099") == [
            (1000, 1299),
            (1410, 1410),
            (1300, 1300),
            (5000, 5099),
        ]
        assert service_area.parse("") == []
        assert service_area.parse(None) == []

    def test_bad_areas_are_refused(self):
        for text in ["10000", "abc", "1300-1200", "12-1300", "1000--1200"]:
            with self.subTest(text=text):
                with self.assertRaises(service_area.ServiceAreaError):
                    service_area.parse(text)

    def test_covers(self):
        for code, covered in [
            ("1000", True),
            ("1299", True),
            ("1300", False),
            ("1410", True),
            ("", False),
            ("B-1000", False),
        ]:
            with self.subTest(code=code, covered=covered):
                assert service_area.covers("1000-1299, 1410", code) is covered

    def test_span_prefers_the_narrowest_range(self):
        assert service_area.span("7000-7999, 7000-7099", "7050") == 100
        assert service_area.span("7000-7999", "7050") == 1000
        assert service_area.span("7050", "7050") == 1
        assert service_area.span("7000-7999", "6000") is None
        assert service_area.span("7000-7999", "") is None
