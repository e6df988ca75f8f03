"""Adding, changing, finding and listing hirers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.orm import Session

from spacebank.domain.enums import HirerType
from spacebank.domain.errors import NotFoundError, StatusError, ValidationError
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.domain.hirer_terms import TERM_MAX, hirer_search_terms, hirer_sort_key, words
from spacebank.domain.text import NOTE_MAX, clean_text, fold, normalise_postcode
from spacebank.services.audit import record, snapshot
from spacebank.services.context import ServiceContext
from spacebank.services.hirer_dto import HirerDetails, HirerInput, HirerSummary

#: The fields a clerk edits; the audit log shows them before and after.
CONTACT_FIELDS = (
    "hirer_type",
    "name",
    "organisation",
    "phone",
    "phone_alt",
    "email",
    "address",
    "postcode",
    "notes",
)
#: Types whose display name is an organisation's name (the `name` is the contact).
ORGANISATION_TYPES = frozenset(
    {HirerType.CHARITY, HirerType.RESIDENT_ASSOCIATION, HirerType.BUSINESS, HirerType.COUNCIL}
)
PHONE_MAX = 40
EMAIL_MAX = 254
PHONE_DIGITS_MIN, PHONE_DIGITS_MAX = 10, 13
#: A search term matching at least this many stored words is "broad" (e.g. one letter);
#: if all terms are, the first SCAN_WINDOW hirers in name order are searched first.
BROAD_TERM = 1500
SCAN_WINDOW = 1000
#: Words of a query beyond this many are ignored (each adds a subquery).
MAX_TERMS = 8

_PHONE_PUNCTUATION = re.compile(r"[\s\-()+]")
_PHONE_DIGITS = re.compile(r"[0-9]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_PHONE_CHUNK = re.compile(r"[0-9+()\-]*[0-9][0-9+()\-]*")
_OUTWARD_CODE = re.compile(r"[a-z]{1,2}[0-9][a-z0-9]?")
_INWARD_CODE_START = re.compile(r"[0-9][a-z]{0,2}")


class HirerService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- reading ---------------------------------------------------------------------

    def get(self, hirer_id: int) -> HirerDetails:
        with self._ctx.db.read() as s:
            return _to_details(_load(s, hirer_id))

    def search(self, text: str, limit: int = 20) -> list[HirerSummary]:
        """Type-ahead: hirers with a word starting with every term typed, by name.

        Terms are matched against `hirer_search_terms` (folded name and organisation
        words, phone digits, compact postcode), so "zoe" finds "Zoë", "07700 900"
        finds "07700 900123" and "se15" finds "SE15 4QL". Anonymised hirers are left out.
        """
        _check_limit(limit)
        terms = query_terms(text)
        if not terms:
            return []
        shape, params = _search_params(terms)
        with self._ctx.db.read() as s:
            # How many stored words each term matches (counted only up to BROAD_TERM),
            # and the sort key SCAN_WINDOW hirers into the name order.
            probe = _probe_statement(shape, BROAD_TERM, SCAN_WINDOW)
            *counts, window_end = s.execute(probe, params).one()
            order = tuple(sorted(range(len(terms)), key=lambda i: counts[i]))
            if counts[order[0]] == 0:
                return []
            if counts[order[0]] >= BROAD_TERM:
                # Every term is broad ("s", "07700"): walk the first hirers in name
                # order and stop at `limit` matches, rather than sorting thousands.
                windowed = window_end is not None
                statement = _scan_statement(shape, limit, windowed=windowed)
                rows = s.execute(statement, {**params, "window_end": window_end}).all()
                if len(rows) == limit or not windowed:
                    return [_to_summary(r) for r in rows]
            # Start from the words the most selective term matches, keep the hirers that
            # have the other terms too (index-only probes), then sort just those.
            rows = s.execute(_drive_statement(shape, order, limit), params).all()
            return [_to_summary(r) for r in rows]

    def list_page(
        self,
        offset: int = 0,
        limit: int = 50,
        hirer_type: HirerType | None = None,
        *,
        include_anonymised: bool = False,
    ) -> list[HirerSummary]:
        """One page of hirers in name order, optionally of one type."""
        _check_limit(limit)
        if offset < 0:
            raise ValueError(f"offset must not be negative, got {offset}")
        query = select(*_SUMMARY)
        if hirer_type is not None:
            query = query.where(_HIRERS.c.hirer_type == HirerType(hirer_type))
        if not include_anonymised:
            query = query.where(_HIRERS.c.anonymised_at.is_(None))
        query = query.order_by(_HIRERS.c.sort_key, _HIRERS.c.id).offset(offset).limit(limit)
        with self._ctx.db.read() as s:
            return [_to_summary(r) for r in s.execute(query)]

    # -- changing --------------------------------------------------------------------

    def create(self, data: HirerInput) -> HirerDetails:
        """Add a hirer; refuses incomplete or malformed details with a ValidationError."""
        with self._ctx.db.write() as s:
            return _to_details(insert_hirer(s, self._ctx, data, now=self._now()))

    def update(self, hirer_id: int, data: HirerInput) -> HirerDetails:
        """Replace a hirer's details; saving unchanged details writes nothing."""
        values = _validated(data)
        with self._ctx.db.write() as s:
            hirer = _load(s, hirer_id, for_update=True)
            if hirer.anonymised_at is not None:
                raise StatusError(
                    "This hirer's record has been anonymised (data protection) and can no "
                    "longer be edited; add the person as a new hirer instead.",
                    field="hirer",
                )
            before = snapshot(hirer, CONTACT_FIELDS)
            if all(before[name] == value for name, value in values.items()):
                return _to_details(hirer)
            for name, value in values.items():
                setattr(hirer, name, value)
            hirer.sort_key = _sort_key(values)
            hirer.updated_at = self._now()
            s.flush()
            _store_terms(s, hirer.id, values, replace=True)
            record(
                s,
                self._ctx,
                action="update",
                entity="hirer",
                entity_id=hirer.id,
                before=before,
                after=snapshot(hirer, CONTACT_FIELDS),
            )
            return _to_details(hirer)

    def _now(self) -> datetime:
        now = self._ctx.now()
        if now.tzinfo is None:
            raise ValueError("the service clock must return aware datetimes")
        return now.astimezone(UTC)


