"""For a phase: the objectives it serves and the phases it waits for, as check lists; each
tick is one undoable command."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from planner.commands import Command, CreateRow, DeleteRows, Macro
from planner.errors import PlanError
from planner.i18n import _
from planner.model import Dependency, PhaseObjective
from ui.document import PlanDocument


class _CheckList(QGroupBox):
    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.list)
        self._filling = False

    def fill(self, entries: list[tuple[str, int, bool]], enabled: bool) -> None:
        self._filling = True
        same = [(t, k) for t, k, _unused in entries] == [
            (self.list.item(i).text(), self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
        ]
        if same:  # only ticks changed: update in place (this may run inside itemChanged)
            for i, (_unused, _unused, checked) in enumerate(entries):
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                self.list.item(i).setCheckState(state)
            self._filling = False
            return
        self.list.clear()
        for text, key, checked in entries:
            item = QListWidgetItem(text, self.list)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if enabled:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        rows = max(1, min(len(entries), 6))
        self.list.setFixedHeight(
            self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4
        )
        self._filling = False


class LinkPanel(QWidget):
    """An inspector panel of links; an edit the plan refuses is explained and undone on
    screen (the boxes show the plan again)."""

    document: PlanDocument

    def refresh(self) -> None:
        raise NotImplementedError

    def _push(self, command: Command) -> None:
        try:
            self.document.push(command)
        except PlanError as exc:
            QMessageBox.warning(self, _("Not changed"), str(exc))
            self.refresh()


class PhaseLinks(LinkPanel):
    def __init__(
        self, document: PlanDocument, phase_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.phase_id = phase_id
        self.objectives = _CheckList(_("Objectives it serves"), self)
        self.waits_for = _CheckList(_("Waits for (must end first)"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.objectives)
        layout.addWidget(self.waits_for)
        self.objectives.list.itemChanged.connect(self._objective_toggled)
        self.waits_for.list.itemChanged.connect(self._dependency_toggled)
        self.refresh()

    def refresh(self) -> None:
        index = self.document.index
        served = set(index.objectives_by_phase.get(self.phase_id, []))
        preds = set(index.predecessors.get(self.phase_id, []))
        writable = not self.document.read_only
        self.objectives.fill([(o.title, o.id, o.id in served) for o in index.objectives], writable)
        self.waits_for.fill(
            [
                (f"{n}. {p.title}", p.id, p.id in preds)
                for n, p in enumerate(index.phases, start=1)
                if p.id != self.phase_id
            ],
            writable,
        )

    def _objective_toggled(self, item: QListWidgetItem) -> None:
        if self.objectives._filling:
            return
        objective_id = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked
        label = f"{'Serve' if checked else 'No longer serve'} '{item.text()}'"
        if checked:
            command: Command = CreateRow(
                PhaseObjective, {"phase_id": self.phase_id, "objective_id": objective_id}
            )
        else:
            links = [
                link.id
                for link in self.document.store.rows(PhaseObjective)
                if link.phase_id == self.phase_id and link.objective_id == objective_id
            ]
            command = DeleteRows(PhaseObjective, links)
        self._push(Macro(label, [command]))

    def _dependency_toggled(self, item: QListWidgetItem) -> None:
        if self.waits_for._filling:
            return
        other = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked
        label = (
            _("Wait for '{title}'") if checked else _("No longer wait for '{title}'")
        ).format(title=item.text())
        if checked:
            command: Command = CreateRow(
                Dependency, {"predecessor_id": other, "successor_id": self.phase_id}
            )
        else:
            deps = [
                dep.id
                for dep in self.document.store.rows(Dependency)
                if dep.predecessor_id == other and dep.successor_id == self.phase_id
            ]
            command = DeleteRows(Dependency, deps)
        self._push(Macro(label, [command]))
