"""Booking policy and organisation details kept in the settings table."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select

from spacebank.domain.audit import AuditEntry, Setting
from spacebank.domain.enums import RateType
from spacebank.domain.errors import ValidationError
from spacebank.domain.policy import Policy
from spacebank.services.context import ServiceContext
from spacebank.services.settings_service import OrganisationDetails, SettingsService
from spacebank.storage.database import Database


@pytest.fixture
def settings(ctx: ServiceContext) -> SettingsService:
    return SettingsService(ctx)


def stored(db: Database) -> dict[str, str]:
    with db.read() as s:
        return {key: value for key, value in s.execute(select(Setting.key, Setting.value))}


def audit(db: Database) -> list[tuple[str, str, int, dict[str, Any], dict[str, Any]]]:
    with db.read() as s:
        return [
            (
                e.action,
                e.entity,
                e.entity_id,
                json.loads(e.before or "{}"),
                json.loads(e.after or "{}"),
            )
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def audit_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


# -- policy -------------------------------------------------------------------------------


def test_policy_defaults_when_nothing_saved(settings: SettingsService, db: Database) -> None:
    assert settings.policy() == Policy()
    assert stored(db) == {}


def test_policy_round_trip_and_audit(
    settings: SettingsService, ctx: ServiceContext, db: Database
) -> None:
    wanted = replace(
        Policy(),
        hold_days=10,
        notice_days=21,
        vat_extra_bp=2000,
        deposit_rate_types=(RateType.COMMERCIAL, RateType.PRIVATE, RateType.COMMERCIAL),
    )
    saved = settings.update_policy(wanted)
    assert saved == replace(wanted, deposit_rate_types=(RateType.PRIVATE, RateType.COMMERCIAL))
    assert settings.policy() == saved
    # The booking services read the same rows.
    with db.read() as s:
        assert ctx.policy(s) == saved
    assert stored(db)["policy.hold_days"] == "10"
    [(action, entity, entity_id, before, after)] = audit(db)
    assert (action, entity, entity_id) == ("update_policy", "settings", 0)
    # First save pins every value, so each key appears (null before).
    assert before["policy.hold_days"] is None and after["policy.hold_days"] == "10"
    assert len(after) == len(Policy().to_settings())

    settings.update_policy(replace(saved, invoice_due_days=30))
    _, _, _, before, after = audit(db)[-1]
    assert (before, after) == ({"policy.invoice_due_days": "14"}, {"policy.invoice_due_days": "30"})
    # Saving the same policy again writes nothing.
    count = audit_count(db)
    settings.update_policy(settings.policy())
    assert audit_count(db) == count


def test_policy_allows_its_limits(settings: SettingsService) -> None:
    low = Policy(
        hold_days=1,
        notice_days=0,
        max_advance_days=30,
        invoice_due_days=0,
        evening_starts_min=0,
        vat_hire_bp=0,
        vat_extra_bp=0,
        deposit_rate_types=(),
    )
    high = Policy(
        hold_days=60,
        notice_days=90,
        max_advance_days=1095,
        invoice_due_days=120,
        evening_starts_min=1440,
        vat_hire_bp=10000,
        vat_extra_bp=10000,
    )
    assert settings.update_policy(low) == low
    assert settings.update_policy(high) == high


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"hold_days": 0}, "hold_days", "between 1 and 60 days"),
        ({"hold_days": 61}, "hold_days", "between 1 and 60 days"),
        ({"notice_days": -1}, "notice_days", "between 0 and 90 days"),
        ({"notice_days": 91}, "notice_days", "between 0 and 90 days"),
        ({"max_advance_days": 29}, "max_advance_days", "between 30 and 1,095 days"),
        ({"max_advance_days": 1096}, "max_advance_days", "between 30 and 1,095 days"),
        ({"invoice_due_days": 121}, "invoice_due_days", "between 0 and 120 days"),
        ({"evening_starts_min": 1441}, "evening_starts_min", "between 00:00 and 24:00"),
        ({"evening_starts_min": -1}, "evening_starts_min", "between 00:00 and 24:00"),
        ({"vat_hire_bp": 10001}, "vat_hire_bp", "VAT on hall hire must be between 0% and 100%"),
        ({"vat_extra_bp": -1}, "vat_extra_bp", "VAT on extras must be between 0% and 100%"),
        ({"hold_days": 7.5}, "hold_days", "between 1 and 60"),
        ({"hold_days": True}, "hold_days", "between 1 and 60"),
        ({"deposit_rate_types": ("everyone",)}, "deposit_rate_types", "“everyone” is not a rate"),
    ],
)
def test_policy_refuses_bad_values(
    settings: SettingsService, db: Database, changes: dict[str, Any], field: str, fragment: str
) -> None:
    settings.update_policy(Policy(hold_days=5))
    before, audit_before = stored(db), audit_count(db)
    with pytest.raises(ValidationError) as err:
        settings.update_policy(replace(Policy(hold_days=9), **changes))
    assert err.value.field == field
    assert fragment in err.value.user_message
    assert stored(db) == before and audit_count(db) == audit_before
    assert settings.policy().hold_days == 5


# -- organisation -------------------------------------------------------------------------


def test_organisation_defaults(settings: SettingsService, db: Database) -> None:
    org = settings.organisation()
    assert org == OrganisationDetails()
    assert org.name == "Southwark Community Halls"
    assert org.payment_terms and org.cancellation_terms
    assert stored(db) == {}


def test_organisation_round_trip_normalised(settings: SettingsService, db: Database) -> None:
    saved = settings.update_organisation(
        OrganisationDetails(
            name="  Southwark Council Community Halls ",
            address="160 Tooley Street\nLondon",
            postcode="se1 2qh",
            phone="020 7525 5000",
            email="halls@southwark.example",
            bank_account_name="London Borough of Southwark",
            sort_code="123456",
            account_number="1234 5678",
            vat_number="123 4567 89",
            payment_terms="Pay within 14 days by bank transfer.",
            cancellation_terms="No refund within 7 days of the event.",
            logo_path="/home/halls/logo.png",
        )
    )
    assert saved.name == "Southwark Council Community Halls"
    assert (saved.postcode, saved.sort_code, saved.account_number, saved.vat_number) == (
        "SE1 2QH",
        "12-34-56",
        "12345678",
        "GB123456789",
    )
    assert settings.organisation() == saved
    assert stored(db)["org.sort_code"] == "12-34-56"
    assert not any(key.startswith("policy.") for key in stored(db))
    [(action, entity, _, before, after)] = audit(db)
    assert (action, entity) == ("update_organisation", "settings")
    assert after["org.vat_number"] == "GB123456789" and before["org.vat_number"] is None

    settings.update_organisation(replace(saved, email=""))
    _, _, _, before, after = audit(db)[-1]
    assert (before, after) == ({"org.email": "halls@southwark.example"}, {"org.email": ""})
    assert settings.organisation().email == ""


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"name": " "}, "name", "Organisation name is required"),
        ({"email": "halls at southwark"}, "email", "is not an email address"),
        ({"sort_code": "12-34-5"}, "sort_code", "six digits, like 12-34-56"),
        ({"sort_code": "12/34/56"}, "sort_code", "six digits"),
        ({"account_number": "1234567"}, "account_number", "eight digits"),
        ({"vat_number": "FR12345678901"}, "vat_number", "GB followed by 9 digits"),
        ({"postcode": "nowhere"}, "postcode", "is not a UK postcode"),
        ({"phone": "none"}, "phone", "has no number to ring"),
        ({"payment_terms": "x" * 4001}, "payment_terms", "too long"),
        ({"logo_path": "logo\x00.png"}, "logo_path", "control character"),
    ],
)
def test_organisation_refuses_bad_values(
    settings: SettingsService, db: Database, changes: dict[str, Any], field: str, fragment: str
) -> None:
    settings.update_organisation(OrganisationDetails(name="Halls Team"))
    before, audit_before = stored(db), audit_count(db)
    with pytest.raises(ValidationError) as err:
        settings.update_organisation(replace(OrganisationDetails(name="New name"), **changes))
    assert err.value.field == field
    assert fragment in err.value.user_message
    assert stored(db) == before and audit_count(db) == audit_before
    assert settings.organisation().name == "Halls Team"
