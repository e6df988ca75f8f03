"""The written booking policy as numbers a manager can change in Settings."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Self

from spacebank.domain.enums import RateType


@dataclass(frozen=True)
class Policy:
    #: A provisional hold lapses after this many days (or at the notice deadline).
    hold_days: int = 7
    #: Bookings closer than this to the event need a manager's approval or prepayment.
    notice_days: int = 14
    #: How far ahead a booking may be taken.
    max_advance_days: int = 730
    invoice_due_days: int = 14
    #: Weekday hours from this wall-clock minute are charged at the evening/weekend band.
    evening_starts_min: int = 17 * 60
    #: VAT in basis points per charge kind; hall hire is usually exempt.
    vat_hire_bp: int = 0
    vat_extra_bp: int = 0
    #: Rate types that pay the hall's damage deposit.
    deposit_rate_types: tuple[RateType, ...] = (RateType.PRIVATE, RateType.COMMERCIAL)

    def to_settings(self) -> dict[str, str]:
        return {
            f"policy.{f.name}": (
                ",".join(getattr(self, f.name))
                if f.name == "deposit_rate_types"
                else str(getattr(self, f.name))
            )
            for f in fields(self)
        }

    @classmethod
    def from_settings(cls, values: dict[str, str]) -> Self:
        policy = cls()
        changes: dict[str, object] = {}
        for f in fields(cls):
            raw = values.get(f"policy.{f.name}")
            if raw is None:
                continue
            if f.name == "deposit_rate_types":
                changes[f.name] = tuple(RateType(v) for v in raw.split(",") if v)
            else:
                changes[f.name] = int(raw)
        return replace(policy, **changes)  # type: ignore[arg-type]
