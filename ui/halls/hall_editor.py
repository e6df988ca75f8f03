"""The hall form: capacity, facilities, minimum booking, buffers, deposit, the hall it is
part of (combined halls), and its hourly rates per rate type and time band."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.errors import MoneyError
from spacebank.domain.money import format_pence, parse_pounds
from spacebank.services.container import Services
from spacebank.services.venue_dto import HallDetails, HallInput, HallSummary
from spacebank.services.venue_service import BUFFER_RANGE, CAPACITY_RANGE, MIN_BOOKING_RANGE
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import (
    Columns,
    add_field_row,
    line_edit,
    minutes_text,
    note,
    set_tab_order,
    spin,
    value_label,
)
from ui.halls.facilities_box import FacilitiesBox, facility_list
from ui.halls.rates_model import BANDS, RATE_TYPES, RatesModel, rate_field
from ui.service_call import Refused

NO_PARENT = "On its own"


class HallEditor(QWidget):
    """Edits one hall, or a new one in a venue; `save()` sends it through the services."""

    edited = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._loading = False
        self.hall: HallDetails | None = None
        self.venue_id: int | None = None
        self.general_error = error_label("Hall problem")
        self.errors = FieldErrors(self.general_error)
        self.name = line_edit("Hall name", "e.g. Main Hall")
        self.capacity = spin("Capacity in people", 0, CAPACITY_RANGE[1], suffix=" people",
                             blank_at_minimum=True)
        self.parent_combo = QComboBox()
        self.parent_combo.setAccessibleName("Part of which hall")
        self.parent_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.parent_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.parent_combo.setToolTip("A half or part of a divisible hall: booking the whole "
                                     "hall blocks its parts, and a part blocks the whole")
        self.min_booking = spin("Minimum booking in minutes", MIN_BOOKING_RANGE[0],
                                MIN_BOOKING_RANGE[1], suffix=" min", step=15)
        self.setup = spin("Set-up buffer in minutes", *BUFFER_RANGE, suffix=" min", step=5)
        self.cleanup = spin("Clean-up buffer in minutes", *BUFFER_RANGE, suffix=" min", step=5)
        self.deposit = line_edit("Damage deposit", "£0.00", chars=12)
        self.deposit.setToolTip("Damage bond paid by the rate types chosen in Settings; "
                                "refunded after the event")
        self.facilities = FacilitiesBox("Hall")
        self.inherited = note("", "Facilities from the venue")
        self.parts = value_label("Parts of this hall")
        self.status = value_label("Hall status")
        self.rates_model = RatesModel(self)
        self.rates = _rates_view(self.rates_model)
        self.rates_note = note("", "About rates")
        self._build()
        self._connect()

    def _build(self) -> None:
        details = QGroupBox("Details")
        form = QFormLayout(details)
        rows = (("Na&me", self.name, "name"), ("&Capacity", self.capacity, "capacity"),
                ("Part &of", self.parent_combo, "parent"),
                ("Minimum &booking", self.min_booking, "min_booking_minutes"),
                ("Se&t-up time", self.setup, "setup_minutes"),
                ("Clea&n-up time", self.cleanup, "cleanup_minutes"),
                ("De&posit", self.deposit, "deposit_pence"))
        for text, field, key in rows:
            add_field_row(form, self.errors, text, field, key)
        form.addRow("Divides into", self.parts)
        form.addRow("Status", self.status)
        buffers = note("Set-up and clean-up time is blocked around every booking but not "
                       "charged. Changes apply to bookings taken from now on.",
                       "About buffers")
        form.addRow(buffers)
        facilities = QGroupBox("&Facilities of this hall")
        facilities_layout = QVBoxLayout(facilities)
        facilities_layout.addWidget(self.facilities)
        facilities_layout.addWidget(self.inherited)
        facilities_problem = error_label("Facilities problem")
        self.errors.add(facilities_problem, "facilities", focus=self.facilities.first())
        facilities_layout.addWidget(facilities_problem)
        rates = QGroupBox("&Rates per hour")
        rates_layout = QVBoxLayout(rates)
        rates_layout.addWidget(self.rates)
        rates_problem = error_label("Rates problem")
        keys = [rate_field((t, b)) for t in RATE_TYPES for b in BANDS]
        self.errors.add(rates_problem, *keys, "pence_per_hour", "rate_type", "band",
                        focus=self.rates)
        rates_layout.addWidget(rates_problem)
        rates_layout.addWidget(self.rates_note)
        left, right = QWidget(), QWidget()
        left_layout, right_layout = QVBoxLayout(left), QVBoxLayout(right)
        for column in (left_layout, right_layout):
            column.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(details)
        left_layout.addStretch(1)
        right_layout.addWidget(rates)
        right_layout.addWidget(facilities)
        right_layout.addStretch(1)
        self.columns = Columns(left, right, (5, 4))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.general_error)
        layout.addWidget(self.columns, 1)
        chain = [self.name, self.capacity, self.parent_combo, self.min_booking, self.setup,
                 self.cleanup, self.deposit, self.rates, *self.facilities.boxes.values()]
        set_tab_order(chain)
        self._chain = chain

    def _connect(self) -> None:
        for edit in (self.name, self.deposit):
            edit.textEdited.connect(self.edited)
        for box in (self.capacity, self.min_booking, self.setup, self.cleanup):
            box.valueChanged.connect(self._on_changed)
        self.parent_combo.currentIndexChanged.connect(self._on_changed)
        self.facilities.edited.connect(self.edited)
        self.rates_model.dataChanged.connect(self._on_changed)
        self.deposit.editingFinished.connect(self._tidy_deposit)

    # -- loading -----------------------------------------------------------------------

    def load(self, hall: HallDetails | None, *, venue_id: int, venue_name: str,
             venue_halls: Sequence[HallSummary], venue_facilities: frozenset = frozenset(),
             evening_starts_min: int | None = None) -> None:
        """Show a saved hall, or an empty form for a new hall in `venue_id` (None)."""
        self._loading = True
        self.hall, self.venue_id = hall, venue_id
        self.errors.clear()
        summary = hall.hall if hall else None
        self.name.setText(summary.name if summary else "")
        self.capacity.setValue(summary.capacity if summary else 0)
        self.min_booking.setValue(summary.min_booking_minutes if summary else 60)
        self.setup.setValue(summary.setup_minutes if summary else 0)
        self.cleanup.setValue(summary.cleanup_minutes if summary else 0)
        self.deposit.setText(format_pence(summary.deposit_pence) if summary else "£0.00")
        self.facilities.set_chosen(summary.own_facilities if summary else ())
        self._fill_parents(hall, venue_halls)
        shared = facility_list(venue_facilities)
        self.inherited.setText(f"Also from {venue_name}: {shared}." if shared
                               else f"{venue_name} records no site facilities.")
        self.parts.setText(", ".join(name for _id, name in hall.parts) if hall and hall.parts
                           else "—")
        self.status.setText(_status(summary) if summary else f"New hall in {venue_name}")
        self.rates_model.set_rates(hall.rates if hall else {})
        evening = (f"Evening rates apply on weekdays from {minutes_text(evening_starts_min)} "
                   "and all day at weekends. " if evening_starts_min is not None else "")
        self.rates_note.setText(f"Type an hourly rate in pounds, e.g. 12.50; Enter keeps it "
                                f"and Save (Ctrl+S) stores it. {evening}"
                                "— means not offered. Bookings already taken keep their price.")
        self._loading = False

    def _fill_parents(self, hall: HallDetails | None, venue_halls: Sequence[HallSummary]
                      ) -> None:
        self.parent_combo.blockSignals(True)
        self.parent_combo.clear()
        self.parent_combo.addItem(NO_PARENT, None)
        current = hall.hall.parent_id if hall else None
        for other in venue_halls:
            is_self = hall is not None and other.id == hall.id
            if other.parent_id is None and (other.active or other.id == current) and not is_self:
                self.parent_combo.addItem(f"Part of {other.name}", other.id)
        index = self.parent_combo.findData(current) if current is not None else 0
        self.parent_combo.setCurrentIndex(max(index, 0))
        divided = hall is not None and bool(hall.parts)
        self.parent_combo.setEnabled(not divided)
        if divided:
            self.parent_combo.setToolTip("This hall divides into parts, so it cannot itself "
                                         "be part of another hall")
        self.parent_combo.blockSignals(False)

    def read_input(self) -> HallInput:
        """The form as a HallInput; raises MoneyError(field="deposit_pence") for a bad deposit."""
        deposit_text = self.deposit.text().strip()
        deposit = parse_pounds(deposit_text, field="deposit_pence", label="Deposit") \
            if deposit_text else 0
        assert self.venue_id is not None
        return HallInput(
            venue_id=self.venue_id,
            name=self.name.text(),
            capacity=self.capacity.value(),
            facilities=self.facilities.chosen(),
            min_booking_minutes=self.min_booking.value(),
            setup_minutes=self.setup.value(),
            cleanup_minutes=self.cleanup.value(),
            deposit_pence=deposit,
            parent_id=self.parent_combo.currentData(),
        )

    # -- saving ------------------------------------------------------------------------

    def save(self) -> HallDetails | None:
        """Save the details, then each typed rate. None if anything was refused.

        Each is its own service call; what was saved stays saved (a new hall keeps its
        id), and a refusal is shown beside its field with the rest still typed.
        """
        self.errors.clear()
        venues = self._services.venues
        data = self.errors.run(self.read_input, focus=True)
        if not data:
            return None
        rates = self.errors.run(self.rates_model.pending_pence, focus=True)
        if isinstance(rates, Refused):
            return None
        hall = self.hall
        if hall is None:
            hall = self.errors.run(lambda: venues.create_hall(data), focus=True) or None
        elif data != _input_of(hall.hall):
            hall_id = hall.id
            hall = self.errors.run(lambda: venues.update_hall(hall_id, data), focus=True) or None
        if hall is None:
            return None
        self.hall = hall
        hall_id = hall.id
        for (rate_type, band), pence in rates.items():
            stored = self.errors.run(
                lambda t=rate_type, b=band, p=pence: venues.set_rate(hall_id, t, b, p),
                fallback=self.errors.label_for(rate_field((rate_type, band))), focus=True)
            if isinstance(stored, Refused):
                return None
            self.rates_model.commit((rate_type, band), pence)
        return self.errors.run(lambda: venues.get_hall(hall_id)) or None

    def is_dirty_rates(self) -> bool:
        return self.rates_model.is_dirty()

    def first_field(self) -> QWidget:
        return self.name

    def tab_chain(self) -> list[QWidget]:
        return list(self._chain)

    # -- slots -------------------------------------------------------------------------

    def _on_changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _tidy_deposit(self) -> None:
        try:
            pence = parse_pounds(self.deposit.text()) if self.deposit.text().strip() else 0
        except MoneyError:  # left as typed; Save says why
            return
        if self.deposit.text() != format_pence(pence):
            self.deposit.setText(format_pence(pence))


def _rates_view(model: RatesModel) -> QTableView:
    view = QTableView()
    view.setAccessibleName("Hourly rates by rate type and time band")
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.SelectedClicked)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    row = view.fontMetrics().height() + 12
    view.verticalHeader().setDefaultSectionSize(row)
    header = view.horizontalHeader().sizeHint().height()
    view.setFixedHeight(header + view.verticalHeader().length() + 2 * view.frameWidth())
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def _status(hall: HallSummary) -> str:
    if not hall.venue_active:
        return "Its venue is out of use, so it takes no bookings"
    if not hall.active:
        return "Out of use: not offered for bookings (Reactivate brings it back)"
    return "In use"


def _input_of(hall: HallSummary) -> HallInput:
    return HallInput(
        venue_id=hall.venue_id,
        name=hall.name,
        capacity=hall.capacity,
        facilities=hall.own_facilities,
        min_booking_minutes=hall.min_booking_minutes,
        setup_minutes=hall.setup_minutes,
        cleanup_minutes=hall.cleanup_minutes,
        deposit_pence=hall.deposit_pence,
        parent_id=hall.parent_id,
    )

