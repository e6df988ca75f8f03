"""The words a hirer can be found by in type-ahead search."""

from __future__ import annotations

import re

from spacebank.domain.text import digits, fold

_WORD = re.compile(r"[^\W_]+")


def hirer_search_terms(
    name: str, organisation: str, phone: str, phone_alt: str, postcode: str
) -> set[str]:
    """Folded name and organisation words, phone digits (with and without the
    leading 0 or 44), and the compact lower-case postcode."""
    terms = {w for text in (name, organisation) for w in _WORD.findall(fold(text))}
    for number in (phone, phone_alt):
        number_digits = digits(number)
        if not number_digits:
            continue
        terms.add(number_digits)
        if number_digits.startswith("44"):
            terms.add(number_digits[2:])
            terms.add("0" + number_digits[2:])
        elif number_digits.startswith("0"):
            terms.add(number_digits[1:])
    if postcode:
        terms.add(postcode.replace(" ", "").lower())
    return {t for t in terms if t}
