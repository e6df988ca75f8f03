"""Free text typed by clerks: cleaning, folding for search, postcodes."""

from __future__ import annotations

import pytest

from spacebank.domain.errors import ValidationError
from spacebank.domain.text import (
    clean_text,
    digits,
    fold,
    normalise_postcode,
    postcode_area,
    postcode_district,
)


def clean(value: str | None, **kwargs: object) -> str:
    return clean_text(value, field="name", label="Name", **kwargs)  # type: ignore[arg-type]


def test_clean_text_trims_and_normalises() -> None:
    assert clean("  Zoë  ") == "Zoë"
    assert clean("Zoe\u0308") == "Zoë"  # decomposed form is composed (NFC)
    assert len(clean("Zoe\u0308")) == 3
    assert clean("Robert'); DROP TABLE bookings;--") == "Robert'); DROP TABLE bookings;--"


@pytest.mark.parametrize(
    "value", ["Party\x00", "a\tb", "line\nbreak", "bell\x07", "del\x7f", "esc\x1b[0m"]
)
def test_single_line_refuses_control_characters(value: str) -> None:
    with pytest.raises(ValidationError) as err:
        clean(value)
    assert err.value.field == "name"
    assert "control character" in err.value.user_message


def test_multiline_allows_line_breaks_and_tabs_only() -> None:
    assert clean("first\r\nsecond\tcolumn", multiline=True) == "first\r\nsecond\tcolumn"
    for bad in ("nul\x00x", "v\x0bt", "f\x0cf", "esc\x1bx", "del\x7fx"):
        with pytest.raises(ValidationError, match="control character"):
            clean(bad, multiline=True)


def test_length_limit() -> None:
    assert clean("x" * 200) == "x" * 200
    with pytest.raises(ValidationError) as err:
        clean("x" * 201)
    assert "too long: 201 characters, at most 200" in err.value.user_message
    with pytest.raises(ValidationError, match="at most 4,000"):
        clean("x" * 10_000, max_length=4000)
    # Surrounding spaces do not count towards the limit.
    assert clean("  " + "x" * 10 + "  ", max_length=10) == "x" * 10


@pytest.mark.parametrize("value", ["", "   ", None, "\n\t "])
def test_required(value: str | None) -> None:
    with pytest.raises(ValidationError) as err:
        clean(value)
    assert err.value.user_message == "Name is required."
    assert clean(value, required=False) == ""


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łucja Żółć", "lucja zolc"),
        ("ZOË O'BRIEN", "zoe o'brien"),
        ("Straße", "strasse"),
        ("Søren", "soren"),
        ("Đorđe", "dorde"),
        ("Café", "cafe"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_matches_composed_and_decomposed() -> None:
    assert fold("Zoe\u0308") == fold("Zoë") == "zoe"


def test_digits() -> None:
    assert digits("+44 (0)20 7946-0999") == "4402079460999"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("se154ql", "SE15 4QL"),
        ("SE15 4QL", "SE15 4QL"),
        ("  se15   4ql ", "SE15 4QL"),
        ("sw1a1aa", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("ec1a 1bb", "EC1A 1BB"),
        ("w1a0ax", "W1A 0AX"),
        ("b338th", "B33 8TH"),
    ],
)
def test_postcodes_normalised(raw: str, canonical: str) -> None:
    assert normalise_postcode(raw) == canonical


@pytest.mark.parametrize(
    "raw", ["SE15", "SE15 4Q", "12345", "ABC 123", "SE15 4QLX", "4QL SE15", "SE15-4QL"]
)
def test_bad_postcodes_refused(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalise_postcode(raw, field="venue_postcode")
    assert err.value.field == "venue_postcode"
    assert "not a UK postcode" in err.value.user_message


def test_postcode_optional_unless_required() -> None:
    assert normalise_postcode("") == ""
    assert normalise_postcode(None) == ""
    with pytest.raises(ValidationError, match="required"):
        normalise_postcode(" ", required=True)


@pytest.mark.parametrize(
    ("postcode", "district", "area"),
    [
        ("SE15 4QL", "SE15", "SE"),
        ("SE22 8HJ", "SE22", "SE"),
        ("SW1A 1AA", "SW1A", "SW"),
        ("M1 1AE", "M1", "M"),
        ("", "", ""),
    ],
)
def test_district_and_area(postcode: str, district: str, area: str) -> None:
    assert postcode_district(postcode) == district
    assert postcode_area(postcode) == area
