# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.loco_hubs.tests.common import load_belgian_languages

from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestStoredTexts(LocoDonationsCase):
    """A refusal reason is kept on the line for the donor's documents: in the
    company's language, not in the language of the coordinator who accepted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_belgian_languages(cls.env, "loco_donations")
        cls.coordinator.lang = "fr_BE"

    def refused_reason(self):
        offer = self.make_offer(
            lines=[
                {"product_id": self.yoghurt.id, "quantity": 5, "dlc": self.today + timedelta(2)},
                {"product_id": self.pasta.id, "quantity": 5, "ddm": self.today + timedelta(30)},
            ]
        )
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        return offer.line_ids[0].refusal_reason

    def test_the_refusal_reason_is_in_the_company_language(self):
        self.assertIn("fewer than 3 days", self.refused_reason())
        self.env.company.partner_id.lang = "nl_BE"
        self.assertIn("minder dan 3 dagen", self.refused_reason())

    def test_a_wrong_state_is_refused_in_one_whole_sentence(self):
        """French agrees the participle with the document ("refusée" for an offer):
        each action has its own sentence, not a translated piece put in a frame."""
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        with self.assertRaises(UserError) as caught:
            offer.with_user(self.coordinator).with_context(lang="fr_BE").action_refuse()
        self.assertIn("ne peut pas être refusée", str(caught.exception))
