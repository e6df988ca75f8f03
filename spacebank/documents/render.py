"""One entry point for every document: pick the renderer and the file name by DTO type."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, BinaryIO

from spacebank.documents.data import (
    ConfirmationData,
    CreditNoteData,
    InvoiceData,
    KeysheetData,
    ReceiptData,
)
from spacebank.documents.names import output_name
from spacebank.lazy import imported_on_call

Document = ConfirmationData | InvoiceData | CreditNoteData | ReceiptData | KeysheetData

#: ReportLab loads with the first document, not with the screens that offer one.
_RENDERERS: dict[type, Callable[..., None]] = {
    ConfirmationData: imported_on_call("spacebank.documents.confirmation:render_confirmation"),
    InvoiceData: imported_on_call("spacebank.documents.invoice:render_invoice"),
    CreditNoteData: imported_on_call("spacebank.documents.credit_note:render_credit_note"),
    ReceiptData: imported_on_call("spacebank.documents.receipt:render_receipt"),
    KeysheetData: imported_on_call("spacebank.documents.keysheet:render_keysheet"),
}


def render_document(data: Document, out: BinaryIO, *, large_print: bool = False) -> None:
    renderer: Callable[..., Any] = _RENDERERS[type(data)]
    renderer(data, out, large_print=large_print)


def render_bytes(data: Document, *, large_print: bool = False) -> bytes:
    out = io.BytesIO()
    render_document(data, out, large_print=large_print)
    return out.getvalue()


def file_name(data: Document, *, large_print: bool = False) -> str:
    """'SB-2026-000123 Invoice - Łucja Żółć.pdf' and the like."""
    match data:
        case InvoiceData():
            kind = "Draft invoice" if data.is_draft else "Invoice"
            name = output_name(data.number, kind, data.bill_to.name)
        case CreditNoteData():
            name = output_name(data.number, "Credit note", data.bill_to.name)
        case ReceiptData():
            kind = "Refund" if data.is_refund else "Receipt"
            name = output_name(data.number, kind, data.bill_to.name)
        case ConfirmationData():
            name = output_name(data.reference, "Booking confirmation", data.recipient.name)
        case KeysheetData():
            name = output_name(data.first_day.isoformat(), "Key-holder sheet", data.venue_name)
    if large_print:
        name = name.removesuffix(".pdf") + " (large print).pdf"
    return name
