"""Composition root: opens the database, builds services and windows, wires signals."""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication

from spacebank import __version__
from spacebank.services.container import Services
from spacebank.services.context import ServiceContext
from spacebank.storage import paths
from spacebank.storage.database import Database
from spacebank.storage.migrate import upgrade
from ui import error_hook
from ui.changes import ChangeBus
from ui.documents.batch_dialog import BatchDocumentsDialog
from ui.first_run import offer_demo_data
from ui.main_window import MainWindow
from ui.pages import build_pages
from ui.service_call import Messages
from ui.settings.settings_dialog import SettingsDialog


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names set first (QStandardPaths and settings need them)."""
    QCoreApplication.setOrganizationName(paths.APP_AUTHOR)
    QCoreApplication.setApplicationName(paths.APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setStyle("Fusion")
    return app  # type: ignore[return-value]


def build_main_window(services: Services, bus: ChangeBus) -> MainWindow:
    window: MainWindow
    settings_action = QAction("&Settings…", None)
    settings_action.setShortcut(QKeySequence("Ctrl+,"))
    settings_action.setStatusTip("Organisation details, booking policy and database")
    settings_action.triggered.connect(lambda: SettingsDialog.open(window, services, bus))
    documents_action = QAction("&Make documents…", None)
    documents_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
    documents_action.setStatusTip("Confirmations or invoices for a date range, or this "
                                  "week's key-holder sheets for every venue, as PDF files")
    documents_action.triggered.connect(
        lambda: BatchDocumentsDialog(services, window).exec())
    folder_action = QAction("Open &data folder", None)
    folder_action.setStatusTip("Show the folder with the database, backups and documents")
    folder_action.triggered.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir()))))
    about_action = QAction("&About Spacebank", None)
    about_action.triggered.connect(lambda: Messages.info(
        window, "About Spacebank",
        f"Spacebank {__version__}\nBookings, invoices and reports for community halls.\n\n"
        f"Database: {services.ctx.db.display_name}"))
    window = MainWindow(build_pages(services, bus), database_name=services.ctx.db.display_name,
                        file_actions=[documents_action, settings_action, folder_action],
                        help_actions=[about_action])
    for action in (documents_action, settings_action, folder_action, about_action):
        action.setParent(window)
    return window


@dataclass
class Started:
    """What `start` opened, for `run` to hand to the event loop (and benchmarks to time)."""

    app: QApplication
    db: Database
    window: MainWindow


def start(database_url: str) -> Started:
    """Open the database (migrating it), build the services and show the main window."""
    app = create_application()
    error_hook.install(paths.data_dir() / "logs")
    db = Database(database_url)
    upgrade(db, backup_dir=paths.backups_dir())
    services = Services.build(ServiceContext(db, actor=getpass.getuser()))
    services.bookings.expire_lapsed_holds()
    services.bookings.complete_finished()
    bus = ChangeBus()
    window = build_main_window(services, bus)
    window.show()
    window.show_page(0)
    if not services.venues.list_venues(include_inactive=True):
        QTimer.singleShot(0, lambda: offer_demo_data(window, services, bus))
    return Started(app, db, window)


def run(database_url: str) -> int:
    """Start the desktop app on a database URL; returns the exit code."""
    started = start(database_url)
    code = started.app.exec()
    started.db.dispose()
    return code
