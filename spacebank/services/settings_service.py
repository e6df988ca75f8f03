"""Organisation-wide settings: the booking policy and the details printed on documents.

Both live in the `settings` key/value table (`policy.*` and `org.*` keys); a key that
was never saved reads as its default.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from spacebank.domain.audit import Setting
from spacebank.domain.enums import RateType
from spacebank.domain.errors import ValidationError
from spacebank.domain.money import BASIS_POINTS
from spacebank.domain.policy import Policy
from spacebank.domain.text import NOTE_MAX, clean_text, digits, normalise_postcode
from spacebank.services.audit import record
from spacebank.services.context import ServiceContext

#: Settings have no row id of their own; their audit rows use this one.
SETTINGS_ENTITY_ID = 0
ORG_PREFIX = "org."

#: (lowest, highest, message) for each whole-number field of the policy.
POLICY_LIMITS: dict[str, tuple[int, int, str]] = {
    "hold_days": (1, 60, "A provisional hold must last between {lo} and {hi} days."),
    "notice_days": (0, 90, "The notice period must be between {lo} and {hi} days."),
    "max_advance_days": (
        30,
        1095,
        "Bookings can be taken between {lo} and {hi:,} days ahead (3 years) at most.",
    ),
    "invoice_due_days": (0, 120, "Invoices must fall due between {lo} and {hi} days after issue."),
    "evening_starts_min": (
        0,
        1440,
        "The evening rate must start between 00:00 and 24:00 ({lo}–{hi:,} minutes).",
    ),
    "vat_hire_bp": (0, BASIS_POINTS, "VAT on hall hire must be between 0% and 100%."),
    "vat_extra_bp": (0, BASIS_POINTS, "VAT on extras must be between 0% and 100%."),
}


@dataclass(frozen=True)
class OrganisationDetails:
    """Who the council is on letters, invoices and credit notes, and how to pay it."""

    name: str = "Southwark Community Halls"
    address: str = "Community Halls Team\nTooley Street\nLondon"
    postcode: str = "SE1 2QH"
    phone: str = "020 7525 0000"
    email: str = ""
    bank_account_name: str = "Southwark Community Halls"
    #: Six digits shown as 12-34-56.
    sort_code: str = ""
    #: Eight digits.
    account_number: str = ""
    #: "GB123456789", or empty if the hire is outside VAT.
    vat_number: str = ""
    payment_terms: str = (
        "Please pay by the due date shown, quoting the invoice number as your reference."
    )
    cancellation_terms: str = (
        "Bookings cancelled more than 14 days before the event are refunded in full. "
        "Later cancellations may be charged in full."
    )
    #: Image printed on the letterhead; empty uses the bundled logo.
    logo_path: str = ""


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- policy ----------------------------------------------------------------------

    def policy(self) -> Policy:
        with self._ctx.db.read() as s:
            return self._ctx.policy(s)

    def update_policy(self, policy: Policy) -> Policy:
        """Save the whole policy; applies to bookings and invoices from now on."""
        checked = _check_policy(policy)
        with self._ctx.db.write() as s:
            _save(s, self._ctx, "update_policy", _read(s, "policy."), checked.to_settings())
            return self._ctx.policy(s)

    # -- organisation ----------------------------------------------------------------

    def organisation(self) -> OrganisationDetails:
        with self._ctx.db.read() as s:
            return read_organisation(s)

    def update_organisation(self, details: OrganisationDetails) -> OrganisationDetails:
        checked = _check_organisation(details)
        with self._ctx.db.write() as s:
            _save(s, self._ctx, "update_organisation", _read(s, ORG_PREFIX), _org_settings(checked))
            return _organisation(_read(s, ORG_PREFIX))


def organisation_json(session: Session) -> str:
    """The organisation's details now, as the JSON an issued document keeps."""
    details = _organisation(_read(session, ORG_PREFIX))
    return json.dumps(asdict(details), ensure_ascii=False, sort_keys=True)


def organisation_from_json(text: str) -> OrganisationDetails | None:
    """Details kept by `organisation_json`; None for '' (issued before they were kept)."""
    if not text:
        return None
    values = json.loads(text)
    return OrganisationDetails(**{k: str(v) for k, v in values.items() if k in _ORG_FIELDS})


def read_organisation(session: Session) -> OrganisationDetails:
    """The current details, inside the caller's transaction."""
    return _organisation(_read(session, ORG_PREFIX))


def _read(session: Session, prefix: str) -> dict[str, str]:
    rows = session.execute(
        select(Setting.key, Setting.value).where(Setting.key.startswith(prefix, autoescape=True))
    )
    return {key: value for key, value in rows}


