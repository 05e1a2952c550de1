# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
from pathlib import Path

from odoo.tests import HttpCase, tagged

README = Path(__file__).resolve().parents[3] / "README.md"
ORGANISATIONS = {
    "base.main_company": {"BXL", "CRL", "ARC", "RHI", "FLE"},
    "loco_hubs.company_restos": {"FER"},
    "loco_hubs.company_cpas_bruxelles": {"DRM"},
    "loco_hubs.company_cpas_ixelles": {"IXL"},
    "loco_hubs.company_cpas_uccle": {"UCC"},
}
PORTAL_LOGINS = {"volunteer.saintgilles", "volunteer.laeken", "volunteer.aarschot"}


def readme_logins():
    """The demo logins the README lists (its table of logins)."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| Login |") :].split("\n\n", 1)[0]
    return {
        login
        for row in table.splitlines()[2:]
        for login in re.findall(r"`([a-z.]+)`", row.split("|")[1])
    }


@tagged("post_install", "-at_install")
class TestDemoNetwork(HttpCase):
    """The demo is the Belgian network: its organisations, hubs and one login per role."""

    def test_the_organisations_are_belgian_companies_in_euros(self):
        companies = self.env["res.company"].search([])
        self.assertEqual(
            companies,
            self.env["res.company"].browse([self.env.ref(xmlid).id for xmlid in ORGANISATIONS]),
        )
        self.assertFalse(companies.filtered(lambda c: "My Company" in c.name))
        for company in companies:
            self.assertEqual(company.currency_id, self.env.ref("base.EUR"), company.name)
            self.assertEqual(company.country_id, self.env.ref("base.be"), company.name)
            self.assertEqual(company.partner_id.tz, "Europe/Brussels", company.name)
            self.assertTrue(company.vat and company.company_registry, company.name)
        self.assertEqual(
            set(self.env["res.lang"].search([]).mapped("code")) & {"fr_BE", "nl_BE"},
            {"fr_BE", "nl_BE"},
        )

    def test_each_hub_belongs_to_the_organisation_that_runs_it(self):
        for xmlid, codes in ORGANISATIONS.items():
            hubs = self.env["stock.warehouse"].search(
                [("loco_hub", "=", True), ("company_id", "=", self.env.ref(xmlid).id)]
            )
            self.assertEqual(set(hubs.mapped("code")), codes, xmlid)

    def test_every_login_of_the_readme_opens_its_own_organisations_day(self):
        logins = readme_logins() - {"admin"}
        users = self.env["res.users"].search([("login", "in", list(logins))])
        self.assertEqual(set(users.mapped("login")), logins, "a login of the README is missing")
        self.assertGreaterEqual(len(logins), 15)
        for user in users:
            with self.subTest(login=user.login):
                self.assertIn(user.lang, ("fr_BE", "nl_BE"))
                self.assertEqual(user.tz, "Europe/Brussels")
                self.authenticate(user.login, "demo")
                home = "/my" if user.login in PORTAL_LOGINS else "/odoo"
                self.assertEqual(self.url_open(home).status_code, 200)
                if user.login in PORTAL_LOGINS:
                    self.assertTrue(user.share)
                    continue
                # staff see the offers of their organisations, never another's
                offers = (
                    self.env["loco.donation.offer"]
                    .with_user(user)
                    .with_context(allowed_company_ids=user.company_ids.ids)
                )
                if offers.has_access("read"):
                    seen = offers.search([])
                    self.assertLessEqual(seen.company_id, user.company_ids)

    def test_the_operator_works_for_every_organisation(self):
        operator = self.env["res.users"].search([("login", "=", "operator")])
        self.assertEqual(operator.company_ids, self.env["res.company"].search([]))
        self.assertTrue(operator.has_group("loco_donations.group_loco_operator"))

    def test_the_network_works_together_in_the_demo(self):
        """An exchange across organisations waits for Charleroi's staff, one inside the
        Croix-Rouge waits for a round, Laeken orders from two organisations' hubs."""
        hub_user = self.env["res.users"].search([("login", "=", "hub.charleroi")])
        proposed = self.env.ref("loco_donations.exchange_fernelmont_charleroi")
        self.assertEqual((proposed.state, proposed.inter_company), ("proposed", True))
        as_charleroi = (
            self.env["loco.exchange"]
            .with_user(hub_user)
            .with_context(allowed_company_ids=hub_user.company_ids.ids)
        )
        self.assertIn(proposed, as_charleroi.search([("state", "=", "proposed")]))
        accepted = self.env.ref("loco_donations.exchange_bruxelles_archennes")
        self.assertEqual(accepted.state, "accepted")
        self.assertEqual(accepted.out_picking_id.state, "assigned", "its food is set aside")
        laeken = self.env.ref("loco_hubs.partner_resto_laeken")
        hubs = laeken._loco_order_hubs()
        self.assertEqual(
            hubs, self.env.ref("loco_hubs.hub_bruxelles") | self.env.ref("loco_hubs.hub_dream")
        )
        self.assertEqual(len(hubs.company_id), 2, "two organisations serve Laeken")
        self.authenticate("volunteer.laeken", "demo")
        html = self.url_open("/my/bourse").text
        for hub in hubs:
            self.assertTrue(f'name="qty_{hub.id}_' in html, f"{hub.name}'s food on the page")

    def test_what_the_network_shares_belongs_to_no_organisation(self):
        """Food categories and products, donors and the associations directory of the
        demo are the network's: every organisation's staff work with the same ones."""

        def demo(model, domain):
            ids = (
                self.env["ir.model.data"]
                .search([("model", "=", model), ("module", "=like", "loco_%")])
                .mapped("res_id")
            )
            return self.env[model].search([("id", "in", ids), *domain])

        for what, records in (
            ("products", demo("product.product", [])),
            ("categories", demo("product.category", [("loco_temperature_class", "!=", False)])),
            ("donors", demo("res.partner", [("loco_donor", "=", True)])),
            ("associations", demo("res.partner", [("loco_association", "=", True)])),
        ):
            with self.subTest(what=what):
                self.assertGreaterEqual(len(records), 5, what)
                if "company_id" in records._fields:
                    self.assertFalse(records.company_id, what)
