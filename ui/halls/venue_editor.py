"""The venue form: details, site facilities, bank holidays, opening hours, key holders."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from spacebank.services.container import Services
from spacebank.services.venue_dto import VenueDetails, VenueInput
from spacebank.services.venue_service import DEFAULT_CLOSES_MIN, DEFAULT_OPENS_MIN
from ui.changes import ChangeBus
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import Columns, add_field_row, line_edit, note, set_tab_order, text_block
from ui.halls.facilities_box import FacilitiesBox
from ui.halls.key_holders import KeyHoldersBox
from ui.halls.opening_hours_editor import OpeningHoursEditor

#: What a new venue starts with (the service's own default).
DEFAULT_HOURS = {day: (DEFAULT_OPENS_MIN, DEFAULT_CLOSES_MIN) for day in range(7)}


class VenueEditor(QWidget):
    """Edits one venue, or a new one; `save()` sends it through the venue service."""

    edited = Signal()

    def __init__(self, services: Services, bus: ChangeBus, *, initiator: object,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._loading = False
        self.venue: VenueDetails | None = None
        self.general_error = error_label("Venue problem")
        self.errors = FieldErrors(self.general_error)
        self.name = line_edit("Venue name", "e.g. Peckham Community Centre")
        self.address = text_block("Venue address", lines=3)
        self.postcode = line_edit("Venue postcode", "SE15 4QL", chars=10)
        self.phone = line_edit("On-the-day phone", "Caretaker or duty officer")
        self.access_notes = text_block("Access notes", lines=3)
        self.access_notes.setPlaceholderText("Key safe code, which door, parking… "
                                             "(printed on confirmations)")
        self.facilities = FacilitiesBox("Venue")
        self.bank_holidays = QCheckBox("Open on &bank holidays")
        self.bank_holidays.setAccessibleName("Open on bank holidays")
        self.hours = OpeningHoursEditor()
        self.key_holders = KeyHoldersBox(services, bus, initiator=initiator)
        self._build()
        for edit in (self.name, self.postcode, self.phone):
            edit.textEdited.connect(self.edited)
        for block in (self.address, self.access_notes):
            block.textChanged.connect(self._on_block_changed)
        self.facilities.edited.connect(self.edited)
        self.bank_holidays.toggled.connect(self.edited)
        self.hours.edited.connect(self.edited)

    def _build(self) -> None:
        details = QGroupBox("Details")
        form = QFormLayout(details)
        for text, field, key in (("Na&me", self.name, "name"),
                                 ("Add&ress", self.address, "address"),
                                 ("Post&code", self.postcode, "postcode"),
                                 ("On-&the-day phone", self.phone, "on_the_day_phone"),
                                 ("Access &notes", self.access_notes, "access_notes")):
            add_field_row(form, self.errors, text, field, key)
        site = QGroupBox("&Facilities of the site")
        site_layout = QVBoxLayout(site)
        site_layout.addWidget(self.facilities)
        site_layout.addWidget(self.bank_holidays)
        site_layout.addWidget(note("Every hall here offers these. Bank holidays in England "
                                   "and Wales close the venue unless it opens on them.",
                                   "About site facilities"))
        facilities_problem = error_label("Facilities problem")
        self.errors.add(facilities_problem, "facilities", focus=self.facilities.first())
        site_layout.addWidget(facilities_problem)
        hours = QGroupBox("&Opening hours")
        hours_layout = QVBoxLayout(hours)
        hours_layout.addWidget(self.hours)
        hours_layout.addWidget(note("Existing bookings are not changed; new bookings must "
                                    "fit these hours.", "About opening hours"))
        self.hours.register(self.errors)
        holders = QGroupBox("&Key holders")
        holders_layout = QVBoxLayout(holders)
        holders_layout.addWidget(self.key_holders)
        left, right = QWidget(), QWidget()
        left_layout, right_layout = QVBoxLayout(left), QVBoxLayout(right)
        for column in (left_layout, right_layout):
            column.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(details)
        left_layout.addWidget(site)
        left_layout.addStretch(1)
        right_layout.addWidget(hours)
        right_layout.addWidget(holders, 1)
        self.columns = Columns(left, right, (3, 2))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.general_error)
        layout.addWidget(self.columns, 1)
        chain = [self.name, self.address, self.postcode, self.phone, self.access_notes,
                 *self.facilities.boxes.values(), self.bank_holidays, *self.hours.tab_chain(),
                 *self.key_holders.tab_chain()]
        set_tab_order(chain)
        self._chain = chain

    # -- loading -----------------------------------------------------------------------

    def load(self, venue: VenueDetails | None) -> None:
        """Show a saved venue, or an empty form for a new one (None)."""
        self._loading = True
        self.venue = venue
        self.errors.clear()
        self.name.setText(venue.name if venue else "")
        self.address.setPlainText(venue.address if venue else "")
        self.postcode.setText(venue.postcode if venue else "")
        self.phone.setText(venue.on_the_day_phone if venue else "")
        self.access_notes.setPlainText(venue.access_notes if venue else "")
        self.facilities.set_chosen(venue.facilities if venue else ())
        self.bank_holidays.blockSignals(True)
        self.bank_holidays.setChecked(venue.open_on_bank_holidays if venue else False)
        self.bank_holidays.blockSignals(False)
        self.hours.set_hours(venue.opening_hours if venue else DEFAULT_HOURS)
        self.key_holders.set_venue(venue.id if venue else None,
                                   venue.key_holders if venue else ())
        self._loading = False

    def read_input(self) -> VenueInput:
        return VenueInput(
            name=self.name.text(),
            address=self.address.toPlainText(),
            postcode=self.postcode.text(),
            access_notes=self.access_notes.toPlainText(),
            on_the_day_phone=self.phone.text(),
            facilities=self.facilities.chosen(),
            open_on_bank_holidays=self.bank_holidays.isChecked(),
        )

    # -- saving ------------------------------------------------------------------------

    def save(self) -> VenueDetails | None:
        """Save the form: details first, then the hours. None if anything was refused.

        Each is one service call (one transaction); what was saved stays saved, and the
        refusal is shown beside its field.
        """
        self.errors.clear()
        venues = self._services.venues
        hours = self.errors.run(self.hours.hours, focus=True)
        if not hours:
            return None
        data = self.read_input()
        saved = self.venue
        if saved is None:
            saved = self.errors.run(lambda: venues.create_venue(data), focus=True) or None
        elif data != _input_of(saved):
            venue_id = saved.id
            saved = self.errors.run(lambda: venues.update_venue(venue_id, data),
                                    focus=True) or None
        if saved is None:
            return None
        self.venue = saved
        self.key_holders.set_venue(saved.id, saved.key_holders)
        if hours != _hours_of(saved):
            venue_id = saved.id
            with_hours = self.errors.run(lambda: venues.set_opening_hours(venue_id, hours),
                                         focus=True)
            if not with_hours:
                return None
            self.venue = saved = with_hours
        return saved

    def first_field(self) -> QWidget:
        return self.name

    def tab_chain(self) -> list[QWidget]:
        return list(self._chain)

    def _on_block_changed(self) -> None:
        if not self._loading:
            self.edited.emit()


def _input_of(venue: VenueDetails) -> VenueInput:
    return VenueInput(
        name=venue.name,
        address=venue.address,
        postcode=venue.postcode,
        access_notes=venue.access_notes,
        on_the_day_phone=venue.on_the_day_phone,
        facilities=venue.facilities,
        open_on_bank_holidays=venue.open_on_bank_holidays,
    )


def _hours_of(venue: VenueDetails) -> dict[int, tuple[int, int] | None]:
    return {day: venue.opening_hours.get(day) for day in range(7)}

