"""Prices a booking: hire hours per time band, extras, a discount, VAT, deposit.

Pure functions over plain values, so the quote a clerk reads out and the charges
saved on the booking are computed by the same code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time

from spacebank.domain.clock import LONDON, to_local
from spacebank.domain.enums import ChargeKind, DiscountKind, RateType, TimeBand
from spacebank.domain.errors import ApprovalRequiredError, MoneyError, ValidationError
from spacebank.domain.money import (
    BASIS_POINTS,
    format_pence,
    hourly_charge,
    ratio_pence,
    split_in_proportion,
    vat_pence,
)
from spacebank.domain.policy import Policy
from spacebank.domain.text import clean_text

BAND_LABELS = {
    TimeBand.WEEKDAY_DAYTIME: "weekday daytime",
    TimeBand.EVENING_WEEKEND: "evening/weekend",
}


@dataclass(frozen=True)
class ChargeLine:
    kind: ChargeKind
    description: str
    quantity: str
    unit_pence: int
    amount_pence: int
    vat_rate_bp: int

    @property
    def vat_pence(self) -> int:
        return vat_pence(self.amount_pence, self.vat_rate_bp)


@dataclass(frozen=True)
class Discount:
    """A discount or waiver, which the written policy says must carry a reason and approver."""

    kind: DiscountKind
    #: Basis points for PERCENT (2500 = 25%), pence for AMOUNT, ignored for WAIVER.
    value: int
    reason: str
    approved_by: str

    def validated(self) -> Discount:
        reason = clean_text(
            self.reason, field="discount_reason", label="Discount reason", max_length=400
        )
        approver = self.approved_by.strip()
        if not approver:
            raise ApprovalRequiredError(
                "A discount or waiver needs the name of the manager who approved it.",
                field="discount_approved_by",
            )
        if self.kind is DiscountKind.PERCENT and not 0 < self.value <= BASIS_POINTS:
            raise MoneyError(
                "A percentage discount must be between 0% and 100%.", field="discount_value"
            )
        if self.kind is DiscountKind.AMOUNT and self.value <= 0:
            raise MoneyError("A discount amount must be more than £0.00.", field="discount_value")
        return Discount(self.kind, self.value, reason, approver)


@dataclass(frozen=True)
class PricedExtra:
    name: str
    price_pence: int
    quantity: int = 1


@dataclass(frozen=True)
class Quote:
    lines: tuple[ChargeLine, ...]
    deposit_pence: int

    @property
    def net_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines)

    @property
    def vat_pence(self) -> int:
        return sum(line.vat_pence for line in self.lines)

    @property
    def total_pence(self) -> int:
        """What the hirer pays for the hire (VAT included), deposit excluded."""
        return self.net_pence + self.vat_pence

    @property
    def discount_pence(self) -> int:
        return -sum(line.amount_pence for line in self.lines if line.kind is ChargeKind.DISCOUNT)


def band_minutes(
    start: datetime, end: datetime, *, bank_holiday: bool, evening_starts_min: int
) -> dict[TimeBand, int]:
    """Elapsed minutes of [start, end) in each band (real minutes, so DST-correct)."""
    local_start = to_local(start)
    total = int((end - start).total_seconds() // 60)
    if local_start.weekday() >= 5 or bank_holiday:
        return {TimeBand.EVENING_WEEKEND: total}
    hours, minutes = divmod(evening_starts_min, 60)
    evening = datetime.combine(local_start.date(), time(hours, minutes), tzinfo=LONDON)
    daytime = max(0, min(total, int((evening - start).total_seconds() // 60)))
    split = {TimeBand.WEEKDAY_DAYTIME: daytime, TimeBand.EVENING_WEEKEND: total - daytime}
    return {band: mins for band, mins in split.items() if mins > 0}


def price_booking(
    *,
    start: datetime,
    end: datetime,
    rate_type: RateType,
    rates: Mapping[TimeBand, int],
    bank_holiday: bool,
    extras: Sequence[PricedExtra],
    discount: Discount | None,
    hall_deposit_pence: int,
    policy: Policy,
    hall_name: str = "the hall",
) -> Quote:
    """The full quote for one booking. Raises if a rate needed is missing."""
    lines: list[ChargeLine] = []
    for band, minutes in band_minutes(
        start, end, bank_holiday=bank_holiday, evening_starts_min=policy.evening_starts_min
    ).items():
        if band not in rates:
            raise ValidationError(
                f"No {rate_type.value} rate is set for {hall_name} in the "
                f"{BAND_LABELS[band]} band; a manager can add it under Halls.",
                field="rate_type",
            )
        per_hour = rates[band]
        lines.append(
            ChargeLine(
                kind=ChargeKind.HIRE,
                description=f"Hall hire, {BAND_LABELS[band]} ({rate_type.value} rate)",
                quantity=format_duration(minutes),
                unit_pence=per_hour,
                amount_pence=hourly_charge(per_hour, minutes),
                vat_rate_bp=policy.vat_hire_bp,
            )
        )
    for extra in extras:
        lines.append(
            ChargeLine(
                kind=ChargeKind.EXTRA,
                description=extra.name,
                quantity=str(extra.quantity),
                unit_pence=extra.price_pence,
                amount_pence=extra.price_pence * extra.quantity,
                vat_rate_bp=policy.vat_extra_bp,
            )
        )
    if discount is not None:
        lines.extend(_discount_lines(lines, discount.validated()))
    deposit = hall_deposit_pence if rate_type in policy.deposit_rate_types else 0
    return Quote(lines=tuple(lines), deposit_pence=deposit)


def _discount_lines(charges: list[ChargeLine], discount: Discount) -> list[ChargeLine]:
    """Negative lines, one per VAT rate, sharing the discount in proportion."""
    subtotal = sum(c.amount_pence for c in charges)
    if discount.kind is DiscountKind.WAIVER:
        amount, label = subtotal, "Waiver"
    elif discount.kind is DiscountKind.PERCENT:
        amount = ratio_pence(subtotal * discount.value, BASIS_POINTS)
        label = f"Discount {format_percent(discount.value)}"
    else:
        if discount.value > subtotal:
            raise MoneyError(
                f"The discount of {format_pence(discount.value)} is more than the "
                f"charge of {format_pence(subtotal)}.",
                field="discount_value",
            )
        amount, label = discount.value, "Discount"
    if amount == 0:
        return []
    # VAT is rounded per line, so a discount on VAT-able charges mirrors each line:
    # the VAT given back can then never exceed the VAT charged. Exempt lines (the
    # usual hall hire) share one discount line.
    weights: dict[int, int] = {}
    for index, charge in enumerate(charges):
        key = -1 if charge.vat_rate_bp == 0 else index
        weights[key] = weights.get(key, 0) + charge.amount_pence
    lines = []
    for key, share in split_in_proportion(amount, weights).items():
        if not share:
            continue
        on = "" if key == -1 or len(weights) == 1 else f" on {charges[key].description}"
        lines.append(
            ChargeLine(
                kind=ChargeKind.DISCOUNT,
                description=f"{label}{on}: {discount.reason} (approved by {discount.approved_by})",
                quantity="",
                unit_pence=0,
                amount_pence=-share,
                vat_rate_bp=0 if key == -1 else charges[key].vat_rate_bp,
            )
        )
    return lines


def format_duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return f"{hours} h {mins} min"
    return f"{hours} h" if hours else f"{mins} min"


def format_percent(basis_points: int) -> str:
    """2500 -> '25%', 1250 -> '12.5%' (exact: no floats)."""
    whole, frac = divmod(basis_points, 100)
    return f"{whole}%" if frac == 0 else f"{whole}.{frac:02d}".rstrip("0") + "%"
