"""Warnings as a tree: severity groups (Problems, Warnings, Notes, Dismissed), a warning per
row, and under it the principle it protects (and why it was dismissed).

After each edit the new list is synced into the tree with fine-grained row signals (the
same as the outline, ui/outline/tree_sync.py): a large plan has over a thousand warnings and
one edit changes a few, so the view keeps its expansion, selection and scroll position and
lays out only what changed.

Internal ids name an index's parent: 0 the top level, 1–4 a group, and from 1000 a serial
number per (group, warning) for the principle row under a warning.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner.warnings.types import Severity, Warning
from ui import theme
from ui.outline.tree_sync import sync_children

Index = QModelIndex | QPersistentModelIndex
WARNING_ROLE = Qt.ItemDataRole.UserRole + 20
GROUP_ROLE = Qt.ItemDataRole.UserRole + 21
DISMISSED = "dismissed"
GROUPS = ("problem", "warning", "info", DISMISSED)  # in display order; code = position + 1
_CODES = {name: n for n, name in enumerate(GROUPS, start=1)}
_FIRST_SERIAL = 1000
PRINCIPLE = "principle"


def group_of(warning: Warning) -> str:
    return DISMISSED if warning.dismissed else warning.severity.label


class WarningsModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._children: dict[int, list] = {0: []}
        self._rows: dict[int, dict] = {}
        self._warnings: dict[tuple, Warning] = {}
        self._serial: dict[tuple[str, tuple], int] = {}
        self._node_of_serial: dict[int, tuple[str, tuple]] = {}
        self._serials = count(_FIRST_SERIAL)

    # --- updating ---------------------------------------------------------------------------

    def set_warnings(self, warnings: list[Warning]) -> None:
        by_key: dict[tuple, Warning] = {}
        grouped: dict[str, list[tuple]] = {name: [] for name in GROUPS}
        for warning in warnings:
            key = warning.key
            while key in by_key:  # the same subject warned twice: keep both
                key = (*key, len(by_key))
            by_key[key] = warning
            grouped[group_of(warning)].append(key)
        old = self._warnings
        self._warnings = {**old, **by_key}  # rows being removed can still be read meanwhile

        def prepare(keys: list) -> None:
            for key in keys:
                if isinstance(key, str):  # a group appears with its warnings
                    self._store(_CODES[key], grouped[key])
                    self._prepare_warnings(key, grouped[key])

        present = [name for name in GROUPS if grouped[name]]
        sync_children(self, QModelIndex(), 0, self._children[0], present, self._store, prepare)
        for name in present:
            code = _CODES[name]
            if self._children.get(code) == grouped[name]:
                continue
            parent = self.createIndex(present.index(name), 0, 0)
            self._prepare_warnings(name, grouped[name])
            sync_children(
                self, parent, code, self._children.get(code, []), grouped[name], self._store
            )
        for name in GROUPS:
            if not grouped[name]:
                self._children.pop(_CODES[name], None)
        self._warnings = by_key
        self._forget_gone(grouped)
        self._repaint_changed(old, by_key, grouped)

    def _prepare_warnings(self, group: str, keys: list[tuple]) -> None:
        """Give each new (group, warning) its serial and its principle row."""
        for key in keys:
            node = (group, key)
            if node not in self._serial:
                serial = next(self._serials)
                self._serial[node] = serial
                self._node_of_serial[serial] = node
                self._children[serial] = [(PRINCIPLE, serial)]

    def _forget_gone(self, grouped: dict[str, list[tuple]]) -> None:
        live = {(name, key) for name, keys in grouped.items() for key in keys}
        for node in [n for n in self._serial if n not in live]:
            serial = self._serial.pop(node)
            del self._node_of_serial[serial]
            self._children.pop(serial, None)
            self._rows.pop(serial, None)

    def _repaint_changed(self, old: dict, new: dict, grouped: dict[str, list[tuple]]) -> None:
        for row in range(len(self._children[0])):  # the counts in the group titles
            self.dataChanged.emit(self.createIndex(row, 0, 0), self.createIndex(row, 0, 0))
        for name, keys in grouped.items():
            for row, key in enumerate(keys):
                if key in old and old[key] != new[key]:  # e.g. new numbers in the message
                    index = self.createIndex(row, 0, _CODES[name])
                    self.dataChanged.emit(index, index)
                    detail = self.createIndex(0, 0, self._serial[(name, key)])
                    self.dataChanged.emit(detail, detail)

    def _store(self, code: int, keys: list) -> None:
        self._children[code] = list(keys)
        self._rows.pop(code, None)

    def _row(self, code: int, key: Any) -> int | None:
        rows = self._rows.get(code)
        if rows is None:
            rows = self._rows[code] = {k: i for i, k in enumerate(self._children.get(code, []))}
        return rows.get(key)

    # --- reading -------------------------------------------------------------------------------

    def _key(self, index: Index) -> Any:
        return self._children[index.internalId()][index.row()]

    def warning(self, index: Index) -> Warning | None:
        if not index.isValid():
            return None
        code = index.internalId()
        if code == 0:
            return None
        if code >= _FIRST_SERIAL:
            return self._warnings.get(self._node_of_serial[code][1])
        return self._warnings.get(self._key(index))

    def group_name(self, row: int) -> str:
        return self._children[0][row]

    def index_of(self, key: tuple) -> QModelIndex:
        for name in self._children[0]:
            row = self._row(_CODES[name], key)
            if row is not None:
                return self.createIndex(row, 0, _CODES[name])
        return QModelIndex()

    # --- QAbstractItemModel -----------------------------------------------------------------

    def _code_below(self, parent: Index) -> int | None:
        """The internal id of `parent`'s children (None: it has none)."""
        if not parent.isValid():
            return 0
        code = parent.internalId()
        if code == 0:
            return _CODES[self._key(parent)]
        if code < _FIRST_SERIAL:
            return self._serial.get((GROUPS[code - 1], self._key(parent)))
        return None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0 or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        code = self._code_below(parent)
        if code is None or row >= len(self._children.get(code, [])):
            return QModelIndex()
        return self.createIndex(row, 0, code)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        code = index.internalId()
        if code == 0:
            return QModelIndex()
        if code < _FIRST_SERIAL:
            row = self._row(0, GROUPS[code - 1])
            return QModelIndex() if row is None else self.createIndex(row, 0, 0)
        group, key = self._node_of_serial[code]
        row = self._row(_CODES[group], key)
        return QModelIndex() if row is None else self.createIndex(row, 0, _CODES[group])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() != 0:
            return 0
        code = self._code_below(parent)
        return 0 if code is None else len(self._children.get(code, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code = index.internalId()
        if code == 0:
            return self._group_data(self._key(index), role)
        warning = self.warning(index)
        if warning is None:
            return None
        if role == WARNING_ROLE:
            return warning
        if code >= _FIRST_SERIAL:
            return self._detail_data(warning, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return warning.message
        if role == Qt.ItemDataRole.DecorationRole:
            return theme.severity_icon(warning.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{warning.message}\n\nPrinciple: {warning.principle}"
        return None

    def _group_data(self, name: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            size = len(self._children.get(_CODES[name], []))
            if name == DISMISSED:
                return f"Dismissed ({size})"
            return f"{theme.SEVERITY_TITLES[Severity[name.upper()]]} ({size})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and name != DISMISSED:
            return theme.severity_icon(Severity[name.upper()])
        if role == GROUP_ROLE:
            return name
        return None

    def _detail_data(self, warning: Warning, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = f"Principle: {warning.principle}"
            if warning.dismissed:
                text += f"  ·  Dismissed: {warning.dismissed_reason}"
            return text
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    _FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def flags(self, index: Index) -> Qt.ItemFlag:
        return self._FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
