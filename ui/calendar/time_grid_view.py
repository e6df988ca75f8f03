"""The day and week grid: halls (or days) as columns, time as rows, bookings as blocks.

Custom-painted over a `GridModel` built once per fetch; painting only reads it (never the
database) and only the visible columns. The time axis and the headers stay put while
the body scrolls. A keyboard cursor (a time slot in a column) moves with the arrows.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollBar, QToolTip, QWidget

from ui.calendar import colours
from ui.calendar.block_drag import BlockDrag
from ui.calendar.describe import block_lines, booking_tooltip, cursor_text
from ui.calendar.layout import (
    Block,
    ColumnSpec,
    Geometry,
    GridModel,
    Rect,
    ShadeKind,
    TimeAxis,
    fit_geometry,
)
from ui.calendar.slot_choice import SlotChoice
from ui.calendar.text_fit import elide, wrap_lines

_EMPTY = GridModel(columns=(), groups=(), axis=TimeAxis(9 * 60, 23 * 60), blocks=(), shades=())
_STRIPE = 4.0


class TimeGridView(QAbstractScrollArea):
    booking_activated = Signal(int)
    free_time_activated = Signal(object)  # SlotChoice
    cursor_moved = Signal()
    step_requested = Signal(int)
    today_requested = Signal()
    move_requested = Signal()
    #: A booking dragged to a new place: (booking id, SlotChoice proposed).
    block_dropped = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = _EMPTY
        self._geometry: Geometry | None = None
        self._column = 0
        self._row = 0
        #: The other end of a Shift+arrow (or dragged) range, in the cursor's column.
        self._anchor_row: int | None = None
        self._dragging = False
        self._block_drag: BlockDrag | None = None
        self._press_point = QPointF()
        self._compact = False
        self._axis_width = 0
        self._group_height = 0
        self._title_height = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(False)
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)
        self._measure()

    # -- what it shows -------------------------------------------------------------------

    def grid(self) -> GridModel:
        return self._grid

    def set_grid(self, grid: GridModel, *, compact: bool = False) -> None:
        """Show a new grid, keeping the cursor on the same hall, day and time if it can.

        `compact` allows narrower columns (a venue's week: a column per hall and day).
        """
        keep = self.cursor_place()
        self._grid = grid
        self._compact = compact
        self._anchor_row = None
        self._layout()
        if keep is not None and (column := grid.column_of(keep[0], keep[1])) is not None:
            self._column = column
            self._row = grid.axis.row_of_minute(keep[2])
        else:
            self._column = min(self._column, max(0, len(grid.columns) - 1))
            self._row = min(self._row, grid.axis.rows - 1)
        self.ensure_cursor_visible()
        self.viewport().update()
        self.cursor_moved.emit()

    def set_now(self, today: date, minute: int) -> None:
        """Move the "now" line without fetching anything."""
        if (self._grid.today, self._grid.now_minute) != (today, minute):
            self._grid = replace(self._grid, today=today, now_minute=minute)
            self.viewport().update()

    def body_geometry(self) -> Geometry | None:
        return self._geometry

    # -- the cursor ----------------------------------------------------------------------

    def cursor_cell(self) -> tuple[int, int]:
        return self._column, self._row

    def cursor_column(self) -> ColumnSpec | None:
        columns = self._grid.columns
        return columns[self._column] if 0 <= self._column < len(columns) else None

    def cursor_minute(self) -> int:
        return self._grid.axis.minute_of_row(self._row)

    def cursor_place(self) -> tuple[int, date, int] | None:
        """(hall id, day, minute) under the cursor."""
        column = self.cursor_column()
        return None if column is None else (column.hall_id, column.day, self.cursor_minute())

    def cursor_block(self) -> Block | None:
        if self.cursor_column() is None:
            return None
        return self._grid.block_at(self._column, self.cursor_minute())

    def selected_rows(self) -> tuple[int, int]:
        anchor = self._row if self._anchor_row is None else self._anchor_row
        return min(anchor, self._row), max(anchor, self._row)

    def selected_slot(self) -> SlotChoice | None:
        """The selected range, or an hour from the cursor when nothing is selected."""
        column = self.cursor_column()
        if column is None:
            return None
        axis = self._grid.axis
        first, last = self.selected_rows()
        start = axis.minute_of_row(first)
        end = axis.minute_of_row(last) + axis.slot_minutes if first != last else start + 60
        midnight = datetime.combine(column.day, time(0))
        return SlotChoice(column.hall_id, midnight + timedelta(minutes=start),
                          midnight + timedelta(minutes=end))

    def set_cursor(self, column: int, row: int, *, extend: bool = False) -> None:
        columns, rows = len(self._grid.columns), self._grid.axis.rows
        if not columns:
            return
        column = min(max(column, 0), columns - 1)
        row = min(max(row, 0), rows - 1)
        if extend and column == self._column:
            if self._anchor_row is None:
                self._anchor_row = self._row
        else:
            self._anchor_row = None
        if (column, row) != (self._column, self._row) or not extend:
            self._column, self._row = column, row
        self.ensure_cursor_visible()
        self.viewport().update()
        self.cursor_moved.emit()

    def place_cursor(self, hall_id: int, day: date, minute: int) -> bool:
        column = self._grid.column_of(hall_id, day)
        if column is None:
            return False
        self.set_cursor(column, self._grid.axis.row_of_minute(minute))
        return True

    def describe_cursor(self) -> str:
        column = self.cursor_column()
        if column is None:
            return "No halls to show."
        block = self.cursor_block()
        first, last = self.selected_rows()
        axis = self._grid.axis
        start, end = axis.minute_of_row(first), axis.minute_of_row(last) + axis.slot_minutes
        shade = self._grid.shade_at(self._column, self.cursor_minute())
        return cursor_text(column, start, end, block.booking if block else None, shade)

    def activate_cursor(self) -> None:
        block = self.cursor_block()
        if block is not None:
            self.booking_activated.emit(block.booking_id)
            return
        slot = self.selected_slot()
        if slot is not None:
            self.free_time_activated.emit(slot)

    def ensure_cursor_visible(self) -> None:
        geometry = self._geometry
        if geometry is None:
            return
        rect = geometry.cell_rect(self._column, self._row)
        width = self.viewport().width() - self._axis_width
        height = self.viewport().height() - self._header_height()
        # In a week, bring the cursor's whole day into view when it fits, not half of it.
        day = self._grid.columns[self._column].day if self._grid.columns else None
        same_day = [i for i, c in enumerate(self._grid.columns) if c.day == day]
        left, right = rect.x, rect.right
        if same_day and (len(same_day) * geometry.column_width) <= width:
            left = same_day[0] * geometry.column_width
            right = (same_day[-1] + 1) * geometry.column_width
        self._scroll_into(self.horizontalScrollBar(), left, right, width)
        self._scroll_into(self.verticalScrollBar(), rect.y, rect.bottom, height)

    @staticmethod
    def _scroll_into(bar: QScrollBar, low: float, high: float, size: float) -> None:
        value = bar.value()
        if low < value:
            bar.setValue(math.floor(low))
        elif high > value + size:
            bar.setValue(math.ceil(high - size))

    # -- hit tests (viewport coordinates) ------------------------------------------------

    def _to_body(self, point: QPoint | QPointF) -> tuple[float, float] | None:
        x, y = point.x(), point.y()
        header = self._header_height()
        if x < self._axis_width or y < header:
            return None
        return (x - self._axis_width + self.horizontalScrollBar().value(),
                y - header + self.verticalScrollBar().value())

    def _to_view(self, rect: Rect) -> QRectF:
        return QRectF(rect.x + self._axis_width - self.horizontalScrollBar().value(),
                      rect.y + self._header_height() - self.verticalScrollBar().value(),
                      rect.w, rect.h)

    def cell_at(self, point: QPoint | QPointF) -> tuple[int, int] | None:
        body = self._to_body(point)
        if body is None or self._geometry is None:
            return None
        return self._geometry.cell_at(*body)

    def booking_at(self, point: QPoint | QPointF) -> int | None:
        """The booking drawn under a viewport point (its buffers included)."""
        body = self._to_body(point)
        geometry = self._geometry
        if body is None or geometry is None:
            return None
        column = geometry.column_at(body[0])
        if column is None:
            return None
        hits = [b for b in self._grid.blocks_in(column) if geometry.blocked_rect(b).contains(*body)]
        if not hits:
            return None
        return min(hits, key=lambda b: (not b.live, b.lane)).booking_id

    def block_rects(self) -> dict[int, QRectF]:
        """Booking id -> its booked time's rectangle in viewport coordinates."""
        if self._geometry is None:
            return {}
        rects: dict[int, QRectF] = {}
        for block in self._grid.blocks:
            rects.setdefault(block.booking_id, self._to_view(self._geometry.block_rect(block)))
        return rects

    def cell_rect(self, column: int, row: int) -> QRectF:
        if self._geometry is None:
            return QRectF()
        return self._to_view(self._geometry.cell_rect(column, row))

    # -- sizes ----------------------------------------------------------------------------

    def _measure(self) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        self._axis_width = metrics.horizontalAdvance("00:00") + 18
        self._group_height = line + 10
        self._title_height = 2 * line + 10
        self._min_column_width = max(130, metrics.averageCharWidth() * 18)
        # A week of a venue: room for a short name or "14:00" in each hall's column.
        self._min_compact_width = max(80, metrics.averageCharWidth() * 12)
        self._min_slot_height = max(10.0, line * 0.62)
        self._max_slot_height = line * 1.6

    def _header_height(self) -> int:
        return self._group_height + self._title_height

    def _layout(self) -> None:
        viewport = self.viewport()
        if not self._grid.columns:
            self._geometry = None
            self.horizontalScrollBar().setRange(0, 0)
            self.verticalScrollBar().setRange(0, 0)
            return
        line = self.fontMetrics().height()
        width = max(1, viewport.width() - self._axis_width)
        self._geometry = self._fit(width, 1)
        # Venue names that do not fit their columns get a second line.
        self._group_height = (2 if self._groups_wrap(self._geometry) else 1) * line + 10
        height = max(1, viewport.height() - self._header_height())
        self._geometry = self._fit(width, height)
        for bar, content, page in ((self.horizontalScrollBar(), self._geometry.width, width),
                                   (self.verticalScrollBar(), self._geometry.height, height)):
            bar.setRange(0, max(0, math.ceil(content - page)))
            bar.setPageStep(page)
            bar.setSingleStep(max(1, int(page / 20)))

    def _fit(self, width: int, height: int) -> Geometry:
        minimum = self._min_compact_width if self._compact else self._min_column_width
        return fit_geometry(self._grid, width, height, min_column_width=minimum,
                            min_slot_height=self._min_slot_height,
                            max_slot_height=self._max_slot_height)

    def _groups_wrap(self, geometry: Geometry) -> bool:
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        return any(
            metrics.horizontalAdvance(g.title) > (g.last - g.first + 1) * geometry.column_width - 12
            for g in self._grid.groups
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measure()
            self._layout()
            self.viewport().update()

    # -- keyboard and mouse ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        plain = not mods & ~Qt.KeyboardModifier.KeypadModifier
        last_row = self._grid.axis.rows - 1
        last_column = len(self._grid.columns) - 1
        if key == Qt.Key.Key_Left:
            self.set_cursor(0 if ctrl else self._column - 1, self._row)
        elif key == Qt.Key.Key_Right:
            self.set_cursor(last_column if ctrl else self._column + 1, self._row)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and ctrl:
            self._jump_to_booking(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Up:
            self.set_cursor(self._column, self._row - 1, extend=shift)
        elif key == Qt.Key.Key_Down:
            self.set_cursor(self._column, self._row + 1, extend=shift)
        elif key == Qt.Key.Key_Home:
            self.set_cursor(0 if ctrl else self._column, 0, extend=shift and not ctrl)
        elif key == Qt.Key.Key_End:
            self.set_cursor(last_column if ctrl else self._column, last_row,
                            extend=shift and not ctrl)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.step_requested.emit(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_cursor()
        elif key == Qt.Key.Key_T and plain:
            self.today_requested.emit()
        elif key == Qt.Key.Key_M and plain:
            self.move_requested.emit()
        elif key == Qt.Key.Key_Escape and self._block_drag is not None:
            self._block_drag = None  # put the dragged booking back
            self.viewport().update()
        elif key == Qt.Key.Key_Escape and self._anchor_row is not None:
            self.set_cursor(self._column, self._row)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _jump_to_booking(self, direction: int) -> None:
        """Ctrl+Down / Ctrl+Up: the next or previous booking in the cursor's column."""
        minute = self.cursor_minute()
        blocks = sorted(self._grid.blocks_in(self._column), key=lambda b: b.start)
        if direction > 0:
            found = next((b for b in blocks if b.start > minute), None)
        else:
            found = next((b for b in reversed(blocks) if b.end <= minute), None)
        if found is not None:
            self.set_cursor(self._column, self._grid.axis.row_of_minute(found.start))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if event.button() != Qt.MouseButton.LeftButton or cell is None:
            super().mousePressEvent(event)
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        booking_id = self.booking_at(event.position())
        block = self._grid.block_of(booking_id) if booking_id is not None else None
        self.set_cursor(block.column if block else cell[0], cell[1], extend=shift)
        self._dragging = block is None
        self._press_point = event.position()
        self._block_drag = BlockDrag.pick_up(block, self._grid, cell[1]) if block else None
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if self._dragging and cell is not None and cell[0] == self._column:
            self.set_cursor(self._column, cell[1], extend=True)
        elif self._block_drag is not None and cell is not None and (
                (event.position() - self._press_point).manhattanLength()
                >= QApplication.startDragDistance()):
            self._block_drag = self._block_drag.over(self._grid, *cell)
            self.viewport().update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False
        drag, self._block_drag = self._block_drag, None
        slot = drag.drop(self._grid) if drag is not None else None
        if slot is not None and drag is not None:
            self.viewport().update()
            self.block_dropped.emit(drag.booking_id, slot)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if event.button() != Qt.MouseButton.LeftButton or cell is None:
            super().mouseDoubleClickEvent(event)
            return
        if self._anchor_row is None or cell[0] != self._column:
            self.set_cursor(*cell)
        self.activate_cursor()
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _tooltip_at(self, point: QPoint) -> str:
        booking_id = self.booking_at(point)
        if booking_id is not None:
            block = self._grid.block_of(booking_id)
            return booking_tooltip(block.booking) if block else ""
        header = self._header_height()
        if point.y() < header and point.x() >= self._axis_width and self._geometry:
            column = self._geometry.column_at(point.x() - self._axis_width
                                              + self.horizontalScrollBar().value())
            return self._grid.columns[column].tooltip if column is not None else ""
        cell = self.cell_at(point)
        if cell is None:
            return ""
        shade = self._grid.shade_at(cell[0], self._grid.axis.minute_of_row(cell[1]))
        return shade.label if shade else ""

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        viewport = self.viewport().rect()
        painter.fillRect(viewport, colours.BACKGROUND)
        geometry = self._geometry
        if geometry is None:
            painter.setPen(colours.HEADER_SUBTLE)
            painter.drawText(viewport, Qt.AlignmentFlag.AlignCenter,
                             "No halls to show. Pick another venue, or add halls on the "
                             "Halls screen.")
            return
        axis_w, header = self._axis_width, self._header_height()
        scroll_x = self.horizontalScrollBar().value()
        scroll_y = self.verticalScrollBar().value()
        first = max(0, int(scroll_x // geometry.column_width))
        last = min(geometry.columns - 1,
                   int((scroll_x + viewport.width() - axis_w) // geometry.column_width))
        painter.save()
        painter.setClipRect(QRectF(axis_w, header, viewport.width() - axis_w,
                                   viewport.height() - header))
        painter.translate(axis_w - scroll_x, header - scroll_y)
        self._paint_body(painter, geometry, first, last)
        painter.restore()
        painter.save()
        painter.setClipRect(QRectF(axis_w, 0, viewport.width() - axis_w, header))
        painter.translate(axis_w - scroll_x, 0)
        self._paint_header(painter, geometry, first, last, scroll_x, viewport.width() - axis_w)
        painter.restore()
        painter.save()
        painter.setClipRect(QRectF(0, header, axis_w, viewport.height() - header))
        painter.translate(0, header - scroll_y)
        self._paint_axis(painter, geometry)
        painter.restore()
        painter.fillRect(QRectF(0, 0, axis_w, header), colours.HEADER_FILL)
        painter.setPen(QPen(colours.GROUP_LINE, 1))
        painter.drawLine(QPointF(0, header - 0.5), QPointF(viewport.width(), header - 0.5))
        painter.drawLine(QPointF(axis_w - 0.5, 0), QPointF(axis_w - 0.5, viewport.height()))

    def _paint_body(self, p: QPainter, g: Geometry, first: int, last: int) -> None:
        grid = self._grid
        left, right = first * g.column_width, (last + 1) * g.column_width
        several_days = len({c.day for c in grid.columns}) > 1
        for column in range(first, last + 1):
            if several_days and grid.columns[column].day == grid.today:
                p.fillRect(_qrect(g.span_rect(column, grid.axis.first_minute,
                                              grid.axis.last_minute)), colours.TODAY_BODY)
            for shade in grid.shades_in(column):
                self._paint_shade(p, g.span_rect(column, shade.start, shade.end), shade.kind)
        for row in range(grid.axis.rows + 1):
            minute = grid.axis.minute_of_row(row)
            if minute % 30:
                continue
            p.setPen(QPen(colours.HOUR_LINE if minute % 60 == 0 else colours.HALF_HOUR_LINE, 1))
            y = math.floor(g.y_of(minute)) + 0.5
            p.drawLine(QPointF(left, y), QPointF(right, y))
        starts = {group.first for group in grid.groups}
        for column in range(first, last + 2):
            x = column * g.column_width + 0.5
            strong = column in starts and column > 0
            p.setPen(QPen(colours.GROUP_LINE if strong else colours.COLUMN_LINE, 1))
            p.drawLine(QPointF(x, 0), QPointF(x, g.height))
        for column in range(first, last + 1):
            self._paint_shade_labels(p, g, column)
        if self.cursor_block() is None and self._anchor_row is not None:
            rows = self.selected_rows()
            p.fillRect(_qrect(g.cell_rect(self._column, *rows)), colours.SELECTION)
        selected = self.cursor_block()
        for column in range(first, last + 1):
            for block in grid.blocks_in(column):
                self._paint_block(p, g, block, block is selected)
        self._paint_now(p, g, first, last)
        self._paint_cursor(p, g, selected)
        self._paint_drop_place(p, g)

    def _paint_drop_place(self, p: QPainter, g: Geometry) -> None:
        """Where a dragged booking would land: an outline of its length."""
        drag = self._block_drag
        if drag is None or drag.target is None:
            return
        column, start = drag.target
        rect = _qrect(g.span_rect(column, start, start + drag.length)).adjusted(2, 1, -2, -1)
        p.setPen(QPen(colours.CURSOR, 2, Qt.PenStyle.DashLine))
        p.setBrush(colours.SELECTION)
        p.drawRect(rect)

    def _paint_shade(self, p: QPainter, rect: Rect, kind: ShadeKind) -> None:
        style = colours.SHADE_STYLES[kind]
        p.fillRect(_qrect(rect), style.fill)
        if style.hatch is not None:
            p.fillRect(_qrect(rect), QBrush(style.hatch, Qt.BrushStyle.BDiagPattern))

    def _paint_shade_labels(self, p: QPainter, g: Geometry, column: int) -> None:
        """Closure reasons and bank-holiday names, written at the top of their shading."""
        metrics = self.fontMetrics()
        for shade in self._grid.shades_in(column):
            if shade.kind is ShadeKind.CLOSED:
                continue
            rect = g.span_rect(column, shade.start, shade.end)
            room = int((rect.h - 6) // metrics.height())
            lines = wrap_lines(metrics, shade.label, int(rect.w - 12), min(room, 3))
            if not lines:
                continue
            box = QRectF(rect.x + 5, rect.y + 3, rect.w - 10, len(lines) * metrics.height() + 4)
            p.fillRect(box, colours.SHADE_LABEL_FILL)
            p.setPen(colours.SHADE_STYLES[shade.kind].text)
            for index, line in enumerate(lines):
                p.drawText(QRectF(box.x() + 2, box.y() + 2 + index * metrics.height(),
                                  box.width() - 4, metrics.height()),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)

    def _paint_block(self, p: QPainter, g: Geometry, block: Block, selected: bool) -> None:
        style = colours.STATUS_STYLES[block.booking.status]
        booked = g.block_rect(block)
        blocked = g.blocked_rect(block)
        if (blocked.y, blocked.h) != (booked.y, booked.h):
            p.fillRect(_qrect(blocked), colours.buffer_fill(style))
        rect = QRectF(booked.x, booked.y + 1, booked.w, max(booked.h - 2, 2.0))
        p.fillRect(rect, style.fill)
        if style.hatch is not None:
            p.fillRect(rect, QBrush(colours.HOLD_HATCH, style.hatch))
        pen = QPen(style.stripe, 1, Qt.PenStyle.DashLine if style.faded else Qt.PenStyle.SolidLine)
        p.setPen(pen)
        p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        if not style.faded:
            p.fillRect(QRectF(rect.x(), rect.y(), _STRIPE, rect.height()), style.stripe)
        self._paint_block_text(p, block, rect, style)
        if selected:
            p.setPen(QPen(colours.CURSOR, 2))
            outline = QRectF(blocked.x, blocked.y, blocked.w, blocked.h)
            p.drawRect(outline.adjusted(1, 1, -1, -1))

    def _paint_block_text(self, p: QPainter, block: Block, rect: QRectF,
                          style: colours.StatusStyle) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        inner = rect.adjusted(_STRIPE + 4, 1, -3, -1)
        if inner.width() < 12 or inner.height() < line * 0.7:
            return
        count = max(1, int(inner.height() // line))
        narrow = inner.width() < metrics.horizontalAdvance("00:00–00:00")
        texts = block_lines(block.booking, count, narrow=narrow)
        p.save()
        p.setClipRect(inner)
        p.setPen(style.text)
        top = inner.y() + max(0.0, (inner.height() - count * line) / 2) if count == 1 else inner.y()
        for index, text in enumerate(texts):
            font = QFont(self.font())
            font.setBold(index == 0 and count > 1)
            font.setStrikeOut(style.faded)
            p.setFont(font)
            width = int(inner.width())
            p.drawText(QRectF(inner.x(), top + index * line, inner.width(), line),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       elide(QFontMetrics(font), text, width))
        p.restore()

    def _paint_now(self, p: QPainter, g: Geometry, first: int, last: int) -> None:
        grid = self._grid
        minute = grid.now_minute
        if minute is None or not grid.axis.first_minute <= minute <= grid.axis.last_minute:
            return
        y = g.y_of(minute)
        p.setPen(QPen(colours.NOW_LINE, 2))
        for column in range(first, last + 1):
            if grid.columns[column].day == grid.today:
                x = column * g.column_width
                p.drawLine(QPointF(x, y), QPointF(x + g.column_width, y))

    def _paint_cursor(self, p: QPainter, g: Geometry, selected: Block | None) -> None:
        if selected is not None or not self._grid.columns:
            return
        rect = _qrect(g.cell_rect(self._column, *self.selected_rows())).adjusted(1, 1, -1, -1)
        pen = QPen(colours.CURSOR, 2)
        if not self.hasFocus():
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)

    def _paint_header(self, p: QPainter, g: Geometry, first: int, last: int, scroll_x: int,
                      visible_width: int) -> None:
        grid = self._grid
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        group_h, title_h = self._group_height, self._title_height
        several_days = len({c.day for c in grid.columns}) > 1
        p.fillRect(QRectF(first * g.column_width, 0, (last - first + 1) * g.column_width,
                          group_h + title_h), colours.HEADER_FILL)
        for group in grid.groups:
            if group.last < first or group.first > last:
                continue
            x0, x1 = group.first * g.column_width, (group.last + 1) * g.column_width
            # Keep a wide group's name in sight while scrolling through its columns.
            left = max(x0, scroll_x)
            right = min(x1, scroll_x + visible_width)
            first_word = group.title.split()[0] if group.title.split() else ""
            if right - left - 12 < bold_metrics.horizontalAdvance(first_word):
                left, right = x0, x1  # a sliver: draw it whole and let the edge cut it
            p.setFont(bold)
            p.setPen(colours.HEADER_TEXT)
            lines = wrap_lines(bold_metrics, group.title, int(right - left - 12),
                               max(1, (group_h - 10) // bold_metrics.height()))
            top = (group_h - len(lines) * bold_metrics.height()) / 2
            for index, text in enumerate(lines):
                p.drawText(QRectF(left + 6, top + index * bold_metrics.height(),
                                  right - left - 12, bold_metrics.height()),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            p.setPen(QPen(colours.GROUP_LINE, 1))
            p.drawLine(QPointF(x0 + 0.5, 0), QPointF(x0 + 0.5, group_h + title_h))
        p.setPen(QPen(colours.COLUMN_LINE, 1))
        p.drawLine(QPointF(first * g.column_width, group_h - 0.5),
                   QPointF((last + 1) * g.column_width, group_h - 0.5))
        p.setFont(self.font())
        starts = {group.first for group in grid.groups}
        for column in range(first, last + 1):
            spec = grid.columns[column]
            x = column * g.column_width
            box = QRectF(x, group_h, g.column_width, title_h)
            if several_days and spec.day == grid.today:
                p.fillRect(box, colours.TODAY_FILL)
            holiday = grid.holidays.get(column) if several_days else None
            lines = wrap_lines(metrics, spec.title, int(g.column_width - 10), 1 if holiday else 2)
            if holiday:
                lines.append(elide(metrics, holiday, int(g.column_width - 10)))
            for index, text in enumerate(lines):
                is_holiday = holiday is not None and index == len(lines) - 1
                p.setPen(colours.SHADE_STYLES[ShadeKind.HOLIDAY].text if is_holiday
                         else colours.HEADER_TEXT)
                p.drawText(QRectF(x + 5, group_h + 5 + index * metrics.height(),
                                  g.column_width - 10, metrics.height()),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, text)
            if column not in starts:
                p.setPen(QPen(colours.COLUMN_LINE, 1))
                p.drawLine(QPointF(x + 0.5, group_h), QPointF(x + 0.5, group_h + title_h))

    def _paint_axis(self, p: QPainter, g: Geometry) -> None:
        grid = self._grid
        metrics = self.fontMetrics()
        p.fillRect(QRectF(0, 0, self._axis_width, g.height), colours.HEADER_FILL)
        p.setFont(self.font())
        for row in range(grid.axis.rows + 1):
            minute = grid.axis.minute_of_row(row)
            y = math.floor(g.y_of(minute)) + 0.5
            if minute % 60 == 0:
                p.setPen(QPen(colours.HOUR_LINE, 1))
                p.drawLine(QPointF(self._axis_width - 8, y), QPointF(self._axis_width, y))
                if row < grid.axis.rows:
                    p.setPen(colours.HEADER_SUBTLE)
                    p.drawText(QRectF(0, y + 1, self._axis_width - 8, metrics.height()),
                               Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                               f"{minute // 60:02d}:00")
            elif minute % 30 == 0:
                p.setPen(QPen(colours.HALF_HOUR_LINE, 1))
                p.drawLine(QPointF(self._axis_width - 4, y), QPointF(self._axis_width, y))
        minute = grid.now_minute
        shows_today = any(c.day == grid.today for c in grid.columns)
        if shows_today and minute is not None and \
                grid.axis.first_minute <= minute <= grid.axis.last_minute:
            y = g.y_of(minute)
            p.setPen(QPen(colours.NOW_LINE, 2))
            p.drawLine(QPointF(self._axis_width - 10, y), QPointF(self._axis_width, y))


def _qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)
