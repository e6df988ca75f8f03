"""Regenerate docs/reports/utilisation-report.png: page 1 of a utilisation PDF.

Builds a one-year demo database (seed 1, "today" 16 Nov 2026, as the benchmarks do)
in a temporary folder, writes the utilisation report for April–October 2026 as PDF,
and renders its first page with poppler's pdftoppm at 80 dpi.

    .venv/bin/python docs/reports/make_images.py
"""

from __future__ import annotations

import subprocess
import tempfile
from datetime import date
from pathlib import Path

from spacebank.demo import generate_demo
from spacebank.reports.export_pdf import write_pdf
from spacebank.reports.periods import Period
from spacebank.reports.utilisation import utilisation_report
from spacebank.reports.view import report_view
from spacebank.storage.database import Database
from spacebank.storage.migrate import upgrade

HERE = Path(__file__).resolve().parent
PERIOD = Period(date(2026, 4, 1), date(2026, 10, 31))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        try:
            upgrade(db)
            generate_demo(db, years=1, seed=1, today=date(2026, 11, 16))
            view = report_view(utilisation_report(db, PERIOD))
        finally:
            db.dispose()
        pdf = Path(folder) / "utilisation.pdf"
        with pdf.open("wb") as out:
            write_pdf(view, out)
        target = HERE / "utilisation-report"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, target],
            check=True,
        )
    print(f"wrote {target}.png")


if __name__ == "__main__":
    main()
