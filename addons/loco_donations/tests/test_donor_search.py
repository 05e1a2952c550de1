# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import BaseCase, tagged

from ..tools.phone import phone_tail
from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestDonorSearch(LocoDonationsCase):
    def find(self, text):
        Partner = self.env["res.partner"].with_user(self.operator)
        return Partner.browse(
            [pid for pid, _name in Partner.name_search(text, [("loco_donor", "=", True)])]
        )

    def test_by_phone_as_heard(self):
        for heard in (
            "065 12 34 56",
            "+32 65 123 456",
            "0032.65.12.34.56",
            "65123456",
            "065 12 34",
            "12 34 56",
        ):
            self.assertIn(self.donor, self.find(heard), heard)
        self.assertNotIn(self.donor, self.find("065 99 99 99"))

    def test_by_vat_and_name(self):
        self.assertIn(self.donor, self.find("BE0477472701"))
        self.assertIn(self.donor, self.find("BE 0477.472.701"))
        self.assertIn(self.donor, self.find("Test Mons"))


@tagged("post_install", "-at_install")
class TestPhoneTail(BaseCase):
    def test_phone_normalisation(self):
        assert phone_tail("+32 2 538 41 27") == phone_tail("02/538.41.27") == "25384127"
        assert phone_tail("0032 475 12 34 56") == "475123456"
        assert phone_tail("02 538 41") == "253841"
        assert phone_tail("12") == ""
