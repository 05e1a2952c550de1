# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The rows of a worksheet in the XML of an .xlsx file (SpreadsheetML), one string a
row: a million rows of a dozen cells are written in seconds, where a cell-by-cell
writer spends some 4 µs a cell. Text goes inline (no shared strings table to hold),
numbers and dates as numbers with the cell style the workbook gave their column."""

import re
from xml.sax.saxutils import escape

from xlsxwriter.utility import xl_col_to_name

# Excel's day 0 (its days count from 1899-12-30)
EXCEL_EPOCH = 693594
# characters XML does not allow, written as Excel writes them (_xHHHH_)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(value):
    """``value`` as the text of an XML element."""
    if _SPECIAL.search(value):
        value = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", escape(value))
    return value


def row_writer(columns):
    """A function (row number from 1, values) -> the row's XML, for ``columns``:
    [(kind, style)], kind "text", "number" or "date" (a ``datetime.date``), style
    the workbook's cell format index or None. Empty values (None, False, "") are not
    written: the column's format covers the empty cell."""
    cells = []
    for index, (kind, style) in enumerate(columns):
        style = f' s="{style}"' if style else ""
        cells.append((xl_col_to_name(index), kind == "text", kind == "date", style))
    special, spaces = _SPECIAL.search, (" ", "\t", "\n", "\r")

    def write(number, values):
        parts = [f'<row r="{number}">']
        append = parts.append
        for (name, is_text, is_date, style), value in zip(cells, values, strict=True):
            if value is None or value is False or value == "":
                continue
            if is_text:
                if value.__class__ is not str:
                    value = str(value)
                if special(value):
                    value = xml_text(value)
                space = (
                    ' xml:space="preserve"'
                    if value.startswith(spaces) or value.endswith(spaces)
                    else ""
                )
                append(
                    f'<c r="{name}{number}"{style} t="inlineStr"><is><t{space}>{value}</t></is></c>'
                )
            elif is_date:
                append(f'<c r="{name}{number}"{style}><v>{value.toordinal() - EXCEL_EPOCH}</v></c>')
            else:
                append(f'<c r="{name}{number}"{style}><v>{value!r}</v></c>')
        append("</row>")
        return "".join(parts)

    return write
