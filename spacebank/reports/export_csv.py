"""CSV export for finance: UTF-8 with a BOM (so Excel reads £ and accents right).

One file holds every section of a report: a title row, the header, the rows, then a
blank row. Numbers are plain (60.00, not £60.00) so spreadsheets read them as numbers;
text cells that a spreadsheet would run as a formula are escaped with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from spacebank.reports.cells import escape_formula, plain
from spacebank.reports.view import ReportView

UNITS = {"money": " (£)", "hours": " (hours)", "percent": " (%)"}


def write_csv(view: ReportView, out: BinaryIO) -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([escape_formula(view.title)])
    writer.writerow([escape_formula(view.subtitle)])
    for label, day in view.dates:
        writer.writerow([escape_formula(label), day.isoformat()])
    writer.writerow([])
    for section in view.sections:
        writer.writerow([escape_formula(section.title)])
        writer.writerow([escape_formula(c.title + UNITS.get(c.kind, "")) for c in section.columns])
        for row in section.rows:
            writer.writerow([plain(c.kind, v) for c, v in zip(section.columns, row, strict=True)])
        writer.writerow([])
    out.write(text.getvalue().encode("utf-8-sig"))
