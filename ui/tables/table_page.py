"""A page of the central area: a toolbar (add, delete, filter), the table, and a summary.
Insert adds a record and starts editing it; Delete deletes the selected ones (undoable, so
no "are you sure"); the selection is shared with the outline and the other views."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.commands import Command, CreateRow
from planner.errors import PlanError
from planner.i18n import N_, _, ngettext
from ui.document import PlanDocument
from ui.models.record_filter_proxy import RecordFilterProxy
from ui.models.record_table_model import RecordTableModel
from ui.tables.record_table_view import RecordTableView


def count_text(noun: str, n: int) -> str:
    """"{count} wishes" for the table's kind of record, with the language's plural forms."""
    forms = {
        "wish": lambda: ngettext("{count} wish", "{count} wishes", n),
        "phase": lambda: ngettext("{count} phase", "{count} phases", n),
        "department": lambda: ngettext("{count} department", "{count} departments", n),
        "objective": lambda: ngettext("{count} objective", "{count} objectives", n),
        "milestone": lambda: ngettext("{count} milestone", "{count} milestones", n),
        "activity": lambda: ngettext("{count} activity", "{count} activities", n),
    }
    return forms[noun]() if noun in forms else "{count} " + noun


# One message per kind of record rather than "Add {noun}": a noun glued into a sentence
# reads wrong where the verb comes last or the noun must be capitalised ("Wens toevoegen",
# not "wens toevoegen"; Finnish had to write "Lisää: toive").
_ADD_TEXTS = {
    "wish": N_("Add wish"),
    "phase": N_("Add phase"),
    "department": N_("Add department"),
    "objective": N_("Add objective"),
    "milestone": N_("Add milestone"),
    "activity": N_("Add activity"),
}


def add_text(noun: str) -> str:
    """The add button's text for the table's kind of record: 'Add wish'."""
    if noun in _ADD_TEXTS:
        return _(_ADD_TEXTS[noun])
    return _("Add {noun}").format(noun=_(noun))


class TablePage(QWidget):
    def __init__(
        self,
        document: PlanDocument,
        model: RecordTableModel,
        noun: str,
        plural: str,
        text_fields: tuple[str, ...] = ("title",),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.model = model
        self.noun, self.plural = noun, plural
        self.setObjectName(f"page-{model.kind}")
        model.setParent(self)  # the page owns its model and proxy (and Qt deletes them with it)
        self.proxy = RecordFilterProxy(model, text_fields, self)
        self.view = RecordTableView(document, self.proxy, self)
        self._syncing = False

        new_icon, trash_icon = (
            QStyle.StandardPixmap.SP_FileDialogNewFolder,
            QStyle.StandardPixmap.SP_TrashIcon,
        )
        self.add_action = self._action(
            add_text(noun), "Insert", new_icon, self.add_record
        )
        self.delete_action = self._action(_("Delete"), "Delete", trash_icon, self.delete_selected)
        self.delete_action.setToolTip(
            _("Delete the selected {plural} (Delete)").format(plural=_(plural))
        )
        self.find_action = self._action(
            _("Filter {plural}").format(plural=_(plural)),
            QKeySequence.StandardKey.Find,
            None,
            self.focus_filter,
        )

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_('Filter {plural}…').format(plural=_(plural)))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Filter {plural}").format(plural=_(plural)))
        self.filter_edit.textChanged.connect(self.proxy.set_text_filter)
        self.filter_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 22)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")

        # Top: add, delete, the text filter, the summary. Pages with more filters put them on
        # a second row (`filter_bar`), so the window can still be narrow.
        self.top_bar = QHBoxLayout()
        self.top_bar.setContentsMargins(6, 4, 6, 4)
        for action in (self.add_action, self.delete_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            self.top_bar.addWidget(button)
        self.top_bar.addSpacing(12)
        self.top_bar.addWidget(self.filter_edit, 1)
        self.top_bar.addStretch(1)
        self.top_bar.addWidget(self.summary)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setContentsMargins(6, 0, 6, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.top_bar)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self.setTabOrder(self.view, self.filter_edit)

        self._summary_timer = QTimer(self, singleShot=True, interval=0)
        self._summary_timer.timeout.connect(self.update_summary)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._summary_timer.start)
        document.changed.connect(self._summary_timer.start)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        document.selection_changed.connect(self._on_document_selection)
        self.update_summary()
        self._update_actions()

    def _action(self, text: str, shortcut: Any, icon: Any, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- filters ---------------------------------------------------------------------------

    def filter_context(self) -> dict[str, Any]:
        """Field values a new record takes from the filters (one value each)."""
        context: dict[str, Any] = {}
        for field in ("department_id", "phase_id", "priority", "kind"):
            values = self.proxy.field_filter(field)
            if values is not None and len(values) == 1:
                context[field] = next(iter(values))
        return context

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def clear_filters(self) -> None:
        self.filter_edit.clear()
        self.proxy.clear_filters()

    def update_summary(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        # Translators: a table's row count while a filter hides some rows: "3 of 73".
        count = _("{shown} of {total}").format(shown=shown, total=total) if shown != total \
            else f"{total}"
        self.summary.setText(count_text(self.noun, total).format(count=count))

    # --- add, delete --------------------------------------------------------------------------

    def add_record(self) -> None:
        try:
            command = self.model.create_command(self.filter_context())
            self.document.push(command)
        except PlanError as exc:
            self.view.show_error(-1, -1, str(exc))
            return
        row_id = command.row_id if isinstance(command, CreateRow) else None
        if row_id is None:
            return
        if self.view.select_ids([row_id]) == 0:
            self.clear_filters()  # the filters hide it; show it rather than lose it
            self.view.select_ids([row_id])
        row = self.proxy.proxy_row_of(row_id)
        if row is not None:
            first_editable = next(i for i, c in enumerate(self.model.columns) if c.is_editable)
            index = self.proxy.index(row, first_editable)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def delete_selected(self) -> None:
        ids = self.view.selected_ids()
        if not ids:
            return
        command = self.delete_command(ids)
        if command is None:
            return
        try:
            self.document.push(command)
        except PlanError as exc:
            QMessageBox.warning(self, command.label, str(exc))

    def delete_command(self, ids: list[int]) -> Command | None:
        return self.model.delete_command(ids)

    def _update_actions(self) -> None:
        writable = not self.document.read_only
        self.add_action.setEnabled(writable)
        self.delete_action.setEnabled(writable and bool(self.view.selectionModel().hasSelection()))

    # --- shared selection -----------------------------------------------------------------------

    def _on_view_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._update_actions()
        if self._syncing:
            return
        ids = self.view.selected_ids()
        if ids:
            self._syncing = True
            try:
                self.document.select(self.model.kind, ids)
            finally:
                self._syncing = False

    def _on_document_selection(self, kind: str, ids: list[int]) -> None:
        if self._syncing or kind != self.model.kind:
            return
        self._syncing = True
        try:
            if self.view.select_ids(ids) < len(ids) and self.proxy.is_filtered:
                self.clear_filters()  # e.g. a warning's subject the filters hide
                self.view.select_ids(ids)
        finally:
            self._syncing = False

    def show_record(self, row_id: int) -> None:
        self.document.select(self.model.kind, [row_id])
