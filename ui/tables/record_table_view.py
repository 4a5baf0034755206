"""A table of records: rows selected whole, typing starts editing, the refused edit's message
shown under the cell, fixed row heights so 10 000 rows scroll without measuring each."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.document import PlanDocument
from ui.editors.record_delegate import RecordDelegate
from ui.models.columns import BOOL, COLOUR, DATE, ENUM, INTEGER, LONG_TEXT, NUMBER, REF
from ui.models.record_filter_proxy import RecordFilterProxy
from ui.models.record_table_model import ID_ROLE
from ui.widgets.field_error import FieldErrorPopup

# Initial column widths in average characters, by kind.
_WIDTHS = {
    NUMBER: 9, INTEGER: 7, DATE: 11, ENUM: 12, REF: 22, COLOUR: 11, BOOL: 4, LONG_TEXT: 32,
}  # fmt: skip
_TEXT_WIDTH = 24


class RecordTableView(QTableView):
    def __init__(
        self, document: PlanDocument, proxy: RecordFilterProxy, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.document = document
        self.proxy = proxy
        # Sorting is switched on before there is a model, so that it does not sort 10 000
        # rows into the order they are already in; sort indicator -1 is the plan's order.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setModel(proxy)
        self.setItemDelegate(RecordDelegate(document, proxy.records.columns, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.7))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSortIndicatorClearable(True)  # a third click goes back to the plan's order
        char = self.fontMetrics().averageCharWidth()
        for position, column in enumerate(proxy.records.columns):
            header.resizeSection(position, char * _WIDTHS.get(column.kind, _TEXT_WIDTH) + 24)
        header.resizeSection(0, char * 40)
        self.error_popup = FieldErrorPopup(self)
        proxy.records.edit_failed.connect(self.show_error)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in rows]

    def select_ids(self, ids: Iterable[int]) -> int:
        """Select the rows of these records (those the filters show); returns how many."""
        selection = QItemSelection()
        first = None
        last_column = self.proxy.columnCount() - 1
        for row_id in ids:
            row = self.proxy.proxy_row_of(row_id)
            if row is None:
                continue
            selection.select(self.proxy.index(row, 0), self.proxy.index(row, last_column))
            first = row if first is None else first
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(selection, flags)
        if first is not None:
            current = self.proxy.index(first, 0)
            self.selectionModel().setCurrentIndex(
                current, QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)
        return len(selection.indexes()) // max(1, last_column + 1)

    def show_error(self, row_id: int, column: int, message: str) -> None:
        row = self.proxy.proxy_row_of(row_id) if row_id >= 0 else None
        if row is not None and column >= 0:
            index = self.proxy.index(row, column)
            self.scrollTo(index)
            rect = self.visualRect(index)
        else:
            rect = self.viewport().rect().adjusted(0, 0, 0, -self.viewport().height() + 4)
        self.error_popup.show_at(self.viewport(), rect, message)
