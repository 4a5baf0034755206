"""The Baselines panel: the plan's baselines (name, when, phases, planned effort; unreadable
ones listed as such), with take, rename and delete (each one undoable), "show on the Gantt"
and "compare" with the plan now."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.baseline import (
    DeleteBaseline,
    RenameBaseline,
    TakeBaseline,
    next_review_name,
    read_snapshot,
)
from planner.errors import PlanError
from planner.i18n import N_, _
from planner.i18n.formats import local_number
from planner.model import Baseline
from ui.guard import guarded

COLUMNS = (N_("Name"), N_("Taken"), N_("Phases"), N_("Planned effort"))
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def take_baseline(document, name: str | None = None, parent: QWidget | None = None) -> bool:  # noqa: ANN001
    """Plan → Take baseline…: ask for a name (default from the next steering review) unless
    given; True if one was taken."""
    if name is None:
        default = next_review_name(document.store, dt.date.today())
        name, ok = QInputDialog.getText(parent, _("Take baseline"),
                                        _("Name of the baseline (what the review will call it):"),
                                        QLineEdit.EchoMode.Normal, default)
        if not ok:
            return False
    try:
        return document.push(TakeBaseline(name))
    except PlanError as exc:
        document.error.emit(exc.message)
        return False


class BaselinesPanel(QWidget):
    """`show_on_gantt(baseline_id or 0)`, `compare_requested(baseline_id)`."""

    show_on_gantt = Signal(int)
    compare_requested = Signal(int)

    def __init__(self, document, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("baselines_panel")
        self.document = document
        self.ghost_id = 0  # the baseline shown on the Gantt, 0 for none
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("baselines_table")
        self.table.setAccessibleName(_("Baselines"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.take_button = QPushButton(_("&Take…"), self)
        self.rename_button = QPushButton(_("&Rename…"), self)
        self.delete_button = QPushButton(_("&Delete"), self)
        self.gantt_button = QPushButton(_("Show on &Gantt"), self)
        self.gantt_button.setCheckable(True)
        self.compare_button = QPushButton(_("&Compare with now"), self)
        buttons = QHBoxLayout()
        for button in (self.take_button, self.rename_button, self.delete_button,
                       self.gantt_button, self.compare_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        self.take_button.clicked.connect(lambda: take_baseline(self.document, parent=self))
        self.rename_button.clicked.connect(lambda: self.rename())
        self.delete_button.clicked.connect(self.delete)
        self.gantt_button.toggled.connect(self._gantt_toggled)
        self.compare_button.clicked.connect(self._compare)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self._compare())
        document.changed.connect(self._on_changed)
        self._stale = True  # filled when first shown (reading snapshots costs on big plans)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self._update_buttons()

    @guarded()
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._timer.start()  # on the next turn: nothing here may raise into Qt

    # --- contents ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        keep = self.current_id()
        rows = sorted(self.document.store.rows(Baseline), key=lambda b: (b.created_at, b.id),
                      reverse=True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            try:
                snapshot = read_snapshot(row)
                cells = [row.name, f"{row.created_at:%Y-%m-%d %H:%M}", str(len(snapshot.phases)),
                         _("{days} pd").format(days=local_number(snapshot.planned_effort))]
                tip = ""
            except PlanError as exc:
                cells = [row.name, f"{row.created_at:%Y-%m-%d %H:%M}", "—", _("cannot be read")]
                tip = exc.message
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row.id)
                if tip:
                    item.setToolTip(tip)
                    item.setForeground(self.palette().placeholderText())
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            if row.id == keep:
                self.table.selectRow(r)
        if self.table.currentRow() < 0 and rows:
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()
        if self.ghost_id and not any(b.id == self.ghost_id for b in rows):
            self.gantt_button.setChecked(False)
        self._update_buttons()

    def current_id(self) -> int | None:
        if self._stale:
            self.refresh()
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 \
            else None
        return item.data(ID_ROLE) if item is not None else None

    def select(self, baseline_id: int) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(ID_ROLE) == baseline_id:
                self.table.selectRow(r)

    def _on_changed(self, changes: list) -> None:
        if any(c.model is Baseline for c in changes):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        writable = not self.document.read_only
        self.take_button.setEnabled(writable)
        self.rename_button.setEnabled(chosen and writable)
        self.delete_button.setEnabled(chosen and writable)
        self.compare_button.setEnabled(chosen)
        self.gantt_button.setEnabled(chosen or self.gantt_button.isChecked())

    # --- actions ----------------------------------------------------------------------------

    def rename(self, name: str | None = None) -> bool:
        baseline_id = self.current_id()
        if baseline_id is None:
            return False
        row = self.document.store.get(Baseline, baseline_id)
        if name is None:
            name, ok = QInputDialog.getText(self, _("Rename baseline"), _("New name:"),
                                            QLineEdit.EchoMode.Normal, row.name)
            if not ok:
                return False
        return self._push(RenameBaseline(baseline_id, name))

    def delete(self) -> bool:
        baseline_id = self.current_id()
        if baseline_id is None:
            return False
        return self._push(DeleteBaseline(baseline_id))  # undo brings it back: no question

    def _push(self, command) -> bool:  # noqa: ANN001
        try:
            return self.document.push(command)
        except PlanError as exc:
            self.document.error.emit(exc.message)
            return False

    def _gantt_toggled(self, on: bool) -> None:
        self.ghost_id = (self.current_id() or 0) if on else 0
        self.gantt_button.setText(_("Hide from &Gantt") if on else _("Show on &Gantt"))
        self.show_on_gantt.emit(self.ghost_id)

    def _compare(self) -> None:
        baseline_id = self.current_id()
        if baseline_id is not None:
            self.compare_requested.emit(baseline_id)
