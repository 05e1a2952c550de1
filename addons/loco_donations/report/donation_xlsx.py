# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The accountants' workbook of donations. xlsxwriter writes the workbook (summary,
VAT documents, the detail sheets' header, widths, formats, frozen pane and filter);
the detail's rows, a year's export counting more than a million, are then streamed
into the detail sheets as the workbook is packed into its final file
(tools/xlsx_rows.py), never held in memory and some ten times faster than cell by
cell. A sheet holds at most MAX_ROWS lines (Excel's limit): the detail goes on in
"Detail (2)", "Detail (3)"... No ORM here: the wizard hands over plain rows."""

import contextlib
import itertools
import os
import re
import zipfile

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from ..tools.xlsx_rows import row_writer

# rows of data a sheet can hold under its header (Excel: 1,048,576 rows in all)
MAX_ROWS = 1_048_575
# rows joined into one write of the streamed sheet
CHUNK_ROWS = 2000

DETAIL_COLUMNS = (
    # key, width, kind
    ("date", 12, "date"),
    ("offer", 18, "text"),
    ("donor", 30, "text"),
    ("vat", 16, "text"),
    ("hub", 16, "text"),
    ("product", 32, "text"),
    ("lot", 22, "text"),
    ("quantity", 11, "number"),
    ("unit", 9, "text"),
    ("kg", 11, "kg"),
    ("unit_value", 12, "money"),
    ("value", 13, "money"),
    ("dlc", 12, "date"),
    ("ddm", 12, "date"),
)
# what each kind of column is written as in the streamed detail (tools/xlsx_rows.py)
CELL_KINDS = {"text": "text", "date": "date", "number": "number", "kg": "number", "money": "number"}
# the donors' VAT documents issued in the period
DOCUMENT_COLUMNS = (
    ("number", 18, "text"),
    ("document", 24, "text"),
    ("status", 12, "text"),
    ("issued", 12, "date"),
    ("donor", 30, "text"),
    ("vat", 16, "text"),
    ("from", 12, "date"),
    ("to", 12, "date"),
    ("kg", 11, "kg"),
    ("value", 13, "money"),
    ("corrects", 18, "text"),
)


class DonationWorkbook:
    def __init__(self, path, headers, currency_symbol="€"):
        self.headers = headers
        self.path = path
        # xlsxwriter's workbook, before the detail's rows are streamed into it
        self.draft = f"{path}.draft"
        self.book = xlsxwriter.Workbook(
            self.draft, {"constant_memory": True, "remove_timezone": True}
        )
        self.details = []  # [(worksheet, its count of rows)]
        self.detail_rows = iter(())
        bold = {"bold": True}
        self.formats = {
            "title": self.book.add_format({"bold": True, "font_size": 14}),
            "header": self.book.add_format({**bold, "bg_color": "#D9EAD3", "border": 1}),
            "text": None,
            "date": self.book.add_format({"num_format": "yyyy-mm-dd"}),
            "number": self.book.add_format({"num_format": "#,##0.###"}),
            "kg": self.book.add_format({"num_format": "#,##0.00"}),
            "money": self.book.add_format({"num_format": f'#,##0.00 "{currency_symbol}"'}),
            "total_label": self.book.add_format(bold),
            "total_kg": self.book.add_format({**bold, "num_format": "#,##0.00"}),
            "total_money": self.book.add_format(
                {**bold, "num_format": f'#,##0.00 "{currency_symbol}"'}
            ),
        }
        # sheets appear in the order they are created: summary, detail, documents
        self.summary = self.book.add_worksheet(headers["summary"])

    def write_summary(self, title, period, sections):
        """``sections``: [(header key, [(label, kg, value), ...]), ...], written as one
        table (breakdown, name, kg, value) under a frozen header with an autofilter: each
        section ends with its total."""
        sheet, fmt, head = self.summary, self.formats, self.headers
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, 1, 40)
        sheet.set_column(2, 3, 16)
        sheet.write(0, 0, title, fmt["title"])
        sheet.write(1, 0, f"{head['period']}: {period}")
        header_row = 3
        columns = [head["breakdown"], head["name"], head["kg"], head["value"]]
        sheet.write_row(header_row, 0, columns, fmt["header"])
        row = header_row + 1
        for key, rows in sections:
            first = row
            for label, kg, value in rows:
                sheet.write_string(row, 0, head[key])
                sheet.write_string(row, 1, label or "")
                sheet.write_number(row, 2, kg or 0.0, fmt["kg"])
                sheet.write_number(row, 3, value or 0.0, fmt["money"])
                row += 1
            sheet.write_string(row, 0, head[key], fmt["total_label"])
            sheet.write_string(row, 1, head["total"], fmt["total_label"])
            total_kg = sum(r[1] or 0.0 for r in rows)
            total_value = sum(r[2] or 0.0 for r in rows)
            if rows:
                sheet.write_formula(row, 2, f"=SUM(C{first + 1}:C{row})", fmt["total_kg"], total_kg)
                sheet.write_formula(
                    row, 3, f"=SUM(D{first + 1}:D{row})", fmt["total_money"], total_value
                )
            else:
                sheet.write_number(row, 2, 0.0, fmt["total_kg"])
                sheet.write_number(row, 3, 0.0, fmt["total_money"])
            row += 1
        sheet.freeze_panes(header_row + 1, 0)
        sheet.autofilter(header_row, 0, row - 1, len(columns) - 1)

    def write_detail(self, count, rows):
        """``rows``: an iterable of ``count`` tuples in the order of DETAIL_COLUMNS,
        MAX_ROWS to a sheet, read when the workbook is closed."""
        max_rows = MAX_ROWS
        for number in itertools.count(1):
            name = self.headers["detail"] if number == 1 else f"{self.headers['detail']} ({number})"
            sheet = self.book.add_worksheet(name)
            rows_here = min(max_rows, count - (number - 1) * max_rows)
            self._write_header(sheet, DETAIL_COLUMNS, rows_here)
            self.details.append((sheet, rows_here))
            if count <= number * max_rows:
                break
        self.detail_rows = iter(rows)

    def write_documents(self, rows):
        """``rows``: an iterable of dicts keyed like DOCUMENT_COLUMNS. Returns the count."""
        sheet = self.book.add_worksheet(self.headers["documents"])
        return self._write_table(sheet, DOCUMENT_COLUMNS, rows)

    def _write_header(self, sheet, columns, count):
        """The header of a table of ``count`` rows: its titles, the columns' widths
        and formats (which cover empty cells), a frozen header and a filter."""
        fmt = self.formats
        for col, (_key, width, kind) in enumerate(columns):
            sheet.set_column(col, col, width, fmt[kind])
        sheet.write_row(0, 0, [self.headers[key] for key, _w, _k in columns], fmt["header"])
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)

    def _write_table(self, sheet, columns, rows):
        """A small table, cell by cell (dicts keyed like ``columns``)."""
        fmt = self.formats
        writers = {
            "date": sheet.write_datetime,
            "text": sheet.write_string,
            "number": sheet.write_number,
            "kg": sheet.write_number,
            "money": sheet.write_number,
        }
        rows = list(rows)
        self._write_header(sheet, columns, len(rows))
        for count, row in enumerate(rows, start=1):
            for col, (key, _width, kind) in enumerate(columns):
                value = row.get(key)
                if value is None or value is False or value == "":
                    continue
                if kind == "text":
                    writers[kind](count, col, str(value))
                else:
                    writers[kind](count, col, value, fmt[kind])
        return len(rows)

    def close(self):
        """Close xlsxwriter's workbook, then pack it into the final file with the
        detail's rows streamed into its detail sheets."""
        try:
            self.book.close()
            self._pack()
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.draft)

    def _pack(self):
        """Copy xlsxwriter's parts into the final file, the detail sheets' with the
        detail's rows written between their header row and the rest."""
        write_row = row_writer(
            [
                (CELL_KINDS[kind], self.formats[kind].xf_index if self.formats[kind] else None)
                for _key, _width, kind in DETAIL_COLUMNS
            ]
        )
        # xlsxwriter names the worksheets' parts after their order: sheet1.xml...
        streamed = {
            f"xl/worksheets/sheet{sheet.index + 1}.xml": count for sheet, count in self.details
        }
        last = xl_col_to_name(len(DETAIL_COLUMNS) - 1)
        with (
            zipfile.ZipFile(self.draft) as draft,
            zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book,
        ):
            for info in draft.infolist():
                if info.filename not in streamed:
                    book.writestr(info, draft.read(info))
                    continue
                count = streamed[info.filename]
                head, tail = draft.read(info).decode().split("</sheetData>")
                head = re.sub(
                    r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{last}{count + 1}"/>', head
                )
                with book.open(info.filename, "w", force_zip64=True) as part:
                    part.write(head.encode())
                    rows = itertools.islice(self.detail_rows, count)
                    for start in range(2, count + 2, CHUNK_ROWS):
                        chunk = itertools.islice(rows, CHUNK_ROWS)
                        part.write(
                            "".join(
                                write_row(number, row)
                                for number, row in enumerate(chunk, start=start)
                            ).encode()
                        )
                    part.write(f"</sheetData>{tail}".encode())
