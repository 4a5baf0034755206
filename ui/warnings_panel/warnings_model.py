"""Warnings as a tree: severity groups (Problems, Warnings, Notes, Dismissed), a warning per
row, and under it the principle it protects (and why it was dismissed).

The list is replaced wholesale after each edit (it is computed, not edited), so the model
resets; the panel keeps what was expanded and current by each warning's `key`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner.warnings.types import Severity, Warning
from ui import theme

Index = QModelIndex | QPersistentModelIndex
WARNING_ROLE = Qt.ItemDataRole.UserRole + 20
GROUP_ROLE = Qt.ItemDataRole.UserRole + 21
DISMISSED = "dismissed"
_DETAIL_BASE = 1000  # internal ids of principle rows: 1000 + the warning's flat number


class WarningsModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[Warning]]] = []
        self._offsets: list[int] = []
        self._flat: list[tuple[int, int]] = []

    def set_warnings(self, warnings: list[Warning]) -> None:
        self.beginResetModel()
        groups: list[tuple[str, list[Warning]]] = []
        for severity in (Severity.PROBLEM, Severity.WARNING, Severity.INFO):
            found = [w for w in warnings if w.severity == severity and not w.dismissed]
            if found:
                groups.append((severity.label, found))
        dismissed = [w for w in warnings if w.dismissed]
        if dismissed:
            groups.append((DISMISSED, dismissed))
        self._groups = groups
        self._offsets, self._flat, total = [], [], 0
        for g, (_, items) in enumerate(groups):
            self._offsets.append(total)
            self._flat += [(g, r) for r in range(len(items))]
            total += len(items)
        self.endResetModel()

    def warning(self, index: Index) -> Warning | None:
        if not index.isValid():
            return None
        ident = index.internalId()
        if ident == 0:
            return None
        if ident >= _DETAIL_BASE:
            g, r = self._flat[ident - _DETAIL_BASE]
            return self._groups[g][1][r]
        return self._groups[ident - 1][1][index.row()]

    def group_name(self, row: int) -> str:
        return self._groups[row][0]

    def index_of(self, key: tuple) -> QModelIndex:
        for g, (_, items) in enumerate(self._groups):
            for r, warning in enumerate(items):
                if warning.key == key:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    # --- QAbstractItemModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        ident = parent.internalId()
        if ident == 0:
            items = self._groups[parent.row()][1]
            return self.createIndex(row, 0, parent.row() + 1) if row < len(items) else QModelIndex()
        if ident < _DETAIL_BASE and row == 0:
            flat = self._offsets[ident - 1] + parent.row()
            return self.createIndex(0, 0, _DETAIL_BASE + flat)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        ident = index.internalId()
        if ident == 0:
            return QModelIndex()
        if ident < _DETAIL_BASE:
            return self.createIndex(ident - 1, 0, 0)
        g, r = self._flat[ident - _DETAIL_BASE]
        return self.createIndex(r, 0, g + 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0:
            return 0
        ident = parent.internalId()
        if ident == 0:
            return len(self._groups[parent.row()][1])
        return 1 if ident < _DETAIL_BASE else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ident = index.internalId()
        if ident == 0:
            return self._group_data(index.row(), role)
        warning = self.warning(index)
        if warning is None:
            return None
        if role == WARNING_ROLE:
            return warning
        if ident >= _DETAIL_BASE:
            return self._detail_data(warning, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return warning.message
        if role == Qt.ItemDataRole.DecorationRole:
            return theme.severity_icon(warning.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{warning.message}\n\nPrinciple: {warning.principle}"
        return None

    def _group_data(self, row: int, role: int) -> Any:
        name, items = self._groups[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if name == DISMISSED:
                return f"Dismissed ({len(items)})"
            return f"{theme.SEVERITY_TITLES[Severity[name.upper()]]} ({len(items)})"
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
                text += f"\nDismissed: {warning.dismissed_reason}"
            return text
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
