# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestDonationAccess(LocoDonationsCase):
    def test_operator_creates_donors_inline_and_registers(self):
        donor = (
            self.env["res.partner"]
            .with_user(self.operator)
            .create(
                {
                    "name": "Boulangerie du coin",
                    "loco_donor": True,
                    "zip": "7000",
                    "phone": "065 11 22 33",
                }
            )
        )
        offer = self.make_offer(donor_id=donor.id)
        offer.action_register()
        self.assertEqual(offer.state, "registered")

    def test_operator_follows_the_offer_and_its_lots(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        as_operator = offer.with_user(self.operator)
        as_operator.invalidate_recordset()
        self.assertEqual(as_operator.state, "accepted")
        self.assertEqual(len(as_operator.line_ids.lot_id), 2)
        as_operator.line_ids.read(["lot_id", "state", "refusal_reason"])

    def test_hub_user_reads_offers_but_does_not_make_them(self):
        offer = self.make_offer()
        self.assertEqual(offer.with_user(self.hub_user).name, offer.name)
        with self.assertRaises(AccessError):
            self.make_offer(user=self.hub_user)

    def test_accountant_reads_everything_and_changes_nothing(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        as_accountant = offer.with_user(self.accountant)
        self.assertEqual(as_accountant.picking_id.origin, offer.name)
        self.assertTrue(as_accountant.line_ids.lot_id)
        with self.assertRaises(AccessError):
            as_accountant.note = "changed"
        with self.assertRaises(AccessError):
            as_accountant.action_cancel()

    def test_operators_see_offers_of_their_organisation_only(self):
        other_company = self.env["res.company"].create({"name": "Restos du Cœur (test)"})
        other_hub = self.env["stock.warehouse"].create(
            {
                "name": "Other org hub",
                "code": "OOH",
                "loco_hub": True,
                "company_id": other_company.id,
            }
        )
        donor = self.env["res.partner"].create(
            {"name": "Donor B", "loco_donor": True, "company_id": other_company.id}
        )
        offer_b = (
            self.env["loco.donation.offer"]
            .with_company(other_company)
            .create(
                self.offer_vals(donor_id=donor.id, hub_id=other_hub.id, company_id=other_company.id)
            )
        )
        offer_a = self.make_offer()
        visible = self.env["loco.donation.offer"].with_user(self.operator).search([])
        self.assertIn(offer_a, visible)
        self.assertNotIn(offer_b, visible)
        with self.assertRaises(AccessError):
            offer_b.with_user(self.operator).name  # noqa: B018

    def test_menus(self):
        def visible(user):
            return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

        root = self.env.ref("loco_hubs.menu_loco_root").id
        offers = self.env.ref("loco_donations.menu_loco_offers").id
        export = self.env.ref("loco_donations.menu_loco_donation_export").id
        self.assertTrue({root, offers} <= visible(self.operator))
        self.assertNotIn(export, visible(self.operator))
        self.assertTrue({root, export} <= visible(self.accountant))
        self.assertIn(export, visible(self.coordinator))
