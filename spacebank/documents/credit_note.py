"""The credit note: which invoice it corrects, why, and the amounts credited per VAT rate."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether, Spacer

from spacebank.documents.data import CreditNoteData
from spacebank.documents.formatting import para, short_date
from spacebank.documents.parts import (
    facts_table,
    lines_table,
    totals_table,
    vat_table,
    vat_total_rows,
)
from spacebank.documents.styles import document_styles
from spacebank.documents.templates import PageSetup, build_pdf


def render_credit_note(data: CreditNoteData, out: BinaryIO, *, large_print: bool = False) -> None:
    styles = document_styles(large_print)
    setup = PageSetup(
        letterhead=data.letterhead,
        title="Credit note",
        subject=f"Credit note {data.number}",
        recipient=data.bill_to.lines,
        details=(
            ("Credit note number", data.number),
            ("Date", short_date(data.issued_on)),
            ("Against invoice", data.invoice_number),
            ("Invoice date", short_date(data.invoice_issued_on)),
        ),
        styles=styles,
    )
    totals = [
        ("Net credit", data.net_pence, False),
        *vat_total_rows(data.vat_breakdown),
        ("Total credited", data.gross_pence, True),
    ]
    story: list[Flowable] = [
        para(
            f"This credit note reduces invoice {data.invoice_number} of "
            f"{short_date(data.invoice_issued_on)} by the amount below.",
            styles.body,
        ),
        facts_table([("Reason", data.reason)], styles),
        Spacer(1, 8),
        lines_table(data.lines, styles),
        Spacer(1, 6),
        KeepTogether(totals_table(totals, styles)),
        vat_table(data.vat_breakdown, styles),
        para(
            "If you have already paid the invoice, we will refund this amount or hold it "
            "as a credit against your next booking, as you prefer.",
            styles.body,
        ),
    ]
    build_pdf(setup, story, out)
