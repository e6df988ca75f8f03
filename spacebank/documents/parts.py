"""Story pieces several documents share: priced lines, totals, VAT, how to pay.

Amounts are drawn by `Amount`, which puts the £ at the left of its column and the
figure flush right, so pound signs and decimal points line up down a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from spacebank.documents.data import DocumentLine, Letterhead, VatRow
from spacebank.documents.formatting import format_pence, format_percent, markup, para
from spacebank.documents.styles import ACCENT, BOLD, FAMILY, INK, DocStyles
from spacebank.documents.templates import CONTENT_WIDTH

#: Left plus right cell padding (points), as set by DocStyles.table.
PAD = 8


class Amount(Flowable):
    """£ at the left edge of the cell, the figure right-aligned."""

    def __init__(self, pence: int, font_size: float, *, bold: bool = False) -> None:
        super().__init__()
        self.pence = pence
        self.font_size = font_size
        self.font = BOLD if bold else FAMILY

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.font_size * 1.3
        return self.width, self.height

    def draw(self) -> None:
        text = format_pence(self.pence)  # "-£1,234.50"
        sign = "-" if text.startswith("-") else ""
        canvas = self.canv
        canvas.setFillColor(INK)
        canvas.setFont(self.font, self.font_size)
        baseline = self.height - self.font_size
        canvas.drawString(0, baseline, "£")
        canvas.drawRightString(self.width, baseline, sign + text.split("£", 1)[1])

    def __repr__(self) -> str:
        return f"Amount({self.pence})"


def scaled(styles: DocStyles, width_mm: float) -> float:
    """A column width in points, wider in large print so the bigger figures fit."""
    return width_mm * mm * (1.25 if styles.large else 1.0)


def widths(styles: DocStyles, *fixed_mm: float) -> list[float]:
    """Column widths: the first column takes what the fixed ones (mm) leave."""
    fixed = [scaled(styles, w) for w in fixed_mm]
    return [CONTENT_WIDTH - sum(fixed), *fixed]


def text_cell(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """Plain text if it fits on one line, else a wrapping Paragraph.

    A plain string is drawn directly by the table, several times faster than a
    Paragraph, which matters in a batch of hundreds of invoices.
    """
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - PAD:
        return text
    return para(text, style)


def lines_table(lines: Sequence[DocumentLine], styles: DocStyles) -> Table:
    """Description, quantity, rate, VAT rate, amount; the header repeats on every page."""
    size = styles.cell.fontSize
    columns = widths(styles, 16, 22, 13, 26)
    rows: list[list[object]] = [["Description", "Qty", "Rate", "VAT", "Amount"]]
    for line in lines:
        description: object = (
            Paragraph(f"<i>{markup(line.description)}</i>", styles.cell)
            if line.is_discount
            else text_cell(line.description, styles.cell, columns[0])
        )
        rows.append(
            [
                description,
                line.quantity,
                Amount(line.unit_pence, size) if line.unit_pence else "",
                format_percent(line.vat_rate_bp),
                Amount(line.net_pence, size),
            ]
        )
    return Table(rows, colWidths=columns, repeatRows=1, style=styles.table(right_from=2))


def totals_table(rows: Sequence[tuple[str, int, bool]], styles: DocStyles) -> Table:
    """Right-hand totals (label, pence, bold), lined up under the Amount column."""
    size = styles.cell.fontSize
    columns = [scaled(styles, 78), scaled(styles, 26)]
    body = [
        [
            text_cell(label, styles.cell_bold if bold else styles.cell, columns[0]),
            Amount(pence, size, bold=bold),
        ]
        for label, pence, bold in rows
    ]
    bold_rows = [("FONTNAME", (0, i), (0, i), BOLD) for i, row in enumerate(rows) if row[2]]
    return Table(
        body,
        colWidths=columns,
        style=styles.table(header=False, extra=bold_rows),
        hAlign="RIGHT",
    )


def vat_total_rows(breakdown: Sequence[VatRow]) -> list[tuple[str, int, bool]]:
    """Totals rows for VAT: one per rate charged, or a single £0.00 if none is."""
    rows = [
        (f"VAT at {format_percent(v.vat_rate_bp)}", v.vat_pence, False)
        for v in breakdown
        if v.vat_rate_bp
    ]
    return rows or [("VAT", 0, False)]


def vat_table(breakdown: Sequence[VatRow], styles: DocStyles) -> KeepTogether:
    """The VAT summary: one row per rate."""
    size = styles.cell.fontSize
    rows: list[list[object]] = [["VAT rate", "Net", "VAT", "Total"]]
    for row in breakdown:
        rows.append(
            [
                format_percent(row.vat_rate_bp),
                Amount(row.net_pence, size),
                Amount(row.vat_pence, size),
                Amount(row.net_pence + row.vat_pence, size),
            ]
        )
    w = scaled(styles, 26)
    return KeepTogether(
        [
            Paragraph("VAT summary", styles.heading),
            Table(rows, colWidths=[w, w, w, w], style=styles.table(right_from=1), hAlign="LEFT"),
            Spacer(1, styles.body.fontSize),
        ]
    )


def facts_table(
    rows: Sequence[tuple[str, str]], styles: DocStyles, *, label_mm: float = 42
) -> Table:
    """Label and value pairs, e.g. "Hall" / "Main Hall"."""
    label_width = scaled(styles, label_mm)
    value_width = CONTENT_WIDTH - label_width
    body = [
        [
            text_cell(label, styles.cell_head, label_width),
            text_cell(value, styles.cell, value_width),
        ]
        for label, value in rows
    ]
    labels = [("FONTNAME", (0, 0), (0, -1), BOLD), ("TEXTCOLOR", (0, 0), (0, -1), ACCENT)]
    return Table(
        body,
        colWidths=[label_width, value_width],
        style=styles.table(header=False, extra=labels),
        hAlign="LEFT",
    )


def how_to_pay(
    org: Letterhead, reference: str, styles: DocStyles, *, intro: str = "", terms: bool = True
) -> KeepTogether:
    """Bank details and the reference to quote, or who to ring if there are none.

    `terms` adds the organisation's payment terms (they speak of invoices).
    """
    parts: list[Flowable] = [Paragraph("How to pay", styles.heading)]
    if intro:
        parts.append(para(intro, styles.body))
    if org.sort_code and org.account_number:
        facts = [
            ("Account name", org.bank_account_name or org.name),
            ("Sort code", org.sort_code),
            ("Account number", org.account_number),
            ("Reference", reference),
        ]
        parts.append(facts_table(facts, styles))
    else:
        phone = f" on {org.phone}" if org.phone else ""
        parts.append(
            para(f"Please ring us{phone} to pay, quoting reference {reference}.", styles.body)
        )
    if terms and org.payment_terms:
        parts.append(para(org.payment_terms, styles.small))
    return KeepTogether(parts)
