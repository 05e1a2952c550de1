# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from pathlib import Path

import polib

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = Path(__file__).resolve().parents[2]


class TranslationCoverage:
    """Mixin for each LOCO addon's tests: every string Odoo would export today
    (code, views, fields, data) is translated in its i18n/fr.po and nl.po."""

    translated_module = None
    # Odoo's runner takes only the test methods a class defines itself (pytest takes
    # inherited ones too): this one is inherited by each addon's TestTranslations.
    allow_inherited_tests_method = True

    def test_every_string_is_translated_in_french_and_dutch(self):
        module = self.translated_module
        exported = {row[4] for row in TranslationModuleReader(self.env.cr, modules=[module])}
        exported.discard("")
        for lang in ("fr", "nl"):
            catalogue = polib.pofile(str(ADDONS / module / "i18n" / f"{lang}.po"))
            translated = {entry.msgid for entry in catalogue if entry.msgstr and not entry.fuzzy}
            self.assertFalse(sorted(exported - translated), f"missing in {module}/i18n/{lang}.po")


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCoverage, TransactionCase):
    translated_module = "loco_hubs"

    def test_messages_and_labels_show_in_french_and_dutch(self):
        for code in ("fr_BE", "nl_BE"):
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(
            ["loco_hubs"], ["fr_BE", "nl_BE"], overwrite=True
        )
        fr = self.env(context={"lang": "fr_BE"})
        nl = self.env(context={"lang": "nl_BE"})
        clerk = new_test_user(self.env, "loco_i18n_clerk", groups="stock.group_stock_user")
        hub = self.env["stock.warehouse"].search([("loco_hub", "=", True)], limit=1)

        def sweep_refusal(env):
            with self.assertRaises(AccessError) as caught:
                hub.with_env(env(user=clerk)).action_loco_sweep()
            return str(caught.exception)

        self.assertIn("coordinat", sweep_refusal(fr).lower())
        self.assertNotEqual(sweep_refusal(fr), sweep_refusal(self.env))
        self.assertNotEqual(sweep_refusal(nl), sweep_refusal(fr))
        hub_field = fr["stock.warehouse"]._fields["loco_hub"]
        self.assertEqual(hub_field._description_string(fr), "Hub LOCO")
        self.assertNotEqual(
            nl.ref("loco_hubs.menu_loco_stock_freshness").name, "Stock by freshness"
        )
