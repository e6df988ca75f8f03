"""A child process for the start-up benchmark: `python -m bench.ui_start bare|app [URL]`.

Prints "ready" on stdout once a window is up, painted, and the event loop has run once
(the parent times from spawning the process to that line), then "rss-ready KB" and, for the
app, "rss-pages KB" after every page has been shown once, then exits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer


def _rss_kb() -> int:
    """Resident set size from /proc (Linux), or 0 where there is no /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1440, 900)
    window.show()

    def ready() -> None:
        app.processEvents()  # the first paint, as for the app
        print("ready", flush=True)
        print(f"rss-ready {_rss_kb()}", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


def _app(url: str) -> int:
    from ui.app import start

    started = start(url)
    started.window.resize(1440, 900)
    started.window.show_page(1)  # the calendar, on today with every hall

    def ready() -> None:
        started.app.processEvents()  # the calendar's first paint
        print("ready", flush=True)
        print(f"rss-ready {_rss_kb()}", flush=True)
        for index in range(len(started.window.pages)):
            started.window.show_page(index)
            started.app.processEvents()
        print(f"rss-pages {_rss_kb()}", flush=True)
        started.app.quit()

    QTimer.singleShot(0, ready)
    code = started.app.exec()
    started.db.dispose()
    return code


if __name__ == "__main__":
    mode = sys.argv[1]
    raise SystemExit(_bare() if mode == "bare" else _app(sys.argv[2]))
