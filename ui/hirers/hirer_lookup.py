"""Find the caller as the clerk types: name, organisation, phone digits or postcode.

Matches appear in a pop-up list once typing pauses; Enter takes the highlighted match
(or the first one), and "New hirer…" (Alt+N) adds the caller if they are not there.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from spacebank.services.container import Services
from spacebank.services.hirer_dto import HirerDetails, HirerSummary
from ui.changes import Change, ChangeBus
from ui.form_parts import MUTED_STYLE
from ui.hirers.hirer_dialog import HirerDialog
from ui.hirers.hirer_lookup_model import (
    COMPLETION_ROLE,
    HIRER_ID_ROLE,
    HirerLookupModel,
    hirer_type_label,
)
from ui.service_call import call

DEBOUNCE_MS = 150
MAX_MATCHES = 12


class HirerLookup(QWidget):
    """A type-ahead line edit, what is known about the chosen hirer, and "New hirer…"."""

    #: The clerk picked a hirer (from the list, by Enter, or by adding one).
    hirer_chosen = Signal(int)
    #: The clerk edited the text after choosing, so no hirer is chosen any more.
    hirer_cleared = Signal()

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None, *,
                 accessible_name: str = "Hirer") -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._hirer: HirerSummary | None = None
        self._model = HirerLookupModel(self)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._build(accessible_name)
        self._debounce.timeout.connect(self._search)
        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.returnPressed.connect(self._on_return)
        self._completer.activated[QModelIndex].connect(self._on_match_activated)
        self.new_button.clicked.connect(self._on_new_clicked)
        bus.changed.connect(self._on_changed)

    def _build(self, accessible_name: str) -> None:
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Name, organisation, phone or postcode")
        self.edit.setAccessibleName(accessible_name)
        self.edit.setToolTip("Type part of the hirer's name, organisation, phone number or "
                             "postcode; Enter takes the first match")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("M" * 22))
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCompletionRole(COMPLETION_ROLE)
        self._completer.setMaxVisibleItems(MAX_MATCHES)
        self._completer.setWidget(self.edit)  # not setCompleter: we decide when it pops up
        self._completer.popup().setAccessibleName("Matching hirers")
        self.details = QLabel()
        self.details.setAccessibleName("Chosen hirer")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setMinimumWidth(self.details.fontMetrics().horizontalAdvance("M" * 16))
        self.error = QLabel()
        self.error.setAccessibleName("Hirer lookup problem")
        self.error.setStyleSheet("color: #b03a2e;")
        self.error.hide()
        self.new_button = QPushButton("&New hirer…")
        self.new_button.setAutoDefault(False)
        self.new_button.setAccessibleName("New hirer")
        self.new_button.setToolTip("Add the caller as a new hirer (Alt+N)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 3)
        layout.addWidget(self.new_button)
        layout.addWidget(self.details, 4)
        layout.addWidget(self.error, 2)
        self.setFocusProxy(self.edit)
        self._show_details()

    # -- public ------------------------------------------------------------------------

    def hirer_id(self) -> int | None:
        return self._hirer.id if self._hirer else None

    def set_hirer(self, hirer_id: int | None) -> None:
        """Show this hirer as chosen (or none) without emitting `hirer_chosen`."""
        if hirer_id is None:
            self._hirer = None
            self.edit.clear()
            self._show_details()
            return
        details = call(self, lambda: self._services.hirers.get(hirer_id), inline=self.error)
        if details:
            self._set_chosen(_summary_of(details))

    def matches(self) -> list[HirerSummary]:
        """The matches listed for the text typed (for tests and the page)."""
        return [s for row in range(self._model.rowCount())
                if (s := self._model.summary_at(row)) is not None]

    def flush(self) -> None:
        """Search now if typing has paused for less than the debounce (no pop-up)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._find()

    # -- slots -------------------------------------------------------------------------

    def _on_text_edited(self, _text: str) -> None:
        if self._hirer is not None:
            self._hirer = None
            self.hirer_cleared.emit()
        self._debounce.start()

    def _search(self) -> None:
        popup = self._completer.popup()
        if not (self._find() and self.edit.hasFocus()):
            popup.hide()
            return
        # As wide as the longest match (name, phone, postcode), at least the field's width.
        area = self.edit.rect()
        needed = popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 12
        area.setWidth(max(area.width(), needed))
        self._completer.complete(area)

    def _find(self) -> int:
        """Fill the matches for the text typed; returns how many there are."""
        text = self.edit.text().strip()
        found = call(self, lambda: self._services.hirers.search(text, limit=MAX_MATCHES),
                     inline=self.error) if text else []
        self._model.set_rows(found or [])
        self._show_details()
        return self._model.rowCount()

    def _on_return(self) -> None:
        if self._hirer is not None and not self._debounce.isActive():
            self.hirer_chosen.emit(self._hirer.id)  # confirmed again: the page moves on
            return
        self.flush()
        popup = self._completer.popup()
        current = popup.currentIndex() if popup.isVisible() else QModelIndex()
        hirer_id = current.data(HIRER_ID_ROLE) if current.isValid() else None
        summary = self._model.find(hirer_id) if hirer_id else self._model.summary_at(0)
        if summary is not None:
            self._choose(summary)

    def _on_match_activated(self, index: QModelIndex) -> None:
        summary = self._model.find(index.data(HIRER_ID_ROLE))
        if summary is not None:
            self._choose(summary)

    def _on_new_clicked(self) -> None:
        typed = self.edit.text().strip() if self._hirer is None else ""
        looks_like_name = typed and not any(ch.isdigit() for ch in typed)
        details = HirerDialog.ask_new(self.window(), self._services, self._bus,
                                      initial_name=typed if looks_like_name else "")
        if details:
            self._choose(_summary_of(details))

    def _on_changed(self, change: Change) -> None:
        if (self._hirer is not None and change.concerns("hirer")
                and (not change.ids or self._hirer.id in change.ids)):
            details = call(self, lambda: self._services.hirers.get(self._hirer.id),
                           inline=self.error)
            if details:
                self._set_chosen(_summary_of(details))

    # -- helpers -----------------------------------------------------------------------

    def _choose(self, summary: HirerSummary) -> None:
        self._debounce.stop()
        self._completer.popup().hide()
        already = self._hirer is not None and self._hirer.id == summary.id
        self._set_chosen(summary)
        if not already:
            self.hirer_chosen.emit(summary.id)

    def _set_chosen(self, summary: HirerSummary) -> None:
        self._hirer = summary
        self.edit.setText(summary.display_name)
        self._show_details()

    def _show_details(self) -> None:
        if self._hirer is not None:
            h = self._hirer
            parts = [hirer_type_label(h.hirer_type)]
            if h.organisation and h.name != h.display_name:
                parts.append(f"contact {h.name}")
            parts += [p for p in (h.phone, h.postcode) if p]
            self.details.setText(" · ".join(parts))
            self.details.setStyleSheet("")
            return
        text = self.edit.text().strip()
        if not text:
            self.details.setText("No hirer chosen yet")
        elif self._model.rowCount() or self._debounce.isActive():
            self.details.setText("Enter takes the first match")
        else:
            self.details.setText(f"No hirer matches “{text}” — New hirer… (Alt+N) adds one")
        self.details.setStyleSheet(MUTED_STYLE)


def _summary_of(details: HirerDetails) -> HirerSummary:
    return HirerSummary(
        id=details.id, hirer_type=details.hirer_type, display_name=details.display_name,
        name=details.name, organisation=details.organisation, phone=details.phone,
        postcode=details.postcode, email=details.email,
    )
