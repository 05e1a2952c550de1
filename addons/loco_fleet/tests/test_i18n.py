# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.loco_hubs.tests.test_i18n import TranslationCoverage

from ..policy import routing


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCoverage, TransactionCase):
    translated_module = "loco_fleet"

    def test_drivers_read_their_messages_in_french_and_dutch(self):
        for code in ("fr_BE", "nl_BE"):
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(
            ["loco_fleet"], ["fr_BE", "nl_BE"], overwrite=True
        )
        fr = self.env(context={"lang": "fr_BE"})
        nl = self.env(context={"lang": "nl_BE"})
        late = routing.Problem(routing.LATE, {"arrival": 11 * 60 + 5, "end": 11 * 60})
        self.assertEqual(
            fr["loco.round"]._loco_problem_text(late),
            "Atteint à 11:05, après la fin de son créneau (11:00).",
        )
        self.assertEqual(
            nl["loco.round"]._loco_problem_text(late),
            "Bereikt om 11:05, na het einde van zijn tijdvenster (11:00).",
        )
        self.assertEqual(fr.ref("loco_fleet.menu_loco_my_rounds").name, "Mes tournées")
        self.assertEqual(nl.ref("loco_fleet.menu_loco_my_rounds").name, "Mijn rondes")
