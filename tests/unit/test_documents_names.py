"""Generated file names read well and are accepted by Windows."""

from __future__ import annotations

import unicodedata

import pytest

from spacebank.documents.names import MAX_STEM, output_name, safe_file_stem


def test_invoice_name_reads_like_a_person_would_write_it() -> None:
    assert (
        output_name("SB-2026-000123", "Invoice", "Łucja Żółć")
        == "SB-2026-000123 Invoice - Łucja Żółć.pdf"
    )


def test_name_without_a_person() -> None:
    assert output_name("2026-10-19", "Key-holder sheet") == "2026-10-19 Key-holder sheet.pdf"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('A/B: "C" <D>|E?*', "A B C D E"),
        ("trailing dots...  ", "trailing dots"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("", "document"),
        ("tab\there\nnewline", "tab here newline"),
        ("Adébáyọ̀ Ògúnlẹ́sì", "Adébáyọ̀ Ògúnlẹ́sì"),
    ],
)
def test_safe_file_stem(text: str, expected: str) -> None:
    assert safe_file_stem(text) == unicodedata.normalize("NFC", expected)


def test_long_names_are_cut() -> None:
    assert len(safe_file_stem("x" * 500)) == MAX_STEM
