"""The search terms stored for a hirer (see test_hirer_search_terms_property for search)."""

from __future__ import annotations

import pytest

from spacebank.domain.hirer_terms import (
    TERM_MAX,
    hirer_search_terms,
    hirer_sort_key,
    phone_terms,
    postcode_term,
    words,
)


def terms(
    name: str = "", organisation: str = "", phone: str = "", phone_alt: str = "", postcode: str = ""
) -> set[str]:
    return hirer_search_terms(name, organisation, phone, phone_alt, postcode)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Łucja Żółć", {"lucja", "zolc"}),
        ("Zoë O'Brien-Smith", {"zoe", "o", "brien", "smith", "obriensmith"}),
        ("Adébáyọ̀ Ògúnlẹ́sì", {"adebayo", "ogunlesi"}),
        ("  JOHN   smith ", {"john", "smith"}),
        ("Siân Ó Súilleabháin", {"sian", "o", "suilleabhain"}),
    ],
)
def test_name_words_are_folded(name: str, expected: set[str]) -> None:
    assert terms(name) == expected


def test_organisation_words_are_terms_too() -> None:
    assert terms("Ann Lee", "Peckham Toddlers' Group (CIC)") == {
        "ann",
        "lee",
        "peckham",
        "toddlers",
        "group",
        "cic",
    }


def test_words_keep_order_and_single_letters() -> None:
    assert words("St. Giles & A B") == ["st", "giles", "a", "b"]
    assert words("") == []


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("07700 900123", {"07700900123", "7700900123"}),
        ("+44 7700 900123", {"447700900123", "7700900123", "07700900123"}),
        ("+44 (0)20 7946 0000", {"4402079460000", "2079460000", "02079460000"}),
        ("0044 20 7946 0000", {"00442079460000", "2079460000", "02079460000"}),
        ("020-7946-0000", {"02079460000", "2079460000"}),
        ("", set()),
        ("ext. only", set()),
    ],
)
def test_phone_digits_as_typed_and_national(phone: str, expected: set[str]) -> None:
    assert phone_terms(phone) == expected


def test_phone_is_found_by_digits_with_or_without_the_leading_zero() -> None:
    stored = terms("Ann", phone="07700 900123")
    for typed in ("07700900", "7700900", "077", "7700900123"):
        assert any(term.startswith(typed) for term in stored), typed


def test_both_phones_are_indexed() -> None:
    stored = terms("Ann", phone="07700 900123", phone_alt="020 7946 0999")
    assert {"07700900123", "02079460999", "2079460999"} <= stored


def test_postcode_is_compact_and_lower_case() -> None:
    assert postcode_term("SE15 4QL") == "se154ql"
    assert terms("Ann", postcode="SE15 4QL") == {"ann", "se154ql"}
    assert terms("Ann", postcode="") == {"ann"}


def test_terms_are_distinct_and_fit_the_column() -> None:
    stored = terms("Anna Anna " + "x" * 300, "Anna Ltd", "07700 900123", "07700 900123")
    assert "anna" in stored and "ltd" in stored
    assert all(0 < len(t) <= TERM_MAX for t in stored)
    assert terms("ß" * 150) == {"ss" * 100}


def test_the_same_hirer_always_gives_the_same_terms() -> None:
    args = ("Zoë O'Brien-Smith", "Rye Lane Kickboxing Ltd", "+44 7700 900123", "", "SE15 4QL")
    assert hirer_search_terms(*args) == hirer_search_terms(*args)


def test_sort_key_is_the_shown_name_folded() -> None:
    assert hirer_sort_key("Łucja Żółć", "") == "lucja zolc"
    assert hirer_sort_key("Ann Lee", "Ümit's Café") == "umit's cafe"
