"""Choose one of an invoice's payments or credit notes (e.g. to print it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from ui.actions import make_action
from ui.form_parts import buddy, table
from ui.row_table_model import RowTableModel
from ui.screen_fit import resize_to_fit


class RecordChooser(QDialog):
    """A short list, the newest row ready; Enter or double-click takes the chosen row."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str,
                 model: RowTableModel[Any], *, ok_text: str = "&Print…",
                 stretch_column: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model = model
        model.setParent(self)
        self.chosen_id: int | None = None
        self.table = table(title)
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        label = buddy(prompt, self.table)
        label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(self._on_ok)
        take = make_action(self.table, "Choose", ("Return", "Enter"), "Take the chosen row")
        take.triggered.connect(self._on_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        if model.rowCount():
            self.table.setCurrentIndex(model.index(model.rowCount() - 1, 0))
        self.table.setFocus()
        em = self.fontMetrics().horizontalAdvance("M")
        rows = self.table.verticalHeader().defaultSectionSize() * min(model.rowCount() + 2, 12)
        resize_to_fit(self, em * 48, rows + self.fontMetrics().lineSpacing() * 8)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, model: RowTableModel[Any],
            **options: Any) -> int | None:
        """The id of the chosen row, or None if the clerk gave up."""
        dialog = cls(parent, title, prompt, model, **options)
        dialog.exec()
        return dialog.chosen_id

    def _on_ok(self) -> None:
        index = self.table.currentIndex()
        item = self.model.row_at(index.row()) if index.isValid() else None
        if item is None:
            return
        self.chosen_id = self.model.row_id(item)
        self.accept()

