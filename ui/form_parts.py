"""Small widget builders shared by the features' pages and forms (one look, names set)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.field_errors import FieldErrors, error_label

#: Text for a value the form has no figure for yet.
NOT_SET = "—"
MUTED_STYLE = "color: #595959;"  # 6:1 on the window grey; the palette's placeholder is 3.8:1
OK_STYLE = "color: #1e7b34;"


def buddy(text: str, field: QWidget) -> QLabel:
    """A label whose mnemonic (&Name) moves the focus to `field`."""
    label = QLabel(text)
    label.setBuddy(field)
    # The mnemonic's underline is left out of the size hint; a little room keeps it whole.
    label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().averageCharWidth())
    return label


class Columns(QWidget):
    """Two columns side by side, or one above the other when there is not room for both.

    Keeps a form readable at 150% text size without a sideways scroll bar.
    """

    def __init__(self, left: QWidget, right: QWidget, stretch: tuple[int, int] = (1, 1),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._left, self._right = left, right
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._box.addWidget(left, stretch[0])
        self._box.addWidget(right, stretch[1])

    def side_by_side(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.LeftToRight

    def minimumSizeHint(self) -> QSize:
        left, right = self._left.minimumSizeHint(), self._right.minimumSizeHint()
        if self.side_by_side():
            return QSize(max(left.width(), right.width()), max(left.height(), right.height()))
        return QSize(max(left.width(), right.width()),
                     left.height() + right.height() + self._box.spacing())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wanted = (self._left.minimumSizeHint().width() + self._right.minimumSizeHint().width()
                  + self._box.spacing())
        direction = (QBoxLayout.Direction.LeftToRight if event.size().width() >= wanted
                     else QBoxLayout.Direction.TopToBottom)
        if direction != self._box.direction():
            self._box.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)


def with_problem(field: QWidget | QLayout, *below: QWidget) -> QWidget:
    """A form field with its (usually hidden) error label under it, as one form cell.

    Kept in one cell so a hidden label adds no row spacing to the form.
    """
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    if isinstance(field, QLayout):
        column.addLayout(field)
    else:
        column.addWidget(field)
    for widget in below:
        column.addWidget(widget)
    return cell


def add_field_row(form: QFormLayout, errors: FieldErrors, text: str, field: QWidget, key: str,
                  *, name: str = "") -> None:
    """A form row whose service errors for `key` show under the field.

    `name` is the field's name for the error label's accessible name ("Name problem");
    by default the row's text without its mnemonic.
    """
    problem = error_label(f"{name or text.replace('&', '')} problem")
    errors.add(problem, key, focus=field)
    form.addRow(buddy(text, field), with_problem(field, problem))


def line_edit(name: str, placeholder: str = "", *, chars: int = 0) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    if chars:
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * chars + 24)
    return edit


def text_block(name: str, lines: int = 3) -> QPlainTextEdit:
    """A multi-line field that Tab leaves (Ctrl+Tab would be a surprise on the phone)."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setFixedHeight(height)
    return edit


def spin(name: str, lo: int, hi: int, *, suffix: str = "", step: int = 1,
         blank_at_minimum: bool = False) -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(name)
    box.setRange(lo, hi)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setAccelerated(True)
    if blank_at_minimum:
        box.setSpecialValueText(" ")
    # One width for every number box, so a form's fields line up.
    width = box.fontMetrics().horizontalAdvance("0,000 people") + 48
    box.setMinimumWidth(max(width, box.fontMetrics().horizontalAdvance(f"{hi:,}{suffix}") + 48))
    box.setMaximumWidth(box.minimumWidth())
    return box


def value_label(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def note(text: str, name: str) -> QLabel:
    """A muted explanatory line under a section."""
    label = QLabel(text)
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setStyleSheet(MUTED_STYLE)
    return label


def heading(text: str = "", *, scale: float = 1.0, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    if name:
        label.setAccessibleName(name)
    return label


def action_button(action: QAction, text: str | None = None) -> QPushButton:
    """A push button that triggers `action` and follows its enabled state and tip.

    `text` replaces the action's menu text, so the button's mnemonic (if any) can be
    chosen to suit the form it sits on; without one the action's shortcut still works.
    """
    button = QPushButton(action.text() if text is None else text)
    button.setAutoDefault(False)
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))

    def follow() -> None:
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip())
        if text is None:
            button.setText(action.text())
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))

    follow()
    action.changed.connect(follow)
    button.clicked.connect(action.trigger)
    return button


def push_button(text: str, name: str, tip: str) -> QPushButton:
    """A button beside a list; Enter in a field of the same window does not press it."""
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    button.setToolTip(tip)
    return button


def save_buttons(dialog: QDialog, tip: str, on_save: Callable[[], object]
                 ) -> tuple[QDialogButtonBox, QPushButton]:
    """Save and Cancel for a form dialog; Ctrl+S saves from any field as well."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setToolTip(tip)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    QShortcut(QKeySequence.StandardKey.Save, dialog, activated=on_save)
    return buttons, save


def table(name: str, *, tab_leaves: bool = True, highlight_sections: bool = False
          ) -> QTableView:
    """A read-only list of rows, one chosen at a time.

    By default Tab leaves the table and the header stays plain; the hirers page still
    moves cell by cell on Tab and highlights the chosen row's header sections.
    """
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(not tab_leaves)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(highlight_sections)
    return view


def minutes_text(minutes: int) -> str:
    """Wall-clock minutes after midnight as 09:30 (1440 is 24:00, midnight at the end)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab visits the widgets in this order."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
