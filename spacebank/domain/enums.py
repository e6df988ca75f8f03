"""Closed vocabularies of the domain, stored as their string values."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Enum


class RateType(StrEnum):
    COMMUNITY = "community"
    PRIVATE = "private"
    COMMERCIAL = "commercial"


class TimeBand(StrEnum):
    """When in the week an hour falls; rates may differ per band."""

    WEEKDAY_DAYTIME = "weekday_daytime"
    EVENING_WEEKEND = "evening_weekend"


class HirerType(StrEnum):
    RESIDENT = "resident"
    CHARITY = "charity"
    RESIDENT_ASSOCIATION = "resident_association"
    PRIVATE = "private"
    BUSINESS = "business"
    COUNCIL = "council"

    @property
    def default_rate_type(self) -> RateType:
        """The rate a clerk quotes unless the purpose says otherwise."""
        if self in (HirerType.CHARITY, HirerType.RESIDENT_ASSOCIATION, HirerType.COUNCIL):
            return RateType.COMMUNITY
        if self is HirerType.BUSINESS:
            return RateType.COMMERCIAL
        return RateType.PRIVATE


class BookingStatus(StrEnum):
    PROVISIONAL = "provisional"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"

    @property
    def blocks_hall(self) -> bool:
        return self in BLOCKING_STATUSES


BLOCKING_STATUSES = frozenset(
    {BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED, BookingStatus.COMPLETED}
)


class Facility(StrEnum):
    KITCHEN = "kitchen"
    STEP_FREE = "step_free"
    ACCESSIBLE_TOILET = "accessible_toilet"
    HEARING_LOOP = "hearing_loop"
    PARKING = "parking"
    STAGE = "stage"
    GARDEN = "garden"
    PROJECTOR = "projector"
    PA_SYSTEM = "pa_system"
    WIFI = "wifi"
    BABY_CHANGING = "baby_changing"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Frequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_BY_WEEKDAY = "monthly_by_weekday"


class ChargeKind(StrEnum):
    HIRE = "hire"
    EXTRA = "extra"
    DISCOUNT = "discount"


class DiscountKind(StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"
    WAIVER = "waiver"


class PaymentMethod(StrEnum):
    CARD_BY_PHONE = "card_by_phone"
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    CHEQUE = "cheque"
    INTERNAL_RECHARGE = "internal_recharge"


class DepositStatus(StrEnum):
    DUE = "due"
    HELD = "held"
    REFUNDED = "refunded"
    RETAINED = "retained"


def str_enum(enum: type[StrEnum], name: str) -> Any:
    """A column type storing the enum's values with a named CHECK constraint."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
