"""The one place unexpected exceptions end up: logged, then a "please report" dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("spacebank")


def install(log_dir: Path) -> Path:
    """Log to a file in the user-data folder and catch every unhandled exception."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "spacebank.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    sys.excepthook = lambda *exc: _report(log_file, *exc)
    return log_file


def _report(log_file: Path, kind: type[BaseException], error: BaseException,
            tb: TracebackType | None) -> None:
    text = "".join(traceback.format_exception(kind, error, tb))
    log.error("Unhandled error\n%s", text)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, tb)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong",
                      "Spacebank hit an unexpected problem. Your last change may not have "
                      "been saved.\n\nPlease report this to the systems team, with the log "
                      f"file:\n{log_file}")
    box.setDetailedText(text)
    box.exec()
