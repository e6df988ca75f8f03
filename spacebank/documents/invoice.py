"""The invoice: lines, discounts with their reasons, VAT per rate, totals, how to pay."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether, Spacer

from spacebank.documents.data import InvoiceData
from spacebank.documents.formatting import para, short_date
from spacebank.documents.parts import (
    how_to_pay,
    lines_table,
    totals_table,
    vat_table,
    vat_total_rows,
)
from spacebank.documents.styles import document_styles
from spacebank.documents.templates import PageSetup, build_pdf


def render_invoice(data: InvoiceData, out: BinaryIO, *, large_print: bool = False) -> None:
    styles = document_styles(large_print)
    title = "Draft invoice" if data.is_draft else "Invoice"
    setup = PageSetup(
        letterhead=data.letterhead,
        title=title,
        subject=f"{title} {data.number}",
        recipient=data.bill_to.lines,
        details=(
            ("Invoice number", data.number),
            ("Invoice date", short_date(data.issued_on)),
            ("Due date", short_date(data.due_on)),
            ("Payment reference", data.payment_reference),
        ),
        styles=styles,
    )
    totals = [
        ("Net total", data.net_pence, False),
        *vat_total_rows(data.vat_breakdown),
        ("Invoice total", data.gross_pence, True),
    ]
    totals += [
        (f"Less credit note {c.number} ({short_date(c.issued_on)})", -c.gross_pence, False)
        for c in data.credits
    ]
    if data.paid_pence:
        totals.append(("Less paid", -data.paid_pence, False))
    totals.append(
        ("Balance due" if data.balance_pence >= 0 else "In credit", data.balance_pence, True)
    )
    story: list[Flowable] = []
    if data.is_draft:
        story.append(
            para(
                "Draft for checking: this invoice has not been issued. It gets its number "
                "when it is issued; please do not pay against this draft.",
                styles.heading,
            )
        )
    story += [
        lines_table(data.lines, styles),
        Spacer(1, 6),
        KeepTogether(totals_table(totals, styles)),
        vat_table(data.vat_breakdown, styles),
    ]
    if data.balance_pence > 0:
        story.append(
            how_to_pay(
                data.letterhead,
                data.payment_reference,
                styles,
                intro=f"Please pay the balance by {short_date(data.due_on)}.",
            )
        )
    else:
        story.append(para("Thank you: nothing is owed on this invoice.", styles.body))
    build_pdf(setup, story, out)
