from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LocoHubsCase


@tagged("post_install", "-at_install")
class TestAssociations(LocoHubsCase):
    def test_association_fields(self):
        grocery = self.env["res.partner"].create(
            {
                "name": "Épicerie sociale de Mons",
                "is_company": True,
                "loco_association": True,
                "loco_association_type": "social_grocery",
                "loco_beneficiaries": 240,
                "loco_fead": True,
                "loco_can_store_chilled": True,
                "loco_hub_id": self.hub.id,
                "loco_afsca_number": "2.123.456.789",
            }
        )
        self.assertEqual(self.hub.loco_association_count, 1)
        self.assertIn(grocery, self.env["res.partner"].search([("loco_hub_id", "=", self.hub.id)]))

    def test_negative_beneficiaries_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.customer.loco_beneficiaries = -4

    def test_home_hub_must_be_a_hub(self):
        plain = self.env["stock.warehouse"].create({"name": "Plain", "code": "PLN"})
        with self.assertRaisesRegex(ValidationError, "must be a LOCO hub"):
            self.customer.loco_hub_id = plain
