"""Money as integer pence: parsing, rounding and display. Never floats."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeVar

from spacebank.domain.errors import MoneyError

K = TypeVar("K")

#: No single amount in a halls booking comes near this; larger input is a typo.
MAX_AMOUNT_PENCE = 10_000_000  # £100,000
MAX_RATE_PENCE_PER_HOUR = 100_000  # £1,000 an hour
BASIS_POINTS = 10_000  # 100%


def check_amount(
    pence: int, *, field: str, label: str, allow_zero: bool = True, allow_negative: bool = False
) -> int:
    """Validate an amount of money in pence, raising a clerk-readable MoneyError."""
    if isinstance(pence, bool) or not isinstance(pence, int):
        raise MoneyError(f"{label} must be a whole number of pence.", field=field)
    if pence < 0 and not allow_negative:
        raise MoneyError(f"{label} cannot be negative ({format_pence(pence)}).", field=field)
    if pence == 0 and not allow_zero:
        raise MoneyError(f"{label} cannot be zero.", field=field)
    if abs(pence) > MAX_AMOUNT_PENCE:
        raise MoneyError(
            f"{label} of {format_pence(pence)} is more than the "
            f"{format_pence(MAX_AMOUNT_PENCE)} limit; check the figure.",
            field=field,
        )
    return pence


def parse_pounds(text: str, *, field: str = "amount", label: str = "Amount") -> int:
    """'£1,234.5' -> 123450 pence; refuses more than two decimal places."""
    cleaned = text.strip().replace("£", "").replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MoneyError(f"{label} “{text}” is not an amount of money.", field=field) from None
    if not value.is_finite():
        raise MoneyError(f"{label} “{text}” is not an amount of money.", field=field)
    if value.adjusted() > 12:  # far past any limit: refuse before `* 100` can overflow
        raise MoneyError(
            f"{label} “{text}” is more than the {format_pence(MAX_AMOUNT_PENCE)} limit; "
            "check the figure.",
            field=field,
        )
    pence = value * 100
    if pence != pence.to_integral_value() or (value and value.adjusted() < -2):
        raise MoneyError(f"{label} “{text}” has more than two decimal places.", field=field)
    return check_amount(int(pence), field=field, label=label, allow_negative=True)


def format_pence(pence: int) -> str:
    """123450 -> '£1,234.50'; -500 -> '-£5.00'."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def ratio_pence(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half away from zero, in exact arithmetic."""
    value = Decimal(numerator) / Decimal(denominator)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def vat_pence(net_pence: int, rate_bp: int) -> int:
    """VAT on a net amount at a rate in basis points (2000 = 20%), rounded half up."""
    return ratio_pence(net_pence * rate_bp, BASIS_POINTS)


def hourly_charge(pence_per_hour: int, minutes: int) -> int:
    """Hire charge for `minutes` at an hourly rate, rounded to the nearest penny."""
    return ratio_pence(pence_per_hour * minutes, 60)


def split_in_proportion(amount: int, weights: Mapping[K, int]) -> dict[K, int]:
    """Split `amount` (>= 0) in proportion to non-negative `weights`, summing exactly.

    Largest remainders get the odd pennies (ties by key order), so no part exceeds its
    weight when `amount` does not exceed the total weight.
    """
    if amount < 0 or any(w < 0 for w in weights.values()):
        raise ValueError("amount and weights must not be negative")
    total = sum(weights.values())
    if total == 0:
        if amount:
            raise ValueError("cannot split an amount over zero weights")
        return dict.fromkeys(weights, 0)
    shares = {k: amount * w // total for k, w in weights.items()}
    left = amount - sum(shares.values())
    by_remainder = sorted(weights, key=lambda k: -((amount * weights[k]) % total))
    for key in by_remainder[:left]:
        shares[key] += 1
    return shares
