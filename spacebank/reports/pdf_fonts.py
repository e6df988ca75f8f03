"""DejaVu Sans for report PDFs (Helvetica cannot draw Ł, ź, ọ…).

Looks in the app's bundled `resources/fonts` first, then the system's DejaVu folder.
`FONT_DIRS` and `register_fonts` are the one place to repoint when the shared
`spacebank/documents/styles.py` takes over font registration.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "DejaVuSans"
FALLBACK = "Helvetica"
FILES = {
    FAMILY: "DejaVuSans.ttf",
    f"{FAMILY}-Bold": "DejaVuSans-Bold.ttf",
    f"{FAMILY}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}


def font_dirs() -> list[Path]:
    """Where to look for the TTF files, most preferred first."""
    bundle = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return [bundle / "resources" / "fonts", Path("/usr/share/fonts/truetype/dejavu")]


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans once; returns the (regular, bold) font names to use.

    Falls back to Helvetica (with a warning in the PDF's look, not an error) when no
    DejaVu files are found, so a report can always be printed.
    """
    for folder in font_dirs():
        if all((folder / name).is_file() for name in FILES.values()):
            for font_name, file_name in FILES.items():
                pdfmetrics.registerFont(TTFont(font_name, str(folder / file_name)))
            pdfmetrics.registerFontFamily(
                FAMILY,
                normal=FAMILY,
                bold=f"{FAMILY}-Bold",
                italic=f"{FAMILY}-Oblique",
                boldItalic=f"{FAMILY}-BoldOblique",
            )
            addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
            return FAMILY, f"{FAMILY}-Bold"
    return FALLBACK, f"{FALLBACK}-Bold"
