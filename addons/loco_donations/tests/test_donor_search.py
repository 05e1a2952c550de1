from odoo.tests import tagged

from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestDonorSearch(LocoDonationsCase):
    def find(self, text):
        Partner = self.env["res.partner"].with_user(self.operator)
        return Partner.browse([pid for pid, _name in Partner.name_search(text, [("loco_donor", "=", True)])])

    def test_by_phone_as_heard(self):
        for heard in ("065 12 34 56", "+32 65 123 456", "0032.65.12.34.56", "65123456"):
            self.assertIn(self.donor, self.find(heard), heard)
        self.assertNotIn(self.donor, self.find("065 99 99 99"))

    def test_by_vat_and_name(self):
        self.assertIn(self.donor, self.find("BE0477472701"))
        self.assertIn(self.donor, self.find("BE 0477.472.701"))
        self.assertIn(self.donor, self.find("Test Mons"))
