"""Regenerate the images in docs/reports from a one-year demo database.

- utilisation-report.png: page 1 of the utilisation PDF for April–October 2026,
  rendered with poppler's pdftoppm at 80 dpi;
- reports-screen.png: the Reports screen showing that report's charts (offscreen Qt).

The demo is seed 1 with "today" 16 Nov 2026, as the benchmarks use, built in a
temporary folder.

    .venv/bin/python docs/reports/make_images.py
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from datetime import UTC, date, datetime, time
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
TODAY = date(2026, 11, 16)


def screen_shot(db: Database, target: Path) -> None:
    """The Reports screen after running the utilisation report, grabbed offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QDate, QEventLoop
    from PySide6.QtWidgets import QApplication

    from spacebank.services.container import Services
    from spacebank.services.context import ServiceContext
    from ui.changes import ChangeBus
    from ui.reports.reports_page import ReportsPage

    app = QApplication.instance() or QApplication([])
    noon = datetime.combine(TODAY, time(12), tzinfo=UTC)
    services = Services.build(ServiceContext(db, actor="docs", clock=lambda: noon))
    page = ReportsPage(services, ChangeBus())
    page.resize(1280, 900)
    page.first_day.setDate(QDate(2026, 4, 1))
    page.last_day.setDate(QDate(2026, 10, 31))
    page.show()
    loop = QEventLoop()
    page.report_shown.connect(loop.quit)
    page.run()
    loop.exec()
    app.processEvents()
    page.grab().save(str(target))
    print(f"wrote {target}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        try:
            upgrade(db)
            generate_demo(db, years=1, seed=1, today=TODAY)
            view = report_view(utilisation_report(db, PERIOD))
            screen_shot(db, HERE / "reports-screen.png")
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
