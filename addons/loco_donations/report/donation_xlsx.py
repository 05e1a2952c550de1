# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The accountants' workbook of donations, written with xlsxwriter in constant-memory
mode: rows go to disk as they are written, so a year's export (more than a million
lines) never holds the whole workbook in memory. A sheet holds at most MAX_ROWS lines
(Excel's limit): the detail goes on in "Detail (2)", "Detail (3)"... No ORM here: the
wizard hands over plain rows."""

import itertools

import xlsxwriter

# rows of data a sheet can hold under its header (Excel: 1,048,576 rows in all)
MAX_ROWS = 1_048_575

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
        self.book = xlsxwriter.Workbook(path, {"constant_memory": True, "remove_timezone": True})
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

    def write_detail(self, rows):
        """``rows``: an iterable of dicts keyed like DETAIL_COLUMNS, MAX_ROWS to a
        sheet. Returns the count."""
        rows = iter(rows)
        max_rows = MAX_ROWS
        total = 0
        for number in itertools.count(1):
            name = self.headers["detail"] if number == 1 else f"{self.headers['detail']} ({number})"
            sheet = self.book.add_worksheet(name)
            count = self._write_table(sheet, DETAIL_COLUMNS, itertools.islice(rows, max_rows))
            total += count
            following = next(rows, None)
            if following is None:
                return total
            rows = itertools.chain([following], rows)

    def write_documents(self, rows):
        """``rows``: an iterable of dicts keyed like DOCUMENT_COLUMNS. Returns the count."""
        sheet = self.book.add_worksheet(self.headers["documents"])
        return self._write_table(sheet, DOCUMENT_COLUMNS, rows)

    def _write_table(self, sheet, columns, rows):
        """Empty cells are not written: the column's format covers them."""
        fmt = self.formats
        writers = {
            "date": sheet.write_datetime,
            "text": sheet.write_string,
            "number": sheet.write_number,
            "kg": sheet.write_number,
            "money": sheet.write_number,
        }
        cells = []
        for col, (key, width, kind) in enumerate(columns):
            sheet.set_column(col, col, width, fmt[kind])
            cells.append((col, key, writers[kind], fmt[kind], kind == "text"))
        sheet.write_row(0, 0, [self.headers[key] for key, _w, _k in columns], fmt["header"])
        sheet.freeze_panes(1, 0)
        count = 0
        for count, row in enumerate(rows, start=1):
            for col, key, write, cell_format, is_text in cells:
                value = row.get(key)
                if value is None or value is False or value == "":
                    continue
                if is_text:
                    write(count, col, str(value))
                else:
                    write(count, col, value, cell_format)
        sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
        return count

    def close(self):
        self.book.close()
