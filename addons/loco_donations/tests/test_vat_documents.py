# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The donors' VAT documents (Royal Decree n° 59, circular 2026/C/22): numbered per
organisation without gaps when issued, never changed afterwards (a correction is a new
document that cancels the old one), one per donation or one per donor and period."""

import base64
import io
import re
import subprocess
import tempfile
import uuid
from datetime import timedelta

import openpyxl

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.loco_hubs.tests.common import (
    archive_race_companies,
    load_belgian_languages,
    race,
)

from .common import LocoDonationsCase


class LocoVatCase(LocoDonationsCase):
    def received(self, days_ago=0):
        """A donation of the donor received ``days_ago`` days ago."""
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.receive(offer)
        if days_ago:
            offer.picking_id.move_ids.sudo().write(
                {"date": fields.Datetime.now() - timedelta(days=days_ago)}
            )
        return offer.picking_id.move_ids.with_env(self.env)

    def document(self, moves, kind="donation", user=None):
        dates = [move.date.date() for move in moves]
        return (
            self.env["loco.vat.document"]
            .with_user(user or self.accountant)
            .create(
                {
                    "kind": kind,
                    "donor_id": self.donor.id,
                    "date_from": min(dates),
                    "date_to": max(dates),
                    "move_ids": [Command.set(moves.ids)],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestVatDocuments(LocoVatCase, HttpCase):
    def test_issued_documents_are_numbered_without_gaps_and_never_change(self):
        first = self.document(self.received())
        second = self.document(self.received())
        first.action_issue()
        second.action_issue()
        year = fields.Date.today().year
        numbers = [int(re.search(r"(\d+)$", doc.name).group(1)) for doc in (first, second)]
        self.assertEqual(numbers[1], numbers[0] + 1)
        self.assertTrue(first.name.startswith(f"DD/{year}/"))
        for vals in ({"donor_id": self.farm().id}, {"move_ids": [Command.clear()]}):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "never changes"):
                first.write(vals)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            first.unlink()
        # the same donations on a second document: refused
        with self.assertRaisesRegex(UserError, "on document"):
            self.document(first.move_ids).action_issue()

    def farm(self):
        return self.env["res.partner"].create({"name": "Ferme (VAT test)", "loco_donor": True})

    def test_an_issued_document_is_mailed_to_the_donor_with_its_pdf(self):
        self.donor.email = "dons@supermarche.example.com"
        document = self.document(self.received())
        document.action_issue()
        mail = self.env["mail.mail"].search(
            [("model", "=", "loco.vat.document"), ("res_id", "=", document.id)]
        )
        self.assertEqual(mail.recipient_ids, self.donor)
        self.assertIn(document.name, mail.subject)
        self.assertEqual(len(mail.attachment_ids), 1, "the document itself")
        document.action_issue()  # a second click sends nothing twice
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("model", "=", "loco.vat.document"), ("res_id", "=", document.id)]
            ),
            1,
        )

    def test_the_accountants_export_lists_the_periods_documents(self):
        document = self.document(self.received())
        document.action_issue()
        self.document(self.received())  # a draft: not in the export
        wizard = (
            self.env["loco.donation.export"]
            .with_user(self.accountant)
            # the day it was issued (the user's day: not UTC's between 23:00 and midnight)
            .create({"date_from": document.date, "date_to": document.date})
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        sheet = book.worksheets[2]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 1)
        number, kind, state, _issued, donor, vat, *_dates, kg, value, corrects = rows[0]
        self.assertEqual((number, donor, vat), (document.name, self.donor.name, self.donor.vat))
        self.assertEqual((kind, state, corrects), ("Document de don", "Issued", None))
        self.assertAlmostEqual(kg, document.total_kg)
        self.assertAlmostEqual(value, document.total_value)

    def test_a_correction_is_a_new_document_that_cancels_the_old_one(self):
        document = self.document(self.received())
        document.action_issue()
        action = document.action_correct()
        correction = self.env["loco.vat.document"].browse(action["res_id"])
        self.assertEqual((correction.state, correction.replaces_id), ("draft", document))
        self.assertEqual(document.state, "issued", "until the correction is issued")
        correction.with_user(self.accountant).action_issue()
        self.assertEqual((document.state, document.replaced_by_id), ("cancelled", correction))
        self.assertNotEqual(correction.name, document.name)
        # nobody points a draft at another document to cancel it
        with self.assertRaises(AccessError):
            self.document(self.received()).write({"replaces_id": correction.id})

    def test_the_quarter_summary_lists_exactly_that_quarters_donations_of_the_donor(self):
        inside = self.received(days_ago=10) | self.received(days_ago=40)
        before = self.received(days_ago=200)
        other_donor = self.received(days_ago=5)
        other_donor.sudo().loco_offer_id.donor_id = self.farm()
        today = fields.Date.today()
        summaries = (
            self.env["loco.vat.document"]
            .with_user(self.accountant)
            ._loco_prepare_summaries(self.company, today - timedelta(days=90), today)
        )
        mine = summaries.filtered(lambda doc: doc.donor_id == self.donor)
        self.assertEqual(mine.kind, "summary")
        self.assertEqual(mine.move_ids, inside)
        self.assertFalse(mine.move_ids & before)
        self.assertFalse(summaries.move_ids & before)
        mine.action_issue()
        # a second preparation of the quarter finds those already on a document
        again = (
            self.env["loco.vat.document"]
            .with_user(self.accountant)
            ._loco_prepare_summaries(self.company, today - timedelta(days=90), today)
        )
        self.assertFalse(again.filtered(lambda doc: doc.donor_id == self.donor))

    def test_a_received_donation_gets_its_draft_unless_the_donor_asked_for_summaries(self):
        moves = self.received()
        draft = self.env["loco.vat.document"].search([("move_ids", "in", moves.ids)])
        self.assertEqual((draft.kind, draft.state, draft.move_ids), ("donation", "draft", moves))
        self.assertEqual(draft.company_id, self.company, "the receiving organisation's")
        self.donor.loco_vat_period = "quarter"
        moves = self.received()
        self.assertFalse(self.env["loco.vat.document"].search([("move_ids", "in", moves.ids)]))
        # the accountant prepares the quarter's summaries: this donor's, with its food
        wizard = (
            self.env["loco.vat.summary"]
            .with_user(self.accountant)
            .create({"period": "quarter", "day": fields.Date.today()})
        )
        action = wizard.action_prepare()
        # (the demo's quarterly donor has its own, of its own donations)
        summaries = self.env["loco.vat.document"].search(
            action["domain"] + [("donor_id", "=", self.donor.id)]
        )
        self.assertEqual(len(summaries), 1)
        self.assertEqual(summaries.kind, "summary")
        self.assertTrue(moves <= summaries.move_ids)
        start, end = summaries.date_from, summaries.date_to
        self.assertEqual((start.day, end.month % 3), (1, 0), "a calendar quarter")

    def test_the_pdf_says_what_the_decree_asks_in_the_donors_language(self):
        self.company.loco_platform_approval = "PLAT-2026-042"
        document = self.document(self.received())
        document.action_issue()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("loco_donations.action_report_loco_vat_document", document.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # the PDF's own text, as the donor's accountant reads it
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            pdf_text = subprocess.run(
                ["pdftotext", handle.name, "-"], capture_output=True, check=True
            ).stdout.decode()
        self.assertIn(document.name, pdf_text)
        self.assertIn(self.donor.vat, pdf_text)
        self.assertIn("people in need", pdf_text)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "loco_donations.action_report_loco_vat_document", document.ids
        )
        text = re.sub(r"\s+", " ", html.decode())
        for expected in (
            document.name,
            self.donor.name,
            self.donor.vat,
            "PLAT-2026-042",
            "Test yoghurt",
            "distributed free of charge to people in need",
        ):
            self.assertIn(expected, text)
        # in the donor's language
        load_belgian_languages(self.env, "loco_donations")
        self.donor.lang = "fr_BE"
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "loco_donations.action_report_loco_vat_document", document.ids
        )
        self.assertIn("distribués gratuitement aux personnes nécessiteuses", html.decode())

    def test_only_the_organisations_accountants_issue_and_bad_input_is_refused(self):
        moves = self.received()
        with self.assertRaises(AccessError):
            self.document(moves, user=self.hub_user)
        document = self.document(moves)
        with self.assertRaises(AccessError):
            document.with_user(self.hub_user).action_issue()
        with self.assertRaises(UserError):
            self.document(moves).write({"date_from": fields.Date.today() + timedelta(days=9)})
        with self.assertRaisesRegex(UserError, "not a donation of that donor"):
            self.env["loco.vat.document"].with_user(self.accountant).create(
                {
                    "donor_id": self.farm().id,
                    "date_from": fields.Date.today(),
                    "date_to": fields.Date.today(),
                    "move_ids": [Command.set(moves.ids)],
                }
            ).action_issue()
        with self.assertRaises(UserError):
            document.write({"date_from": "9999-12-31"})
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            document.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be corrected"):
            document.action_correct()
        document.action_issue()
        document.action_issue()  # a second click changes nothing
        self.assertEqual(document.state, "issued")
        with self.assertRaises(AccessError):
            document.with_user(self.hub_user).action_cancel()
        summary = self.env["loco.vat.summary"].with_user(self.accountant)
        for vals in ({"period": "week"}, {"day": "9999-12-31"}, {"company_id": 999999}):
            with self.subTest(vals=vals), self.assertRaises(Exception) as caught:
                with self.env.cr.savepoint():
                    summary.create(vals).action_prepare()
            self.assertIsInstance(caught.exception, (UserError, ValueError), vals)


@tagged("post_install", "-at_install")
class TestVatNumberingRace(TransactionCase):
    """Two accountants issue two documents at the same moment, in two real
    transactions: two consecutive numbers, none lost, none twice."""

    def test_two_documents_issued_at_once_get_consecutive_numbers(self):
        tag = uuid.uuid4().hex[:6]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.company"].create({"name": f"VAT race {tag}"})
            donor = env["res.partner"].create({"name": f"Donor {tag}", "loco_donor": True})
            documents = env["loco.vat.document"].create(
                [
                    {
                        "company_id": company.id,
                        "donor_id": donor.id,
                        "date_from": fields.Date.today(),
                        "date_to": fields.Date.today(),
                    }
                    for _index in range(2)
                ]
            )
            cr.commit()  # pylint: disable=invalid-commit
            ids, company_id = documents.ids, company.id
        self.addCleanup(archive_race_companies, self.registry, [company_id])
        # the organisation's first two documents: its sequence is made once
        names = race(
            self,
            self.registry,
            company_id,
            [
                lambda env, doc_id=doc_id: env["loco.vat.document"]
                .browse(doc_id)
                ._loco_next_number()
                for doc_id in ids
            ],
        )
        numbers = sorted(int(re.search(r"(\d+)$", name).group(1)) for name in names)
        self.assertEqual(numbers, [1, 2])


@tagged("post_install", "-at_install")
class TestDonorPortal(LocoVatCase, HttpCase):
    """A donor's contacts find their offers, receipts and VAT documents on the portal:
    theirs only, issued ones only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_donor = cls.env["res.partner"].create(
            {"name": "Autre donateur (portal test)", "is_company": True, "loco_donor": True}
        )
        for login, company in (("donor_portal", cls.donor), ("other_portal", cls.other_donor)):
            new_test_user(
                cls.env,
                login,
                groups="base.group_portal",
                password=login + "_pw",
                partner_id=cls.env["res.partner"]
                .create({"name": login, "parent_id": company.id})
                .id,
            )

    def login(self, login):
        self.authenticate(login, login + "_pw")

    def test_a_donors_contact_sees_its_offers_and_issued_documents_only(self):
        moves = self.received()
        offer = moves.loco_offer_id
        issued = self.document(moves.filtered(lambda move: move.product_id == self.yoghurt))
        issued.action_issue()
        draft = self.document(moves.filtered(lambda move: move.product_id == self.pasta))
        self.login("donor_portal")
        html = self.url_open("/my/donations").text
        self.assertIn(offer.name, html)
        self.assertIn(offer.picking_id.name, html, "its receipt")
        self.assertIn(issued.name, html)
        self.assertNotIn(f"/my/donations/documents/{draft.id}", html, "not a draft")
        response = self.url_open(f"/my/donations/documents/{issued.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(issued.name, response.text)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        # the other donor's contact, forged and absurd ids: not found
        self.login("other_portal")
        self.assertNotIn(offer.name, self.url_open("/my/donations").text)
        for url in (
            f"/my/donations/documents/{issued.id}",
            f"/my/donations/documents/{draft.id}",
            "/my/donations/documents/999999",
            "/my/donations/documents/99999999999",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        # staff and visitors: not a donor's page
        self.authenticate(None, None)
        response = self.url_open("/my/donations")
        self.assertNotIn(offer.name, response.text)
