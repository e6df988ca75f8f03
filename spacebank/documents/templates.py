"""The page templates every document shares: letterhead, envelope window, footer.

First page: the organisation's letterhead, the recipient's address placed for a DL
window envelope (window 20 mm from the left, 50 mm from the top, 90 × 45 mm) and a
details box beside it. Later pages: a running header. Every page: a footer with the
organisation's details and "Page x of y", drawn once the page count is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from spacebank.documents.data import Letterhead
from spacebank.documents.styles import (
    ACCENT,
    BOLD,
    FAMILY,
    INK,
    MUTED,
    RULE,
    DocStyles,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: DL window envelope (C5/6 and DL windows sit here on a letter folded in three).
WINDOW_LEFT, WINDOW_TOP, WINDOW_WIDTH, WINDOW_HEIGHT = 20 * mm, 50 * mm, 90 * mm, 45 * mm
WINDOW_PADDING = 4 * mm
DETAILS_LEFT = 118 * mm
FIRST_FRAME_TOP = 102 * mm
LATER_FRAME_TOP = 28 * mm
FOOTER_TOP = 17 * mm
LOGO_SIZE = 20 * mm


@dataclass(frozen=True)
class PageSetup:
    """What the page callbacks draw around a document's story."""

    letterhead: Letterhead
    #: Big word in the details box ("Invoice").
    title: str
    #: Running header and PDF title ("Invoice SB-2026-000123").
    subject: str
    #: Lines in the envelope window (or, on a sheet, the venue).
    recipient: tuple[str, ...]
    details: tuple[tuple[str, str], ...] = ()
    #: Print a small return address above the recipient (for posting).
    posted: bool = True
    styles: DocStyles = field(kw_only=True)


def build_pdf(setup: PageSetup, story: list[Flowable], out: BinaryIO) -> None:
    """Lay out `story` on the house templates and write the PDF to `out`.

    Invariant mode leaves out the creation time and random file id, so the same data
    always gives the same bytes: a reprint is identical to the first print.
    """
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=LATER_FRAME_TOP,
        bottomMargin=FOOTER_TOP,
        title=setup.subject,
        author=setup.letterhead.name,
        creator="Spacebank",
        subject=setup.subject,
        invariant=1,
        pageTemplates=[
            PageTemplate(
                "first",
                [_frame("first", FIRST_FRAME_TOP)],
                onPage=partial(_first_page, setup),
                autoNextPageTemplate="later",
            ),
            PageTemplate(
                "later", [_frame("later", LATER_FRAME_TOP)], onPage=partial(_later_page, setup)
            ),
        ],
    )
    doc.build(story, canvasmaker=partial(_NumberedCanvas, setup=setup))


def _frame(name: str, top: float) -> Frame:
    """The story's frame: full content width, from `top` (below the page top) to the footer."""
    height = PAGE_HEIGHT - top - FOOTER_TOP
    return Frame(
        MARGIN,
        FOOTER_TOP,
        CONTENT_WIDTH,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )


class _NumberedCanvas(Canvas):
    """Holds pages back until the end, so each footer can say "Page x of y"."""

    def __init__(self, *args: Any, setup: PageSetup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup = setup
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            _footer(self, self._setup, total)
            super().showPage()
        super().save()


# -- page callbacks --------------------------------------------------------------------


def _first_page(setup: PageSetup, canvas: Canvas, _doc: BaseDocTemplate) -> None:
    canvas.saveState()
    _letterhead(canvas, setup.letterhead)
    _window(canvas, setup)
    _details(canvas, setup)
    canvas.restoreState()


def _later_page(setup: PageSetup, canvas: Canvas, _doc: BaseDocTemplate) -> None:
    canvas.saveState()
    y = PAGE_HEIGHT - 16 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, 10)
    canvas.drawString(MARGIN, y, fit(setup.letterhead.name, BOLD, 10, CONTENT_WIDTH * 0.4))
    canvas.setFont(FAMILY, 10)
    subject = fit(f"{setup.subject} (continued)", FAMILY, 10, CONTENT_WIDTH * 0.58)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, y, subject)
    _rule(canvas, y - 3 * mm)
    canvas.restoreState()


def _letterhead(canvas: Canvas, org: Letterhead) -> None:
    top = PAGE_HEIGHT - 14 * mm
    _logo(canvas, org, MARGIN, top - LOGO_SIZE)
    text_left = MARGIN + LOGO_SIZE + 5 * mm
    half = CONTENT_WIDTH / 2
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, 15)
    canvas.drawString(text_left, top - 6 * mm, fit(org.name, BOLD, 15, half + 20 * mm))
    canvas.setFillColor(INK)
    canvas.setFont(FAMILY, 8.5)
    address = [*org.address.splitlines(), org.postcode]
    y = top - 11 * mm
    for line in _join_lines(address, FAMILY, 8.5, half - 5 * mm, limit=3):
        canvas.drawString(text_left, y, line)
        y -= 3.8 * mm
    contact = [f"Telephone {org.phone}" if org.phone else "", org.email]
    y = top - 11 * mm
    for line in contact:
        if line:
            canvas.drawRightString(PAGE_WIDTH - MARGIN, y, fit(line, FAMILY, 8.5, half - 25 * mm))
            y -= 3.8 * mm
    _rule(canvas, PAGE_HEIGHT - 40 * mm)


