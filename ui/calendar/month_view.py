"""The month overview: a grid of days shaded by how full the halls are."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.calendar import colours
from ui.calendar.layout import ShadeKind
from ui.calendar.month_model import (
    DATE_ROLE,
    IN_MONTH_ROLE,
    OCCUPANCY_ROLE,
    RATIO_ROLE,
    TODAY_ROLE,
    MonthTableModel,
)
from ui.calendar.text_fit import elide, wrap_lines

_Index = QModelIndex | QPersistentModelIndex


class DayCellDelegate(QStyledItemDelegate):
    """Day number, % booked, bookings, bank holiday and closures, on the shading."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        occupancy = index.data(OCCUPANCY_ROLE)
        ratio = index.data(RATIO_ROLE)
        in_month = bool(index.data(IN_MONTH_ROLE))
        rect = QRectF(option.rect).adjusted(1, 1, -1, -1)
        fill = colours.occupancy_fill(ratio)
        if not in_month:
            fill = _faded(fill)
        painter.save()
        painter.fillRect(rect, fill)
        text_colour = colours.occupancy_text_colour(ratio) if in_month else colours.HEADER_SUBTLE
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        inner = rect.adjusted(6, 4, -6, -4)
        bold = QFont(option.font)
        bold.setBold(True)
        day_text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        number_box = QRectF(inner.x() - 3, inner.y() - 1,
                            QFontMetrics(bold).horizontalAdvance("00") + 8, line + 2)
        if index.data(TODAY_ROLE):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.NOW_LINE)
            painter.drawRoundedRect(number_box, 6, 6)
            painter.setPen(QColor("#ffffff"))
        else:
            painter.setPen(text_colour)
        painter.setFont(bold)
        painter.drawText(number_box, Qt.AlignmentFlag.AlignCenter, day_text)
        painter.setFont(option.font)
        if occupancy is not None:
            painter.setPen(text_colour)
            if occupancy.ratio is not None:
                painter.drawText(QRectF(inner.x(), inner.y(), inner.width(), line),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 f"{occupancy.ratio:.0%}")
            y = inner.y() + line + 2
            notes: list[tuple[str, QColor]] = []
            if occupancy.bank_holiday:
                notes.append((occupancy.bank_holiday,
                              colours.SHADE_STYLES[ShadeKind.HOLIDAY].text))
            model = index.model()
            notes += [(model.closure_text(note), colours.SHADE_STYLES[ShadeKind.CLOSURE].text)
                      for note in occupancy.closures]
            room = int((inner.bottom() - line - y) // line)
            # Two lines a note when every note still fits, else one each.
            each = 2 if len(notes) * 2 <= room else 1
            for text, colour in notes:
                lines = wrap_lines(metrics, text, int(inner.width() - 6), min(each, room))
                if not lines:
                    break
                painter.fillRect(QRectF(inner.x(), y, inner.width(), line * len(lines)),
                                 colours.SHADE_LABEL_FILL)
                painter.setPen(colour)
                for part in lines:
                    painter.drawText(QRectF(inner.x() + 3, y, inner.width() - 6, line),
                                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                     part)
                    y += line
                room -= len(lines)
            if occupancy.ratio is None:
                summary = "Closed"
            else:
                count = occupancy.bookings
                summary = f"{count} booking{'s' if count != 1 else ''}"
            painter.setPen(text_colour)
            painter.drawText(QRectF(inner.x(), inner.bottom() - line, inner.width(), line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             elide(metrics, summary, int(inner.width())))
        if option.state & QStyle.StateFlag.State_HasFocus or \
                option.state & QStyle.StateFlag.State_Selected:
            pen = QPen(colours.CURSOR, 3)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(line * 7, line * 4 + 10)


def _faded(colour: QColor) -> QColor:
    """A day outside the month: its shading mixed halfway to white."""
    return QColor((colour.red() + 255) // 2, (colour.green() + 255) // 2,
                  (colour.blue() + 255) // 2)


class MonthView(QTableView):
    day_activated = Signal(object)  # date
    step_requested = Signal(int)
    today_requested = Signal()

    def __init__(self, model: MonthTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(DayCellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(True)
        self.setGridStyle(Qt.PenStyle.SolidLine)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        self.verticalHeader().setHighlightSections(False)
        self.doubleClicked.connect(self._on_double_clicked)

    def month_model(self) -> MonthTableModel:
        return self.model()  # type: ignore[return-value]

    def current_day(self) -> date | None:
        return self.currentIndex().data(DATE_ROLE)

    def set_current_day(self, day: date) -> None:
        index = self.month_model().index_of(day)
        if index.isValid():
            self.setCurrentIndex(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.step_requested.emit(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            day = self.current_day()
            if day is not None:
                self.day_activated.emit(day)
        elif key == Qt.Key.Key_T and plain:
            self.today_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        day = index.data(DATE_ROLE)
        if day is not None:
            self.day_activated.emit(day)