# -- search terms ---------------------------------------------------------------------


def insert_hirer(
    session: Session, ctx: ServiceContext, data: HirerInput, *, now: datetime
) -> Hirer:
    """Validate and add a hirer in the caller's transaction (also used by the CSV import)."""
    values = _validated(data)
    hirer = Hirer(**values, sort_key=_sort_key(values), created_at=now, updated_at=now)
    session.add(hirer)
    session.flush()
    _store_terms(session, hirer.id, values, replace=False)
    record(
        session,
        ctx,
        action="create",
        entity="hirer",
        entity_id=hirer.id,
        after=snapshot(hirer, CONTACT_FIELDS),
    )
    return hirer


def query_terms(text: str) -> list[tuple[str, ...]]:
    """What a type-ahead query asks for: per term, the prefixes any of which may match.

    Words are split and folded by the same rule as the stored terms (`words`). Runs of
    digits typed with spaces, dashes, brackets or "+" join into one phone number
    ("07700 900" -> "07700900"); a number typed with the country code also tries it
    without ("+44 20" -> "4420" or "20").
    A postcode typed with its space joins too ("SE15 4Q" -> "se154q"). Only the first
    MAX_TERMS terms are kept.
    """
    typed = (text or "").split()
    # Folded only to recognise numbers and postcodes: words() folds the typed text
    # itself, exactly as it did the stored names (fold is not idempotent for all text).
    chunks = [fold(chunk) for chunk in typed]
    terms: list[tuple[str, ...]] = []
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        following = chunks[i + 1] if i + 1 < len(chunks) else ""
        if _OUTWARD_CODE.fullmatch(chunk) and _INWARD_CODE_START.fullmatch(following):
            terms.append((chunk + following,))
            i += 2
        elif _PHONE_CHUNK.fullmatch(chunk):
            number = ""
            while i < len(chunks) and _PHONE_CHUNK.fullmatch(chunks[i]):
                number += "".join(_PHONE_DIGITS.findall(chunks[i]))
                i += 1
            terms.append(_phone_alternatives(number))
        else:
            terms.extend((word,) for word in words(typed[i]))
            i += 1
    unique: dict[tuple[str, ...], None] = {}
    for alternatives in terms:
        unique.setdefault(tuple(dict.fromkeys(a[:TERM_MAX] for a in alternatives)), None)
    return list(unique)[:MAX_TERMS]


def _phone_alternatives(number: str) -> tuple[str, ...]:
    """The digits as typed and, after a country code (44 or 0044), without it."""
    for country in ("0044", "44"):
        if number.startswith(country) and len(number) > len(country):
            return (number, number[len(country) :])
    return (number,)


def prefix_upper_bound(prefix: str) -> str | None:
    """The least string greater than every string starting with `prefix` (code-point
    order), or None if there is none. `term >= prefix AND term < bound` is then a
    prefix match that any B-tree index on `term` can answer as a range scan."""
    stripped = prefix.rstrip("\U0010ffff")
    if not stripped:
        return None
    code = ord(stripped[-1]) + 1
    if 0xD800 <= code <= 0xDFFF:  # surrogates cannot be stored; skip to the next char
        code = 0xE000
    return stripped[:-1] + chr(code)


