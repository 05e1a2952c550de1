# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.queue_job.job import Job

from ..report import donation_xlsx
from ..tools.xlsx_rows import xml_text
from .common import COPIED_MOVE_COLUMNS, LocoDonationsCase


@tagged("post_install", "-at_install")
class TestExport(LocoDonationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.yoghurt.standard_price = 0.6
        cls.offers = cls.env["loco.donation.offer"]
        for index in range(3):
            offer = cls.make_offer(
                lines=[
                    {
                        "product_id": cls.yoghurt.id,
                        "quantity": 10 + index,
                        "dlc": cls.today + timedelta(days=9),
                    },
                    {
                        "product_id": cls.pasta.id,
                        "quantity": 20,
                        "ddm": cls.today + timedelta(days=90),
                        "declared_value": 15.0 + index,
                    },
                ]
            )
            offer.action_register()
            offer.with_user(cls.coordinator).action_accept()
            cls.offers |= offer
        for offer in cls.offers:
            picking = offer.picking_id
            for move in picking.move_ids:
                move.move_line_ids.quantity = move.product_uom_qty
                move.picked = True
            picking.button_validate()

    def export(self, user=None, **vals):
        wizard = (
            self.env["loco.donation.export"]
            .with_user(user or self.accountant)
            .create(
                {
                    "date_from": self.today - timedelta(days=1),
                    "date_to": self.today,
                    **vals,
                }
            )
        )
        action = wizard.action_export()
        self.assertIn("/web/content/loco.donation.export/", action["url"])
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))

    def db_totals(self, domain=()):
        moves = self.env["stock.move"].search(
            [("loco_offer_line_id", "!=", False), ("state", "=", "done"), *domain]
        )
        return (
            round(sum(moves.mapped("loco_weight_kg")), 2),
            round(sum(moves.mapped("loco_donation_value")), 2),
            moves,
        )

    def test_workbook_totals_equal_the_database(self):
        book = self.export(hub_ids=[(6, 0, self.hub.ids)])
        self.assertEqual(book.sheetnames, ["Summary", "Detail", "VAT documents"])
        kg, value, moves = self.db_totals([("loco_hub_id", "=", self.hub.id)])
        detail = book["Detail"]
        header = [cell.value for cell in detail[1]]
        self.assertEqual(header[:4], ["Date", "Offer", "Donor", "VAT number"])
        rows = [
            dict(zip(header, [c.value for c in row], strict=True))
            for row in detail.iter_rows(min_row=2)
        ]
        self.assertEqual(len(rows), len(moves))
        self.assertAlmostEqual(sum(r["Kg"] for r in rows), kg, places=2)
        self.assertAlmostEqual(sum(r["Value"] for r in rows), value, places=2)
        yoghurt = next(r for r in rows if r["Product"] == self.yoghurt.display_name)
        self.assertIsInstance(yoghurt["Date"], datetime)
        self.assertIsInstance(yoghurt["DLC"], datetime)
        self.assertEqual(yoghurt["DLC"].date(), self.today + timedelta(days=9))
        self.assertEqual(yoghurt["VAT number"], "BE0477472701")
        self.assertEqual(yoghurt["Unit value"], 0.6)
        symbol = self.env.company.currency_id.symbol
        self.assertIn(symbol, detail.cell(row=2, column=header.index("Value") + 1).number_format)
        self.assertEqual(detail.freeze_panes, "A2")
        self.assertTrue(detail.auto_filter.ref.startswith("A1:N"))
        self.assertGreater(detail.column_dimensions["C"].width, 20)

        summary = book["Summary"]
        self.assertEqual([c.value for c in summary[4]], ["Breakdown", "Name", "Kg", "Value"])
        self.assertEqual(summary.freeze_panes, "A5", "the header stays in view")
        self.assertEqual(summary.auto_filter.ref, f"A4:D{summary.max_row}")
        values = [[c.value for c in row] for row in summary.iter_rows(min_row=5)]
        self.assertEqual(
            {row[0] for row in values},
            {"By donor", "By hub", "By category"},
            "every row names its breakdown: the filter shows one at a time",
        )
        donor_row = next(row for row in values if row[:2] == ["By donor", self.donor.name])
        self.assertAlmostEqual(donor_row[2], kg, places=2)
        self.assertAlmostEqual(donor_row[3], value, places=2)
        totals = [row for row in values if row[1] == "Total"]
        self.assertEqual(
            [row[0] for row in totals],
            ["By donor", "By hub", "By category"],
            "one total per section",
        )
        for row in totals:
            self.assertTrue(str(row[2]).startswith("=SUM("))
            self.assertTrue(str(row[3]).startswith("=SUM("))

    def test_the_streamed_detail_keeps_every_character(self):
        """The detail's rows are written as XML by LOCO: names with XML's special
        characters, spaces at their ends or control characters come out as typed, in
        a file Excel's readers open; the sheet's dimension counts every row."""
        self.donor.name = '  Épicerie & Fils <Nord> "Bio"  '
        self.donor.vat = False
        book = self.export(donor_ids=self.donor.ids)
        detail = book["Detail"]
        donors = {row[2] for row in detail.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(donors, {self.donor.name})
        self.assertIsNone(detail.cell(row=2, column=4).value, "an empty VAT number: no cell")
        moves = self.db_totals([("loco_donor_id", "=", self.donor.id)])[2]
        self.assertEqual(detail.max_row, 1 + len(moves))
        self.assertEqual(xml_text("a\x07b & <c>"), "a_x0007_b &amp; &lt;c&gt;")
        # the dimension the detail sheet declares (what readers size the sheet by)
        wizard = (
            self.env["loco.donation.export"]
            .with_user(self.accountant)
            .create(
                {
                    "date_from": self.today - timedelta(days=1),
                    "date_to": self.today,
                    "donor_ids": self.donor.ids,
                }
            )
        )
        wizard.action_export()
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.file_data))) as content:
            sheet = content.read("xl/worksheets/sheet2.xml").decode()
        self.assertIn(f'<dimension ref="A1:N{1 + len(moves)}"/>', sheet)

    def test_filters_and_empty_period(self):
        other = self.donor.copy({"name": "Other donor"})
        book = self.export(donor_ids=[(6, 0, other.ids)])
        self.assertEqual(book["Detail"].max_row, 1)
        book = self.export(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))
        self.assertEqual(book["Detail"].max_row, 1)

    def test_a_detail_longer_than_a_sheet_goes_on_in_the_next_sheet(self):
        """Excel holds 1,048,575 lines under a header: a year's export (1.5 million) goes
        on in "Detail (2)"; a sheet exactly full opens no empty one."""
        kg, value, moves = self.db_totals([("loco_donor_id", "=", self.donor.id)])
        self.assertEqual(len(moves), 6)
        for per_sheet, sheets in ((4, ["Detail", "Detail (2)"]), (3, ["Detail", "Detail (2)"])):
            with patch.object(donation_xlsx, "MAX_ROWS", per_sheet):
                book = self.export(donor_ids=self.donor.ids)
            self.assertEqual(book.sheetnames, ["Summary", *sheets, "VAT documents"])
            rows = [
                row for name in sheets for row in book[name].iter_rows(min_row=2, values_only=True)
            ]
            self.assertEqual(len(rows), len(moves))
            self.assertEqual(book["Detail (2)"].freeze_panes, "A2")
            self.assertAlmostEqual(sum(row[9] for row in rows), kg, places=2)
            self.assertAlmostEqual(sum(row[11] for row in rows), value, places=2)

    def test_export_queries_do_not_grow_with_the_lines(self):
        """The detail is read by one query per batch, whatever the number of lines."""
        wizard = (
            self.env["loco.donation.export"]
            .with_user(self.accountant)
            .create({"date_from": self.today - timedelta(days=1), "date_to": self.today})
        )
        wizard.action_export()  # warm the caches
        lines = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))[
            "Detail"
        ].max_row
        with self.assertQueryCount(14):
            wizard.action_export()
        # a thousand more received lines like the first one, copied in SQL
        move = self.offers[0].picking_id.move_ids[0]
        columns = ", ".join(COPIED_MOVE_COLUMNS)
        self.env.flush_all()
        self.env.cr.execute(
            f"INSERT INTO stock_move ({columns}) SELECT {columns} "  # noqa: S608 - constant names
            "FROM stock_move, generate_series(1, 1000) WHERE stock_move.id = %s",
            [move.id],
        )
        with self.assertQueryCount(14):
            wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        self.assertEqual(book["Detail"].max_row, lines + 1000)

    def queue_export(self, user):
        wizard = (
            self.env["loco.donation.export"]
            .with_user(user)
            .create({"date_from": self.today - timedelta(days=1), "date_to": self.today})
        )
        action = wizard.action_export_in_background()
        self.assertEqual(action["params"]["type"], "info")
        return self.env["queue.job"].search(
            [("method_name", "=", "_loco_export_job")], order="id desc", limit=1
        )

    def test_a_big_export_runs_as_a_queued_job_and_lands_in_the_inbox(self):
        job = self.queue_export(self.accountant)
        self.assertEqual(job.channel, "root.loco_export")
        self.assertEqual(job.user_id, self.accountant)
        self.assertEqual(job.state, "pending")
        # a second click while it waits queues nothing more
        self.queue_export(self.accountant)
        self.assertEqual(
            self.env["queue.job"].search_count([("method_name", "=", "_loco_export_job")]), 1
        )
        attachment = Job.load(self.env, job.uuid).perform()
        self.assertEqual(attachment.create_uid, self.accountant, "the job runs as its user")
        self.assertFalse(attachment.res_model)
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        for other in (self.coordinator, self.hub_user):
            with self.assertRaises(AccessError):  # nobody else reads it
                attachment.with_user(other).raw  # noqa: B018
        same = self.export()  # what the button gives at once
        for sheet in ("Summary", "Detail"):
            self.assertEqual(
                list(book[sheet].iter_rows(values_only=True)),
                list(same[sheet].iter_rows(values_only=True)),
            )
        inbox = self.env["mail.notification"].search(
            [("res_partner_id", "=", self.accountant.partner_id.id)]
        )
        message = inbox.mail_message_id.filtered(lambda m: attachment in m.attachment_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("is ready", str(message.body))

    def test_a_background_export_needs_the_same_rights_and_leaves_nothing_when_it_fails(self):
        for user in (self.operator, self.hub_user):
            with self.assertRaises(AccessError):
                self.queue_export(user)
        self.assertFalse(self.env["queue.job"].search([("method_name", "=", "_loco_export_job")]))
        job = self.queue_export(self.coordinator)
        attachments = self.env["ir.attachment"].search_count([])
        temporary = set(Path(tempfile.gettempdir()).glob("loco-donations-*"))
        Export = type(self.env["loco.donation.export"])
        with (
            patch.object(Export, "_loco_document_rows", side_effect=UserError("boom")),
            self.assertRaises(UserError),
        ):
            Job.load(self.env, job.uuid).perform()
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.assertEqual(
            set(Path(tempfile.gettempdir()).glob("loco-donations-*")),
            temporary,
            "no file left behind",
        )

    def test_bad_period_and_access(self):
        with self.assertRaisesRegex(UserError, "ends before it starts"):
            self.env["loco.donation.export"].with_user(self.accountant).create(
                {
                    "date_from": self.today,
                    "date_to": self.today - timedelta(days=3),
                }
            )
        with self.assertRaises(AccessError):
            self.export(user=self.operator)
        with self.assertRaises(AccessError):
            self.export(user=self.hub_user)
        self.export(user=self.coordinator)

    def test_donations_analysis_as_accountant(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loco_donations.stock_move_action_loco_donation_analysis"
        )
        Move = self.env["stock.move"].with_user(self.accountant)
        groups = Move.read_group(
            [*safe_eval(action["domain"]), ("loco_hub_id", "=", self.hub.id)],
            ["loco_weight_kg:sum", "loco_donation_value:sum"],
            ["loco_donor_type", "date:week", "loco_categ_id"],
            lazy=False,
        )
        kg, value, _moves = self.db_totals([("loco_hub_id", "=", self.hub.id)])
        self.assertAlmostEqual(sum(g["loco_weight_kg"] for g in groups), kg, places=2)
        self.assertAlmostEqual(sum(g["loco_donation_value"] for g in groups), value, places=2)
        self.assertEqual({g["loco_donor_type"] for g in groups}, {"distributor"})
