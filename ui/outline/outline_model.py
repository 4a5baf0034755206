"""The outline as a tree model: the plan (its vision), objectives, departments, phases with
their wishes, and the backlog. Two columns: the name, and a short detail (effort, weeks)
with the mark of the worst open warning.

Every node is a key (kind, id). An index's internal id names its parent: 0 for the top
level, 1–4 for the four groups, `phase_id << 3 | 5` for a phase. After an edit the children
lists are rebuilt from the PlanIndex and each parent is synced with fine-grained signals
(ui/outline/tree_sync.py), so the tree keeps what is expanded and selected.

A phase's wishes are shown to the view only once it asks for them (Qt's canFetchMore /
fetchMore, when the phase is expanded or a wish in it is looked up): until then the phase has
children but no rows, and a wish moving between collapsed phases changes no rows at all — so
the tree is not laid out and repainted anew for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from planner.changes import RowChange
from planner.commands import MoveDemands, UpdateRow
from planner.errors import PlanError
from planner.i18n import _
from planner.i18n.formats import Local, local_number
from planner.model import Demand, Department, Objective, Phase, Plan
from planner.queries import duration_weeks
from ui import theme
from ui.document import PlanDocument
from ui.guard import guarded
from ui.models import mime
from ui.outline.tree_sync import sync_children

Key = tuple[str, Any]
Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 10

PLAN: Key = ("plan", 1)
OBJECTIVES: Key = ("group", "objectives")
DEPARTMENTS: Key = ("group", "departments")
PHASES: Key = ("group", "phases")
BACKLOG: Key = ("group", "backlog")
TOP: list[Key] = [PLAN, OBJECTIVES, DEPARTMENTS, PHASES, BACKLOG]
_GROUP_CODES = {OBJECTIVES: 1, DEPARTMENTS: 2, PHASES: 3, BACKLOG: 4}
_CODE_GROUPS = {code: key for key, code in _GROUP_CODES.items()}
_RECORDS = {
    "plan": Plan,
    "objective": Objective,
    "department": Department,
    "phase": Phase,
    "demand": Demand,
}
_NAME_FIELD = {
    "plan": "title",
    "objective": "title",
    "department": "name",
    "phase": "title",
    "demand": "title",
}
# Past this many keys added or removed in one edit, a reset is cheaper than the steps.
RESET_THRESHOLD = 2000

_READ_ONLY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ROOT_FLAGS = {False: Qt.ItemFlag.ItemIsDropEnabled, True: Qt.ItemFlag.NoItemFlags}


def _editable_flags() -> dict[tuple[str, bool], Qt.ItemFlag]:
    """(kind, first column) -> flags of a writable plan's rows (names are edited in place,
    wishes are dragged, phases and the backlog take drops)."""
    out = {}
    for kind in (*_NAME_FIELD, "group", "backlog"):
        for first in (True, False):
            flags = _READ_ONLY_FLAGS
            if first and kind in _NAME_FIELD:
                flags |= Qt.ItemFlag.ItemIsEditable
            if kind == "demand":
                flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
            if kind in ("phase", "backlog"):
                flags |= Qt.ItemFlag.ItemIsDropEnabled
            out[(kind, first)] = flags
    return out


_FLAGS = _editable_flags()
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def code_of(key: Key | None) -> int:
    """The internal id of the children of `key`."""
    if key is None:
        return 0
    if key[0] == "phase":
        return key[1] << 3 | 5
    return _GROUP_CODES.get(key, -1)


def key_of_code(code: int) -> Key | None:
    if code == 0:
        return None
    if code & 7 == 5:
        return ("phase", code >> 3)
    return _CODE_GROUPS[code]


class OutlineModel(QAbstractItemModel):
    """`edit_failed(key, message)` when a rename was refused."""

    edit_failed = Signal(object, str)
    hidden_rows_changed = Signal()  # the wishes of a phase not shown yet changed

    def __init__(self, document: PlanDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self._children: dict[int, list[Key]] = {}
        self._rows: dict[int, dict[Key, int]] = {}
        self._fetched: set[int] = set()  # phase codes whose wishes the view has been given
        self._syncing = False
        self._children = self._structure()
        self._marks = self._current_marks()
        document.changed.connect(self._on_changed)
        document.warnings.updated.connect(self._on_warnings)

    # --- structure --------------------------------------------------------------------------

    def _structure(self) -> dict[int, list[Key]]:
        index = self.document.index
        children: dict[int, list[Key]] = {
            0: list(TOP),
            1: [("objective", o.id) for o in index.objectives],
            2: [("department", d.id) for d in index.departments],
            3: [("phase", p.id) for p in index.phases],
            4: [("demand", d.id) for d in index.demands(None)],
        }
        for phase in index.phases:
            children[code_of(("phase", phase.id))] = [
                ("demand", d.id) for d in index.demands(phase.id)
            ]
        return children

    def _store(self, code: int, keys: list[Key]) -> None:
        self._children[code] = keys
        self._rows.pop(code, None)

    def _row(self, code: int, key: Key) -> int | None:
        rows = self._rows.get(code)
        if rows is None:
            rows = self._rows[code] = {k: i for i, k in enumerate(self._children.get(code, []))}
        return rows.get(key)

    def parent_key(self, key: Key) -> Key | None:
        kind = key[0]
        if kind in ("plan", "group"):
            return None
        if kind == "objective":
            return OBJECTIVES
        if kind == "department":
            return DEPARTMENTS
        if kind == "phase":
            return PHASES
        demand = self.document.store.find(Demand, key[1])
        if demand is None:
            return None
        return BACKLOG if demand.phase_id is None else ("phase", demand.phase_id)

    def key(self, index: Index) -> Key | None:
        if not index.isValid():
            return None
        return self._children[index.internalId()][index.row()]

    def index_of(self, key: Key) -> QModelIndex:
        """The index of `key`, giving the view its phase's wishes first if need be."""
        code = code_of(self.parent_key(key)) if key not in TOP else 0
        if code & 7 == 5 and code not in self._fetched:
            parent = self.index_of(key_of_code(code))  # type: ignore[arg-type]
            if parent.isValid():
                self.fetchMore(parent)
        return self._shown_index(key, code)

    def _shown_index(self, key: Key, code: int | None = None) -> QModelIndex:
        """The index of `key` if the view has its row (for repaints: no fetching)."""
        if code is None:
            code = code_of(self.parent_key(key)) if key not in TOP else 0
        if code & 7 == 5 and code not in self._fetched:
            return QModelIndex()
        row = self._row(code, key)
        return QModelIndex() if row is None else self.createIndex(row, 0, code)

    def _shown(self, code: int) -> int:
        """How many of the children of `code` the view has."""
        if code & 7 == 5 and code not in self._fetched:
            return 0
        return len(self._children.get(code, ()))

    # --- QAbstractItemModel ----------------------------------------------------------------

    @guarded()
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        code = code_of(self.key(parent)) if parent.isValid() else 0
        if not 0 <= row < self._shown(code) or not 0 <= column < 2:
            return QModelIndex()
        return self.createIndex(row, column, code)

    @guarded()
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_key = key_of_code(index.internalId())
        if parent_key is None:
            return QModelIndex()
        grand = 0 if parent_key in TOP else code_of(PHASES)
        row = self._row(grand, parent_key)
        return QModelIndex() if row is None else self.createIndex(row, 0, grand)

    @guarded()
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            if parent.column() != 0:
                return 0
            key = self.key(parent)
            if key is None or (key[0] != "phase" and key not in _GROUP_CODES):
                return 0
            return self._shown(code_of(key))
        return len(TOP)

    @guarded()
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 2

    @guarded()
    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        key = self.key(parent) if parent.isValid() else None
        if key is not None and key[0] == "phase" and parent.column() == 0:
            return bool(self._children.get(code_of(key)))  # shown or not yet
        return self.rowCount(parent) > 0

    @guarded()
    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        key = self.key(parent) if parent.isValid() else None
        if key is None or key[0] != "phase" or parent.column() != 0 or self._syncing:
            return False
        code = code_of(key)
        return code not in self._fetched and bool(self._children.get(code))

    @guarded()
    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        code = code_of(self.key(parent))
        self.beginInsertRows(parent, 0, len(self._children[code]) - 1)
        self._fetched.add(code)
        self.endInsertRows()

    @guarded()
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.key(index)
        if key is None:
            return None
        return self._key_data(key, index.column(), role)

    @guarded()
    def multiData(self, index: Index, span: QModelRoleDataSpan) -> None:  # noqa: N802
        """All the roles a view paints a row with, in one call (not one per role)."""
        key = self.key(index)
        column = index.column()
        for role_data in span:
            # Views reuse the span from row to row: every role is set or cleared.
            value = self._key_data(key, column, role_data.role()) if key is not None else None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _key_data(self, key: Key, column: int, role: int) -> Any:
        if role == KEY_ROLE:
            return key
        if column == 1:
            return self._detail_data(key, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._name(key)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatch(key)
        if role == Qt.ItemDataRole.FontRole and key[0] in ("group", "plan"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key)
        return None

    def _record(self, key: Key) -> Any:
        model = _RECORDS.get(key[0])
        return None if model is None else self.document.store.find(model, key[1])

    # Counts and totals come from the tree's own lists, not the PlanIndex: re-estimating a
    # wish then costs no rebuild of the index.
    def _name(self, key: Key) -> str:
        if key in _GROUP_CODES:
            title = {
                OBJECTIVES: _("Objectives"),
                DEPARTMENTS: _("Departments"),
                PHASES: _("Phases"),
            }.get(key) or _("Backlog")
            count = len(self._children.get(_GROUP_CODES[key], []))
            # Translators: an outline group and how many records it holds: "Phases (7)".
            return _("{group} ({count})").format(group=title, count=count)
        record = self._record(key)
        if record is None:
            return ""
        name = getattr(record, _NAME_FIELD[key[0]])
        return name

    def _effort(self, code: int) -> float:
        find = self.document.store.find
        return sum(getattr(find(Demand, k[1]), "effort", 0.0) for k in self._children.get(code, []))

    def _detail(self, key: Key) -> str:
        if key == BACKLOG:
            return _("{days} pd").format(days=local_number(self._effort(4), ",.0f"))
        record = self._record(key)
        if record is None:
            return ""
        if key[0] == "demand":
            return _("{days} pd").format(days=local_number(record.effort))
        if key[0] == "phase":
            weeks = duration_weeks(record, self.document.store.plan.working_days)
            days = local_number(self._effort(code_of(key)), ",.0f")
            if weeks is None:
                return _("{days} pd").format(days=days)
            # Translators: a phase's length and effort in the outline: "4 wk · 39 pd" (one
            # message, not two pieces: the pseudo-language showed "[4 wk · ~][39 pd ~]").
            return _("{weeks} wk · {days} pd").format(weeks=local_number(weeks), days=days)
        if key[0] == "department":
            return f"{local_number(record.capacity)} " + _("pd/wk")
        return ""

    def _detail_data(self, key: Key, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._detail(key)
        if role == Qt.ItemDataRole.DecorationRole:
            severity = (
                self.document.warnings.severity_of(key[0], key[1]) if key[0] != "group" else None
            )
            return theme.severity_icon(severity) if severity is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key)
        return None

    def _swatch(self, key: Key) -> Any:
        record = self._record(key)
        if key[0] == "department" and record is not None:
            return theme.swatch_icon(record.colour)
        if key[0] == "demand" and record is not None:
            department = self.document.store.find(Department, record.department_id)
            return theme.swatch_icon(department.colour) if department else None
        return None

    def _tooltip(self, key: Key) -> str | None:
        lines: list[str] = []
        record = self._record(key)
        if key == PLAN and record is not None and record.vision:
            lines.append(record.vision)
        elif key[0] == "phase" and record is not None and record.goal:
            lines.append(record.goal)
        elif key[0] == "demand" and record is not None:
            department = self.document.store.find(Department, record.department_id)
            where = department.name if department else ""
            lines.append(
                _("{title}\n{where}, {effort:g} person-days").format(
                    title=record.title, where=where, effort=Local(record.effort)
                )
            )
        if key[0] != "group":
            lines += [
                f"• {w.message}"
                for w in self.document.warnings.for_subject(*key)
                if not w.dismissed
            ]
        return "\n".join(lines) or None

    @guarded()
    def flags(self, index: Index) -> Qt.ItemFlag:
        # Called for every row each time the view lays the tree out: a table lookup, no enum
        # arithmetic (Python's enum `|` costs more than the rest of the call).
        if not index.isValid():
            return _ROOT_FLAGS[self.document.read_only]
        key = self._children[index.internalId()][index.row()]
        if self.document.read_only:
            return _READ_ONLY_FLAGS
        kind = "backlog" if key == BACKLOG else key[0]
        return _FLAGS.get((kind, index.column() == 0), _READ_ONLY_FLAGS)

    @guarded()
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        key = self.key(index)
        if key is None or role != Qt.ItemDataRole.EditRole or key[0] not in _NAME_FIELD:
            return False
        field = _NAME_FIELD[key[0]]
        if getattr(self._record(key), field) == value:
            return False
        try:
            self.document.push(
                UpdateRow(_RECORDS[key[0]], key[1], {field: value}, label=_("Rename"))
            )
        except PlanError as exc:
            self.edit_failed.emit(key, str(exc))
            return False
        return True

    # --- drag and drop -------------------------------------------------------------------------

    @guarded()
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    @guarded()
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    @guarded()
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [mime.DEMAND_IDS]

    @guarded()
    def mimeData(self, indexes: list) -> QMimeData:  # noqa: N802
        keys = dict.fromkeys(self.key(i) for i in indexes if i.isValid())
        return mime.encode([k[1] for k in keys if k is not None and k[0] == "demand"])

    def drop_target(self, row: int, parent: Index) -> tuple[bool, int | None, int | None]:
        """(accepted, phase id or None for the backlog, the wish to put them before)."""
        key = self.key(parent)
        if key is None:
            return False, None, None
        if key[0] == "demand":  # onto a wish: into its phase, just before it
            demand = self.document.store.find(Demand, key[1])
            return demand is not None, getattr(demand, "phase_id", None), key[1]
        if key[0] == "phase" or key == BACKLOG:
            phase_id = key[1] if key[0] == "phase" else None
            children = self._children.get(code_of(key), [])
            before = children[row][1] if 0 <= row < len(children) else None
            return True, phase_id, before
        return False, None, None

    @guarded()
    def canDropMimeData(self, data: QMimeData, action, row, column, parent: Index) -> bool:  # noqa: ANN001, N802
        if self.document.read_only or not mime.decode(data):
            return False
        return self.drop_target(row, parent)[0]

    @guarded()
    def dropMimeData(self, data: QMimeData, action, row, column, parent: Index) -> bool:  # noqa: ANN001, N802
        ids = mime.decode(data)
        accepted, phase_id, before = self.drop_target(row, parent)
        if not accepted or not ids or before in ids:
            return False
        try:
            self.document.push(MoveDemands(ids, phase_id, before_id=before))
        except PlanError as exc:
            self.edit_failed.emit(self.key(parent), str(exc))
            return False
        return True

    # --- following the plan --------------------------------------------------------------------

    def _children_of(self, code: int) -> list[Key]:
        """The children `code` should have now, from the plan's index."""
        index = self.document.index
        if code == 1:
            return [("objective", o.id) for o in index.objectives]
        if code == 2:
            return [("department", d.id) for d in index.departments]
        if code == 3:
            return [("phase", p.id) for p in index.phases]
        phase_id = None if code == 4 else code >> 3
        return [("demand", d.id) for d in index.demands(phase_id)]

    def _affected(self, changes: list[RowChange]) -> set[int] | None:
        """The parents whose children may have changed (codes), or None for "too many to
        follow step by step". Only inserts, deletes and moves (phase, position) matter:
        renaming or re-estimating a wish changes no structure at all."""
        codes: set[int] = set()
        groups = {Objective: 1, Department: 2, Phase: 3}
        for change in changes:
            model = change.model
            if model not in (Demand, Phase, Department, Objective):
                continue
            if change.kind == "update" and not {"phase_id", "position"} & set(change.after or {}):
                continue
            if model is not Demand:
                codes.add(groups[model])
                continue
            phases = {
                snapshot["phase_id"]
                for snapshot in (change.before, change.after)
                if snapshot and "phase_id" in snapshot
            }
            if not phases:  # reordered within its phase
                demand = self.document.store.find(Demand, change.row_id)
                phases = {demand.phase_id} if demand is not None else set()
            codes.update(4 if p is None else code_of(("phase", p)) for p in phases)
        return None if len(codes) > RESET_THRESHOLD else codes

    def _on_changed(self, changes: list[RowChange]) -> None:
        # Nothing is fetched while the rows are being synced: a listener reacting to one of
        # the row signals must not start another insertion inside it.
        self._syncing = True
        try:
            hidden = self._follow(changes)
        finally:
            self._syncing = False
        if hidden:
            self.hidden_rows_changed.emit()

    def _follow(self, changes: list[RowChange]) -> bool:
        """Sync the rows; True when wishes of phases the view has no rows for yet changed."""
        affected = self._affected(changes) if len(changes) <= RESET_THRESHOLD else None
        if affected is None:
            self.beginResetModel()
            self._children, self._rows = self._structure(), {}
            self._fetched = set()
            self.endResetModel()
            self._marks = self._current_marks()
            return False
        phases_code = code_of(PHASES)

        def prepare(keys: list[Key]) -> None:
            # A phase about to appear brings its wishes along.
            for key in keys:
                if key[0] == "phase":
                    self._store(code_of(key), self._children_of(code_of(key)))

        for code in (1, 2, 3, 4):
            if code in affected:
                parent = self.createIndex(TOP.index(_CODE_GROUPS[code]), 0, 0)
                new = self._children_of(code)
                sync_children(self, parent, code, self._children[code], new, self._store, prepare)
        live = set(self._children[phases_code])
        for code in [c for c in self._children if c & 7 == 5 and key_of_code(c) not in live]:
            del self._children[code]  # phases gone with their rows
            self._rows.pop(code, None)
        self._fetched &= {c for c in self._children if c & 7 == 5}
        hidden = False
        for code in sorted(c for c in affected if c & 7 == 5 and c in self._children):
            row = self._row(phases_code, key_of_code(code))
            parent = self.createIndex(row, 0, phases_code)
            new = self._children_of(code)
            if code in self._fetched:
                sync_children(self, parent, code, self._children[code], new, self._store)
            elif new != self._children[code]:
                had = bool(self._children[code])
                self._store(code, new)
                hidden = True
                if had != bool(new):  # the expand arrow comes or goes
                    self.dataChanged.emit(parent, parent)
        self._refresh(changes)
        return hidden

    def _refresh(self, changes: list[RowChange]) -> None:
        """Repaint what may show differently: changed records, counts, effort totals."""
        for row in range(len(TOP)):
            self.dataChanged.emit(self.createIndex(row, 0, 0), self.createIndex(row, 1, 0))
        models = {c.model for c in changes}
        touched = {(c.model.__tablename__, c.row_id) for c in changes if c.kind == "update"}
        for key in touched:
            if key[0] in _RECORDS and key[0] != "plan":
                index = self._shown_index(key)
                if index.isValid():
                    self.dataChanged.emit(index, index.siblingAtColumn(1))
        if Plan in models:  # a phase shows its weeks (working days) and effort
            self._refresh_children(code_of(PHASES), column=1)
        elif Demand in models:  # the effort of the phases the wishes left or joined
            self._refresh_phases(self._phases_of([c for c in changes if c.model is Demand]))
        if Department in models:  # wishes show their department's colour
            for code in list(self._children):
                if code == 4 or code & 7 == 5:
                    self._refresh_children(code)

    def _refresh_children(self, code: int, column: int = 0) -> None:
        count = self._shown(code)
        if count:
            last = self.createIndex(count - 1, 1, code)
            self.dataChanged.emit(self.createIndex(0, column, code), last)

    def _phases_of(self, changes: list[RowChange]) -> set[int]:
        """The phases the changed wishes were in or are in now."""
        phases: set[int] = set()
        find = self.document.store.find
        for change in changes:
            for snapshot in (change.before, change.after):
                if snapshot and snapshot.get("phase_id") is not None:
                    phases.add(snapshot["phase_id"])
            demand = find(Demand, change.row_id)
            if demand is not None and demand.phase_id is not None:
                phases.add(demand.phase_id)
        return phases

    def _refresh_phases(self, phase_ids: set[int]) -> None:
        """Repaint the detail column (weeks, effort) of some phases: only that column, since
        a range over the first one makes the view re-ask every row whether it has children."""
        code = code_of(PHASES)
        for phase_id in phase_ids:
            row = self._row(code, ("phase", phase_id))
            if row is not None:
                index = self.createIndex(row, 1, code)
                self.dataChanged.emit(index, index)

    def _current_marks(self) -> dict[Key, tuple]:
        source = self.document.warnings
        return {
            (kind, row_id): found
            for kind in ("plan", "objective", "department", "phase", "demand")
            for row_id, found in source.marks(kind).items()
        }

    def _on_warnings(self) -> None:
        """Repaint the marks of the records whose warnings changed, not all 10 000."""
        changed_subjects = self.document.warnings.changed_subjects
        if changed_subjects is None:  # everything was redone: compare with what is shown
            marks = self._current_marks()
            old = self._marks
            changed = {k for k in marks.keys() | old.keys() if marks.get(k) != old.get(k)}
            self._marks = marks
        else:
            changed = set(changed_subjects)
            source = self.document.warnings
            for key in changed:  # keep the copy current for the next full redo
                found = source.marks(key[0]).get(key[1])
                if found:
                    self._marks[key] = found
                else:
                    self._marks.pop(key, None)
        roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole]
        for key in changed:
            index = self._shown_index(key) if key[0] in _RECORDS else QModelIndex()
            if index.isValid():
                mark = index.siblingAtColumn(1)
                self.dataChanged.emit(index, mark, roles)
