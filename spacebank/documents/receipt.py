"""The receipt for a payment (or the advice of a refund) against an invoice."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, Spacer

from spacebank.documents.data import ReceiptData
from spacebank.documents.formatting import format_pence, long_date, para, short_date
from spacebank.documents.parts import facts_table, totals_table
from spacebank.documents.styles import document_styles
from spacebank.documents.templates import PageSetup, build_pdf


def render_receipt(data: ReceiptData, out: BinaryIO, *, large_print: bool = False) -> None:
    styles = document_styles(large_print)
    title = "Refund" if data.is_refund else "Receipt"
    setup = PageSetup(
        letterhead=data.letterhead,
        title=title,
        subject=f"{title} {data.number}",
        recipient=data.bill_to.lines,
        details=(
            (f"{title} number", data.number),
            ("Date", short_date(data.received_on)),
            ("Invoice", data.invoice_number),
        ),
        styles=styles,
    )
    amount = format_pence(abs(data.amount_pence))
    if data.is_refund:
        opening = f"We have refunded {amount} to you against invoice {data.invoice_number}."
    else:
        opening = (
            f"Thank you. We received {amount} from you on {long_date(data.received_on)} "
            f"against invoice {data.invoice_number}."
        )
    facts = [("Method", data.method)]
    if data.reference:
        facts.append(("Reference", data.reference))
    if data.cost_centre:
        facts.append(("Cost centre", data.cost_centre))
    story: list[Flowable] = [
        para(opening, styles.body),
        facts_table(facts, styles),
        Spacer(1, 10),
        totals_table(
            [
                ("Invoice total", data.invoice_gross_pence, False),
                ("Refunded" if data.is_refund else "This payment", abs(data.amount_pence), True),
                ("Balance on the invoice", data.balance_after_pence, True),
            ],
            styles,
        ),
        Spacer(1, 10),
        para("Please keep this for your records.", styles.small),
    ]
    build_pdf(setup, story, out)
