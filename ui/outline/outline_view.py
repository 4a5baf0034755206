"""The outline panel: a tree over OutlineModel sharing the selection with the other views.
Wishes drag onto phases, the backlog or before another wish; Insert adds a record where the
cursor is, Delete deletes the selected ones, F2 renames."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from planner.commands import Command, CreateRow, DeleteRows, MoveDemands, SplitPhase
from planner.errors import PlanError
from planner.i18n import _
from planner.model import Demand, Department, Objective, Phase
from ui.document import PlanDocument
from ui.models.department_table_model import new_department_values
from ui.models.phase_table_model import new_phase_values
from ui.outline.outline_model import (
    BACKLOG,
    DEPARTMENTS,
    OBJECTIVES,
    PHASES,
    PLAN,
    Key,
    OutlineModel,
)
from ui.widgets.field_error import FieldErrorPopup

_MODELS = {"objective": Objective, "department": Department, "phase": Phase, "demand": Demand}
MAX_SYNCED = 1000  # selecting more than this in the outline is slower than it is useful


class OutlineView(QTreeView):
    """`group_chosen(name)` when a group ("objectives", "backlog", …) is activated;
    `settings_requested()` when the plan node is activated."""

    group_chosen = Signal(str)
    settings_requested = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setAccessibleName(_("Plan outline"))
        self.document = document
        self.outline = OutlineModel(document, self)
        self.setModel(self.outline)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # 10 000 wishes: no per-row size queries
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAnimated(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance(_("10 wk · 999 pd")) + 30)
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 4)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.error_popup = FieldErrorPopup(self)
        self._syncing = False
        self._expanded: set[Key] = set()

        self.insert_action = self._action(_("Add here"), "Insert", self.add_here)
        self.delete_action = self._action(_("Delete"), "Delete", self.delete_selected)
        self.outline.edit_failed.connect(self._show_error)
        self.outline.modelAboutToBeReset.connect(self._remember_expanded)
        self.outline.modelReset.connect(self._restore_expanded)
        self.outline.rowsInserted.connect(self._reselect_after_move)
        self.outline.hidden_rows_changed.connect(self._reselect_hidden)
        self.selectionModel().selectionChanged.connect(self._on_selection)
        self.activated.connect(self._on_activated)
        document.selection_changed.connect(self._on_document_selection)
        for key in (OBJECTIVES, DEPARTMENTS, PHASES):
            self.expand(self.outline.index_of(key))

    def _action(self, text: str, shortcut: str, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- selection --------------------------------------------------------------------------

    def selected_keys(self) -> list[Key]:
        rows = self.selectionModel().selectedRows(0)
        return [k for k in (self.outline.key(i) for i in rows) if k is not None]

    def _on_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._syncing:
            return
        current = self.outline.key(self.currentIndex())
        keys = self.selected_keys()
        if not keys:
            return
        kind = current[0] if current is not None and current in keys else keys[0][0]
        if kind == "group":
            return
        ids = [k[1] for k in keys if k[0] == kind]
        self._syncing = True
        try:
            self.document.select(kind, ids)
        finally:
            self._syncing = False

    def _on_document_selection(self, kind: str, ids: list[int]) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.select_keys([(kind, i) for i in ids[:MAX_SYNCED]])
        finally:
            self._syncing = False

    def select_keys(self, keys: list[Key]) -> None:
        selection = QItemSelection()
        first = QModelIndex()
        for key in keys:
            index = self.outline.index_of(key)
            if not index.isValid():
                continue
            selection.select(index, index.siblingAtColumn(1))
            parent = index.parent()
            if parent.isValid() and not self.isExpanded(parent):
                self.expand(parent)
            first = first if first.isValid() else index
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if first.isValid():
            self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(first)

    def _reselect_after_move(self, parent: QModelIndex, first: int, last: int) -> None:
        # Wishes dragged to another phase are new rows there: keep them selected.
        kind, ids = self.document.selection
        if kind == "demand" and not self._syncing:
            self._on_document_selection(kind, ids)

    def _reselect_hidden(self) -> None:
        # Selected wishes moved into a phase whose rows the view has not got yet: selecting
        # them again opens that phase, as for any other move.
        self._reselect_after_move(QModelIndex(), 0, 0)

    def _on_activated(self, index: QModelIndex) -> None:
        key = self.outline.key(index)
        if key == PLAN:
            self.settings_requested.emit()
        elif key is not None and key[0] == "group":
            self.group_chosen.emit(key[1])

    # --- expansion across resets ------------------------------------------------------------------

    def _remember_expanded(self) -> None:
        self._expanded = set()
        for key in (OBJECTIVES, DEPARTMENTS, PHASES, BACKLOG):
            index = self.outline.index_of(key)
            if self.isExpanded(index):
                self._expanded.add(key)
                if key == PHASES:
                    for row in range(self.outline.rowCount(index)):
                        child = self.outline.index(row, 0, index)
                        if self.isExpanded(child):
                            self._expanded.add(self.outline.key(child))

    def _restore_expanded(self) -> None:
        for key in self._expanded:
            self.expand(self.outline.index_of(key))

    # --- editing ---------------------------------------------------------------------------------

    def _show_error(self, key: Key | None, message: str) -> None:
        index = self.outline.index_of(key) if key is not None else QModelIndex()
        rect = self.visualRect(index) if index.isValid() else self.viewport().rect()
        self.error_popup.show_at(self.viewport(), rect, message)

    def _push(self, command: Command) -> bool:
        try:
            self.document.push(command)
        except PlanError as exc:
            self._show_error(self.outline.key(self.currentIndex()), str(exc))
            return False
        return True

    def add_here(self) -> None:
        """Insert: a wish in the current phase or the backlog, or a record of the current
        group's kind. The new record's name is edited at once."""
        key = self.outline.key(self.currentIndex())
        if key is None or self.document.read_only:
            return
        index = self.document.index
        if key[0] == "demand":
            demand = self.document.store.get(Demand, key[1])
            key = BACKLOG if demand.phase_id is None else ("phase", demand.phase_id)
        if key[0] == "phase" or key == BACKLOG:
            if not index.departments:
                self._show_error(key, _("Add a department first: every wish comes from one."))
                return
            values = {"title": _("New wish"), "department_id": index.departments[0].id}
            values["phase_id"] = key[1] if key[0] == "phase" else None
            command = CreateRow(Demand, values)
            kind = "demand"
        elif key in (PHASES, OBJECTIVES, DEPARTMENTS) or key[0] in ("objective", "department"):
            kind = {PHASES: "phase", OBJECTIVES: "objective", DEPARTMENTS: "department"}.get(
                key, key[0]
            )
            command = self._new_record(kind)
        else:
            return
        if self._push(command) and command.row_id is not None:
            new = self.outline.index_of((kind, command.row_id))
            self.setCurrentIndex(new)
            self.edit(new)

    def _new_record(self, kind: str) -> CreateRow:
        if kind == "phase":
            return CreateRow(Phase, new_phase_values(self.document))
        if kind == "department":
            return CreateRow(Department, new_department_values(self.document))
        return CreateRow(Objective, {"title": _("New objective")})

    def delete_selected(self) -> None:
        keys = [k for k in self.selected_keys() if k[0] in _MODELS]
        if not keys or self.document.read_only:
            return
        kind = keys[0][0]
        ids = [k[1] for k in keys if k[0] == kind]
        if kind == "department":
            from ui.tables.department_page import ask_reassign

            command = ask_reassign(self, self.document, ids)
            if command is not None:
                self._push(command)
            return
        self._push(DeleteRows(_MODELS[kind], ids))

    # --- context menu -------------------------------------------------------------------------

    def _context_menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        key = self.outline.key(index)
        if key is None:
            return
        menu = QMenu(self)
        writable = not self.document.read_only
        if key == PLAN:
            menu.addAction(_("Plan settings…"), self.settings_requested.emit)
        if key[0] == "phase" or key in (BACKLOG, PHASES, OBJECTIVES, DEPARTMENTS):
            menu.addAction(self.insert_action)
        if key[0] == "demand":
            demand = self.document.store.find(Demand, key[1])
            if demand is not None and demand.phase_id is not None:
                ids = [k[1] for k in self.selected_keys() if k[0] == "demand"] or [key[1]]
                menu.addAction(
                    _("Move to the backlog"), lambda: self._push(MoveDemands(ids, None))
                ).setEnabled(writable)
        if key[0] == "phase":
            split = menu.addAction(_("Split phase"), lambda: self._push(SplitPhase(key[1])))
            split.setEnabled(writable)
        if key[0] in _MODELS:
            menu.addSeparator()
            rename = menu.addAction(_("Rename"), lambda: self.edit(index.siblingAtColumn(0)))
            rename.setShortcut(QKeySequence("F2"))
            rename.setEnabled(writable)
            menu.addAction(self.delete_action)
        menu.exec(self.viewport().mapToGlobal(position))
