"""File names a person understands, safe on Windows: "SB-2026-000123 Invoice - Name.pdf"."""

from __future__ import annotations

import re
import unicodedata

#: Characters Windows refuses in file names, and control characters.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
#: Leaves room for a long folder path inside Windows' 260-character limit.
MAX_STEM = 120


def output_name(reference: str, kind: str, name: str = "", *, suffix: str = ".pdf") -> str:
    """'SB-2026-000123', 'Invoice', 'Łucja Żółć' -> 'SB-2026-000123 Invoice - Łucja Żółć.pdf'."""
    stem = f"{reference} {kind}".strip()
    if name.strip():
        stem = f"{stem} - {name}"
    return safe_file_stem(stem) + suffix


def safe_file_stem(text: str) -> str:
    """`text` made into a file name stem that Windows, macOS and Linux all accept.

    Letters of any script are kept (NFC, so macOS and Windows agree on the name);
    forbidden characters become spaces; trailing dots and spaces go, as Windows
    drops them; reserved device names get an underscore.
    """
    cleaned = _FORBIDDEN.sub(" ", unicodedata.normalize("NFC", text))
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    if len(cleaned) > MAX_STEM:
        cleaned = cleaned[:MAX_STEM].rstrip()
    cleaned = cleaned.rstrip(". ")
    if not cleaned:
        return "document"
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned
