"""Window sizes that fit the screen they open on (a 1080p screen at 150% has 1280×720)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Share of the screen's free area (taskbar excluded) a window may take at most.
MAX_SHARE = 0.9


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """Resize to (width, height), shrunk to fit the screen of the window or its parent."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * MAX_SHARE))
        height = min(height, int(room.height() * MAX_SHARE))
    window.resize(width, height)


def grow_to_fit(window: QWidget) -> None:
    """Make a shown window taller if its content (e.g. a wrapped problem under a field)
    now needs more height at its current width; never shrinks it."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = window.width()
    wanted = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if wanted > window.height():
        window.resize(width, wanted)
