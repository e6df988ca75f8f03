"""The reports and export formats by name: shared by the command line and the Reports screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import BinaryIO

from spacebank.lazy import imported_on_call
from spacebank.reports.cancellations import cancellations_report
from spacebank.reports.hirers import hirers_report
from spacebank.reports.income import income_report
from spacebank.reports.periods import Period
from spacebank.reports.scope import Scope
from spacebank.reports.utilisation import utilisation_report
from spacebank.reports.view import ReportView, report_view
from spacebank.storage.database import Database

#: Report name -> (title shown in lists, function).
REPORTS: dict[str, tuple[str, Callable[..., object]]] = {
    "utilisation": ("Utilisation", utilisation_report),
    "income": ("Income", income_report),
    "hirers": ("Hirers", hirers_report),
    "cancellations": ("Cancellations and expired holds", cancellations_report),
}
#: Export format (file extension) -> (label for a file dialog, writer). The writers'
#: libraries (openpyxl, ReportLab) load with the first export.
WRITERS: dict[str, tuple[str, Callable[[ReportView, BinaryIO], None]]] = {
    "csv": ("CSV for finance (*.csv)", imported_on_call("spacebank.reports.export_csv:write_csv")),
    "xlsx": ("Excel workbook (*.xlsx)",
             imported_on_call("spacebank.reports.export_xlsx:write_xlsx")),
    "pdf": ("PDF for councillors (*.pdf)",
            imported_on_call("spacebank.reports.export_pdf:write_pdf")),
}


def run_report(
    db: Database, name: str, period: Period, scope: Scope, *, today: date, as_of: date | None = None
) -> ReportView:
    """Run one report and return its view; income ages money as of `as_of`, else the
    period's last day or `today`, whichever is earlier."""
    function = REPORTS[name][1]
    if name == "income":
        return report_view(function(db, period, scope, as_of=as_of or min(period.last_day, today)))
    return report_view(function(db, period, scope))
