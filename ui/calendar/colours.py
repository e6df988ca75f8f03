"""The calendar's colours in one place, so the grid, the month and the legend agree.

Light fills with a strong stripe keep dark text readable on every status; provisional
holds are also hatched, so they read as "not yet firm" without relying on colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from spacebank.domain.enums import BookingStatus
from ui.calendar.layout import ShadeKind


@dataclass(frozen=True)
class StatusStyle:
    label: str
    fill: QColor
    stripe: QColor
    text: QColor
    #: A hatch over the fill (holds), or None.
    hatch: Qt.BrushStyle | None = None
    #: Drawn dashed and struck through (cancelled, expired).
    faded: bool = False


STATUS_STYLES: dict[BookingStatus, StatusStyle] = {
    BookingStatus.PROVISIONAL: StatusStyle(
        "Provisional hold", QColor("#fde7b0"), QColor("#c98500"), QColor("#3d2c00"),
        Qt.BrushStyle.BDiagPattern),
    BookingStatus.CONFIRMED: StatusStyle(
        "Confirmed", QColor("#cfe1f7"), QColor("#2f6db5"), QColor("#0f2a4a")),
    BookingStatus.COMPLETED: StatusStyle(
        "Completed", QColor("#e4e6ea"), QColor("#7d848f"), QColor("#30343a")),
    BookingStatus.CANCELLED: StatusStyle(
        "Cancelled", QColor("#ffffff"), QColor("#a3a8b0"), QColor("#6b7079"), faded=True),
    BookingStatus.EXPIRED: StatusStyle(
        "Hold expired", QColor("#ffffff"), QColor("#c8a860"), QColor("#6b7079"), faded=True),
}

#: The hatch drawn over a hold's fill.
HOLD_HATCH = QColor("#e2b650")


@dataclass(frozen=True)
class ShadeStyle:
    label: str
    fill: QColor
    text: QColor
    hatch: QColor | None = None


SHADE_STYLES: dict[ShadeKind, ShadeStyle] = {
    ShadeKind.CLOSED: ShadeStyle("Closed (outside opening hours)", QColor("#e9ebee"),
                                 QColor("#555a62")),
    ShadeKind.CLOSURE: ShadeStyle("Closure", QColor("#fbe3e1"), QColor("#8c2a22"),
                                  QColor("#e3a29c")),
    ShadeKind.HOLIDAY: ShadeStyle("Bank holiday", QColor("#ece4f6"), QColor("#4f3480"),
                                  QColor("#b9a2d8")),
}

BACKGROUND = QColor("#ffffff")
HOUR_LINE = QColor("#c9ced6")
HALF_HOUR_LINE = QColor("#e6e9ed")
COLUMN_LINE = QColor("#dde1e6")
GROUP_LINE = QColor("#8f98a5")
HEADER_FILL = QColor("#f3f5f8")
HEADER_TEXT = QColor("#1f2328")
HEADER_SUBTLE = QColor("#5c6470")
TODAY_FILL = QColor("#fff3c4")
TODAY_TEXT = QColor("#6b4e00")
#: Today's columns in a week, very lightly.
TODAY_BODY = QColor("#fffbea")
#: Behind a closure's reason or a bank holiday's name, so the hatch does not cross it.
SHADE_LABEL_FILL = QColor(255, 255, 255, 215)
NOW_LINE = QColor("#d93025")
CURSOR = QColor("#1a5fd0")
SELECTION = QColor(26, 95, 208, 46)

#: Month overview: nothing open or nothing booked, then a green that deepens with
#: booked ÷ open up to `FULL_AT`.
NO_OCCUPANCY = QColor("#f7f8fa")
_GRADIENT = (QColor("#eaf6ee"), QColor("#8fd0a8"), QColor("#24814f"))
FULL_AT = 0.8
#: The legend's steps.
OCCUPANCY_STEPS = (0.0, 0.2, 0.4, 0.6, 0.8)


def occupancy_fill(ratio: float | None) -> QColor:
    if ratio is None or ratio <= 0:
        return QColor(NO_OCCUPANCY)
    t = min(1.0, ratio / FULL_AT) * (len(_GRADIENT) - 1)
    low = _GRADIENT[min(int(t), len(_GRADIENT) - 2)]
    high = _GRADIENT[min(int(t), len(_GRADIENT) - 2) + 1]
    f = t - min(int(t), len(_GRADIENT) - 2)
    return QColor(round(low.red() + (high.red() - low.red()) * f),
                  round(low.green() + (high.green() - low.green()) * f),
                  round(low.blue() + (high.blue() - low.blue()) * f))


def occupancy_text_colour(ratio: float | None) -> QColor:
    """White on the darker greens, near-black elsewhere."""
    dark = ratio is not None and ratio / FULL_AT >= 0.75
    return QColor("#ffffff") if dark else QColor("#1f2328")


def buffer_fill(style: StatusStyle) -> QColor:
    """Set-up and clean-up time: the status colour, much lighter."""
    colour = QColor(style.stripe)
    colour.setAlpha(48)
    return colour
