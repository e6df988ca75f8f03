"""The Reports page's calendar-data actions: import bookings from CSV, export a calendar."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from spacebank.services.container import Services
from ui.actions import make_action
from ui.changes import ChangeBus
from ui.imports.ics_export_dialog import IcsExportDialog
from ui.imports.import_dialog import ImportDialog


def calendar_data_actions(page: QWidget, services: Services, bus: ChangeBus) -> list[QAction]:
    """Import (Ctrl+Shift+I) and Export calendar (Ctrl+Shift+C), for the page's menu."""
    import_action = make_action(
        page, "&Import bookings from CSV…", ("Ctrl+Shift+I",),
        "Import bookings from a spreadsheet saved as CSV: dry run first, then all or nothing",
    )
    import_action.triggered.connect(lambda: ImportDialog.ask(services, bus, page))
    export_action = make_action(
        page, "Export &calendar (.ics)…", ("Ctrl+Shift+C",),
        "Save a hall's or venue's bookings as an iCalendar file for Outlook or another diary",
    )
    export_action.triggered.connect(lambda: IcsExportDialog.ask(services, page))
    return [import_action, export_action]
