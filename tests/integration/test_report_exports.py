"""Report exports read back: CSV parsed, XLSX opened, PDF text extracted."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from spacebank.reports.cancellations import cancellations_report
from spacebank.reports.export_csv import write_csv
from spacebank.reports.export_pdf import write_pdf
from spacebank.reports.export_xlsx import MONEY_FORMAT, PERCENT_FORMAT, write_xlsx
from spacebank.reports.hirers import hirers_report
from spacebank.reports.income import income_report
from spacebank.reports.utilisation import utilisation_report
from spacebank.reports.view import Column, Kind, ReportView, Section, report_view
from spacebank.services.context import ServiceContext
from tests.conftest import FrozenClock
from tests.report_world import PERIOD, build_report_world

REPORTS = (utilisation_report, income_report, hirers_report, cancellations_report)


@pytest.fixture
def views(ctx: ServiceContext, clock: FrozenClock) -> dict[str, ReportView]:
    build_report_world(ctx, clock)
    return {f.__name__: report_view(f(ctx.db, PERIOD)) for f in REPORTS}


def _csv_rows(view: ReportView) -> list[list[str]]:
    out = io.BytesIO()
    write_csv(view, out)
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_every_section_with_plain_numbers(views: dict[str, ReportView]) -> None:
    rows = _csv_rows(views["utilisation_report"])
    assert rows[0] == ["Hall utilisation"]
    assert rows[2:4] == [["From", "2026-03-23"], ["To", "2026-04-05"]]
    main = next(r for r in rows if r and r[0] == "Main Hall")
    # open 10920 min = 182.00 h, booked 300 min = 5.00 h, 2 bookings, 2.7%
    assert main == ["Main Hall", "Peckham Community Centre", "182.00", "5.00", "2", "2.7"]
    income = _csv_rows(views["income_report"])
    assert ["Over 90 days", "1", "85.00"] in income
    assert ["Outstanding as of", "2026-04-05"] in income
    assert ["Income forgone (discounts and waivers)"] in income


def test_csv_escapes_formulas_in_text_cells() -> None:
    view = ReportView(
        "=HYPERLINK(1)",
        "s",
        "x",
        (
            Section(
                "t",
                (Column("Name"), Column("Amount", Kind.MONEY)),
                (("=1+2", -2500), ("+44 20", 0), ("@SUM(A1)", 1), ("-x", 1), ("\tx", 1)),
            ),
        ),
    )
    rows = _csv_rows(view)
    assert rows[0] == ["'=HYPERLINK(1)"]
    names = [r[0] for r in rows[5:10]]
    assert names == ["'=1+2", "'+44 20", "'@SUM(A1)", "'-x", "'\tx"]
    assert rows[5][1] == "-25.00"  # numbers are written by us, never from typed text


def test_xlsx_types_formats_and_sheets(views: dict[str, ReportView], tmp_path: Path) -> None:
    path = tmp_path / "u.xlsx"
    with path.open("wb") as out:
        write_xlsx(views["utilisation_report"], out)
    book = load_workbook(path)
    assert book.sheetnames[:3] == ["Summary", "By hall", "By venue"]
    sheet = book["By hall"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Hall", "Venue", "Open hours", "Booked hours"]
    main = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Main Hall")
    assert main[2].value == 182 and main[2].data_type == "n"
    assert main[5].value == pytest.approx(0.027) and main[5].number_format == PERCENT_FORMAT
    assert sheet.column_dimensions["B"].width > len("Peckham Community Centre")

    path = tmp_path / "i.xlsx"
    with path.open("wb") as out:
        write_xlsx(views["income_report"], out)
    summary = load_workbook(path)["Summary"]
    assert [summary.cell(r, 1).value for r in (6, 7, 8)] == ["From", "To", "Outstanding as of"]
    as_of = summary.cell(8, 2)
    assert as_of.is_date and as_of.value.date() == date(2026, 4, 5)
    totals = load_workbook(path)["Totals"]
    invoiced = next(r for r in totals.iter_rows(min_row=2) if r[0].value == "Invoiced")
    assert invoiced[2].value == 105 and invoiced[2].number_format == MONEY_FORMAT


def test_xlsx_writes_dates_as_dates(tmp_path: Path) -> None:
    view = ReportView(
        "t", "s", "x", (Section("d", (Column("Day", Kind.DATE),), ((date(2026, 3, 29),),)),)
    )
    path = tmp_path / "d.xlsx"
    with path.open("wb") as out:
        write_xlsx(view, out)
    cell = load_workbook(path)["d"]["A2"]
    assert cell.is_date and cell.value.date() == date(2026, 3, 29)


def test_pdf_has_summary_tables_and_accents(views: dict[str, ReportView]) -> None:
    for name, view in views.items():
        out = io.BytesIO()
        write_pdf(view, out)
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.getvalue())).pages)
        assert view.title in text, name
    out = io.BytesIO()
    write_pdf(views["hirers_report"], out)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert "Zoë O'Brien-Smith" in text  # DejaVu draws the accent
    assert "3 hirers made 5 bookings" in text
    out = io.BytesIO()
    write_pdf(views["income_report"], out)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert "£165.00 was outstanding" in text and "Over 90 days" in text


def test_view_percentages_round_half_up_to_one_place(views: dict[str, ReportView]) -> None:
    rows = {r[0]: r for r in views["utilisation_report"].sections[0].rows}
    assert rows["Garden Room"][-1] == Decimal("0.8")  # 90 / 10680 = 0.84…%
    assert rows["Reading Room"][-1] == Decimal("1.6")  # 180 / 10920 = 1.65% (half up)
