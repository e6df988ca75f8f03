"""The charge lines of a quote (hire per band, extras, discounts), read-only."""

from __future__ import annotations

from typing import Any

from spacebank.domain.enums import ChargeKind
from spacebank.domain.money import format_pence
from spacebank.domain.pricing import ChargeLine, format_percent
from ui.row_table_model import RowTableModel

DESCRIPTION, QUANTITY, AMOUNT = range(3)
HEADERS = ("Charge", "Quantity", "Amount")


class ChargeLinesModel(RowTableModel[ChargeLine]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent, right_aligned=(QUANTITY, AMOUNT))

    def cell(self, line: ChargeLine, column: int) -> Any:
        if column == DESCRIPTION:
            return line.description
        if column == QUANTITY:
            return line.quantity
        return format_pence(line.amount_pence)

    def tooltip(self, line: ChargeLine, column: int) -> str:
        tip = f"{line.description}: {format_pence(line.amount_pence)}"
        if line.unit_pence and line.kind is not ChargeKind.DISCOUNT:
            tip += f" ({line.quantity} at {format_pence(line.unit_pence)})"
        if line.vat_rate_bp:
            tip += f", plus VAT at {format_percent(line.vat_rate_bp)}"
        return tip
