"""Venues (sites), the halls inside them, their hours, rates, extras and closures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from spacebank.domain.base import Base, UTCDateTime
from spacebank.domain.enums import Facility, RateType, TimeBand, str_enum


class FacilitySet(TypeDecorator[frozenset[Facility]]):
    """A set of facilities stored as sorted comma-separated codes."""

    impl = String(400)
    cache_ok = True

    def process_bind_param(self, value: frozenset[Facility] | None, dialect: Dialect) -> Any:
        return ",".join(sorted(f.value for f in value or ()))

    def process_result_value(self, value: str | None, dialect: Dialect) -> frozenset[Facility]:
        return frozenset(Facility(v) for v in (value or "").split(",") if v)


class Venue(Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    access_notes: Mapped[str] = mapped_column(Text, default="")
    on_the_day_phone: Mapped[str] = mapped_column(String(40), default="")
    facilities: Mapped[frozenset[Facility]] = mapped_column(FacilitySet, default=frozenset)
    open_on_bank_holidays: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    halls: Mapped[list[Hall]] = relationship(back_populates="venue", order_by="Hall.name")
    opening_hours: Mapped[list[OpeningHours]] = relationship(
        cascade="all, delete-orphan", order_by="OpeningHours.weekday"
    )
    key_holders: Mapped[list[KeyHolder]] = relationship(
        cascade="all, delete-orphan", order_by="KeyHolder.name"
    )


class OpeningHours(Base):
    """Wall-clock opening of a venue on one weekday (0 = Monday), in minutes after midnight.

    A weekday with no row is closed all day. `closes_min` may be 1440 (midnight).
    """

    __tablename__ = "opening_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint(
            "opens_min >= 0 AND closes_min <= 1440 AND opens_min < closes_min", name="hours_order"
        ),
    )

    venue_id: Mapped[int] = mapped_column(
        ForeignKey("venues.id", ondelete="CASCADE"), primary_key=True
    )
    weekday: Mapped[int] = mapped_column(Integer, primary_key=True)
    opens_min: Mapped[int] = mapped_column(Integer)
    closes_min: Mapped[int] = mapped_column(Integer)


class KeyHolder(Base):
    __tablename__ = "key_holders"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(100), default="")


class Hall(Base):
    """A bookable space. `parent_id` makes it part of a larger hall that divides."""

    __tablename__ = "halls"
    __table_args__ = (
        UniqueConstraint("venue_id", "name", name="uq_halls_venue_name"),
        CheckConstraint("capacity BETWEEN 1 AND 2000", name="capacity_range"),
        CheckConstraint("min_booking_minutes BETWEEN 15 AND 1440", name="min_booking_range"),
        CheckConstraint("setup_minutes BETWEEN 0 AND 240", name="setup_range"),
        CheckConstraint("cleanup_minutes BETWEEN 0 AND 240", name="cleanup_range"),
        CheckConstraint("deposit_pence >= 0", name="deposit_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)
    facilities: Mapped[frozenset[Facility]] = mapped_column(FacilitySet, default=frozenset)
    min_booking_minutes: Mapped[int] = mapped_column(Integer, default=60)
    setup_minutes: Mapped[int] = mapped_column(Integer, default=0)
    cleanup_minutes: Mapped[int] = mapped_column(Integer, default=0)
    deposit_pence: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    venue: Mapped[Venue] = relationship(back_populates="halls")
    rates: Mapped[list[Rate]] = relationship(cascade="all, delete-orphan")


class Rate(Base):
    __tablename__ = "rates"
    __table_args__ = (
        UniqueConstraint("hall_id", "rate_type", "band", name="uq_rates_hall_type_band"),
        CheckConstraint("pence_per_hour BETWEEN 0 AND 100000", name="rate_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id", ondelete="CASCADE"))
    rate_type: Mapped[RateType] = mapped_column(str_enum(RateType, "rate_type"))
    band: Mapped[TimeBand] = mapped_column(str_enum(TimeBand, "time_band"))
    pence_per_hour: Mapped[int] = mapped_column(Integer)


class Extra(Base):
    """Something hired with a hall for a flat price per booking (kitchen, PA, chairs)."""

    __tablename__ = "extras"
    __table_args__ = (CheckConstraint("price_pence BETWEEN 0 AND 10000000", name="price_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    price_pence: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Closure(Base):
    """A period when a hall, or a whole venue (hall_id NULL), cannot be booked."""

    __tablename__ = "closures"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="closure_order"),
        Index("ix_closures_venue_start", "venue_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"))
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(400))
    created_by: Mapped[str] = mapped_column(String(100), default="")
