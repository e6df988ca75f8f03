"""Documents rendered from hand-built DTOs: what they say, in which font, on which page."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image

from spacebank.documents import samples
from spacebank.documents.confirmation import render_confirmation
from spacebank.documents.credit_note import render_credit_note
from spacebank.documents.data import Occurrence, PostalAddress
from spacebank.documents.invoice import render_invoice
from spacebank.documents.keysheet import render_keysheet
from spacebank.documents.receipt import render_receipt
from spacebank.documents.styles import document_styles
from spacebank.documents.templates import fit
from tests.pdf_text import pdf_pages, pdf_text

NAMES = (
    "Łucja Żółć",
    "Adébáyọ̀ Ògúnlẹ́sì",
    "Zoë O'Brien-Smith",
    "Şükrü Çağlar",
    "Γιώργος Παπαδόπουλος",
)


def render(fn, data, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    fn(data, out, **kwargs)
    return out.getvalue()


def assert_contains(text: str, *parts: str) -> None:
    missing = [p for p in parts if p not in text]
    assert not missing, f"not in the PDF text: {missing}"


def squash(text: str) -> str:
    """Layout spaces collapsed, so '£     120.00' reads '£ 120.00'."""
    return re.sub(r"[ \t]+", " ", text)


@pytest.mark.parametrize("name", NAMES)
def test_names_print_in_every_script(name: str) -> None:
    pdf = render(
        render_invoice, samples.invoice(bill_to=PostalAddress(name, "1 High St", "SE1 1AA"))
    )
    assert unicodedata.normalize("NFC", name) in pdf_text(pdf)


def test_fonts_are_embedded_dejavu_with_bold() -> None:
    pdf = render(render_invoice, samples.invoice())
    assert b"DejaVuSans" in pdf
    assert b"DejaVuSans-Bold" in pdf
    assert b"DejaVuSans-Oblique" in pdf  # the discount line is in italics


def test_invoice_shows_numbers_totals_vat_and_how_to_pay() -> None:
    data = samples.invoice(lines=3)
    text = squash(pdf_text(render(render_invoice, data)))
    assert "SB-2026-000123" in text
    assert "1 Oct 2026" in text and "31 Oct 2026" in text
    # 3 × £120 hire at 0%, PA £60 at 20% (£12 VAT), 10% discount on hire (-£36).
    assert data.net_pence == 36000 + 6000 - 3600
    assert_contains(
        text,
        "Net total £ 384.00",
        "VAT at 20% £ 12.00",
        "Invoice total £ 396.00",
        "Less credit note CN-2026-000004 (5 Oct 2026) £ -10.00",
        "Less paid £ -50.00",
        "Balance due £ 336.00",
        "resident priority (approved by m.okafor)",
        "Sort code 12-34-56",
        "Account number 12345678",
        "VAT registration number GB123456789",
        "Page 1 of 1",
    )


def test_invoice_amounts_are_right_aligned() -> None:
    lines = pdf_text(render(render_invoice, samples.invoice())).splitlines()
    ends = [len(ln.rstrip()) for ln in lines if re.search(r"£\s+-?[\d,]+\.\d\d$", ln.rstrip())]
    right = [end for end in ends if end > 100]  # lines and totals; the VAT summary is narrower
    assert len(right) >= 10
    assert max(right) - min(right) <= 1, "every amount ends in the same column"


def test_long_invoice_repeats_the_table_header_and_numbers_pages() -> None:
    pages = pdf_pages(render(render_invoice, samples.invoice(lines=60)))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    for page in pages[:-1]:
        assert re.search(r"Description\s+Qty\s+Rate\s+VAT\s+Amount", page)
    assert "Invoice SB-2026-000123 (continued)" in pages[1]


def test_confirmation_series_lists_every_date_in_london_time() -> None:
    data = samples.confirmation()
    text = squash(pdf_text(render(render_confirmation, data)))
    # 6 Oct 2026 is BST, 3 Nov is GMT: both read 18:00–20:00 on the wall clock.
    assert "Tuesday 6 October 2026 18:00–20:00 BK-004217 Booked" in text
    assert "Tuesday 3 November 2026 18:00–20:00 BK-004221 Booked" in text
    assert_contains(
        text,
        "Tuesday 27 October 2026 18:00–20:00 BK-004220 Cancelled",
        "7 dates from Tuesday 6 October 2026 to Tuesday 24 November 2026",
        "You can get in from 17:30",
        "by 20:15",
        "Total for 7 dates £ 294.00",
        "deposit of £150.00",
        "Please pay £444.00 by Thursday 1 October 2026",
        "ring 07700 900123",
        "Canada Water Community Centre",
        "SE16 7AX",
        "Γιώργος Παπαδόπουλος",
        "Bookings cancelled more than 14 days",
    )


def test_confirmation_converts_utc_to_bst() -> None:
    # 17:00 UTC on 14 June is 18:00 in London (BST).
    single = replace(
        samples.confirmation(),
        occurrences=(
            Occurrence(
                "BK-000001",
                datetime(2026, 6, 14, 17, 0, tzinfo=UTC),
                datetime(2026, 6, 14, 21, 0, tzinfo=UTC),
            ),
        ),
    )
    text = squash(pdf_text(render(render_confirmation, single)))
    assert "Date Sunday 14 June 2026" in text
    assert "Time 18:00–22:00" in text
    assert "Your dates" not in text


def test_large_print_confirmation_uses_big_type() -> None:
    styles = document_styles(large_print=True)
    assert min(styles.body.fontSize, styles.cell.fontSize, styles.heading.fontSize) >= 14
    assert styles.body.fontSize >= 16
    normal = pdf_pages(render(render_confirmation, samples.confirmation()))
    large = pdf_pages(render(render_confirmation, samples.confirmation(), large_print=True))
    assert len(large) > len(normal)
    assert "Γιώργος Παπαδόπουλος" in "".join(large)


def test_credit_note_references_its_invoice() -> None:
    text = squash(pdf_text(render(render_credit_note, samples.credit_note())))
    assert "CN-2026-000004" in text
    assert "reduces invoice SB-2026-000123 of 1 Oct 2026" in text
    assert "Total credited £ 30.00" in text
    assert "Hearing loop out of order" in text


def test_receipt_and_refund() -> None:
    text = squash(pdf_text(render(render_receipt, samples.receipt())))
    assert "We received £120.00 from you on Thursday 8 October 2026" in text
    assert "Balance on the invoice £ 240.00" in text
    refund = replace(samples.receipt(), amount_pence=-2000, balance_after_pence=26000)
    text = squash(pdf_text(render(render_receipt, refund)))
    assert "We have refunded £20.00" in text
    assert "Refund number RC-000045" in text


def test_keysheet_lists_bookings_in_time_order_with_access_times() -> None:
    data = samples.keysheet()
    shuffled = replace(data, entries=tuple(reversed(data.entries)))
    text = squash(pdf_text(render(render_keysheet, shuffled)))
    refs = re.findall(r"BK-0050\d\d", text)
    assert refs == sorted(refs)
    assert "09:30 10:00–13:00 13:15 Small Hall Łucja Żółć" in text
    assert "Sunday 25 October 2026 No bookings." in text.replace("\n", " ").replace("  ", " ")
    assert "(provisional)" in text
    assert "Şükrü Çağlar, Caretaker, 07700 900456" in text


def test_rendering_is_byte_stable() -> None:
    first = render(render_confirmation, samples.confirmation())
    assert render(render_confirmation, samples.confirmation()) == first


#: sha256 of samples.invoice() rendered in invariant mode. Changes when the layout,
#: fonts or ReportLab change: look at the PDF, then update the figure.
GOLDEN_INVOICE_SHA256 = "a571b0d84828f0357289ee6fb0a0f683c62c8d752708f0c2e90b55f482c87fb7"


def test_golden_invoice() -> None:
    pdf = render(render_invoice, samples.invoice())
    assert hashlib.sha256(pdf).hexdigest() == GOLDEN_INVOICE_SHA256


def test_fit_cuts_long_text_with_an_ellipsis() -> None:
    assert fit("short", "DejaVuSans", 10, 200) == "short"
    cut = fit("x" * 200, "DejaVuSans", 10, 100)
    assert cut.endswith("…") and len(cut) < 200


def test_window_address_keeps_every_line_of_a_long_address() -> None:
    address = PostalAddress(
        "Zoë O'Brien-Smith", "Flat 1\nBlock B\nLong Estate\nArea\nTown", "SE1 1AA"
    )
    data = replace(samples.receipt(), bill_to=address)
    text = pdf_text(render(render_receipt, data))
    for line in address.lines:
        assert line in text


def test_letter_date_fixed() -> None:
    assert samples.confirmation().letter_date == date(2026, 9, 21)


def test_letterhead_logo_from_settings_or_the_plain_mark(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 40), "navy").save(logo)
    with_logo = replace(samples.LETTERHEAD, logo_path=str(logo))
    pdf = render(render_receipt, replace(samples.receipt(), letterhead=with_logo))
    assert b"/Subtype /Image" in pdf
    broken = tmp_path / "not-an-image.png"
    broken.write_text("text")
    for path in (broken, tmp_path / "missing.png"):
        letterhead = replace(samples.LETTERHEAD, logo_path=str(path))
        pdf = render(render_receipt, replace(samples.receipt(), letterhead=letterhead))
        assert b"/Subtype /Image" not in pdf and "SCH" in pdf_text(pdf)


def test_large_print_keysheet_stacks_the_times() -> None:
    text = squash(pdf_text(render(render_keysheet, samples.keysheet(), large_print=True)))
    assert_contains(text, "Open 09:30", "Lock up 13:15", "20 people", "Γιώργος", "Şükrü Çağlar")
    details = squash(pdf_pages(render(render_invoice, samples.invoice(), large_print=True))[0])
    assert "Payment reference SB-2026-000123" in details  # shrunk to fit, not cut short
