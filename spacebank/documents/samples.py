"""Demo-like documents for looking at the layout, benchmarks and tests.

`python -m spacebank.documents.samples docs/documents` writes one PNG per document
(first page, 80 dpi, via poppler's pdftoppm) into the folder; `--all-pages` and
`--keep-pdf` are for checking the layout of every page.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from spacebank.documents.data import (
    ConfirmationData,
    CreditNoteData,
    CreditRef,
    DocumentLine,
    InvoiceData,
    KeyHolderRow,
    KeysheetData,
    KeysheetEntry,
    Letterhead,
    Occurrence,
    PostalAddress,
    ReceiptData,
    VatRow,
)
from spacebank.documents.render import Document, render_bytes
from spacebank.domain.clock import LONDON

LETTERHEAD = Letterhead(
    name="Southwark Community Halls",
    address="Community Halls Team\n160 Tooley Street\nLondon",
    postcode="SE1 2QH",
    phone="020 7525 0000",
    email="halls@southwark.example",
    vat_number="GB123456789",
    bank_account_name="Southwark Council Halls Income",
    sort_code="12-34-56",
    account_number="12345678",
    payment_terms="Please pay by the due date shown, quoting the invoice number as your "
    "reference. Cheques payable to Southwark Council.",
    cancellation_terms="Bookings cancelled more than 14 days before the event are refunded "
    "in full. Later cancellations may be charged in full.",
)

LUCJA = PostalAddress(
    "Łucja Żółć", "Flat 3, 27 Żeromski Court\nBermondsey Street\nLondon", "SE1 3XF"
)
ADEBAYO = PostalAddress(
    "Adébáyọ̀ Ògúnlẹ́sì", "Peckham Yoruba Cultural Association\n12 Rye Lane\nLondon", "SE15 5BY"
)
ZOE = PostalAddress("Zoë O'Brien-Smith", "4 Grove Vale\nEast Dulwich\nLondon", "SE22 8EF")
SUKRU = PostalAddress("Şükrü Çağlar", "88 Old Kent Road\nLondon", "SE1 5TY")
GIORGOS = PostalAddress(
    "Γιώργος Παπαδόπουλος", "Hellenic Community Choir\n9 Camberwell Grove", "SE5 8JA"
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def hire_line(
    hall: str, day: date, start: int, end: int, rate: int, vat_bp: int = 0
) -> DocumentLine:
    hours = end - start
    net = rate * hours
    return DocumentLine(
        description=f"{hall}, {day:%a} {day.day} {day:%b %Y} {start:02d}:00–{end:02d}:00 — "
        "Hall hire, evening/weekend (private rate)",
        quantity=f"{hours} h",
        unit_pence=rate,
        net_pence=net,
        vat_rate_bp=vat_bp,
        vat_pence=net * vat_bp // 10_000,
    )


def invoice(lines: int = 3, *, bill_to: PostalAddress = LUCJA) -> InvoiceData:
    """An invoice with `lines` hire lines (BST and GMT dates), an extra with VAT and a discount."""
    first = date(2026, 10, 17)  # a BST Saturday; later weeks fall after the clocks go back
    body = [hire_line("Main Hall", first + timedelta(weeks=i), 14, 18, 3000) for i in range(lines)]
    body.append(DocumentLine("PA system", 6000, 2000, 1200, quantity="1", unit_pence=6000))
    body.append(
        DocumentLine(
            "Discount 10%: resident priority (approved by m.okafor)",
            -sum(b.net_pence for b in body[:lines]) // 10,
            is_discount=True,
        )
    )
    return _invoice_from(body, bill_to)


def _invoice_from(body: list[DocumentLine], bill_to: PostalAddress) -> InvoiceData:
    rates: dict[int, tuple[int, int]] = {}
    for line in body:
        net, vat = rates.get(line.vat_rate_bp, (0, 0))
        rates[line.vat_rate_bp] = (net + line.net_pence, vat + line.vat_pence)
    net = sum(b.net_pence for b in body)
    vat = sum(b.vat_pence for b in body)
    return InvoiceData(
        letterhead=LETTERHEAD,
        number="SB-2026-000123",
        issued_on=date(2026, 10, 1),
        due_on=date(2026, 10, 31),
        bill_to=bill_to,
        lines=tuple(body),
        vat_breakdown=tuple(VatRow(r, n, v) for r, (n, v) in sorted(rates.items())),
        net_pence=net,
        vat_pence=vat,
        gross_pence=net + vat,
        payment_reference="SB-2026-000123",
        credits=(CreditRef("CN-2026-000004", date(2026, 10, 5), 1000),),
        paid_pence=5000,
    )


def credit_note() -> CreditNoteData:
    return CreditNoteData(
        letterhead=LETTERHEAD,
        number="CN-2026-000004",
        issued_on=date(2026, 10, 5),
        invoice_number="SB-2026-000123",
        invoice_issued_on=date(2026, 10, 1),
        bill_to=ADEBAYO,
        reason="Hearing loop out of order on 17 October; half the PA system charge refunded.",
        lines=(DocumentLine("Credit against invoice SB-2026-000123 (VAT 20%)", 2500, 2000, 500),),
        vat_breakdown=(VatRow(2000, 2500, 500),),
        net_pence=2500,
        vat_pence=500,
        gross_pence=3000,
    )


def receipt() -> ReceiptData:
    return ReceiptData(
        letterhead=LETTERHEAD,
        number="RC-000045",
        received_on=date(2026, 10, 8),
        bill_to=ZOE,
        amount_pence=12000,
        method="Card by phone",
        reference="Auth 824413",
        cost_centre="",
        invoice_number="SB-2026-000123",
        invoice_gross_pence=36000,
        balance_after_pence=24000,
    )


def confirmation() -> ConfirmationData:
    first = date(2026, 10, 6)  # Tuesdays either side of the clocks going back
    dates = tuple(
        Occurrence(
            f"BK-{4217 + i:06d}",
            at(first + timedelta(weeks=i), 18),
            at(first + timedelta(weeks=i), 20),
            cancelled=i == 3,
        )
        for i in range(8)
    )
    charges = (
        DocumentLine(
            "Hall hire, weekday evening (community rate)", 2400, quantity="2 h", unit_pence=1200
        ),
        DocumentLine("Kitchen", 1500, 2000, 300, quantity="1", unit_pence=1500),
    )
    live = sum(1 for d in dates if not d.cancelled)
    return ConfirmationData(
        letterhead=LETTERHEAD,
        letter_date=date(2026, 9, 21),
        reference="BK-004217",
        recipient=GIORGOS,
        contact_name="Γιώργος Παπαδόπουλος",
        status="Confirmed",
        hall_name="Main Hall",
        venue_name="Canada Water Community Centre",
        venue_address="21 Surrey Quays Road\nLondon",
        venue_postcode="SE16 7AX",
        purpose="Choir rehearsal",
        attendees=40,
        occurrences=dates,
        setup_minutes=30,
        cleanup_minutes=15,
        included=("Kitchen", "Step-free access", "Hearing loop", "Chairs and tables"),
        access_notes="Enter by the side door on Deal Porters Way. The key holder, Şükrü "
        "Çağlar, opens up 30 minutes before your booking and locks up after.",
        on_the_day_phone="07700 900123",
        charges=charges,
        total_pence=live * sum(c.gross_pence for c in charges),
        deposit_pence=15000,
        payment_due_on=date(2026, 10, 1),
        payment_reference="BK-004217",
    )


def keysheet() -> KeysheetData:
    monday = date(2026, 10, 19)
    people = [LUCJA, ADEBAYO, ZOE, SUKRU, GIORGOS]
    entries = []
    for i in range(12):
        day = monday + timedelta(days=i // 2)
        person = people[i % len(people)]
        start = 10 + (i % 2) * 8
        entries.append(
            KeysheetEntry(
                reference=f"BK-{5000 + i:06d}",
                hall_name="Main Hall" if i % 3 else "Small Hall",
                start=at(day, start),
                end=at(day, start + 3),
                setup_minutes=30,
                cleanup_minutes=30 if i % 2 else 15,
                hirer_name=person.name,
                hirer_phone=f"07700 9{i:05d}",
                attendees=20 + i * 7,
                purpose="Birthday party" if i % 2 else "Toddler group",
                notes="Bringing a bouncy castle; needs the fire door unlocked." if i == 3 else "",
                status_note="provisional" if i == 5 else "",
            )
        )
    return KeysheetData(
        letterhead=LETTERHEAD,
        venue_name="Canada Water Community Centre",
        venue_address="21 Surrey Quays Road\nLondon",
        venue_postcode="SE16 7AX",
        first_day=monday,
        last_day=monday + timedelta(days=6),
        key_holders=(KeyHolderRow("Şükrü Çağlar", "07700 900456", "Caretaker"),),
        access_notes="Alarm code from the team on the day. Side door on Deal Porters Way.",
        on_the_day_phone="07700 900123",
        entries=tuple(entries),
        printed_on=date(2026, 10, 16),
    )


def documents() -> dict[str, tuple[Document, bool]]:
    """name -> (data, large print) for each picture in docs/documents."""
    return {
        "confirmation": (confirmation(), False),
        "confirmation-large-print": (confirmation(), True),
        "invoice": (invoice(lines=40, bill_to=ADEBAYO), False),
        "credit-note": (credit_note(), False),
        "receipt": (receipt(), False),
        "keysheet": (keysheet(), False),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--all-pages", action="store_true", help="a PNG of every page")
    parser.add_argument("--keep-pdf", action="store_true", help="keep the PDFs beside the PNGs")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    for name, (data, large_print) in documents().items():
        pdf = args.folder / f"{name}.pdf"
        pdf.write_bytes(render_bytes(data, large_print=large_print))
        pages = [] if args.all_pages else ["-f", "1", "-l", "1", "-singlefile"]
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", *pages, str(pdf), str(args.folder / name)],
            check=True,
        )
        if not args.keep_pdf:
            pdf.unlink()
        print(args.folder / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
