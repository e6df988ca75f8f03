"""The feature screens, in the order of the Go menu (Ctrl+1 … Ctrl+6)."""

from __future__ import annotations

from spacebank.services.container import Services
from ui.bookings.bookings_page import BookingsPage
from ui.calendar.calendar_page import CalendarPage
from ui.changes import ChangeBus
from ui.console.console_page import ConsolePage
from ui.halls.halls_page import HallsPage
from ui.hirers.hirers_page import HirersPage
from ui.page import Page
from ui.reports.reports_page import ReportsPage


def build_pages(services: Services, bus: ChangeBus) -> list[Page]:
    return [
        ConsolePage(services, bus),
        CalendarPage(services, bus),
        BookingsPage(services, bus),
        HirersPage(services, bus),
        HallsPage(services, bus),
        ReportsPage(services, bus),
    ]
