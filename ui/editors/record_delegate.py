"""Cell editing for the record tables: the editor the column asks for, combos that commit as
soon as a choice is made, and the department colour picked with the colour dialog."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner.i18n import _
from ui.document import PlanDocument
from ui.editors import factory
from ui.guard import guarded
from ui.models.columns import COLOUR, Column

Index = QModelIndex | QPersistentModelIndex


class RecordDelegate(QStyledItemDelegate):
    def __init__(self, document: PlanDocument, columns: tuple[Column, ...], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.document = document
        self.columns = columns

    @guarded()
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        column = self.columns[index.column()]
        editor = factory.create_editor(column, self.document, parent, inline=True)
        editor.setAutoFillBackground(True)
        if isinstance(editor, QComboBox):
            # A choice is the whole edit: commit it at once instead of on leaving the cell.
            editor.activated.connect(lambda _unused=0, e=editor: self._commit_and_close(e))
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    @guarded()
    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        column = self.columns[index.column()]
        factory.set_value(editor, column, index.data(Qt.ItemDataRole.EditRole))

    @guarded()
    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        column = self.columns[index.column()]
        new = factory.value(editor, column)
        old = index.data(Qt.ItemDataRole.EditRole)
        if column.kind == "date" and old is not None:
            old = old.toPython()
        if new != old:
            model.setData(index, new, Qt.ItemDataRole.EditRole)

    @guarded()
    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option, index: Index) -> bool:  # noqa: ANN001, N802
        """A double click on a colour opens the colour dialog; F2 still lets one type #rrggbb."""
        column = self.columns[index.column()]
        if (
            column.kind == COLOUR
            and event.type() == QEvent.Type.MouseButtonDblClick
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.pick_colour(model, index)
            return True
        return super().editorEvent(event, model, option, index)

    def pick_colour(self, model: QAbstractItemModel, index: Index) -> None:
        current = QColor(index.data(Qt.ItemDataRole.EditRole) or "#888888")
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        colour = QColorDialog.getColor(current, parent, _("Department colour"))
        if colour.isValid():
            model.setData(index, colour.name(), Qt.ItemDataRole.EditRole)
