"""The words a hirer can be found by: one rule shared by the hirer service and demo data.

A clerk types the start of a surname, an organisation, a phone number or a postcode;
the search is a prefix range scan over `hirer_search_terms.term`, so every way the
clerk might start typing must be the start of some stored term.
"""

from __future__ import annotations

import re

from spacebank.domain.text import digits, fold

#: `hirer_search_terms.term` is a String(200).
TERM_MAX = 200

_SEPARATORS = re.compile(r"[^\w]+|_+")
_JOINERS = re.compile(r"['’‘`\-‐‑.]")


def words(text: str) -> list[str]:
    """Folded words of free text, in order, for indexing a hirer or splitting a query.

    "Zoë O'Brien-Smith" -> ["zoe", "o", "brien", "smith", "obriensmith"]: every
    part of a hyphenated or apostrophised name, plus the name run together, so that
    "obrien", "brien" and "smith" all find her.
    """
    folded = fold(text)
    result: list[str] = []
    for chunk in folded.split():
        parts = [p for p in _SEPARATORS.split(chunk) if p]
        result.extend(parts)
        joined = "".join(p for p in _SEPARATORS.split(_JOINERS.sub("", chunk)) if p)
        if len(parts) > 1 and joined:
            result.append(joined)
    return [w[:TERM_MAX] for w in result]


def phone_terms(phone: str) -> set[str]:
    """Digits of a phone number as typed and in national form, with and without the 0.

    "07700 900123" -> {"07700900123", "7700900123"};
    "+44 (0)20 7946 0000" -> {"4402079460000", "2079460000", "02079460000"}.
    """
    typed = digits(phone)
    if not typed:
        return set()
    national = typed
    if national.startswith("0044"):
        national = national[4:]
    elif national.startswith("44") and (phone.lstrip().startswith("+") or len(national) >= 12):
        national = national[2:]
    national = national.lstrip("0")
    terms = {typed}
    if national:
        terms.update({national, "0" + national})
    return {t[:TERM_MAX] for t in terms}


def postcode_term(postcode: str) -> str:
    """Postcode without spaces, lower-case ("SE15 4QL" -> "se154ql")."""
    return re.sub(r"\s+", "", postcode).lower()[:TERM_MAX]


def hirer_search_terms(
    name: str, organisation: str, phone: str, phone_alt: str, postcode: str
) -> set[str]:
    """Every distinct term to store in `hirer_search_terms` for one hirer.

    Folded words (length 1 and up) of the name and organisation; the digits of each
    phone number as typed and without the leading 0 or +44 (so "7700900" and
    "07700900" both match "07700 900123"); the postcode compact and lower-case.

    Pure and deterministic: call it again with the new values after every edit and
    replace the hirer's rows with the result.
    """
    terms: set[str] = set()
    for text in (name, organisation):
        terms.update(words(text or ""))
    for number in (phone, phone_alt):
        terms.update(phone_terms(number or ""))
    compact = postcode_term(postcode or "")
    if compact:
        terms.add(compact)
    terms.discard("")
    return terms


def hirer_sort_key(name: str, organisation: str) -> str:
    """Key hirer lists sort by: the name shown (organisation, else person), folded."""
    return fold((organisation or name).strip())[:TERM_MAX]
