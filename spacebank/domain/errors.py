"""Typed errors raised by the core, each carrying a message fit to show a clerk."""

from __future__ import annotations


class SpacebankError(Exception):
    """Base of every error the core raises on purpose."""

    #: Short category for lists of problems ("booking", "closed", "capacity", "time").
    kind = "rule"

    def __init__(self, user_message: str, *, field: str | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        #: The input the message is about (e.g. "start", "attendees"), so a form can
        #: show it next to that field.
        self.field = field


class DomainError(SpacebankError):
    """A business rule refused the request; nothing was changed."""


class ValidationError(DomainError):
    """An input value is malformed or out of range."""


class NotFoundError(DomainError):
    """The thing asked for does not exist (or no longer does)."""


class TimeError(ValidationError):
    """A time that cannot be used: reversed, in a DST gap, ambiguous, past, too far."""

    kind = "time"


class UnavailableError(DomainError):
    """The hall is not open or not free at that time."""


class BookingClashError(UnavailableError):
    """Another booking (or its set-up/clean-up time) already holds the hall."""

    kind = "booking"

    def __init__(
        self, user_message: str, *, field: str | None = None, booking_id: int | None = None
    ) -> None:
        super().__init__(user_message, field=field)
        #: The booking in the way, when there is one, so the clerk can open it.
        self.booking_id = booking_id


class ClosedError(UnavailableError):
    """The hall is closed then: outside opening hours, a closure, or a bank holiday."""

    kind = "closed"


class CapacityError(ValidationError):
    """Expected attendees do not fit the hall."""

    kind = "capacity"


class StatusError(DomainError):
    """The booking or invoice is in a state that does not allow this action."""


class ApprovalRequiredError(DomainError):
    """The action needs a manager's approval (short notice, discount, waiver)."""


class MoneyError(ValidationError):
    """A money amount that is negative, absurd, or more than is owed."""


class StorageError(SpacebankError):
    """The database could not do what was asked (busy, unreachable, corrupt)."""


class StorageBusyError(StorageError):
    """Another desk is writing; trying again in a moment usually works."""
