"""Hirers (people and organisations) and the words they can be found by."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from spacebank.domain.base import Base, UTCDateTime
from spacebank.domain.enums import HirerType, str_enum


class Hirer(Base):
    __tablename__ = "hirers"

    id: Mapped[int] = mapped_column(primary_key=True)
    hirer_type: Mapped[HirerType] = mapped_column(str_enum(HirerType, "hirer_type"))
    #: The person's name for individuals; the contact person for organisations.
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone_alt: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    sort_key: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Bumped on every update, so two desks editing one hirer cannot both win.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def display_name(self) -> str:
        return self.organisation or self.name


class HirerSearchTerm(Base):
    """One searchable word of a hirer (folded name word, phone digits, postcode).

    Type-ahead is a prefix range scan on `term`, which is indexed on every engine.
    """

    __tablename__ = "hirer_search_terms"
    __table_args__ = (Index("ix_hirer_search_terms_term_hirer", "term", "hirer_id"),)

    hirer_id: Mapped[int] = mapped_column(
        ForeignKey("hirers.id", ondelete="CASCADE"), primary_key=True
    )
    #: Byte-order collation on PostgreSQL: a prefix range is only right under "C".
    term: Mapped[str] = mapped_column(
        String(200).with_variant(String(200, collation="C"), "postgresql"), primary_key=True
    )
