"""Writes a PNG of each main screen on demo data (run under Xvfb by `./run screenshots`).

Uses a copy of the database it is given (or makes a one-year demo database), so the
pictures in docs/screenshots/ show what a clerk sees.
"""

from __future__ import annotations

import argparse
import getpass
import re
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from spacebank.demo import generate_demo
from spacebank.services.container import Services
from spacebank.services.context import ServiceContext
from spacebank.storage.database import Database
from spacebank.storage.migrate import upgrade
from ui.app import build_main_window, create_application
from ui.changes import ChangeBus


def _settle(milliseconds: int = 400) -> None:
    """Let debounced refreshes and paints finish before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--db", type=Path, help="a SQLite demo database to copy")
    parser.add_argument("--size", default="1440x900")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="spacebank-shots-"))
    path = work / "demo.sqlite"
    if args.db:
        shutil.copyfile(args.db, path)
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    if not args.db:
        generate_demo(db, years=1, seed=1)
    app = create_application()
    services = Services.build(ServiceContext(db, actor=getpass.getuser()))
    window = build_main_window(services, ChangeBus())
    window.resize(width, height)
    window.show()
    for index, page in enumerate(window.pages):
        window.show_page(index)
        _settle()
        slug = re.sub(r"[^a-z0-9]+", "-", page.title.lower()).strip("-")
        target = args.out / f"{index + 1:02d}-{slug}.png"
        window.grab().save(str(target))
        print(target)
    window.close()
    app.processEvents()
    db.dispose()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
