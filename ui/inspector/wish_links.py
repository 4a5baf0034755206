"""For a wish: what it needs first and what needs it, as check lists (untick to remove a
link), and a box to add something it needs. Each change is one undoable command; a link
that would close a circle is refused with the wishes named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.commands import CreateRow, DeleteRows, Macro
from planner.i18n import _
from planner.model import Demand, Prerequisite
from ui.document import PlanDocument
from ui.inspector.phase_links import LinkPanel, _CheckList


class WishLinks(LinkPanel):
    def __init__(self, document: PlanDocument, demand_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.demand_id = demand_id
        self.needs = _CheckList(_("Needs first"), self)
        self.needed_by = _CheckList(_("Needed by"), self)
        self.needs.setObjectName("wish_needs")
        self.needed_by.setObjectName("wish_needed_by")
        self.choice = QComboBox(self)
        self.choice.setObjectName("wish_needs_choice")
        self.choice.setAccessibleName(_("Wish it needs"))
        self.choice.setEditable(True)
        self.choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_button = QPushButton(_("&Needs it"), self)
        self.add_button.setObjectName("wish_needs_add")
        self.add_button.clicked.connect(self._add)
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.needs)
        layout.addLayout(row)
        layout.addWidget(self.needed_by)
        self.needs.list.itemChanged.connect(lambda item: self._unlink(item, self.needs, True))
        self.needed_by.list.itemChanged.connect(
            lambda item: self._unlink(item, self.needed_by, False)
        )
        self.refresh()

    def refresh(self) -> None:
        store = self.document.store
        links = store.rows(Prerequisite)
        titles = {d.id: d.title for d in store.rows(Demand)}
        writable = not self.document.read_only
        needs = [(titles.get(p.needs_id, f"#{p.needs_id}"), p.id, True) for p in links
                 if p.demand_id == self.demand_id]  # fmt: skip
        needed_by = [(titles.get(p.demand_id, f"#{p.demand_id}"), p.id, True) for p in links
                     if p.needs_id == self.demand_id]  # fmt: skip
        self.needs.fill(needs, writable)
        self.needed_by.fill(needed_by, writable)
        linked = {p.needs_id for p in links if p.demand_id == self.demand_id}
        self.choice.clear()
        for demand_id, title in titles.items():
            if demand_id != self.demand_id and demand_id not in linked:
                self.choice.addItem(title, demand_id)
        self.choice.setCurrentIndex(-1)
        self.choice.setEnabled(writable)
        self.add_button.setEnabled(writable)

    def _add(self) -> None:
        index = self.choice.findText(self.choice.currentText())
        if index < 0:
            return
        needed = self.choice.itemData(index)
        label = _("Needs '{title}' first").format(title=self.choice.itemText(index))
        self._push(Macro(label, [CreateRow(
            Prerequisite, {"demand_id": self.demand_id, "needs_id": needed}
        )]))  # fmt: skip

    def _unlink(self, item: QListWidgetItem, where: _CheckList, needs: bool) -> None:
        if where._filling or item.checkState() == Qt.CheckState.Checked:
            return
        link_id = item.data(Qt.ItemDataRole.UserRole)
        label = (
            _("No longer needs '{title}'") if needs else _("No longer needed by '{title}'")
        ).format(title=item.text())
        self._push(Macro(label, [DeleteRows(Prerequisite, [link_id])]))