def _logo(canvas: Canvas, org: Letterhead, x: float, y: float) -> None:
    """The organisation's logo file, else a plain mark with its initials."""
    if org.logo_path and Path(org.logo_path).is_file():
        try:
            canvas.drawImage(
                org.logo_path,
                x,
                y,
                LOGO_SIZE,
                LOGO_SIZE,
                preserveAspectRatio=True,
                anchor="sw",
                mask="auto",
            )
            return
        except OSError:
            pass  # an unreadable image falls back to the mark rather than losing the page
    canvas.setFillColor(ACCENT)
    canvas.roundRect(x, y, LOGO_SIZE, LOGO_SIZE, 3 * mm, stroke=0, fill=1)
    initials = "".join(word[0] for word in org.name.split()[:3] if word[:1].isalpha()).upper()
    canvas.setFillColor(colors.white)
    size = 13 if len(initials) <= 2 else 10
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(x + LOGO_SIZE / 2, y + LOGO_SIZE / 2 - size * 0.35, initials)


def _window(canvas: Canvas, setup: PageSetup) -> None:
    left = WINDOW_LEFT + WINDOW_PADDING
    width = WINDOW_WIDTH - 2 * WINDOW_PADDING
    y = PAGE_HEIGHT - WINDOW_TOP - WINDOW_PADDING
    org = setup.letterhead
    if setup.posted:
        canvas.setFillColor(MUTED)
        canvas.setFont(FAMILY, 6.5)
        back = ", ".join(p for p in (org.name, org.postcode) if p)
        canvas.drawString(
            left, y - 6.5, fit(f"If undelivered please return to {back}", FAMILY, 6.5, width)
        )
        y -= 4 * mm
    lines = setup.recipient
    size = setup.styles.address_size
    room = y - (PAGE_HEIGHT - WINDOW_TOP - WINDOW_HEIGHT + WINDOW_PADDING / 2)
    # Shrink rather than drop a line: a letter without the postcode never arrives.
    while size > 7 and (
        len(lines) * size * 1.2 > room
        or max((stringWidth(ln, FAMILY, size) for ln in lines), default=0) > width
    ):
        size -= 0.5
    canvas.setFillColor(INK)
    canvas.setFont(FAMILY, size)
    for line in lines:
        y -= size * 1.2
        canvas.drawString(left, y, fit(line, FAMILY, size, width))


def _details(canvas: Canvas, setup: PageSetup) -> None:
    right = PAGE_WIDTH - MARGIN
    width = right - DETAILS_LEFT
    size = setup.styles.details_size
    title = size * 1.8
    # A long title in large print shrinks to the box rather than being cut short.
    while title > size and stringWidth(setup.title, BOLD, title) > width:
        title -= 0.5
    y = PAGE_HEIGHT - WINDOW_TOP - title
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, title)
    canvas.drawString(DETAILS_LEFT, y, fit(setup.title, BOLD, title, width))
    y -= size * 1.1
    for label, value in setup.details:
        y -= size * 1.45
        # Shrink a row rather than cut a number short (large print, long references).
        row = size
        while row > 6 and (
            stringWidth(label, FAMILY, row) + stringWidth(value, BOLD, row) + 3 * mm > width
        ):
            row -= 0.5
        canvas.setFillColor(MUTED)
        canvas.setFont(FAMILY, row)
        canvas.drawString(DETAILS_LEFT, y, label)
        room = width - stringWidth(label, FAMILY, row) - 3 * mm
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, row)
        canvas.drawRightString(right, y, fit(value, BOLD, row, room))


def _footer(canvas: Canvas, setup: PageSetup, total: int) -> None:
    org = setup.letterhead
    size = setup.styles.footer_size
    canvas.saveState()
    _rule(canvas, FOOTER_TOP - 3 * mm)
    canvas.setFillColor(MUTED)
    canvas.setFont(FAMILY, size)
    page = f"Page {canvas.getPageNumber()} of {total}"
    room = CONTENT_WIDTH - stringWidth(page, FAMILY, size) - 6 * mm
    where = ", ".join(p for p in (*org.address.splitlines(), org.postcode) if p.strip())
    first = " · ".join(p for p in (org.name, where) if p)
    second = " · ".join(
        p
        for p in (
            f"Telephone {org.phone}" if org.phone else "",
            org.email,
            f"VAT registration number {org.vat_number}" if org.vat_number else "",
        )
        if p
    )
    y = FOOTER_TOP - 7 * mm
    canvas.drawString(MARGIN, y, fit(first, FAMILY, size, room))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, y, page)
    canvas.drawString(MARGIN, y - size * 1.3, fit(second, FAMILY, size, room))
    canvas.restoreState()


def _rule(canvas: Canvas, y: float) -> None:
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)


# -- text fitting ----------------------------------------------------------------------


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut with an ellipsis if it would run wider than `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _join_lines(parts: list[str], font: str, size: float, width: float, *, limit: int) -> list[str]:
    """Pack address parts into at most `limit` lines of `width`, comma-separated."""
    lines: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if lines and stringWidth(f"{lines[-1]}, {part}", font, size) <= width:
            lines[-1] = f"{lines[-1]}, {part}"
        elif len(lines) < limit:
            lines.append(part)
        else:
            lines[-1] = f"{lines[-1]}, {part}"
    return [fit(line, font, size, width) for line in lines]
