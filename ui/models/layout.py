"""Emitting the layout signals with their arguments: PySide6 needs the C++ overload named
explicitly (`.emit(parents, hint)` on the bare signal picks the no-argument one)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QPersistentModelIndex

Hint = QAbstractItemModel.LayoutChangeHint
_OVERLOAD = ("QList<QPersistentModelIndex>", QAbstractItemModel.LayoutChangeHint)


def about_to_change(
    model: QAbstractItemModel,
    parents: Sequence[QPersistentModelIndex] = (),
    hint: Hint = Hint.NoLayoutChangeHint,
) -> None:
    model.layoutAboutToBeChanged[_OVERLOAD].emit(list(parents), hint)


def changed(
    model: QAbstractItemModel,
    parents: Sequence[QPersistentModelIndex] = (),
    hint: Hint = Hint.NoLayoutChangeHint,
) -> None:
    model.layoutChanged[_OVERLOAD].emit(list(parents), hint)
