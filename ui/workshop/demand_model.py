"""Wishes as a list the workshop views show as big cards and drag around: the backlog, one
MoSCoW column of it, or the wishes on one phase's plate.

A thin adapter: rows come from the document's index, sorted as the room needs them; a drop
is handed to the page that owns the list, which turns it into a planner command.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from planner.enums import Priority, label
from planner.i18n import _, ngettext
from planner.i18n.formats import local_number
from planner.model import Demand
from ui.document import PlanDocument
from ui.guard import guarded

MIME = "application/x-rollout-demand-ids"

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
VOTES_ROLE = Qt.ItemDataRole.UserRole + 4

# How the room wants to see a list.
BY_PLAN = "plan"  # the order the wishes have in the plan
BY_VOTES = "votes"  # most dots first
BY_PRIORITY = "priority"  # must before should …, then most dots
BY_NEWEST = "newest"  # the wish just captured on top

DropHandler = Callable[[list[int], int | None], None]  # (demand ids, before this id or None)


def sort_key(order: str) -> Callable[[Demand], tuple]:
    if order == BY_VOTES:
        return lambda d: (-d.votes, d.position, d.id)
    if order == BY_PRIORITY:
        return lambda d: (d.priority.rank, -d.votes, d.position, d.id)
    if order == BY_NEWEST:
        return lambda d: -d.id
    return lambda d: (d.position, d.id)


def effort_text(effort: float) -> str:
    if effort <= 0:
        return _("no estimate")
    days = local_number(effort)
    return ngettext("{days} day", "{days} days", 1 if days == "1" else 2).format(days=days)


def encode_ids(ids: list[int]) -> QMimeData:
    data = QMimeData()
    data.setData(MIME, QByteArray(json.dumps(ids).encode()))
    return data


def decode_ids(data: QMimeData) -> list[int]:
    if not data.hasFormat(MIME):
        return []
    try:
        ids = json.loads(bytes(data.data(MIME).data()).decode())
    except ValueError:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


class DemandListModel(QAbstractListModel):
    def __init__(
        self,
        document: PlanDocument,
        *,
        phase_id: int | None = None,
        priority: Priority | None = None,
        order: str = BY_PLAN,
        where: Callable[[Demand], bool] | None = None,
        parent=None,  # noqa: ANN001
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.phase_id = phase_id
        self.priority = priority
        self.order = order
        self.where = where
        self.drop_handler: DropHandler | None = None
        self._rows: list[Demand] = []
        self._load()
        document.changed.connect(self.refresh)

    # --- contents --------------------------------------------------------------------------

    def set_phase(self, phase_id: int | None) -> None:
        self.phase_id = phase_id
        self.refresh()

    def refresh(self, *_unused: object) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        rows = self.document.index.demands(self.phase_id)
        if self.priority is not None:
            rows = [d for d in rows if d.priority == self.priority]
        if self.where is not None:
            rows = [d for d in rows if self.where(d)]
        self._rows = sorted(rows, key=sort_key(self.order))

    def demand(self, row: int) -> Demand:
        return self._rows[row]

    def ids(self) -> list[int]:
        return [d.id for d in self._rows]

    def row_of(self, demand_id: int) -> int:
        return next((i for i, d in enumerate(self._rows) if d.id == demand_id), -1)

    # --- Qt model API ----------------------------------------------------------------------

    @guarded()
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    @guarded()
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        demand = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return demand.title
        if role == ID_ROLE:
            return demand.id
        if role == VOTES_ROLE:
            return demand.votes
        if role == COLOUR_ROLE:
            department = self._department(demand)
            return department.colour if department else "#888888"
        if role == DETAIL_ROLE:
            return self._detail(demand)
        return None

    def _department(self, demand: Demand):  # noqa: ANN202
        from planner.model import Department

        return self.document.store.find(Department, demand.department_id)

    def _detail(self, demand: Demand) -> str:
        department = self._department(demand)
        parts = [department.name if department else "?", effort_text(demand.effort)]
        if self.priority is None:
            parts.append(label(demand.priority))
        if demand.votes:
            dots = f"{'●' * min(demand.votes, 5)} {demand.votes}"
            # Where the room votes, the dots come first so a narrow card never hides them.
            parts.insert(0 if self.order == BY_VOTES else len(parts), dots)
        return " · ".join(parts)

    @guarded()
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled if self.drop_handler else Qt.ItemFlag.NoItemFlags
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    # --- drag and drop ---------------------------------------------------------------------

    @guarded()
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    @guarded()
    def mimeData(self, indexes) -> QMimeData:  # noqa: N802, ANN001
        ids = list(dict.fromkeys(self._rows[i.row()].id for i in indexes if i.isValid()))
        return encode_ids(ids)

    @guarded()
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    @guarded()
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    @guarded()
    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802, ANN001
        return self.drop_handler is not None and bool(decode_ids(data))

    @guarded()
    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802, ANN001
        ids = decode_ids(data)
        if self.drop_handler is None or not ids or action == Qt.DropAction.IgnoreAction:
            return False
        if parent.isValid():  # dropped onto a card: goes before it
            row = parent.row()
        before = self._rows[row].id if 0 <= row < len(self._rows) else None
        self.drop_handler(ids, before if before not in ids else None)
        # False: the page has already changed the plan; the dragging view must not remove
        # rows itself (the change signal refreshes every list).
        return False
