"""In-app charts of a report's chart data: QtCharts bars and lines, and a painted heat map."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from spacebank.reports.view import Chart

#: More bars than this are drawn sideways, as in the PDF.
MAX_UPRIGHT_BARS = 8
BAR_ROW_PX = 22
LOW, HIGH = QColor("#f3f7fb"), QColor("#0b3c68")


def chart_widget(chart: Chart, parent: QWidget | None = None) -> QWidget:
    if chart.kind == "heat":
        return HeatMap(chart, parent)
    return _chart_view(chart, parent)


def _chart_view(chart: Chart, parent: QWidget | None) -> QChartView:
    sideways = chart.kind == "bar" and len(chart.labels) > MAX_UPRIGHT_BARS
    q = QChart()
    q.setTitle(chart.title)
    q.legend().setVisible(len(chart.series) > 1)
    categories = QBarCategoryAxis()
    categories.setTruncateLabels(False)  # hall names are the point of the chart
    values = QValueAxis()
    values.setMin(0)
    if chart.unit == "%":
        values.setMax(100)
    values.setLabelFormat("%.0f")
    labels = list(reversed(chart.labels)) if sideways else list(chart.labels)
    categories.append(labels or [""])
    if chart.kind == "line":
        for name, data in chart.series:
            line = QLineSeries()
            line.setName(name)
            for i, value in enumerate(data):
                line.append(i, value)
            q.addSeries(line)
        # A line over categories: a value axis indexed 0..n-1, labelled by the categories.
        q.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        q.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for s in q.series():
            s.attachAxis(values)
            s.attachAxis(categories)
    else:
        series = QHorizontalBarSeries() if sideways else QBarSeries()
        for name, data in chart.series:
            bar_set = QBarSet(name)
            bar_set.append(list(reversed(data)) if sideways else list(data))
            series.append(bar_set)
        q.addSeries(series)
        q.addAxis(
            categories, Qt.AlignmentFlag.AlignLeft if sideways else Qt.AlignmentFlag.AlignBottom
        )
        q.addAxis(values, Qt.AlignmentFlag.AlignBottom if sideways else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
    if chart.unit != "%":
        values.applyNiceNumbers()  # round tick values (0, 50,000, 100,000…)
    view = QChartView(q, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    height = len(chart.labels) * BAR_ROW_PX + 120 if sideways else 300
    view.setMinimumHeight(height)
    return view


class HeatMap(QWidget):
    """Rows (weekdays) × columns (hours), darker when busier; scaled to the busiest cell."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart = chart
        self._top = max((v for _, row in chart.series for v in row), default=0) or 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(f"{chart.title}; darkest: {self._top:,.1f} hours")

    def sizeHint(self) -> QSize:
        return QSize(640, 28 + 22 * (len(self._chart.series) + 1))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def value_at(self, row: int, column: int) -> float:
        return self._chart.series[row][1][column]

    def colour_at(self, row: int, column: int) -> QColor:
        share = self.value_at(row, column) / self._top
        return QColor(
            round(LOW.red() + (HIGH.red() - LOW.red()) * share),
            round(LOW.green() + (HIGH.green() - LOW.green()) * share),
            round(LOW.blue() + (HIGH.blue() - LOW.blue()) * share),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        left, top, row_h = 44.0, 24.0, 22.0
        columns = max(1, len(self._chart.labels))
        cell_w = (self.width() - left - 4) / columns
        painter.drawText(QRectF(0, 0, self.width(), top), self._chart.title)
        for r, (name, row) in enumerate(self._chart.series):
            y = top + r * row_h
            painter.drawText(
                QRectF(0, y, left - 6, row_h),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            for c in range(len(row)):
                painter.fillRect(
                    QRectF(left + c * cell_w, y, cell_w - 1, row_h - 1), self.colour_at(r, c)
                )
        y = top + len(self._chart.series) * row_h
        for c, label in enumerate(self._chart.labels):
            if c % 3 == 0:
                painter.drawText(
                    QRectF(left + c * cell_w, y, cell_w * 3, row_h),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    label,
                )
        painter.end()
