# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

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


@tagged("post_install", "-at_install")
class TestAllocationFields(LocoHubsCase):
    """The hotline's partner managers and hub staff do not decide how much food an
    association gets."""

    def test_only_coordinators_set_what_an_association_receives(self):
        operator = new_test_user(
            self.env, "alloc_partner_manager", groups="base.group_user,base.group_partner_manager"
        )
        association = self.env["res.partner"].create(
            {"name": "Épicerie allocation", "loco_association": True, "loco_hub_id": self.hub.id}
        )
        donor = self.env["res.partner"].create({"name": "Just a shop"})
        for user in (operator, self.hub_user):
            for vals in (
                {"loco_beneficiaries": 5000},
                {"loco_hub_id": False},
                {"loco_can_store_frozen": True},
                {"property_stock_customer": self.hub.lot_stock_id.id},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaisesRegex(AccessError, "Only LOCO coordinators"):
                        association.with_user(user).write(vals)
            with self.subTest(user=user.login, flag=True):
                with self.assertRaisesRegex(AccessError, "Only LOCO coordinators"):
                    donor.with_user(user).loco_association = True
                with self.assertRaisesRegex(AccessError, "Only LOCO coordinators"):
                    self.env["res.partner"].with_user(user).create(
                        {"name": "Self-made association", "loco_association": True}
                    )
        # their own job still works: contact details, new partners
        association.with_user(operator).phone = "+32 2 000 00 00"
        self.env["res.partner"].with_user(operator).create({"name": "New donor shop"})
        association.with_user(self.coordinator).loco_beneficiaries = 120
        self.assertEqual(association.loco_beneficiaries, 120)
        self.assertFalse(donor.loco_association)
