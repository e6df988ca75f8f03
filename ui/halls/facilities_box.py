"""A grid of facility check boxes (kitchen, step-free access…), for a venue or a hall."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from spacebank.domain.enums import Facility

COLUMNS = 3
#: How the team writes them (the enum's own labels are plain word-case).
FACILITY_LABELS = {
    Facility.KITCHEN: "Kitchen",
    Facility.STEP_FREE: "Step-free access",
    Facility.ACCESSIBLE_TOILET: "Accessible toilet",
    Facility.HEARING_LOOP: "Hearing loop",
    Facility.PARKING: "Parking",
    Facility.STAGE: "Stage",
    Facility.GARDEN: "Garden",
    Facility.PROJECTOR: "Projector",
    Facility.PA_SYSTEM: "PA system",
    Facility.WIFI: "Wi-Fi",
    Facility.BABY_CHANGING: "Baby changing",
}


def facility_label(facility: Facility) -> str:
    return FACILITY_LABELS.get(facility, facility.label)


class FacilitiesBox(QWidget):
    edited = Signal()

    def __init__(self, owner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"{owner} facilities")
        self.boxes: dict[Facility, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        for position, facility in enumerate(Facility):
            label = facility_label(facility)
            box = QCheckBox(label)
            box.setAccessibleName(f"{owner} has {label[0].lower()}{label[1:]}")
            box.toggled.connect(self.edited)
            self.boxes[facility] = box
            grid.addWidget(box, position // COLUMNS, position % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)

    def set_chosen(self, facilities: Iterable[Facility]) -> None:
        chosen = set(facilities)
        for facility, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(facility in chosen)
            box.blockSignals(False)

    def chosen(self) -> frozenset[Facility]:
        return frozenset(f for f, box in self.boxes.items() if box.isChecked())

    def first(self) -> QCheckBox:
        return next(iter(self.boxes.values()))

    def last(self) -> QCheckBox:
        return list(self.boxes.values())[-1]


def facility_list(facilities: Iterable[Facility]) -> str:
    """'Kitchen, Parking' in the order of the form."""
    chosen = set(facilities)
    return ", ".join(facility_label(f) for f in Facility if f in chosen)
