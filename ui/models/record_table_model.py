"""The base of every record table: rows are record ids, cells come from the store's
in-memory rows through the column specs (no queries per cell), and the table follows the
document's `changed` signal row by row instead of resetting.

Sorting happens here, on the ids (one Python sort of 10 000 keys), not in a proxy calling
`lessThan` across the Python boundary a hundred thousand times; the filter proxy keeps this
order. Column -1 is the plan's own order (positions).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from planner.changes import RowChange
from planner.commands import Command, CreateRow, DeleteRows, UpdateRow
from planner.errors import PlanError
from planner.i18n import _
from planner.model import Base, Department
from ui import theme
from ui.document import PlanDocument
from ui.guard import guarded
from ui.models import layout
from ui.models.columns import BOOL, COLOUR, DATE, ENUM, INTEGER, NUMBER, REF, Column

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Beyond this many rows inserted or removed in one change, a reset is cheaper than the steps.
RESET_THRESHOLD = 500
_FEW = 20  # rows moved in the plan's order: placed one by one up to this many, else a sort
# Roles as plain ints: comparing with Qt.ItemDataRole members costs an enum lookup each time.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CHECK = int(Qt.ItemDataRole.CheckStateRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Subclasses set `record`, `columns` and `row_flags` and may override `natural_key` and
    `new_record_values`. `edit_failed(row_id, column, message)` when an edit was refused."""

    record: type[Base]
    columns: tuple[Column, ...] = ()
    row_flags = Qt.ItemFlag.NoItemFlags  # added to every cell of a writable plan (drag, drop)
    edit_failed = Signal(int, int, str)

    def __init__(self, document: PlanDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.kind = self.record.__tablename__
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._natural: dict[int, tuple] = {}
        self._in_order = False  # `_ids` sorted in the plan's order (so a row can be bisected in)
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._flags = self._column_flags()
        self._load()
        self._shown_marks: dict[int, tuple] | None = self._marks()
        document.changed.connect(self._on_changed)
        document.warnings.updated.connect(self._on_warnings)

    # --- reading --------------------------------------------------------------------------

    @guarded()
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    @guarded()
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's own index() asks rowCount and columnCount, two calls into Python for each of
        # the thousands of indexes a repaint makes; this is one.
        if 0 <= row < len(self._ids) and 0 <= column < len(self.columns) and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    @guarded()
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, row_id: int) -> int | None:
        return self._row_of.get(row_id)

    def record_at(self, row: int) -> Any:
        return self.document.store.find(self.record, self._ids[row])

    def column_named(self, field: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.field == field)

    @guarded()
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting a cell asks for about eight roles; those this model never answers (font,
        # colours, size) return before any lookup, which keeps scrolling 10 000 rows smooth.
        if role not in _ROLES or not index.isValid():
            return None
        row_id = self._ids[index.row()]
        record = self.document.store.find(self.record, row_id)
        if record is None:  # pragma: no cover - the store and the rows are kept in step
            return None
        return self._role_data(role, index.column(), record, row_id)

    @guarded()
    def multiData(self, index: Index, span: QModelRoleDataSpan) -> None:  # noqa: N802
        """All the roles a view paints a cell with, in one call (Qt's default asks `data`
        once per role: eight calls into Python per cell)."""
        row_id = self._ids[index.row()] if index.isValid() else None
        record = self.document.store.find(self.record, row_id)
        if record is None:
            for role_data in span:
                role_data.clearData()
            return
        position = index.column()
        for role_data in span:
            # Views reuse the span from cell to cell: every role is set or cleared.
            role = role_data.role()
            value = self._role_data(role, position, record, row_id) if role in _ROLES else None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _role_data(self, role: int, position: int, record: Any, row_id: int) -> Any:
        column = self.columns[position]
        if role == _DISPLAY:
            return column.text(self.document, column.value(self.document, record))
        if role == _EDIT:
            return _edit_value(column, column.value(self.document, record))
        if role == ID_ROLE:
            return row_id
        if role == _DECORATION:
            return self._decoration(position, column, record)
        if role == _TOOLTIP:
            return self._tooltip(position, column, record)
        if role == _CHECK and column.kind == BOOL:
            checked = bool(column.value(self.document, record))
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == _ALIGNMENT and column.kind in (NUMBER, INTEGER):
            return _RIGHT
        return None

    def _decoration(self, position: int, column: Column, record: Any) -> Any:
        if position == 0:
            severity = self.document.warnings.severity_of(self.kind, record.id)
            if severity is not None:
                return theme.severity_icon(severity)
        if column.kind == COLOUR:
            return theme.swatch_icon(record.colour)
        if column.kind == REF and column.ref is Department:
            department = self.document.store.find(Department, getattr(record, column.field))
            if department is not None:
                return theme.swatch_icon(department.colour)
        return None

    def _tooltip(self, position: int, column: Column, record: Any) -> str | None:
        if position == 0:
            warnings = self.document.warnings.for_subject(self.kind, record.id)
            lines = [f"• {w.message}" for w in warnings if not w.dismissed]
            if lines:
                return "\n".join(lines)
        if column.tooltip and column.compute is not None:
            return column.tip
        value = column.value(self.document, record)
        text = column.text(self.document, value)
        full = str(value) if isinstance(value, str) else text
        return full if len(full) > 40 or "\n" in full else None

    @guarded()
    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            unit = f" ({column.unit_text()})" if column.unit else ""
            return (column.tip or column.title) + unit
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (NUMBER, INTEGER):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @guarded()
    def flags(self, index: Index) -> Qt.ItemFlag:
        # Asked for every cell painted: a lookup, no enum arithmetic (slow in Python).
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._flags[self.document.read_only][index.column()]

    def _column_flags(self) -> dict[bool, list[Qt.ItemFlag]]:
        """read-only? -> the flags of each column's cells."""
        plain = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        writable = []
        for column in self.columns:
            flags = plain | self.row_flags
            if column.is_editable:
                flags |= (Qt.ItemFlag.ItemIsUserCheckable if column.kind == BOOL
                          else Qt.ItemFlag.ItemIsEditable)
            writable.append(flags)
        return {False: writable, True: [plain] * len(self.columns)}

    # --- editing --------------------------------------------------------------------------

    @guarded()
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == BOOL:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole or not column.is_editable:
            return False
        value = _model_value(column, value)
        row_id = self._ids[index.row()]
        command = UpdateRow(
            self.record, row_id, {column.field: value}, label=edit_label(column, value)
        )
        return self.push_or_report(command, row_id, index.column())

    def push_or_report(self, command: Command, row_id: int = -1, column: int = -1) -> bool:
        """Push a command; a refused one is reported through `edit_failed` and changes
        nothing."""
        try:
            self.document.push(command)
        except PlanError as exc:
            field = getattr(exc, "field", None)
            if field is not None and column < 0:
                column = next((i for i, c in enumerate(self.columns) if c.field == field), -1)
            self.edit_failed.emit(row_id, column, str(exc))
            return False
        return True

    def new_record_values(self, context: dict[str, Any]) -> dict[str, Any]:
        """Values for a record added with Insert; `context` holds the table's filters."""
        return {}

    def create_command(self, context: dict[str, Any]) -> Command:
        return CreateRow(self.record, self.new_record_values(context))

    def delete_command(self, row_ids: Sequence[int]) -> Command:
        return DeleteRows(self.record, list(row_ids))

    # --- order ----------------------------------------------------------------------------

    # The plan's order: `natural_key` of a record, kept per id and recomputed only for rows
    # whose `natural_fields` changed (or all, when a model in `natural_depends` is reordered),
    # so that moving one wish re-sorts 10 000 ids without 10 000 key computations.
    natural_fields: frozenset[str] = frozenset({"position"})
    natural_depends: tuple[type[Base], ...] = ()

    def natural_key(self, record: Any) -> tuple:
        return (getattr(record, "position", 0), record.id)

    def natural_keys(self, records: Iterable[Any]) -> dict[int, tuple]:
        """`natural_key` of many records at once (subclasses look up what they share once)."""
        return {record.id: self.natural_key(record) for record in records}

    def _natural_of(self, row_id: int) -> tuple:
        key = self._natural.get(row_id)
        if key is None:
            key = self._natural[row_id] = self.natural_key(
                self.document.store.find(self.record, row_id)
            )
        return key

    @guarded()
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column if 0 <= column < len(self.columns) else -1
        self._sort_order = order
        layout.about_to_change(self, (), layout.Hint.VerticalSortHint)
        persistent = self.persistentIndexList()
        held = [(self._ids[p.row()], p.column()) for p in persistent]
        self._ids = self._sorted(self._ids)
        self._reindex()
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of[row_id], col) for row_id, col in held]
        )
        layout.changed(self, (), layout.Hint.VerticalSortHint)

    def _sorted(self, ids: Iterable[int]) -> list[int]:
        store, document = self.document.store, self.document
        self._in_order = self._sort_column < 0
        if self._sort_column < 0:
            ids = list(ids)
            missing = [i for i in ids if i not in self._natural]
            if len(missing) > _FEW:  # opening, or the phases reordered: all keys at once
                find = store.find
                self._natural.update(self.natural_keys(find(self.record, i) for i in missing))
            return sorted(ids, key=self._natural_of)
        records = [store.find(self.record, i) for i in ids]
        column = self.columns[self._sort_column]
        records.sort(key=lambda r: (column.sort_key(document, column.value(document, r)), r.id))
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            records.reverse()
        return [r.id for r in records]

    def _load(self) -> None:
        self._ids = self._sorted(r.id for r in self.document.store.rows(self.record))
        self._reindex()

    def _reindex(self) -> None:
        self._row_of = {row_id: row for row, row_id in enumerate(self._ids)}

    # --- following the plan ------------------------------------------------------------------

    def _on_changed(self, changes: list[RowChange]) -> None:
        mine = [c for c in changes if c.model is self.record]
        inserted = [c.row_id for c in mine if c.kind == "insert" and c.row_id not in self._row_of]
        deleted = {c.row_id for c in mine if c.kind == "delete"}
        inserted = [i for i in dict.fromkeys(inserted) if i not in deleted]
        for row_id in deleted:
            self._natural.pop(row_id, None)
        if len(inserted) + len(deleted) > RESET_THRESHOLD:
            self.beginResetModel()
            self._natural.clear()
            self._load()
            self.endResetModel()
            return
        self._remove(deleted)
        self._insert(inserted)
        updated = [c for c in mine if c.kind == "update" and c.row_id in self._row_of]
        rows = [self._row_of[c.row_id] for c in updated]
        if rows:
            last = len(self.columns) - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))
        self._refresh_dependent_columns({c.model for c in changes})
        reordered = [c.row_id for c in updated if self.natural_fields & set(c.after or {})]
        for row_id in reordered:
            self._natural.pop(row_id, None)
        others = any(
            c.model in self.natural_depends
            and (c.kind != "update" or "position" in (c.after or {}))
            for c in changes
        )
        if others:
            self._natural.clear()
        if self._sort_column < 0 and (reordered or others):
            if others or not self._in_order or len(reordered) > _FEW:
                self.sort(-1)
            else:
                self._reposition(reordered)

    def _reposition(self, row_ids: list[int]) -> None:
        """Move a few rows to their new place in the plan's order (the rest is in order):
        a moved wish costs a few lookups, not a sort of 10 000 ids."""
        layout.about_to_change(self, (), layout.Hint.VerticalSortHint)
        persistent = self.persistentIndexList()
        held = [(self._ids[p.row()], p.column()) for p in persistent]
        ids = self._ids
        moving = set(row_ids)
        for row_id in moving:
            ids.remove(row_id)
        for row_id in moving:
            ids.insert(bisect_left(ids, self._natural_of(row_id), key=self._natural_of), row_id)
        self._reindex()
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of[row_id], col) for row_id, col in held]
        )
        layout.changed(self, (), layout.Hint.VerticalSortHint)

    def _remove(self, deleted: set[int]) -> None:
        rows = sorted((self._row_of[i] for i in deleted if i in self._row_of), reverse=True)
        while rows:
            last = first = rows.pop(0)
            while rows and rows[0] == first - 1:
                first = rows.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self._reindex()
            self.endRemoveRows()

    def _insert(self, inserted: list[int]) -> None:
        # New rows go last whatever the order, so a row being added does not jump away.
        if not inserted:
            return
        start = len(self._ids)
        self._in_order = False  # until the next sort
        self.beginInsertRows(QModelIndex(), start, start + len(inserted) - 1)
        self._ids.extend(inserted)
        self._reindex()
        self.endInsertRows()

    def _refresh_dependent_columns(self, models: set[type[Base]]) -> None:
        if not self._ids:
            return
        for position, column in enumerate(self.columns):
            if models & set(column.depends_on) or (column.ref is not None and column.ref in models):
                self.dataChanged.emit(
                    self.index(0, position), self.index(len(self._ids) - 1, position)
                )

    def _marks(self) -> dict[int, tuple]:
        return dict(self.document.warnings.marks(self.kind))  # type: ignore[arg-type]

    def _on_warnings(self) -> None:
        """Repaint the mark of the rows whose warnings changed (a few, not 10 000)."""
        roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole]
        changed = self.document.warnings.changed_marks(self.kind)
        if changed is None:  # everything was redone: compare with what is shown
            marks = self._marks()
            old = self._shown_marks
            self._shown_marks = marks
            if old is None:
                if self._ids:
                    last = len(self._ids) - 1
                    self.dataChanged.emit(self.index(0, 0), self.index(last, 0), roles)
                return
            changed = {i for i in marks.keys() | old.keys() if marks.get(i) != old.get(i)}
        elif self._shown_marks is not None:  # keep the copy current for the next full redo
            live = self.document.warnings.marks(self.kind)
            for row_id in changed:
                if row_id in live:
                    self._shown_marks[row_id] = live[row_id]  # type: ignore[index]
                else:
                    self._shown_marks.pop(row_id, None)  # type: ignore[arg-type]
        for row_id in changed:
            row = self._row_of.get(row_id)  # type: ignore[arg-type]
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0), roles)


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.TextAlignmentRole,
        ID_ROLE,
    }
)


def edit_label(column: Column, value: Any) -> str:
    """The undo label of a one-field edit: "Rename to 'X'", or "Change effort" (to which
    UpdateRow adds "of 'the record'")."""
    if column.field in ("title", "name") and isinstance(value, str) and value.strip():
        shown = value if len(value) <= 40 else value[:39] + "…"
        return _("Rename to '{shown}'").format(shown=shown)
    return _('Change {lower}').format(lower=column.title.lower())


def _edit_value(column: Column, value: Any) -> Any:
    """What an editor starts from: plain Python values, enums as their stored value."""
    if column.kind == ENUM and value is not None:
        return str(value)
    if column.kind == DATE and value is not None:
        return QDate(value.year, value.month, value.day)
    return value


def _model_value(column: Column, value: Any) -> Any:
    if column.kind == DATE:
        if isinstance(value, QDate):
            return value.toPython() if value.isValid() else None
        if value == "":
            return None
    if column.kind in (NUMBER,) and isinstance(value, str):
        return value  # planner.validation coerces and explains a bad number
    return value
