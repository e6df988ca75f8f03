"""Excel export for finance (openpyxl): one sheet per section, typed cells.

Money is a number of pounds with a £ format, hours a number, percentages a fraction
with a % format, dates real (naive) dates; each sheet has a bold, frozen header and
columns wide enough for their contents.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from spacebank.reports.cells import escape_formula, number
from spacebank.reports.view import Kind, ReportView, Section

MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'
HOURS_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd mmm yyyy"
FORMATS = {
    Kind.MONEY: MONEY_FORMAT,
    Kind.HOURS: HOURS_FORMAT,
    Kind.PERCENT: PERCENT_FORMAT,
    Kind.COUNT: COUNT_FORMAT,
    Kind.DATE: DATE_FORMAT,
}
#: Excel's limit on sheet names, and the characters it refuses in them.
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60


def write_xlsx(view: ReportView, out: BinaryIO) -> None:
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary["A1"] = escape_formula(view.title)
    summary["A1"].font = Font(bold=True, size=14)
    summary["A2"] = escape_formula(view.subtitle)
    summary["A4"] = escape_formula(view.summary)
    summary["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    summary.column_dimensions["A"].width = 100
    summary.row_dimensions[4].height = 90
    for row, (label, day) in enumerate(view.dates, start=6):
        summary.cell(row, 1, escape_formula(label)).font = Font(bold=True)
        summary.cell(row, 2, day).number_format = DATE_FORMAT
    summary.column_dimensions["B"].width = 14
    used = {"summary"}
    for section in view.sections:
        _add_sheet(book, section, _sheet_name(section.title, used))
    book.save(out)


def _add_sheet(book: Workbook, section: Section, name: str) -> None:
    sheet = book.create_sheet(name)
    sheet.append([escape_formula(c.title) for c in section.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in section.rows:
        sheet.append([_value(c.kind, v) for c, v in zip(section.columns, row, strict=True)])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(section.columns, start=1):
        letter = get_column_letter(index)
        if column.kind in FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = FORMATS[column.kind]
        longest = max(
            [
                len(column.title),
                *(len(_width_text(column.kind, r[index - 1])) for r in section.rows),
            ]
        )
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, longest + 3)


def _value(kind: Kind, value: object) -> object:
    if value is None:
        return None
    if kind is Kind.TEXT:
        return escape_formula(str(value))
    if kind is Kind.DATE:
        return value if isinstance(value, date) else str(value)
    result = number(kind, value)
    if kind is Kind.PERCENT and result is not None:
        return Decimal(result) / 100
    return result


def _width_text(kind: Kind, value: object) -> str:
    if kind is Kind.MONEY and value is not None:
        return f"£{number(kind, value):,.2f}"
    return "" if value is None else str(value)


def _sheet_name(title: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title)[:SHEET_NAME_MAX].strip() or "Sheet"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" {n}"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    used.add(name.casefold())
    return name
