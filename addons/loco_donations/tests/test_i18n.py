from odoo.tests import TransactionCase, tagged

from odoo.addons.loco_hubs.tests.test_i18n import TranslationCoverage

from .. import messages


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCoverage, TransactionCase):
    translated_module = "loco_donations"

    def test_messages_show_in_french_and_dutch(self):
        for code in ("fr_BE", "nl_BE"):
            self.env["res.lang"]._activate_lang(code)
        fr = self.env(context={"lang": "fr_BE"})
        nl = self.env(context={"lang": "nl_BE"})
        english = messages.window_reversed(self.env)
        self.assertNotEqual(messages.window_reversed(fr), english)
        self.assertNotEqual(messages.window_reversed(nl), english)
        self.assertNotEqual(messages.window_reversed(fr), messages.window_reversed(nl))
