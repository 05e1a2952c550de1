# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.loco_hubs.tests.test_i18n import TranslationCoverage


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCoverage, TransactionCase):
    translated_module = "loco_donations"

    def test_messages_show_in_french_and_dutch(self):
        for code in ("fr_BE", "nl_BE"):
            self.env["res.lang"]._activate_lang(code)
        fr = self.env(context={"lang": "fr_BE"})
        nl = self.env(context={"lang": "nl_BE"})
        self.env["ir.module.module"]._load_module_terms(
            ["loco_donations"], ["fr_BE", "nl_BE"], overwrite=True
        )

        def window_reversed(env):
            with self.assertRaises(ValidationError) as caught:
                env.ref("loco_donations.offer_draft_bakery").write(
                    {"pickup_start": "2030-01-02 10:00:00", "pickup_end": "2030-01-01 10:00:00"}
                )
            return str(caught.exception)

        english = window_reversed(self.env)
        self.assertNotEqual(window_reversed(fr), english)
        self.assertNotEqual(window_reversed(nl), english)
        self.assertNotEqual(window_reversed(fr), window_reversed(nl))
