"""Row-level change log: the one mechanism behind every undo and redo.

A command's domain logic runs once, inside a `Recorder`; every insert, update and delete
it makes is recorded as a `RowChange` holding plain values (never live ORM objects). Undo
applies the inverted changes in reverse order; redo applies the recorded changes again, so
a redone insert gets back the same id and later commands that refer to it stay valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from planner.model import Base

if TYPE_CHECKING:
    from planner.store import PlanStore

M = TypeVar("M", bound=Base)


@dataclass(frozen=True)
class RowChange:
    """One row changed. `before` None: the row was inserted; `after` None: it was deleted.
    For an update both hold only the columns that changed."""

    model: type[Base]
    row_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "insert"
        if self.after is None:
            return "delete"
        return "update"

    def inverted(self) -> RowChange:
        return RowChange(self.model, self.row_id, self.after, self.before)


def invert(changes: Sequence[RowChange]) -> list[RowChange]:
    return [c.inverted() for c in reversed(changes)]


def compress(changes: Iterable[RowChange]) -> list[RowChange]:
    """Fold consecutive updates of one row into one change (for merged drags and typing)."""
    out: list[RowChange] = []
    for change in changes:
        last = out[-1] if out else None
        if (
            last is not None
            and change.kind == "update"
            and last.kind == "update"
            and last.model is change.model
            and last.row_id == change.row_id
        ):
            before = dict(change.before or {})
            before.update(last.before or {})
            after = dict(last.after or {})
            after.update(change.after or {})
            same = {k for k in after if before.get(k) == after[k]}
            for key in same:
                before.pop(key, None)
                after.pop(key, None)
            out[-1] = RowChange(change.model, change.row_id, before, after)
            if not after:
                out.pop()
        else:
            out.append(change)
    return out


class Recorder:
    """What a command's domain logic writes through. Each call acts on the store's session at
    once (so later reads see it) and is recorded for undo."""

    def __init__(self, store: PlanStore) -> None:
        self.store = store
        self.changes: list[RowChange] = []

    def get(self, model: type[M], row_id: int | None) -> M:
        return self.store.get(model, row_id)

    def insert(self, model: type[M], **values: Any) -> M:
        row = self.store.insert_row(model, values)
        self.changes.append(RowChange(model, row.id, None, row.to_dict()))
        return row

    def insert_many(self, model: type[M], rows: Sequence[dict[str, Any]]) -> list[M]:
        """Insert many rows of one table at once (an import); recorded like single inserts."""
        inserted = self.store.insert_rows(model, rows)
        keys = [a.key for a in model.__mapper__.column_attrs]
        # The values straight from each new object's dict: all are loaded, none has history.
        self.changes.extend(
            RowChange(model, row.id, None, {k: row.__dict__[k] for k in keys}) for row in inserted
        )
        return inserted

    def update(self, row: Base, **values: Any) -> bool:
        """Set the given columns; records only those that really change. True if any did."""
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key, value in values.items():
            old = getattr(row, key)
            if old != value:
                before[key] = old
                after[key] = value
        if not after:
            return False
        self.store.update_row(type(row), row.id, after)
        self.changes.append(RowChange(type(row), row.id, before, after))
        return True

    def delete(self, row: Base) -> None:
        snapshot = row.to_dict()
        self.store.delete_row(type(row), row.id)
        self.changes.append(RowChange(type(row), snapshot["id"], snapshot, None))