# A query's shape (per term, which alternative prefixes have an upper bound) picks a
# statement built once with bind parameters, so repeated searches skip SQL compilation.
Shape = tuple[tuple[bool, ...], ...]
_HIRERS = Hirer.__table__
_TERMS = HirerSearchTerm.__table__
_SUMMARY = (
    _HIRERS.c.id,
    _HIRERS.c.hirer_type,
    _HIRERS.c.name,
    _HIRERS.c.organisation,
    _HIRERS.c.phone,
    _HIRERS.c.postcode,
    _HIRERS.c.email,
)


def _search_params(terms: list[tuple[str, ...]]) -> tuple[Shape, dict[str, str]]:
    params: dict[str, str] = {}
    shape: list[tuple[bool, ...]] = []
    for i, alternatives in enumerate(terms):
        bounded: list[bool] = []
        for j, prefix in enumerate(alternatives):
            params[f"p{i}_{j}"] = prefix
            bound = prefix_upper_bound(prefix)
            if bound is not None:
                params[f"u{i}_{j}"] = bound
            bounded.append(bound is not None)
        shape.append(tuple(bounded))
    return tuple(shape), params


def _matches(column: Any, i: int, bounded: tuple[bool, ...]) -> ColumnElement[bool]:
    """`column` starts with one of term i's prefixes, as index range predicates."""
    ranges: list[ColumnElement[bool]] = []
    for j, has_bound in enumerate(bounded):
        lower = column >= bindparam(f"p{i}_{j}")
        ranges.append(and_(lower, column < bindparam(f"u{i}_{j}")) if has_bound else lower)
    return or_(*ranges)


def _has_term(i: int, bounded: tuple[bool, ...], hirer_id: Any) -> ColumnElement[bool]:
    """Whether hirer `hirer_id` has a word for term i (a primary-key index probe)."""
    t = _TERMS.alias(f"has{i}")
    return exists().where(t.c.hirer_id == hirer_id, _matches(t.c.term, i, bounded))


@lru_cache(maxsize=256)
def _probe_statement(shape: Shape, broad: int, window: int) -> Select:
    counts = []
    for i, bounded in enumerate(shape):
        t = _TERMS.alias(f"count{i}")
        first = select(t.c.hirer_id).where(_matches(t.c.term, i, bounded)).limit(broad)
        counts.append(select(func.count()).select_from(first.subquery()).scalar_subquery())
    sort_key = _HIRERS.c.sort_key
    window_end = select(sort_key).order_by(sort_key).offset(window - 1).limit(1)
    return select(*counts, window_end.scalar_subquery())


@lru_cache(maxsize=256)
def _scan_statement(shape: Shape, limit: int, *, windowed: bool) -> Select:
    query = select(*_SUMMARY).where(_HIRERS.c.anonymised_at.is_(None))
    if windowed:
        query = query.where(_HIRERS.c.sort_key <= bindparam("window_end"))
    query = query.where(*(_has_term(i, b, _HIRERS.c.id) for i, b in enumerate(shape)))
    return query.order_by(_HIRERS.c.sort_key, _HIRERS.c.id).limit(limit)


@lru_cache(maxsize=256)
def _drive_statement(shape: Shape, order: tuple[int, ...], limit: int) -> Select:
    first, rest = order[0], order[1:]
    driver = _TERMS.alias("driver")
    matching = select(driver.c.hirer_id).where(
        _matches(driver.c.term, first, shape[first]),
        *(_has_term(i, shape[i], driver.c.hirer_id) for i in rest),
    )
    # `sort_key || ''` sorts the same but keeps the planner off the sort_key index: walking
    # it in order hoping to meet `limit` matches early is a trap, as matches of a name
    # prefix cluster together in name order (PostgreSQL chose it and scanned every hirer).
    return (
        select(*_SUMMARY)
        .where(_HIRERS.c.anonymised_at.is_(None), _HIRERS.c.id.in_(matching))
        .order_by(_HIRERS.c.sort_key + "", _HIRERS.c.id)
        .limit(limit)
    )


def _store_terms(session: Session, hirer_id: int, values: dict[str, Any], *, replace: bool) -> None:
    if replace:
        session.execute(delete(HirerSearchTerm).where(HirerSearchTerm.hirer_id == hirer_id))
    terms = hirer_search_terms(
        values["name"],
        values["organisation"],
        values["phone"],
        values["phone_alt"],
        values["postcode"],
    )
    rows = [{"hirer_id": hirer_id, "term": term} for term in sorted(terms)]
    if rows:
        session.execute(insert(HirerSearchTerm), rows)


