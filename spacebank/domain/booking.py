"""Bookings, their priced charges and extras, and the recurring series they belong to."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from spacebank.domain.base import Base, UTCDateTime
from spacebank.domain.enums import (
    BookingStatus,
    ChargeKind,
    DiscountKind,
    Frequency,
    RateType,
    str_enum,
)


class Series(Base):
    """A regular hire ("every Tuesday 18:00–20:00"); each date is its own Booking."""

    __tablename__ = "series"
    __table_args__ = (
        CheckConstraint("start_min < end_min", name="series_time_order"),
        CheckConstraint("occurrence_count BETWEEN 1 AND 520", name="series_count_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    hirer_id: Mapped[int] = mapped_column(ForeignKey("hirers.id"), index=True)
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, "frequency"))
    first_date: Mapped[date] = mapped_column(Date)
    #: Wall-clock times in minutes after midnight: kept across BST changes.
    start_min: Mapped[int] = mapped_column(Integer)
    end_min: Mapped[int] = mapped_column(Integer)
    occurrence_count: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class Booking(Base):
    """A hall held for a hirer over the half-open interval [starts_at, ends_at).

    `blocked_start`/`blocked_end` add the hall's set-up and clean-up buffers as they
    were when booked; the database refuses two blocking bookings of one hall whose
    blocked intervals overlap.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="time_order"),
        CheckConstraint(
            "blocked_start <= starts_at AND blocked_end >= ends_at", name="blocked_covers"
        ),
        CheckConstraint("attendees BETWEEN 1 AND 2000", name="attendees_range"),
        CheckConstraint("setup_minutes >= 0 AND cleanup_minutes >= 0", name="buffers_positive"),
        CheckConstraint(
            "total_pence BETWEEN 0 AND 10000000 AND deposit_pence BETWEEN 0 AND 10000000",
            name="money_range",
        ),
        Index("ix_bookings_hall_blocked", "hall_id", "blocked_start"),
        Index("ix_bookings_starts_at", "starts_at"),
        # Only holds expire; a partial index keeps the planner off it for other queries
        # (a (status, hold) index lured SQLite into scanning every blocking booking).
        Index(
            "ix_bookings_provisional_hold",
            "hold_expires_at",
            sqlite_where=text("status = 'provisional'"),
            postgresql_where=text("status = 'provisional'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    hirer_id: Mapped[int] = mapped_column(ForeignKey("hirers.id"), index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    setup_minutes: Mapped[int] = mapped_column(Integer, default=0)
    cleanup_minutes: Mapped[int] = mapped_column(Integer, default=0)
    blocked_start: Mapped[datetime] = mapped_column(UTCDateTime)
    blocked_end: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[BookingStatus] = mapped_column(str_enum(BookingStatus, "booking_status"))
    purpose: Mapped[str] = mapped_column(String(200))
    attendees: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    rate_type: Mapped[RateType] = mapped_column(str_enum(RateType, "rate_type"))
    discount_kind: Mapped[DiscountKind | None] = mapped_column(
        str_enum(DiscountKind, "discount_kind")
    )
    #: Percent in basis points for PERCENT, pence for AMOUNT, unused for WAIVER.
    discount_value: Mapped[int] = mapped_column(Integer, default=0)
    discount_reason: Mapped[str] = mapped_column(String(400), default="")
    discount_approved_by: Mapped[str] = mapped_column(String(100), default="")
    total_pence: Mapped[int] = mapped_column(Integer, default=0)
    deposit_pence: Mapped[int] = mapped_column(Integer, default=0)
    hold_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    short_notice_approved_by: Mapped[str] = mapped_column(String(100), default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str] = mapped_column(String(100), default="")
    cancel_reason: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(100))
    #: Bumped on every update, so two desks editing one booking cannot both win.
    version: Mapped[int] = mapped_column(Integer, default=1)

    charges: Mapped[list[BookingCharge]] = relationship(
        cascade="all, delete-orphan", order_by="BookingCharge.position"
    )
    extras: Mapped[list[BookingExtra]] = relationship(cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def reference(self) -> str:
        return booking_reference(self.id)


def booking_reference(booking_id: int) -> str:
    """The reference a clerk reads out on the phone ("BK-004217")."""
    return f"BK-{booking_id:06d}"


def parse_booking_reference(text: str) -> int | None:
    digits = text.strip().upper().removeprefix("BK-").removeprefix("BK")
    return int(digits) if digits.isdigit() else None


class BookingExtra(Base):
    __tablename__ = "booking_extras"
    __table_args__ = (CheckConstraint("quantity BETWEEN 1 AND 1000", name="quantity_range"),)

    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True
    )
    extra_id: Mapped[int] = mapped_column(ForeignKey("extras.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer, default=1)


class BookingCharge(Base):
    """One priced line of a booking, frozen when the booking is saved.

    Invoices copy these lines, so a later rate change never reprices a booking.
    """

    __tablename__ = "booking_charges"

    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[ChargeKind] = mapped_column(str_enum(ChargeKind, "charge_kind"))
    description: Mapped[str] = mapped_column(String(400))
    quantity: Mapped[str] = mapped_column(String(40), default="")
    unit_pence: Mapped[int] = mapped_column(Integer, default=0)
    amount_pence: Mapped[int] = mapped_column(Integer)
    vat_rate_bp: Mapped[int] = mapped_column(Integer, default=0)
