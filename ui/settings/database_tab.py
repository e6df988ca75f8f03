"""Which database this desk opens: the one in use, another SQLite file or a PostgreSQL URL,
with a connection test that runs in the background (a slow network never freezes Settings).
The choice is kept in the desk's settings file and applies at the next start."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.services.container import Services
from spacebank.storage import app_config, connection_test, paths
from spacebank.storage.connection_test import ConnectionReport
from ui.field_errors import error_label
from ui.form_parts import OK_STYLE, buddy, line_edit, note, value_label, with_problem
from ui.settings.organisation_tab import FileChooser
from ui.tasks import Task

FAILED_STYLE = "color: #b03a2e;"


class DatabaseTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        #: (what was tested, what the test said), once a test has finished.
        self.last_test: tuple[str, ConnectionReport] | None = None
        self.saved_choice = app_config.load_config().database
        self.in_use = value_label("Database in use")
        self.in_use.setText(services.ctx.db.display_name)
        self.choice = line_edit("Database to use from the next start",
                                "Empty: the default database in the data folder")
        self.choice.setText(self.saved_choice)
        self.choose_button = QPushButton("Choose &file…")
        self.choose_button.setAccessibleName("Choose a SQLite database file")
        self.choose_button.setAutoDefault(False)
        self.test_button = QPushButton("&Test connection")
        self.test_button.setAccessibleName("Test the connection")
        self.test_button.setAutoDefault(False)
        self.test_button.setToolTip("Connect to the database typed above and check it is a "
                                    "Spacebank database; nothing is changed")
        self.result = QLabel()
        self.result.setAccessibleName("Connection test result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label("Database choice problem")
        now = QGroupBox("In use now")
        now_layout = QVBoxLayout(now)
        now_layout.addWidget(self.in_use)
        later = QGroupBox("From the next start")
        form = QFormLayout(later)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.choice, 1)
        choice_row.addWidget(self.choose_button)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result, 1)
        below: list[QWidget] = [self.error]
        below.append(note(
            "Type the path of a SQLite file (…/spacebank.sqlite) or a PostgreSQL URL such as "
            "postgresql+psycopg://clerk@db.example.org/halls. Leave it empty for the default "
            f"database ({paths.data_dir() / 'spacebank.sqlite'}). The change applies the "
            "next time Spacebank starts; a database at an older schema is upgraded then.",
            "How to choose a database"))
        if os.environ.get(paths.DB_ENV, "").strip():
            below.append(note(f"{paths.DB_ENV} is set on this computer, and it is used "
                              "instead of the choice saved here.", "Environment setting"))
        form.addRow(buddy("&Use", self.choice), with_problem(choice_row))
        form.addRow("", with_problem(test_row, *below))
        layout = QVBoxLayout(self)
        layout.addWidget(now)
        layout.addWidget(later)
        layout.addWidget(note(f"Saved in {app_config.config_file()}", "Settings file"))
        layout.addStretch(1)
        self.choose_button.clicked.connect(self._on_choose)
        self.test_button.clicked.connect(self.start_test)
        self.choice.textEdited.connect(lambda _text: self._clear_result())

    # -- the choice --------------------------------------------------------------------

    def chosen(self) -> str:
        return self.choice.text().strip()

    def is_changed(self) -> bool:
        return self.chosen() != self.saved_choice.strip()

    def failed_test(self) -> ConnectionReport | None:
        """The last test's report if it was of the current choice and it failed."""
        if self.last_test and self.last_test[0] == self.chosen() and not self.last_test[1].ok:
            return self.last_test[1]
        return None

    def save(self) -> bool:
        """Write the choice to the settings file; False (and the reason shown) if it failed."""
        try:
            app_config.save_config(app_config.AppConfig(database=self.chosen()))
        except OSError as error:
            self.error.setText(f"Could not save the choice in {app_config.config_file()}: "
                               f"{error.strerror or error}")
            self.error.show()
            return False
        self.saved_choice = self.chosen()
        return True

    # -- the connection test -----------------------------------------------------------

    def start_test(self) -> Task | None:
        if self._task is not None:
            return self._task
        typed = self.chosen()
        if not typed:
            typed = paths.default_database_url()
        self.test_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText("Testing…")
        task = Task(self, "Testing the database connection…",
                    lambda _report: connection_test.test_connection(typed))
        task.finished.connect(lambda report: self._on_tested(typed, report))
        self._task = task
        task.start()
        return task

    def _on_tested(self, typed: str, report: ConnectionReport) -> None:
        self._task = None
        self.test_button.setEnabled(True)
        # Not `task.cancelled`: closing the progress dialog sets it even after a normal
        # finish. A cancelled test still reports when it ends, which does no harm.
        shown = self.chosen() or paths.default_database_url()
        if shown != typed:
            self.result.clear()  # the choice changed while the test ran
            return
        self.last_test = (self.chosen(), report)
        self.result.setStyleSheet(OK_STYLE if report.ok else FAILED_STYLE)
        self.result.setText(("OK: " if report.ok else "Not usable: ") + report.message)

    def _clear_result(self) -> None:
        self.result.clear()
        self.error.hide()

    def _on_choose(self) -> None:
        current = self.chosen()
        start = current if current and "://" not in current else str(paths.data_dir())
        chosen = FileChooser.database(self, start)
        if chosen:
            self.choice.setText(chosen)
            self._clear_result()
            self.choice.setFocus()
