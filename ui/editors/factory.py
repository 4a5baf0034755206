"""The editor for each kind of column: spin boxes with units, date pickers, enum and record
combos, colour fields. `create_editor` builds one; `set_value`/`value` move a plain Python
value in and out, so cells and forms share the conversions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from planner.enums import label
from planner.i18n import _
from planner.model import Department, Phase
from ui import theme
from ui.guard import guarded
from ui.models.columns import (
    BOOL,
    COLOUR,
    DATE,
    ENUM,
    INTEGER,
    LONG_TEXT,
    NUMBER,
    REF,
    UNIT_SHORT,
    Column,
)

if TYPE_CHECKING:
    from ui.document import PlanDocument

# A date editor cannot be empty; its lowest date stands for "not set".
NO_DATE = QDate(1989, 12, 31)
_EARLIEST, _LATEST = QDate(1990, 1, 1), QDate(2200, 12, 31)
HEX_COLOUR = QRegularExpression(r"#[0-9a-fA-F]{0,6}")


class TextBox(QPlainTextEdit):
    """Multi-line text that, like a line edit, says when editing is finished."""

    editingFinished = Signal()  # noqa: N815 - same name as QLineEdit's

    @guarded()
    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editingFinished.emit()


def create_editor(
    column: Column, document: PlanDocument, parent: QWidget | None, *, inline: bool = True
) -> QWidget:
    kind = column.kind
    if kind == NUMBER:
        editor: QWidget = QDoubleSpinBox(parent)
        editor.setDecimals(column.decimals)
        editor.setRange(column.minimum, column.maximum)
        _spin_common(editor, column)
    elif kind == INTEGER:
        editor = QSpinBox(parent)
        editor.setRange(int(column.minimum), int(column.maximum))
        _spin_common(editor, column)
    elif kind == DATE:
        editor = QDateEdit(parent)
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.setCalendarPopup(True)
        editor.setDateRange(NO_DATE if column.optional else _EARLIEST, _LATEST)
        if column.optional:
            editor.setSpecialValueText(column.none_text or _("not set"))
    elif kind == ENUM:
        editor = QComboBox(parent)
        for member in column.enum or ():
            editor.addItem(label(member), str(member))
    elif kind == REF:
        editor = QComboBox(parent)
        fill_ref_combo(editor, column, document)
    elif kind == COLOUR:
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(HEX_COLOUR, editor))
        editor.setPlaceholderText("#rrggbb")  # a notation, not words
    elif kind == BOOL:
        editor = QCheckBox(parent)
    elif kind == LONG_TEXT and not inline:
        editor = TextBox(parent)
        editor.setTabChangesFocus(True)
        line = editor.fontMetrics().lineSpacing()
        editor.setFixedHeight(line * 4 + 2 * editor.frameWidth() + 8)
    else:
        editor = QLineEdit(parent)
    editor.setToolTip(column.tip)
    return editor


def _spin_common(editor: QAbstractSpinBox, column: Column) -> None:
    if column.unit:
        short = UNIT_SHORT.get(column.unit)
        editor.setSuffix(f" {_(short) if short else column.unit}")
        editor.setToolTip(column.unit_text())
    editor.setAlignment(Qt.AlignmentFlag.AlignRight)
    editor.setAccelerated(True)
    editor.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)


def fill_ref_combo(combo: QComboBox, column: Column, document: PlanDocument) -> None:
    """Records in the plan's order; "none" first when the reference is optional."""
    combo.clear()
    if column.optional:
        combo.addItem(column.none_text, None)
    index = document.index
    if column.ref is Phase:
        for number, phase in enumerate(index.phases, start=1):
            combo.addItem(f"{number}. {phase.title}", phase.id)
    elif column.ref is Department:
        for department in index.departments:
            combo.addItem(theme.swatch_icon(department.colour), department.name, department.id)
    else:
        rows = sorted(
            document.store.rows(column.ref), key=lambda r: (getattr(r, "position", 0), r.id)
        )
        for row in rows:
            combo.addItem(row.display_name, row.id)


def set_value(editor: QWidget, column: Column, value: Any) -> None:
    if isinstance(editor, QDoubleSpinBox | QSpinBox):
        editor.setValue(value or 0)
    elif isinstance(editor, QDateEdit):
        if isinstance(value, dt.date):
            value = QDate(value.year, value.month, value.day)
        editor.setDate(value if isinstance(value, QDate) and value.isValid() else NO_DATE)
        if value is None and not column.optional:
            editor.setDate(QDate.currentDate())
    elif isinstance(editor, QComboBox):
        stored = str(value) if column.kind == ENUM and value is not None else value
        position = editor.findData(stored)
        editor.setCurrentIndex(max(position, 0) if position >= 0 or column.optional else 0)
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QPlainTextEdit):
        editor.setPlainText(value or "")
    elif isinstance(editor, QLineEdit):
        editor.setText("" if value is None else str(value))
        editor.setCursorPosition(0)


def value(editor: QWidget, column: Column) -> Any:
    if isinstance(editor, QDoubleSpinBox):
        editor.interpretText()
        return editor.value()
    if isinstance(editor, QSpinBox):
        editor.interpretText()
        return editor.value()
    if isinstance(editor, QDateEdit):
        date = editor.date()
        return None if date == NO_DATE and column.optional else date.toPython()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QLineEdit):
        text = editor.text()
        return text.strip() if column.kind == COLOUR else text
    raise TypeError(
        _("no value for {name__}").format(name__=type(editor).__name__)
    )  # pragma: no cover


def changed_signal(editor: QWidget):  # noqa: ANN201 - a bound Qt signal
    """The signal after which a form commits the editor's value."""
    if isinstance(editor, QComboBox):
        return editor.activated
    if isinstance(editor, QCheckBox):
        return editor.toggled
    return editor.editingFinished
