"""Adding, changing, finding and listing hirers on a real database."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Row, func, select, update

from spacebank.domain.audit import AuditEntry
from spacebank.domain.enums import HirerType
from spacebank.domain.errors import NotFoundError, StatusError, ValidationError
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.services import hirer_service
from spacebank.services.context import ServiceContext
from spacebank.services.hirer_dto import HirerDetails, HirerInput
from spacebank.services.hirer_service import HirerService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock

SQL_LOOKING = "Robert'); DROP TABLE hirers;--"


@pytest.fixture
def hirers(ctx: ServiceContext) -> HirerService:
    return HirerService(ctx)


def resident(name: str = "Zoë O'Brien-Smith", **overrides: object) -> HirerInput:
    values: dict[str, object] = {
        "hirer_type": HirerType.RESIDENT,
        "name": name,
        "phone": "07700 900123",
        "address": "2 Test Street\nLondon",
        "postcode": "SE15 5AB",
    }
    values.update(overrides)
    return HirerInput(**values)  # type: ignore[arg-type]


def counts(db: Database) -> tuple[int, int, int]:
    with db.read() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Hirer, HirerSearchTerm, AuditEntry)
        )


def audit_rows(db: Database, hirer_id: int) -> list[Row]:
    with db.read() as s:
        return list(
            s.execute(
                select(
                    AuditEntry.action,
                    AuditEntry.entity,
                    AuditEntry.actor,
                    AuditEntry.at,
                    AuditEntry.before,
                    AuditEntry.after,
                )
                .where(AuditEntry.entity == "hirer", AuditEntry.entity_id == hirer_id)
                .order_by(AuditEntry.id)
            )
        )


def stored_terms(db: Database, hirer_id: int) -> set[str]:
    with db.read() as s:
        return set(
            s.scalars(select(HirerSearchTerm.term).where(HirerSearchTerm.hirer_id == hirer_id))
        )


def anonymise(db: Database, hirer_id: int) -> None:
    with db.write() as s:
        s.execute(
            update(Hirer)
            .where(Hirer.id == hirer_id)
            .values(anonymised_at=datetime(2026, 11, 1, tzinfo=UTC))
        )


# -- create, get, update ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Łucja Żółć", "Adébáyọ̀ Ògúnlẹ́sì", "Çağrı Öztürk", "Γιώργος Παπαδόπουλος", "Zoë O'Brien"],
)
def test_create_and_get_round_trip_unicode(
    hirers: HirerService, clock: FrozenClock, name: str
) -> None:
    created = hirers.create(resident(name, email="person@example.org", notes="Line 1\nLine 2"))
    fetched = hirers.get(created.id)
    assert fetched == created
    assert fetched.name == fetched.display_name == unicodedata.normalize("NFC", name)
    assert fetched.hirer_type is HirerType.RESIDENT
    assert fetched.email == "person@example.org"
    assert fetched.notes == "Line 1\nLine 2"
    assert fetched.address == "2 Test Street\nLondon"
    assert fetched.created_at == fetched.updated_at == clock.current
    assert fetched.created_at.tzinfo is not None
    assert fetched.created_at.utcoffset() == timedelta(0)
    assert fetched.anonymised_at is None


def test_create_tidies_input(hirers: HirerService) -> None:
    created = hirers.create(
        HirerInput(
            hirer_type=HirerType.CHARITY,
            name="  Ann Lee ",
            organisation=" Peckham Toddler Group ",
            phone="+44 (0)20 7946-0999",
            postcode="se15 4ql",
            address="1 Rye Lane",
        )
    )
    assert created.name == "Ann Lee"
    assert created.organisation == "Peckham Toddler Group"
    assert created.display_name == "Peckham Toddler Group"
    assert created.phone == "+44 (0)20 7946-0999"  # stored as typed
    assert created.postcode == "SE15 4QL"
    assert created.email == ""


def test_create_records_audit_with_after_snapshot(
    hirers: HirerService, db: Database, clock: FrozenClock
) -> None:
    created = hirers.create(resident())
    (row,) = audit_rows(db, created.id)
    assert (row.action, row.entity, row.actor, row.at) == (
        "create",
        "hirer",
        "test.clerk",
        clock.current,
    )
    assert row.before == ""
    after = json.loads(row.after)
    assert after["name"] == "Zoë O'Brien-Smith"
    assert after["hirer_type"] == "resident"
    assert after["phone"] == "07700 900123"
    assert after["postcode"] == "SE15 5AB"
    assert counts(db) == (1, len(stored_terms(db, created.id)), 1)


def test_update_changes_details_terms_and_audit(
    hirers: HirerService, db: Database, clock: FrozenClock
) -> None:
    created = hirers.create(resident())
    assert "obrien" not in stored_terms(db, created.id)  # words split at punctuation
    assert {"zoe", "o", "brien", "smith", "07700900123", "se155ab"} <= stored_terms(db, created.id)
    clock.advance(timedelta(hours=2))
    changed = hirers.update(
        created.id, resident("Zoë Adams", phone="020 7946 0001", email="zoe@example.org")
    )
    assert changed.name == "Zoë Adams"
    assert changed.phone == "020 7946 0001"
    assert changed.created_at == created.created_at
    assert changed.updated_at == clock.current
    assert hirers.get(created.id) == changed

    terms = stored_terms(db, created.id)
    assert {"zoe", "adams", "02079460001", "2079460001", "se155ab"} <= terms
    assert not {"smith", "brien", "07700900123"} & terms

    _, update_row = audit_rows(db, created.id)
    assert update_row.action == "update"
    assert update_row.at == clock.current
    # Only the fields that changed, before and after.
    assert json.loads(update_row.before) == {
        "name": "Zoë O'Brien-Smith",
        "phone": "07700 900123",
        "email": "",
    }
    assert json.loads(update_row.after) == {
        "name": "Zoë Adams",
        "phone": "020 7946 0001",
        "email": "zoe@example.org",
    }


def test_update_with_nothing_changed_writes_nothing(hirers: HirerService, db: Database) -> None:
    created = hirers.create(resident())
    before = counts(db)
    assert hirers.update(created.id, resident(" Zoë O'Brien-Smith ")) == created
    assert counts(db) == before


def test_get_and_update_of_missing_hirer(hirers: HirerService, db: Database) -> None:
    with pytest.raises(NotFoundError, match="Hirer 999 does not exist") as err:
        hirers.get(999)
    assert err.value.field == "hirer"
    with pytest.raises(NotFoundError, match="999"):
        hirers.update(999, resident())
    assert counts(db) == (0, 0, 0)


def test_anonymised_hirer_cannot_be_edited(hirers: HirerService, db: Database) -> None:
    created = hirers.create(resident())
    anonymise(db, created.id)
    before = counts(db)
    with pytest.raises(StatusError, match="anonymised"):
        hirers.update(created.id, resident("Someone Else"))
    assert counts(db) == before
    assert hirers.get(created.id).anonymised_at == datetime(2026, 11, 1, tzinfo=UTC)


# -- validation ------------------------------------------------------------------------

BAD_INPUTS = [
    pytest.param({"name": ""}, "name", "Name is required", id="no-name"),
    pytest.param({"name": "   "}, "name", "Name is required", id="blank-name"),
    pytest.param({"name": "x" * 201}, "name", "too long", id="name-201"),
    pytest.param({"name": "x" * 10_000}, "name", "10,000 characters", id="name-10000"),
    pytest.param({"name": "Bob\x00by"}, "name", "control character", id="name-nul"),
    pytest.param({"name": "Bob\tSmith"}, "name", "control character", id="name-tab"),
    pytest.param({"name": "Bob\nSmith"}, "name", "control character", id="name-newline"),
    pytest.param(
        {"hirer_type": HirerType.CHARITY},
        "organisation",
        "Organisation is required",
        id="charity-without-organisation",
    ),
    pytest.param({"organisation": "o" * 201}, "organisation", "too long", id="org-201"),
    pytest.param({"hirer_type": "landlord"}, "hirer_type", "kind of hirer", id="bad-type"),
    pytest.param({"phone": "123 456"}, "phone", "6 digits", id="phone-short"),
    pytest.param({"phone": "0770 0900 1234 5678"}, "phone", "16 digits", id="phone-long"),
    pytest.param({"phone": "07700 9001ab"}, "phone", "only digits", id="phone-letters"),
    pytest.param({"phone": "07700\x00900123"}, "phone", "control character", id="phone-nul"),
    pytest.param({"phone_alt": "12"}, "phone_alt", "2 digits", id="phone-alt-short"),
    pytest.param({"email": "not-an-email"}, "email", "email address", id="email-no-at"),
    pytest.param({"email": "a@b"}, "email", "email address", id="email-no-dot"),
    pytest.param({"email": "a b@example.org"}, "email", "email address", id="email-space"),
    pytest.param({"postcode": "XYZ"}, "postcode", "not a UK postcode", id="bad-postcode"),
    pytest.param({"address": "x" * 4001}, "address", "too long", id="address-4001"),
    pytest.param({"address": "1 Road\x00"}, "address", "control character", id="address-nul"),
    pytest.param({"notes": "n" * 4001}, "notes", "too long", id="notes-4001"),
    pytest.param({"notes": "\x07 bell"}, "notes", "control character", id="notes-bell"),
    pytest.param(
        {"phone": "", "address": "", "postcode": ""},
        "phone",
        "phone number or a postal",
        id="unreachable",
    ),
    pytest.param(
        {"phone": "", "postcode": ""}, "postcode", "Add the postcode", id="address-no-postcode"
    ),
    pytest.param(
        {"phone": "", "address": ""}, "address", "Add the address", id="postcode-no-address"
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUTS)
def test_create_refuses_bad_input_and_changes_nothing(
    hirers: HirerService, db: Database, overrides: dict[str, object], field: str, message: str
) -> None:
    hirers.create(resident("Existing Hirer"))
    before = counts(db)
    with pytest.raises(ValidationError, match=message) as err:
        hirers.create(resident(**overrides))
    assert err.value.field == field
    assert err.value.user_message
    assert counts(db) == before


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUTS[::3])
def test_update_refuses_bad_input_and_changes_nothing(
    hirers: HirerService, db: Database, overrides: dict[str, object], field: str, message: str
) -> None:
    created = hirers.create(resident())
    before = counts(db)
    with pytest.raises(ValidationError, match=message) as err:
        hirers.update(created.id, resident(**overrides))
    assert err.value.field == field
    assert counts(db) == before
    assert hirers.get(created.id) == created


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"address": "", "postcode": ""}, id="phone-only"),
        pytest.param({"phone": ""}, id="post-only"),
        pytest.param({"phone": "", "phone_alt": "0161 496 0000", "address": ""}, id="alt-only"),
        pytest.param({"phone": "+44 7700 900123"}, id="international"),
        pytest.param({"phone": "+44 (0)7700 900123"}, id="international-with-0"),
        pytest.param({"phone": "020 7946 000"}, id="ten-digits"),
        pytest.param({"name": "x" * 200, "organisation": "o" * 200}, id="200-chars"),
        pytest.param({"notes": "n" * 4000, "address": "a\n" * 1999 + "a"}, id="4000-chars"),
        pytest.param({"name": "ß" * 200}, id="name-folding-longer-than-column"),
    ],
)
def test_create_accepts_edge_inputs(hirers: HirerService, overrides: dict[str, object]) -> None:
    data = resident(**overrides)
    created = hirers.create(data)
    assert hirers.get(created.id).name == data.name


def test_sql_looking_text_is_stored_unchanged(hirers: HirerService, db: Database) -> None:
    created = hirers.create(
        HirerInput(
            hirer_type=HirerType.BUSINESS,
            name=SQL_LOOKING,
            organisation="x' OR '1'='1",
            phone="07700 900123",
            notes="'; DELETE FROM audit_log; --\n/* */ UNION SELECT * FROM hirers",
        )
    )
    fetched = hirers.get(created.id)
    assert fetched.name == SQL_LOOKING
    assert fetched.organisation == "x' OR '1'='1"
    assert fetched.notes == "'; DELETE FROM audit_log; --\n/* */ UNION SELECT * FROM hirers"
    assert [h.id for h in hirers.search("robert drop")] == [created.id]
    assert [h.id for h in hirers.search("' OR 1=1 --")] == [created.id]
    assert counts(db)[0] == 1
    assert len(audit_rows(db, created.id)) == 1


# -- search ----------------------------------------------------------------------------


@pytest.fixture
def people(hirers: HirerService) -> dict[str, HirerDetails]:
    """A handful of hirers with accented names, organisations, phones and postcodes."""
    made = [
        hirers.create(resident("Zoë O'Brien-Smith")),
        hirers.create(
            HirerInput(
                HirerType.CHARITY,
                "Łucja Żółć",
                "Peckham Toddler Group",
                phone="020 7946 0999",
                address="1 Rye Lane",
                postcode="SE15 4QL",
            )
        ),
        hirers.create(
            HirerInput(
                HirerType.BUSINESS,
                "Çağrı Öztürk",
                "Öztürk Catering Ltd",
                phone="+44 7700 900456",
                address="9 Lordship Lane",
                postcode="SE22 8HJ",
            )
        ),
        hirers.create(
            HirerInput(
                HirerType.RESIDENT,
                "Γιώργος Παπαδόπουλος",
                address="3 Upper Street",
                postcode="N1 9GU",
            )
        ),
        hirers.create(
            HirerInput(
                HirerType.RESIDENT_ASSOCIATION,
                "Adébáyọ̀ Ògúnlẹ́sì",
                "Nunhead Residents Association",
                phone="07700 900789",
                postcode="SE15 3AA",
                address="4 Nunhead Grove",
            )
        ),
        hirers.create(resident("Zoe Adams", phone="07700 900111", postcode="E8 1AA")),
        hirers.create(resident("Anna Schultz", phone="0161 496 0000", postcode="M1 1AE")),
    ]
    return {h.name.split()[0]: h for h in made}


def found(hirers: HirerService, text: str, limit: int = 20) -> list[str]:
    return [h.name for h in hirers.search(text, limit)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Name prefixes, whatever the case and accents typed.
        ("zoe", ["Zoe Adams", "Zoë O'Brien-Smith"]),
        ("ZOË", ["Zoe Adams", "Zoë O'Brien-Smith"]),
        ("z", ["Łucja Żółć", "Zoe Adams", "Zoë O'Brien-Smith"]),  # Żółć folds to zolc
        ("o'brien", ["Zoë O'Brien-Smith"]),
        ("lucja", ["Łucja Żółć"]),
        ("żół", ["Łucja Żółć"]),
        ("ogunl", ["Adébáyọ̀ Ògúnlẹ́sì"]),
        ("Adébáyọ̀", ["Adébáyọ̀ Ògúnlẹ́sì"]),
        ("ozturk", ["Çağrı Öztürk"]),
        ("γιώρ", ["Γιώργος Παπαδόπουλος"]),
        ("ΠΑΠΑΔΟΠΟΥΛΟΣ", ["Γιώργος Παπαδόπουλος"]),
        ("schultz", ["Anna Schultz"]),  # a prefix ending in "z": the bound is "schult{"
        # Organisation words.
        ("toddler", ["Łucja Żółć"]),
        ("peck", ["Łucja Żółć"]),
        ("residents", ["Adébáyọ̀ Ògúnlẹ́sì"]),
        # Phone digits, typed with spaces, dashes, brackets or the country code.
        ("07700 900", ["Adébáyọ̀ Ògúnlẹ́sì", "Çağrı Öztürk", "Zoe Adams", "Zoë O'Brien-Smith"]),
        ("07700 900 123", ["Zoë O'Brien-Smith"]),
        ("7700900456", ["Çağrı Öztürk"]),
        ("020-7946-0999", ["Łucja Żółć"]),
        ("(020) 7946", ["Łucja Żółć"]),
        ("+44 20 7946", ["Łucja Żółć"]),
        ("+44 (0)7700 900 4", ["Çağrı Öztürk"]),
        # Postcodes, with or without the space.
        ("se15", ["Adébáyọ̀ Ògúnlẹ́sì", "Łucja Żółć", "Zoë O'Brien-Smith"]),
        ("SE15 4", ["Łucja Żółć"]),
        ("se155ab", ["Zoë O'Brien-Smith"]),
        ("n1 9gu", ["Γιώργος Παπαδόπουλος"]),
        # Terms are ANDed.
        ("zoe se15", ["Zoë O'Brien-Smith"]),
        ("e8 zoe", ["Zoe Adams"]),
        ("zoe toddler", []),
        ("peckham group lucja", ["Łucja Żółć"]),
        # Nothing to look for, or nothing found.
        ("", []),
        ("   ", []),
        ("'-()", []),
        ("qqq", []),
        ("zoex", []),
    ],
)
def test_search(
    hirers: HirerService, people: dict[str, HirerDetails], text: str, names: list[str]
) -> None:
    assert found(hirers, text) == names


def test_search_with_a_long_query(hirers: HirerService, people: dict[str, HirerDetails]) -> None:
    # Words after the eighth are ignored rather than growing the SQL without bound.
    assert found(hirers, "peckham toddler group lucja zolc 020 se15 4ql l " + "x " * 30) == [
        "Łucja Żółć"
    ]
    assert found(hirers, "zoe " * 50 + "qqq") == []  # repeated words count once
    assert found(hirers, "z zo zoe a ad ada adam adams qqq") == ["Zoe Adams"]
    assert found(hirers, "x" * 5000) == []


def test_search_results_are_summaries_in_display_order(
    hirers: HirerService, people: dict[str, HirerDetails]
) -> None:
    results = hirers.search("07700")
    # Ordered by the folded display name: organisations by their own name.
    assert [r.display_name for r in results] == [
        "Nunhead Residents Association",
        "Öztürk Catering Ltd",
        "Zoe Adams",
        "Zoë O'Brien-Smith",
    ]
    charity = hirers.search("toddler")[0]
    assert charity.id == people["Łucja"].id
    assert charity.hirer_type is HirerType.CHARITY
    assert (charity.name, charity.organisation) == ("Łucja Żółć", "Peckham Toddler Group")
    assert (charity.phone, charity.postcode, charity.email) == ("020 7946 0999", "SE15 4QL", "")


def test_search_respects_limit(hirers: HirerService, people: dict[str, HirerDetails]) -> None:
    every = found(hirers, "07700")
    assert len(every) == 4
    assert found(hirers, "07700", limit=2) == every[:2]
    assert found(hirers, "07700", limit=1) == every[:1]
    with pytest.raises(ValueError):
        hirers.search("zoe", limit=0)


def test_search_follows_updates_and_skips_anonymised(
    hirers: HirerService, db: Database, people: dict[str, HirerDetails]
) -> None:
    zoe = people["Zoë"]
    hirers.update(zoe.id, replace(resident(), name="Chloë Brown", postcode="SE15 5AB"))
    assert found(hirers, "zoe") == ["Zoe Adams"]
    assert found(hirers, "chloe se15") == ["Chloë Brown"]
    anonymise(db, people["Zoe"].id)
    assert found(hirers, "zoe") == []
    assert found(hirers, "07700 900 1") == ["Chloë Brown"]


STRATEGY_QUERIES = [
    "z",
    "zoe",
    "o",
    "a",
    "s",
    "07700",
    "07700 900",
    "0",
    "se",
    "se15",
    "se15 4",
    "e",
    "zoe se15",
    "o zoe",
    "a s",
    "p t",
    "se n1",
    "44",
    "+44 7",
    "peck",
    "qqq",
]


@pytest.mark.parametrize(
    ("broad_term", "scan_window"),
    [
        pytest.param(1, 2, id="broad-then-window-too-small"),
        pytest.param(1, 4, id="broad-window-of-four"),
        pytest.param(1, 1000, id="broad-window-beyond-the-end"),
    ],
)
def test_search_strategies_agree(
    hirers: HirerService,
    db: Database,
    people: dict[str, HirerDetails],
    monkeypatch: pytest.MonkeyPatch,
    broad_term: int,
    scan_window: int,
) -> None:
    # With these few hirers every search normally starts from the matching words; make
    # every term "broad" so the name-order walk (and its fall-back) run instead.
    anonymise(db, people["Anna"].id)
    expected = {(q, n): found(hirers, q, n) for q in STRATEGY_QUERIES for n in (1, 2, 3, 20)}
    assert expected[("zoe", 20)] == ["Zoe Adams", "Zoë O'Brien-Smith"]
    monkeypatch.setattr(hirer_service, "BROAD_TERM", broad_term)
    monkeypatch.setattr(hirer_service, "SCAN_WINDOW", scan_window)
    for (query, limit), names in expected.items():
        assert found(hirers, query, limit) == names, (query, limit)


def test_search_turkish_dotless_i(hirers: HirerService, people: dict[str, HirerDetails]) -> None:
    assert found(hirers, "cagri") == ["Çağrı Öztürk"]


# -- listing ---------------------------------------------------------------------------


def test_list_page_orders_pages_and_filters(
    hirers: HirerService, db: Database, people: dict[str, HirerDetails]
) -> None:
    every = [h.display_name for h in hirers.list_page(0, 100)]
    assert every == [
        "Anna Schultz",
        "Nunhead Residents Association",
        "Öztürk Catering Ltd",
        "Peckham Toddler Group",
        "Zoe Adams",
        "Zoë O'Brien-Smith",
        "Γιώργος Παπαδόπουλος",
    ]
    assert [h.display_name for h in hirers.list_page(2, 3)] == every[2:5]
    assert hirers.list_page(7, 10) == []
    residents = hirers.list_page(0, 10, HirerType.RESIDENT)
    assert [h.name for h in residents] == [
        "Anna Schultz",
        "Zoe Adams",
        "Zoë O'Brien-Smith",
        "Γιώργος Παπαδόπουλος",
    ]
    assert [h.display_name for h in hirers.list_page(0, 10, HirerType.CHARITY)] == [
        "Peckham Toddler Group"
    ]
    anonymise(db, people["Anna"].id)
    assert hirers.list_page(0, 1)[0].display_name == "Nunhead Residents Association"
    assert hirers.list_page(0, 1, include_anonymised=True)[0].name == "Anna Schultz"
    with pytest.raises(ValueError):
        hirers.list_page(-1, 10)
