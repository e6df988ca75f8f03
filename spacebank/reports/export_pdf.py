"""PDF report for councillors (ReportLab): summary, charts, then the tables.

Charts are drawn with reportlab.graphics from the view's chart data: bars, a line by
month, and a weekday × hour heat map. Wide tables (the heat map's 25 columns) are
left to their chart; the CSV and Excel exports carry every figure.
"""

from __future__ import annotations

from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from spacebank.documents.styles import BOLD, register_fonts
from spacebank.reports.cells import shown
from spacebank.reports.view import Chart, Kind, ReportView, Section

#: Sections wider than this are shown only as a chart.
MAX_TABLE_COLUMNS = 8
#: Councillors get the largest rows; the exports for finance carry the rest.
MAX_TABLE_ROWS = 25
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
CHART_HEIGHT = 62 * mm
SERIES_COLOURS = (colors.HexColor("#1f5f8b"), colors.HexColor("#e07b39"))
HEAT_LOW, HEAT_HIGH = colors.HexColor("#f3f7fb"), colors.HexColor("#0b3c68")
LABEL_MAX = 18
LONG_LABEL_MAX = 48
#: More bars than this are drawn sideways, one labelled row each.
MAX_UPRIGHT_BARS = 8
BAR_ROW = 4.2 * mm


def write_pdf(view: ReportView, out: BinaryIO) -> None:
    regular, bold = register_fonts(), BOLD
    styles = _styles(regular, bold)
    story: list = [
        Paragraph(escape(view.title), styles["title"]),
        Paragraph(escape(view.subtitle), styles["subtitle"]),
        Paragraph(escape(view.summary), styles["body"]),
        Spacer(1, 4 * mm),
    ]
    for chart in view.charts:
        story.append(
            KeepTogether(
                [Paragraph(escape(chart.title), styles["heading"]), _drawing(chart, regular)]
            )
        )
    for section in view.sections:
        if len(section.columns) > MAX_TABLE_COLUMNS:
            continue
        story.append(
            KeepTogether(
                [
                    Paragraph(escape(section.title), styles["heading"]),
                    _table(section, styles["cell"], regular, bold),
                ]
            )
        )

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, 10 * mm, f"{view.title} · {view.subtitle}")
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=view.title,
        author="Spacebank",
        invariant=True,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=regular, fontSize=10, leading=14, textColor=colors.grey
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceBefore=6),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
    }


