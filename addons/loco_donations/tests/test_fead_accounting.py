# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""What European aid (FEAD / ESF+) asks of the organisations: quotas passed on between
organisations (recorded, never rewritten), the value distributed, and the end
recipients associations declare each month on the portal or through hub staff."""

import re

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_fead import FeadCase

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestFeadAccounting(FeadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # another organisation of the network, with its hub, campaign and association
        cls.restos = cls.env["res.company"].create({"name": "Restos (FEAD test)"})
        cls.restos_hub = (
            cls.env["stock.warehouse"]
            .with_company(cls.restos)
            .create({"name": "Restos FEAD hub", "code": "RFH", "loco_hub": True})
        )
        cls.restos_campaign = cls.env["loco.fead.campaign"].create(
            {
                "name": "FEAD 2026 Restos (test)",
                "company_id": cls.restos.id,
                "date_from": cls.campaign.date_from,
                "date_to": cls.campaign.date_to,
            }
        )
        cls.restos_association = cls.env["res.partner"].create(
            {
                "name": "Resto de Fernelmont (FEAD test)",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": cls.restos_hub.id,
                "loco_fead": True,
            }
        )
        cls.restos_coordinator = new_test_user(
            cls.env,
            "fead_restos_coordinator",
            groups="loco_hubs.group_loco_coordinator",
            company_id=cls.restos.id,
            company_ids=[Command.set(cls.restos.ids)],
        )
        cls.quota = cls.env["loco.fead.quota"].create(
            {
                "campaign_id": cls.campaign.id,
                "partner_id": cls.recognised.id,
                "product_id": cls.rice.id,
                "quantity": 10,
            }
        )

    def give(self, quantity, partner=None, user=None, quota=None):
        return (
            self.env["loco.fead.quota.transfer"]
            .with_user(user or self.coordinator)
            .create(
                {
                    "quota_id": (quota or self.quota).id,
                    "partner_id": (partner or self.restos_association).id,
                    "quantity": quantity,
                    "note": "Cannot store it",
                }
            )
        )

    def test_a_quota_given_to_another_organisation_is_moved_and_recorded(self):
        self.order(3)
        transfer = self.give(4)
        self.assertEqual(self.quota.quantity, 6)
        received = transfer.to_quota_id
        self.assertEqual(received.campaign_id, self.restos_campaign)
        self.assertEqual(
            (received.partner_id, received.product_id, received.quantity),
            (self.restos_association, self.rice, 4),
        )
        self.assertEqual(transfer.to_company_id, self.restos)
        self.assertEqual(transfer.user_id, self.coordinator)
        # a second transfer adds to the same receiving quota
        self.give(2)
        self.assertEqual((self.quota.quantity, received.quantity), (4, 6))
        # both organisations see the record; neither rewrites nor deletes it
        as_restos = transfer.with_user(self.restos_coordinator)
        self.assertEqual(as_restos.quantity, 4)
        with self.assertRaises(AccessError):
            transfer.with_user(self.coordinator).quantity = 1
        with self.assertRaises(UserError):
            transfer.with_user(self.coordinator).unlink()
        # the receiving organisation cannot take from the giving one's quota
        with self.assertRaises(AccessError):
            self.give(1, partner=self.recognised, user=self.restos_coordinator)

    def test_a_transfer_never_gives_more_than_is_left_nor_to_whom_cannot_receive(self):
        self.order(7)  # 3 left
        for quantity, partner, message in (
            (4, self.restos_association, "only 3"),
            (1, self.other, "not recognised"),
            (1, self.recognised, "already holds"),
        ):
            # assertRaises (not ...Regex) rolls back to its savepoint, as a request would
            with self.assertRaises(UserError) as caught:
                self.give(quantity, partner=partner)
            self.assertIn(message, str(caught.exception))
        for bad in (0, -2, float("nan"), 1e300):
            with self.assertRaises(UserError):
                self.give(bad)
        ended = self.campaign.date_from - relativedelta(days=1)
        self.restos_campaign.write({"date_from": ended - relativedelta(days=30), "date_to": ended})
        with self.assertRaises(UserError) as caught:
            self.give(1)
        self.assertIn("runs no FEAD", str(caught.exception))
        with self.assertRaises(AccessError):
            self.give(1, user=self.hub_user)
        with self.assertRaises(UserError):
            self.env["loco.fead.quota.transfer"].with_user(self.coordinator).create(
                {"quota_id": 2**31 - 2, "partner_id": self.restos_association.id, "quantity": 1}
            )
        self.assertEqual(self.quota.quantity, 10)
        self.env.cr.execute("SELECT COUNT(*) FROM loco_fead_quota_transfer")
        self.assertEqual(self.env.cr.fetchone()[0], 0, "nothing half-written")

    def test_a_quota_given_in_full_caps_the_association_at_nothing(self):
        self.give(10)
        self.assertEqual(self.quota.quantity, 0)
        self.assertEqual(self.hub._loco_catalogue(self.recognised)[self.rice]["allowance"], 0)

    def test_the_fead_report_says_the_value_distributed(self):
        self.rice.with_company(self.company).standard_price = 2.5
        order = self.order(7)
        order.with_user(self.coordinator).action_confirm()
        order.sudo()._loco_deliver()
        self.env.flush_all()
        [[value]] = (
            self.env["loco.fead.distribution.report"]
            .with_user(self.accountant)
            ._read_group([("campaign_id", "=", self.campaign.id)], [], ["value:sum"])
        )
        self.assertAlmostEqual(value, 17.5)


@tagged("post_install", "-at_install")
class TestEsfDeclarations(FeadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        cls.counts = {
            "recipients_total": "120",
            "recipients_children": "40",
            "recipients_young": "20",
            "recipients_women": "65",
            "recipients_aged": "15",
            "recipients_homeless": "6",
        }

    def declare(self, login="fead_yes", **data):
        self.authenticate(login, login + "_pw")
        page = self.url_open("/my/loco/recipients")
        self.assertEqual(page.status_code, 200)
        return self.url_open(
            "/my/loco/recipients/declare",
            data={"csrf_token": CSRF.search(page.text).group(1), **data},
        )

    def declarations(self):
        return self.env["loco.esf.declaration"].search([("partner_id", "=", self.recognised.id)])

    def test_an_association_declares_its_end_recipients_on_the_portal(self):
        response = self.declare(month=self.month.strftime("%Y-%m"), **self.counts)
        self.assertIn("Thank you", response.text)
        declaration = self.declarations()
        self.assertEqual(
            (declaration.month, declaration.recipients_total, declaration.recipients_children),
            (self.month, 120, 40),
        )
        self.assertEqual(declaration.company_id, self.company)
        self.assertEqual(declaration.declared_by.login, "fead_yes")
        # sent again (a second click), then corrected: one declaration, its history kept
        self.declare(month=self.month.strftime("%Y-%m"), **self.counts)
        self.declare(
            month=self.month.strftime("%Y-%m"), **{**self.counts, "recipients_total": "125"}
        )
        self.assertEqual(self.declarations().recipients_total, 125)
        self.assertEqual(len(self.declarations()), 1)
        self.assertIn("125", self.url_open("/my/loco/recipients").text)
        self.assertIn("/my/loco/recipients", self.url_open("/my").text)
        self.authenticate("fead_no", "fead_no_pw")
        self.assertNotIn("/my/loco/recipients", self.url_open("/my").text)

    def test_wrong_counts_get_a_sentence_and_change_nothing(self):
        month = self.month.strftime("%Y-%m")
        future = (fields.Date.today() + relativedelta(months=2)).strftime("%Y-%m")
        cases = [
            ({**self.counts, "recipients_children": "130"}, "cannot be more than their total"),
            ({**self.counts, "recipients_aged": "70"}, "together they cannot be more"),
            ({**self.counts, "recipients_total": "-1"}, "whole number"),
            ({**self.counts, "recipients_total": "12.5"}, "whole number"),
            ({**self.counts, "recipients_total": "NaN"}, "whole number"),
            ({**self.counts, "recipients_total": "99999999999"}, "whole number"),
        ]
        for counts, message in cases:
            with self.subTest(counts=counts):
                response = self.declare(month=month, **counts)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
        for bad_month in (future, "9999-12", "2026-13", "last month", ""):
            with self.subTest(month=bad_month):
                response = self.declare(month=bad_month, **self.counts)
                self.assertIn("month", response.text)
                self.assertIn("o_loco_error", response.text)
        # a key sent twice
        self.authenticate("fead_yes", "fead_yes_pw")
        page = self.url_open("/my/loco/recipients")
        response = self.url_open(
            "/my/loco/recipients/declare",
            data=[
                ("csrf_token", CSRF.search(page.text).group(1)),
                ("month", month),
                ("recipients_total", "10"),
                ("recipients_total", "20"),
            ],
        )
        self.assertIn("whole number", response.text)
        self.assertFalse(self.declarations())

    def test_a_month_asked_that_is_no_month_shows_this_month(self):
        self.authenticate("fead_yes", "fead_yes_pw")
        this_month = fields.Date.today().strftime("%Y-%m")
        for month in ("abc", "9999-12", "2026-13", "-1", "2026-01-01T00:00"):
            with self.subTest(month=month):
                response = self.url_open(f"/my/loco/recipients?month={month}")
                self.assertEqual(response.status_code, 200)
                self.assertIn(f'value="{this_month}"', response.text)

    def test_only_recognised_associations_declare_and_see_their_own(self):
        self.declare(month=self.month.strftime("%Y-%m"), **self.counts)
        self.authenticate("fead_no", "fead_no_pw")
        self.assertEqual(self.url_open("/my/loco/recipients").status_code, 404)
        self.put_in_stock(self.make_lot(self.pasta, 90, "ESF-TEST-PASTA"), 3)  # a form
        csrf = CSRF.search(self.url_open("/my/bourse").text).group(1)
        response = self.url_open(
            "/my/loco/recipients/declare",
            data={"csrf_token": csrf, "month": "2026-01", "recipients_total": "5"},
        )
        self.assertEqual(response.status_code, 404)
        portal = self.env["res.users"].search([("login", "=", "fead_no")])
        self.assertFalse(self.env["loco.esf.declaration"].with_user(portal).search([]))
        volunteer = self.env["res.users"].search([("login", "=", "fead_yes")])
        declaration = self.declarations()
        self.assertEqual(
            self.env["loco.esf.declaration"].with_user(volunteer).search([]), declaration
        )
        with self.assertRaises(AccessError):
            declaration.with_user(volunteer).recipients_total = 1

    def test_staff_enter_a_declaration_and_the_figures_add_up(self):
        Declaration = self.env["loco.esf.declaration"]
        declaration = Declaration.with_user(self.hub_user).create(
            {
                "partner_id": self.recognised.id,
                "month": self.month + relativedelta(days=9),
                "recipients_total": 80,
                "recipients_women": 50,
            }
        )
        self.assertEqual(declaration.month, self.month, "kept as the month's first day")
        self.assertEqual(declaration.declared_by, self.hub_user)
        with self.assertRaises(AccessError):
            declaration.with_user(self.hub_user).declared_by = self.coordinator
        with self.assertRaises(ValidationError):
            declaration.with_user(self.hub_user).recipients_women = 81
        with self.assertRaises(AccessError):
            declaration.with_user(self.accountant).recipients_total = 1
        with self.assertRaises(ValidationError):
            Declaration.with_user(self.hub_user).create(
                {
                    "partner_id": self.recognised.id,
                    "month": fields.Date.today() + relativedelta(months=1),
                    "recipients_total": 1,
                }
            )
        Declaration.with_user(self.coordinator).create(
            {
                "partner_id": self.recognised.id,
                "month": self.month - relativedelta(months=1),
                "recipients_total": 20,
                "recipients_women": 5,
            }
        )
        [[total, women]] = Declaration.with_user(self.accountant)._read_group(
            [("partner_id", "=", self.recognised.id)],
            [],
            ["recipients_total:sum", "recipients_women:sum"],
        )
        self.env.cr.execute(
            "SELECT SUM(recipients_total), SUM(recipients_women) FROM loco_esf_declaration"
            " WHERE partner_id = %s",
            [self.recognised.id],
        )
        self.assertEqual((total, women), self.env.cr.fetchone())
        self.assertEqual((total, women), (100, 55))


@tagged("post_install", "-at_install")
class TestFeadRpcValues(FeadCase):
    """What an integrator's script may send over JSON-RPC: wrong types, text where a
    number is expected, forged ids, absurd dates. A sentence each, nothing written."""

    def test_declarations_and_transfers_refuse_what_no_field_can_hold(self):
        Declaration = self.env["loco.esf.declaration"].with_user(self.hub_user)
        month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        base = {"partner_id": self.recognised.id, "month": month, "recipients_total": 10}
        for bad in (
            {"recipients_total": "abc"},
            {"recipients_total": "nan"},
            {"recipients_total": "1e400"},
            {"recipients_total": [10]},
            {"recipients_total": -3},
            {"recipients_children": 11},
            {"partner_id": 2**31 - 2},
            {"partner_id": "1"},
            {"month": "9999-12-31"},
            {"month": "not a date"},
            {"declared_by": self.coordinator.id},
        ):
            with self.subTest(bad=bad), self.assertRaises(UserError):  # AccessError is one
                Declaration.create({**base, **bad})
        quota = self.env["loco.fead.quota"].create(
            {
                "campaign_id": self.campaign.id,
                "partner_id": self.recognised.id,
                "product_id": self.rice.id,
                "quantity": 10,
            }
        )
        neighbour = self.env["res.partner"].create(
            {
                "name": "FEAD neighbour (RPC test)",
                "is_company": True,
                "loco_association": True,
                "loco_fead": True,
                "loco_hub_id": self.hub.id,
            }
        )
        Transfer = self.env["loco.fead.quota.transfer"].with_user(self.coordinator)
        good = {"quota_id": quota.id, "partner_id": neighbour.id, "quantity": 1}
        Transfer.create(good)  # what is sound is taken
        self.assertEqual(quota.quantity, 9)
        for bad in ({"quantity": "abc"}, {"quantity": "inf"}, {"quota_id": "x"}, {"note": [1]}):
            with self.subTest(bad=bad), self.assertRaises(UserError):
                Transfer.create({**good, **bad})
        self.env.cr.execute(
            "SELECT COUNT(*) FROM loco_esf_declaration WHERE partner_id = %s",
            [self.recognised.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertEqual(quota.quantity, 9)
