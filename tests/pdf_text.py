"""Text of a PDF as poppler's pdftotext lays it out, one string per page."""

from __future__ import annotations

import subprocess
import unicodedata


def pdf_pages(pdf: bytes) -> list[str]:
    """Pages of `pdf` as text (NFC, so accented names compare equal however stored)."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    text = unicodedata.normalize("NFC", result.stdout.decode("utf-8"))
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(pdf_pages(pdf))