def _table(section: Section, cell: ParagraphStyle, regular: str, bold: str) -> Table:
    numeric = [i for i, c in enumerate(section.columns) if c.kind is not Kind.TEXT]
    right = ParagraphStyle("right", parent=cell, alignment=TA_RIGHT)
    header = [
        Paragraph(f"<b>{escape(c.title)}</b>", right if i in numeric else cell)
        for i, c in enumerate(section.columns)
    ]
    rows = [
        [shown(c.kind, v) for c, v in zip(section.columns, row, strict=True)]
        for row in section.rows[:MAX_TABLE_ROWS]
    ] or [["(none)", *[""] * (len(header) - 1)]]
    hidden = len(section.rows) - MAX_TABLE_ROWS
    if hidden > 0:
        rows.append(
            [f"… and {hidden:,} more in the CSV and Excel exports", *[""] * (len(header) - 1)]
        )
    text_cols = len(section.columns) - len(numeric)
    number_width = 24 * mm
    text_width = (FRAME_WIDTH - number_width * len(numeric)) / max(1, text_cols)
    widths = [number_width if i in numeric else text_width for i in range(len(header))]
    body = [
        [Paragraph(escape(str(v)), cell) if i not in numeric else v for i, v in enumerate(r)]
        for r in rows
    ]
    table = Table([header, *body], colWidths=widths, repeatRows=1)
    commands = [
        ("FONT", (0, 0), (-1, 0), bold, 8.5),
        ("FONT", (0, 1), (-1, -1), regular, 8.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *(("ALIGN", (i, 0), (i, -1), "RIGHT") for i in numeric),
    ]
    table.setStyle(TableStyle(commands))
    return table


def _drawing(chart: Chart, font: str) -> Drawing:
    if chart.kind == "heat":
        return _heat_map(chart, font)
    many = chart.kind == "bar" and len(chart.labels) > MAX_UPRIGHT_BARS
    if many:  # one labelled row per bar, so long names stay readable
        label_width = 62 * mm
        height = len(chart.labels) * BAR_ROW + 14 * mm
        plot = HorizontalBarChart()
        plot.x, plot.y = label_width, 8 * mm
        plot.width, plot.height = FRAME_WIDTH - label_width - 4 * mm, height - 12 * mm
        labels = [_short(label, LONG_LABEL_MAX) for label in chart.labels]
        # Top to bottom in the order given.
        labels.reverse()
        plot.data = [list(reversed(values)) for _, values in chart.series]
    else:
        height = CHART_HEIGHT
        plot = VerticalBarChart() if chart.kind == "bar" else HorizontalLineChart()
        plot.x, plot.y = 16 * mm, 18 * mm
        # Room above the plot for a legend of several series.
        legend_room = 6 * mm if len(chart.series) > 1 else 0
        plot.width, plot.height = FRAME_WIDTH - 22 * mm, height - 24 * mm - legend_room
        labels = [_short(label, LABEL_MAX) for label in chart.labels]
        plot.data = [list(values) or [0] for _, values in chart.series]
    drawing = Drawing(FRAME_WIDTH, height)
    plot.categoryAxis.categoryNames = labels or [""]
    plot.categoryAxis.labels.fontName = font
    plot.categoryAxis.labels.fontSize = 7
    if not many and len(labels) > 6:
        plot.categoryAxis.labels.angle = 30
        plot.categoryAxis.labels.boxAnchor = "ne"
        plot.categoryAxis.labels.dy = -2
    plot.valueAxis.labels.fontName = font
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.labelTextFormat = _thousands
    plot.valueAxis.valueMin = 0
    if chart.unit == "%":
        plot.valueAxis.valueMax = 100  # a share is shown on its whole scale
    elif max((v for _, values in chart.series for v in values), default=0) <= 0:
        plot.valueAxis.valueMax = 1
    for i, _ in enumerate(chart.series):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        if chart.kind == "bar":
            plot.bars[i].fillColor = colour
            plot.bars[i].strokeColor = None
        else:
            plot.lines[i].strokeColor = colour
            plot.lines[i].strokeWidth = 1.5
    drawing.add(plot)
    if len(chart.series) > 1:
        legend = Legend()
        legend.x, legend.y = 16 * mm, height - 3 * mm
        legend.fontName, legend.fontSize = font, 7
        legend.alignment = "right"
        legend.columnMaximum = 1  # side by side, above the plot
        legend.deltax = 30 * mm
        legend.colorNamePairs = [
            (SERIES_COLOURS[i % len(SERIES_COLOURS)], name)
            for i, (name, _) in enumerate(chart.series)
        ]
        drawing.add(legend)
    return drawing


def _heat_map(chart: Chart, font: str) -> Drawing:
    """Rows (weekdays) × columns (hours); darker is busier, scaled to the busiest cell."""
    left, bottom, cell_h = 12 * mm, 10 * mm, 6 * mm
    rows = len(chart.series)
    cell_w = (FRAME_WIDTH - left - 2 * mm) / max(1, len(chart.labels))
    drawing = Drawing(FRAME_WIDTH, bottom + rows * cell_h + 4 * mm)
    top = max((v for _, values in chart.series for v in values), default=0) or 1
    for r, (name, values) in enumerate(chart.series):
        y = bottom + (rows - 1 - r) * cell_h
        drawing.add(
            String(left - 2 * mm, y + 2 * mm, name, fontName=font, fontSize=7, textAnchor="end")
        )
        for c, value in enumerate(values):
            colour = colors.linearlyInterpolatedColor(HEAT_LOW, HEAT_HIGH, 0, 1, value / top)
            drawing.add(
                Rect(
                    left + c * cell_w,
                    y,
                    cell_w,
                    cell_h,
                    fillColor=colour,
                    strokeColor=colors.white,
                    strokeWidth=0.5,
                )
            )
    for c, label in enumerate(chart.labels):
        if c % 3 == 0:
            drawing.add(
                String(
                    left + c * cell_w + cell_w / 2,
                    bottom - 4 * mm,
                    label,
                    fontName=font,
                    fontSize=7,
                    textAnchor="middle",
                )
            )
    drawing.add(
        String(
            FRAME_WIDTH,
            bottom - 8 * mm,
            f"Darkest: {top:,.1f} booked hours in one hour of the week",
            fontName=font,
            fontSize=7,
            textAnchor="end",
        )
    )
    return drawing


def _thousands(value: float) -> str:
    return f"{value:,.0f}"


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
