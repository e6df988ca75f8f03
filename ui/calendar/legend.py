"""What the calendar's colours mean, drawn with the same styles as the views."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from spacebank.domain.enums import BookingStatus
from ui.calendar import colours
from ui.calendar.layout import ShadeKind

_Painter = Callable[[QPainter, QRectF], None]


class _Swatch(QWidget):
    def __init__(self, paint: _Painter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paint = paint
        side = self.fontMetrics().height()
        self.setFixedSize(QSize(int(side * 1.6), side))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._paint(painter, QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))


def _status(status: BookingStatus) -> _Painter:
    style = colours.STATUS_STYLES[status]

    def paint(p: QPainter, rect: QRectF) -> None:
        p.fillRect(rect, style.fill)
        if style.hatch is not None:
            p.fillRect(rect, QBrush(colours.HOLD_HATCH, style.hatch))
        p.setPen(QPen(style.stripe, 1, Qt.PenStyle.DashLine if style.faded
                      else Qt.PenStyle.SolidLine))
        p.drawRect(rect)
        if not style.faded:
            p.fillRect(QRectF(rect.x(), rect.y(), 3, rect.height()), style.stripe)
    return paint


def _buffer(p: QPainter, rect: QRectF) -> None:
    style = colours.STATUS_STYLES[BookingStatus.CONFIRMED]
    p.fillRect(rect, colours.BACKGROUND)
    p.fillRect(rect, colours.buffer_fill(style))
    p.setPen(QPen(colours.COLUMN_LINE, 1))
    p.drawRect(rect)


def _shade(kind: ShadeKind) -> _Painter:
    style = colours.SHADE_STYLES[kind]

    def paint(p: QPainter, rect: QRectF) -> None:
        p.fillRect(rect, style.fill)
        if style.hatch is not None:
            p.fillRect(rect, QBrush(style.hatch, Qt.BrushStyle.BDiagPattern))
        p.setPen(QPen(colours.COLUMN_LINE, 1))
        p.drawRect(rect)
    return paint


def _now(p: QPainter, rect: QRectF) -> None:
    p.setPen(QPen(colours.NOW_LINE, 2))
    y = rect.center().y()
    p.drawLine(rect.left(), y, rect.right(), y)


def _level(ratio: float) -> _Painter:
    def paint(p: QPainter, rect: QRectF) -> None:
        p.fillRect(rect, colours.occupancy_fill(ratio))
        p.setPen(QPen(colours.COLUMN_LINE, 1))
        p.drawRect(rect)
    return paint


class CalendarLegend(QWidget):
    """A one-line key under the views; `show_month(True)` swaps to the occupancy scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Calendar colour key")
        # At very large fonts the key is cut at the right rather than widening the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._grid_key = self._row([
            (_status(BookingStatus.PROVISIONAL), "Provisional hold"),
            (_status(BookingStatus.CONFIRMED), "Confirmed"),
            (_status(BookingStatus.COMPLETED), "Completed"),
            (_status(BookingStatus.CANCELLED), "Cancelled"),
            (_buffer, "Set-up / clean-up"),
            (_shade(ShadeKind.CLOSED), "Closed"),
            (_shade(ShadeKind.CLOSURE), "Closure"),
            (_shade(ShadeKind.HOLIDAY), "Bank holiday"),
            (_now, "Now"),
        ])
        self._month_key = self._row(
            [(_level(r), f"{r:.0%}" + ("+" if r == colours.FULL_AT else ""))
             for r in colours.OCCUPANCY_STEPS],
            lead="Booked hours ÷ open hours:")
        layout.addWidget(self._grid_key)
        layout.addWidget(self._month_key)
        layout.addStretch(1)
        self._month_key.hide()

    def _row(self, entries: list[tuple[_Painter, str]], lead: str = "") -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)
        if lead:
            layout.addWidget(QLabel(lead, row))
            layout.addSpacing(4)
        for paint, text in entries:
            layout.addWidget(_Swatch(paint, row))
            layout.addWidget(QLabel(text, row))
            layout.addSpacing(10)
        return row

    def show_month(self, month: bool) -> None:
        # Hide first: both rows shown at once, even briefly, would widen the window.
        (self._grid_key if month else self._month_key).hide()
        (self._month_key if month else self._grid_key).show()
