"""What callers send to and get back from the hirer service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spacebank.domain.enums import HirerType


@dataclass(frozen=True)
class HirerInput:
    """A hirer's details as the clerk types them (checked and tidied by the service).

    `name` is the person's name for individuals and the contact person for
    organisations; it is required either way.
    """

    hirer_type: HirerType
    name: str
    organisation: str = ""
    phone: str = ""
    phone_alt: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    notes: str = ""


@dataclass(frozen=True)
class HirerSummary:
    """One row of a hirer list or a type-ahead result."""

    id: int
    hirer_type: HirerType
    #: The organisation if there is one, else the person's name.
    display_name: str
    name: str
    organisation: str
    phone: str
    postcode: str
    email: str


@dataclass(frozen=True)
class HirerDetails:
    """Everything held about a hirer, as shown on the hirer form."""

    id: int
    hirer_type: HirerType
    display_name: str
    name: str
    organisation: str
    phone: str
    phone_alt: str
    email: str
    address: str
    #: Canonical UK form ("SE15 4QL"), or "" if none was given.
    postcode: str
    notes: str
    #: Aware UTC datetimes.
    created_at: datetime
    updated_at: datetime
    #: Set once the record has been anonymised (data protection); it is then read-only.
    anonymised_at: datetime | None