# -- validation -----------------------------------------------------------------------


def _validated(data: HirerInput) -> dict[str, Any]:
    """The input tidied for storage, or the first problem found as a ValidationError."""
    try:
        hirer_type = HirerType(data.hirer_type)
    except ValueError:
        raise ValidationError(
            "Choose what kind of hirer this is (resident, charity, business…).",
            field="hirer_type",
        ) from None
    name = clean_text(data.name, field="name", label="Name")
    organisation = clean_text(
        data.organisation, field="organisation", label="Organisation", required=False
    )
    if hirer_type in ORGANISATION_TYPES and not organisation:
        raise ValidationError(
            f"Organisation is required for a {hirer_type.value.replace('_', ' ')} hirer "
            "(the name is the contact person).",
            field="organisation",
        )
    phone = _phone(data.phone, field="phone", label="Phone")
    phone_alt = _phone(data.phone_alt, field="phone_alt", label="Other phone")
    email = clean_text(
        data.email, field="email", label="Email", max_length=EMAIL_MAX, required=False
    )
    if email and not _EMAIL.fullmatch(email):
        raise ValidationError(
            f"“{email}” does not look like an email address (name@example.org). "
            "Leave it empty if the hirer has no email.",
            field="email",
        )
    address = clean_text(
        data.address,
        field="address",
        label="Address",
        max_length=NOTE_MAX,
        required=False,
        multiline=True,
    )
    postcode = normalise_postcode(data.postcode)
    notes = clean_text(
        data.notes,
        field="notes",
        label="Notes",
        max_length=NOTE_MAX,
        required=False,
        multiline=True,
    )
    if not (phone or phone_alt) and not (address and postcode):
        if address:
            message, field = "Add the postcode to the address, or give a phone number.", "postcode"
        elif postcode:
            message, field = "Add the address for that postcode, or give a phone number.", "address"
        else:
            message, field = (
                "Give a phone number or a postal address with postcode, so the hirer can be "
                "reached.",
                "phone",
            )
        raise ValidationError(message, field=field)
    return {
        "hirer_type": hirer_type,
        "name": name,
        "organisation": organisation,
        "phone": phone,
        "phone_alt": phone_alt,
        "email": email,
        "address": address,
        "postcode": postcode,
        "notes": notes,
    }


def _phone(value: str, *, field: str, label: str) -> str:
    text = clean_text(value, field=field, label=label, max_length=PHONE_MAX, required=False)
    if not text:
        return ""
    number = _PHONE_PUNCTUATION.sub("", text)
    if not number.isascii() or not number.isdigit():
        raise ValidationError(
            f"{label} “{text}” should contain only digits, spaces, dashes, brackets or +.",
            field=field,
        )
    if not PHONE_DIGITS_MIN <= len(number) <= PHONE_DIGITS_MAX:
        raise ValidationError(
            f"{label} “{text}” has {len(number)} digits; a UK number has "
            f"{PHONE_DIGITS_MIN}–{PHONE_DIGITS_MAX} (with area code, e.g. 020 7946 0000).",
            field=field,
        )
    return text


def _sort_key(values: dict[str, Any]) -> str:
    return hirer_sort_key(values["name"], values["organisation"])


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")


# -- loading and DTOs ------------------------------------------------------------------


def _load(session: Session, hirer_id: int, *, for_update: bool = False) -> Hirer:
    hirer = session.get(Hirer, hirer_id, with_for_update=for_update)
    if hirer is None:
        raise NotFoundError(
            f"Hirer {hirer_id} does not exist (it may have been removed at another desk).",
            field="hirer",
        )
    return hirer


def _to_summary(r: Row) -> HirerSummary:
    return HirerSummary(
        id=r.id,
        hirer_type=r.hirer_type,
        display_name=r.organisation or r.name,
        name=r.name,
        organisation=r.organisation,
        phone=r.phone,
        postcode=r.postcode,
        email=r.email,
    )


def _to_details(h: Hirer) -> HirerDetails:
    return HirerDetails(
        id=h.id,
        hirer_type=h.hirer_type,
        display_name=h.display_name,
        name=h.name,
        organisation=h.organisation,
        phone=h.phone,
        phone_alt=h.phone_alt,
        email=h.email,
        address=h.address,
        postcode=h.postcode,
        notes=h.notes,
        created_at=h.created_at,
        updated_at=h.updated_at,
        anonymised_at=h.anonymised_at,
    )
