"""Checks for free text typed by clerks: length, control characters, normal form.

Text is stored exactly as typed (after trimming and NFC), including text that looks
like SQL; only characters that cannot be printed or stored safely are refused.
"""

from __future__ import annotations

import re
import unicodedata

from spacebank.domain.errors import ValidationError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")

NAME_MAX = 200
NOTE_MAX = 4000


def clean_text(
    value: str | None,
    *,
    field: str,
    label: str,
    max_length: int = NAME_MAX,
    required: bool = True,
    multiline: bool = False,
) -> str:
    """Return `value` trimmed and NFC-normalised, or raise a clerk-readable error."""
    text = unicodedata.normalize("NFC", (value or "")).strip()
    if not text:
        if required:
            raise ValidationError(f"{label} is required.", field=field)
        return ""
    pattern = _CONTROL if multiline else _CONTROL_SINGLE_LINE
    if pattern.search(text):
        raise ValidationError(
            f"{label} contains a control character (such as a tab or NUL); please retype it.",
            field=field,
        )
    if len(text) > max_length:
        raise ValidationError(
            f"{label} is too long: {len(text):,} characters, at most {max_length:,}.",
            field=field,
        )
    return text


#: Letters that do not decompose into a base letter plus accents.
_LETTER_MAP = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ħ": "h", "þ": "th", "æ": "ae", "œ": "oe", "ð": "d"}
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for search ("Żółć" -> "zolc", "Yılmaz" ->
    "yilmaz"). Idempotent: fold(fold(x)) == fold(x)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped.translate(_LETTER_MAP).casefold())


def digits(text: str) -> str:
    """ASCII digits only ("²" and other numerals are not phone digits)."""
    return "".join(c for c in text if "0" <= c <= "9")


_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def normalise_postcode(
    value: str | None, *, field: str = "postcode", required: bool = False
) -> str:
    """UK postcode in canonical form ("sw1a1aa" -> "SW1A 1AA"), or raise."""
    text = clean_text(value, field=field, label="Postcode", max_length=10, required=required)
    if not text:
        return ""
    compact = re.sub(r"\s+", "", text.upper())
    match = _POSTCODE.match(compact)
    if not match:
        raise ValidationError(
            f"“{text}” is not a UK postcode (expected something like SE15 4QL).", field=field
        )
    return f"{match.group(1)} {match.group(2)}"


def postcode_district(postcode: str) -> str:
    """Outward code ("SE15 4QL" -> "SE15"): the area a caller asks about."""
    return postcode.split(" ", 1)[0] if postcode else ""


def postcode_area(postcode: str) -> str:
    """Letters of the outward code ("SE15 4QL" -> "SE")."""
    district = postcode_district(postcode)
    return re.match(r"[A-Z]*", district).group(0) if district else ""  # type: ignore[union-attr]
