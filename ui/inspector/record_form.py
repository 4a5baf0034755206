"""A form for one record, built from the same column specs as its table: an editor per
editable field (committed when editing finishes, one undoable command each), read-only
lines for the derived values, and a refused value's message right under its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from planner.commands import UpdateRow
from planner.errors import PlanError
from planner.model import Base
from planner.warnings.types import Severity
from ui.document import PlanDocument
from ui.editors import factory
from ui.models.columns import REF, Column
from ui.models.record_table_model import edit_label
from ui.theme import SEVERITY_COLOURS


class FieldError(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.palette()
        colour = SEVERITY_COLOURS[Severity.PROBLEM]
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.setPalette(palette)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleDescription(message)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


class RecordForm(QWidget):
    def __init__(
        self,
        document: PlanDocument,
        model: type[Base],
        columns: tuple[Column, ...],
        row_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.model = model
        self.row_id = row_id
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        self._derived: dict[str, tuple[Column, QLabel]] = {}
        self._shown: dict[str, object] = {}  # what each editor was last set to
        self._columns = {c.field: c for c in columns}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        read_only = document.read_only
        for column in columns:
            if column.is_editable:
                editor = factory.create_editor(column, document, self, inline=False)
                editor.setObjectName(f"field-{column.field}")
                editor.setEnabled(not read_only)
                error = FieldError(self)
                box = QWidget(self)
                box_layout = QVBoxLayout(box)
                box_layout.setContentsMargins(0, 0, 0, 0)
                box_layout.setSpacing(2)
                box_layout.addWidget(editor)
                box_layout.addWidget(error)
                label = QLabel(f"&{column.title}:" if column.header else "", self)
                label.setBuddy(editor)
                layout.addRow(label, box)
                self.editors[column.field] = editor
                self.errors[column.field] = error
                factory.changed_signal(editor).connect(lambda *_unused, c=column: self.commit(c))
            else:
                value = QLabel(self)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setToolTip(column.tip)
                layout.addRow(f"{column.title}:", value)
                self._derived[column.field] = (column, value)
        self.refresh()

    @property
    def record(self) -> Any:
        return self.document.store.find(self.model, self.row_id)

    def refresh(self) -> None:
        """Show the stored values again, except where the user is typing something not yet
        committed."""
        record = self.record
        if record is None:
            return
        focus = self.focusWidget()
        for field, editor in self.editors.items():
            column = self._columns[field]
            focused = editor is focus or (focus is not None and editor.isAncestorOf(focus))
            if (
                focused
                and field in self._shown
                and factory.value(editor, column) != self._shown[field]
            ):
                continue
            editor.blockSignals(True)
            if column.kind == REF:
                factory.fill_ref_combo(editor, column, self.document)  # names may have changed
            factory.set_value(editor, column, getattr(record, field))
            self._shown[field] = factory.value(editor, column)
            editor.blockSignals(False)
        for column, label in self._derived.values():
            label.setText(column.text(self.document, column.value(self.document, record)))

    def commit(self, column: Column) -> None:
        record = self.record
        editor = self.editors[column.field]
        if record is None or not editor.isEnabled():
            return
        value = factory.value(editor, column)
        if value == getattr(record, column.field):
            self.errors[column.field].clear_message()
            return
        command = UpdateRow(
            self.model, self.row_id, {column.field: value}, label=edit_label(column, value)
        )
        try:
            self.document.push(command)
        except PlanError as exc:
            field = getattr(exc, "field", None)
            target = self.errors.get(field or "", self.errors[column.field])
            target.show_message(str(exc))
            return
        self._shown[column.field] = value  # committed: no longer the user's pending text
        for error in self.errors.values():
            error.clear_message()
