"""The `spacebank` command: the core's command line, with the desktop window as default.

The core (spacebank.cli) knows nothing of Qt; this module hands it the window to open.
Qt is imported only when the window is wanted, so `spacebank info` stays light.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from spacebank import cli


def _open_window(database_url: str) -> int:
    if not _has_display():
        print("spacebank: no display to open the window on (DISPLAY and WAYLAND_DISPLAY "
              "are unset). Run it on a desktop, or under xvfb-run; `spacebank info` works "
              "without one.", file=sys.stderr)
        return 1
    from ui.app import run

    return run(database_url)


def _has_display() -> bool:
    """Qt aborts the process without a display; say so instead (Linux only)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_window=_open_window)