def _save(
    session: Session,
    ctx: ServiceContext,
    action: str,
    stored: dict[str, str],
    wanted: dict[str, str],
) -> None:
    """Write every key of `wanted` that is missing or differs, and audit exactly that.

    A key saved for the first time shows as null before, even if its default was the
    same: from then on the value is pinned and no longer follows the default.
    """
    changed = {key: value for key, value in wanted.items() if stored.get(key) != value}
    if not changed:
        return
    for key, value in changed.items():
        if key in stored:
            session.execute(update(Setting).where(Setting.key == key).values(value=value))
        else:
            session.add(Setting(key=key, value=value))
    session.flush()
    record(
        session,
        ctx,
        action=action,
        entity="settings",
        entity_id=SETTINGS_ENTITY_ID,
        before={key: stored.get(key) for key in changed},
        after=changed,
    )


# -- policy ----------------------------------------------------------------------------


def _check_policy(policy: Policy) -> Policy:
    for name, (lo, hi, message) in POLICY_LIMITS.items():
        value = getattr(policy, name)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ValidationError(message.format(lo=lo, hi=hi), field=name)
    chosen: list[RateType] = []
    for value in policy.deposit_rate_types:
        try:
            rate_type = RateType(value)
        except ValueError:
            known = ", ".join(r.value for r in RateType)
            raise ValidationError(
                f"“{value}” is not a rate type (one of {known}).", field="deposit_rate_types"
            ) from None
        if rate_type not in chosen:
            chosen.append(rate_type)
    order = list(RateType)
    return replace(policy, deposit_rate_types=tuple(sorted(chosen, key=order.index)))


# -- organisation ----------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_VAT = re.compile(r"^(GB)?(\d{9}|\d{12})$")
_ORG_FIELDS = tuple(f.name for f in fields(OrganisationDetails))


def _organisation(values: dict[str, str]) -> OrganisationDetails:
    found: dict[str, Any] = {
        name: values[ORG_PREFIX + name] for name in _ORG_FIELDS if ORG_PREFIX + name in values
    }
    return OrganisationDetails(**found)


def _org_settings(details: OrganisationDetails) -> dict[str, str]:
    return {ORG_PREFIX + name: value for name, value in asdict(details).items()}


def _check_organisation(d: OrganisationDetails) -> OrganisationDetails:
    def line(
        value: str, field: str, label: str, *, required: bool = False, max_length: int = 200
    ) -> str:
        return clean_text(value, field=field, label=label, required=required, max_length=max_length)

    def block(value: str, field: str, label: str) -> str:
        return clean_text(
            value, field=field, label=label, required=False, max_length=NOTE_MAX, multiline=True
        )

    email = line(d.email, "email", "Email", max_length=254)
    if email and not _EMAIL.match(email):
        raise ValidationError(f"“{email}” is not an email address.", field="email")
    phone = line(d.phone, "phone", "Phone", max_length=40)
    if phone and len(digits(phone)) < 3:
        raise ValidationError(f"Phone “{phone}” has no number to ring.", field="phone")
    sort_code = line(d.sort_code, "sort_code", "Sort code", max_length=20)
    if sort_code:
        if len(digits(sort_code)) != 6 or re.search(r"[^\d\s-]", sort_code):
            raise ValidationError(
                f"Sort code “{sort_code}” should be six digits, like 12-34-56.",
                field="sort_code",
            )
        code = digits(sort_code)
        sort_code = f"{code[0:2]}-{code[2:4]}-{code[4:6]}"
    account = line(d.account_number, "account_number", "Account number", max_length=20)
    if account:
        if len(digits(account)) != 8 or re.search(r"[^\d\s]", account):
            raise ValidationError(
                f"Account number “{account}” should be eight digits.", field="account_number"
            )
        account = digits(account)
    vat = line(d.vat_number, "vat_number", "VAT number", max_length=20)
    if vat:
        compact = re.sub(r"\s+", "", vat.upper())
        if not _VAT.match(compact):
            raise ValidationError(
                f"VAT number “{vat}” should be GB followed by 9 digits, like GB123456789.",
                field="vat_number",
            )
        vat = compact if compact.startswith("GB") else "GB" + compact
    return OrganisationDetails(
        name=line(d.name, "name", "Organisation name", required=True),
        address=block(d.address, "address", "Address"),
        postcode=normalise_postcode(d.postcode, field="postcode"),
        phone=phone,
        email=email,
        bank_account_name=line(d.bank_account_name, "bank_account_name", "Bank account name"),
        sort_code=sort_code,
        account_number=account,
        vat_number=vat,
        payment_terms=block(d.payment_terms, "payment_terms", "Payment terms"),
        cancellation_terms=block(d.cancellation_terms, "cancellation_terms", "Cancellation terms"),
        logo_path=line(d.logo_path, "logo_path", "Logo file", max_length=1000),
    )
