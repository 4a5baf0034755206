"""Bring one parent's children in a keyed tree model from an old list of keys to a new one
with the fine-grained signals views need to keep their expansion, selection and scroll
position: removals, then one layout change for a pure reordering, then insertions.

(A reset would be simpler but collapses the tree and loses the selection on every edit.)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

from ui.models import layout

Key = Hashable


def runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Contiguous (first, last) runs of sorted rows, the last run first (so removing them in
    that order keeps the earlier row numbers valid)."""
    out: list[tuple[int, int]] = []
    for row in sorted(rows):
        if out and row == out[-1][1] + 1:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out[::-1]


def sync_children(
    model: QAbstractItemModel,
    parent: QModelIndex,
    code: int,
    old: list[Key],
    new: list[Key],
    store: Callable[[int, list[Key]], None],
    on_insert: Callable[[list[Key]], None] = lambda keys: None,
) -> None:
    """`store(code, keys)` records the current children of the parent identified by `code`
    (the internal id of its children's indexes); `on_insert(keys)` prepares keys that are
    about to appear (e.g. their own children)."""
    if old == new:
        return
    wanted = set(new)
    current = list(old)
    for first, last in runs([i for i, key in enumerate(current) if key not in wanted]):
        model.beginRemoveRows(parent, first, last)
        del current[first : last + 1]
        store(code, current)
        model.endRemoveRows()
    present = set(current)
    target = [key for key in new if key in present]
    if target != current:
        _reorder(model, parent, code, current, target, store)
        current = target
    i = 0
    while i < len(new):
        if new[i] in present:
            i += 1
            continue
        j = i
        while j < len(new) and new[j] not in present:
            j += 1
        on_insert(new[i:j])
        model.beginInsertRows(parent, i, j - 1)
        current = current[:i] + new[i:j] + current[i:]
        store(code, current)
        model.endInsertRows()
        i = j


def _reorder(
    model: QAbstractItemModel,
    parent: QModelIndex,
    code: int,
    current: list[Key],
    target: list[Key],
    store: Callable[[int, list[Key]], None],
) -> None:
    parents = [QPersistentModelIndex(parent)] if parent.isValid() else []
    hint = QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint
    layout.about_to_change(model, parents, hint)
    moved = [p for p in model.persistentIndexList() if p.internalId() == code]
    held = [(current[p.row()], p.column()) for p in moved]
    store(code, target)
    new_row = {key: row for row, key in enumerate(target)}
    model.changePersistentIndexList(
        moved, [model.createIndex(new_row[key], column, code) for key, column in held]
    )
    layout.changed(model, parents, hint)
