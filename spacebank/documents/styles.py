"""Fonts and named paragraph styles for every document, in normal and large print.

ReportLab's built-in Helvetica cannot draw Ł, ọ or Greek letters, so DejaVu Sans is
embedded; `registerFontFamily` makes <b> and <i> pick the bold and oblique faces.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from spacebank.resources import resource_path

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_FILES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e8eef4")


@cache
def register_fonts() -> str:
    """Register the DejaVu family once per process; returns the family name."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return FAMILY


@dataclass(frozen=True)
class DocStyles:
    """Named styles of one print size; `large` is the ≥16 pt large-print set."""

    large: bool
    body: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    #: Letterhead, address window and details box sizes (points).
    address_size: float
    details_size: float
    footer_size: float

    def table(
        self,
        *,
        header: bool = True,
        right_from: int | None = None,
        extra: list[tuple] | None = None,
    ) -> TableStyle:
        """The house table look: a shaded header row, thin rules, top-aligned cells.

        Plain-string cells take the cell font (bold in the header); columns from
        `right_from` on are right-aligned.
        """
        pad = 4 if self.large else 3
        commands: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), FAMILY),
            ("FONTSIZE", (0, 0), (-1, -1), self.cell.fontSize),
            ("LEADING", (0, 0), (-1, -1), self.cell.leading),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ]
        if header:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, ACCENT),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
            ]
        if right_from is not None:
            commands.append(("ALIGN", (right_from, 0), (-1, -1), "RIGHT"))
        return TableStyle(commands + (extra or []))


@cache
def document_styles(large_print: bool = False) -> DocStyles:
    register_fonts()
    size = 16.0 if large_print else 9.5
    cell = 14.0 if large_print else 8.5
    leading = 1.3

    def style(name: str, font: str, points: float, **kw: object) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=points, leading=points * leading, **kw)

    return DocStyles(
        large=large_print,
        body=style("Body", FAMILY, size, spaceAfter=size * 0.5),
        small=style("Small", FAMILY, size * 0.85, textColor=MUTED, spaceAfter=3),
        heading=style(
            "Heading", BOLD, size * 1.2, textColor=ACCENT, spaceBefore=size * 0.8, spaceAfter=4
        ),
        title=style("Title", BOLD, size * 1.6, textColor=ACCENT, spaceAfter=size * 0.6),
        cell=style("Cell", FAMILY, cell),
        cell_bold=style("CellBold", BOLD, cell),
        cell_head=style("CellHead", BOLD, cell, textColor=ACCENT),
        address_size=13.0 if large_print else 10.5,
        details_size=12.0 if large_print else 9.0,
        footer_size=8.0,
    )
