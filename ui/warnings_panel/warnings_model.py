"""Warnings as a tree: severity groups (Problems, Warnings, Notes, Dismissed), a warning per
row, and under it the principle it protects (and why it was dismissed).

A QStandardItemModel, so that the tree view's work runs in C++: a large plan has over a
thousand warnings, and every time one appears or goes the view lays out all its rows again;
with a Python model that meant thousands of calls into Python per edit. After each edit the
new list is synced into the items row by row (removals, a rare reordering, insertions), so
the view keeps its expansion, selection and scroll position.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from planner.i18n import _
from planner.warnings.types import Severity, Warning
from ui import theme

Index = QModelIndex | QPersistentModelIndex
WARNING_ROLE = Qt.ItemDataRole.UserRole + 20
GROUP_ROLE = Qt.ItemDataRole.UserRole + 21
DISMISSED = "dismissed"
GROUPS = ("problem", "warning", "info", DISMISSED)  # in display order
PRINCIPLE = "principle"
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def group_of(warning: Warning) -> str:
    return DISMISSED if warning.dismissed else warning.severity.label


def _font(bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _group_title(name: str, size: int) -> str:
    if name == DISMISSED:
        return _('Dismissed ({size})').format(size=size)
    return f"{_(theme.SEVERITY_TITLES[Severity[name.upper()]])} ({size})"


def _principle_text(warning: Warning) -> str:
    text = _('Principle: {principle}').format(principle=warning.principle)
    if warning.dismissed:
        text += _("  ·  Dismissed: {dismissed_reason}").format(
            dismissed_reason=warning.dismissed_reason
        )
    return text


class WarningsModel(QStandardItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._children: dict[Any, list] = {0: []}  # 0: the groups shown; name: its keys
        self._warnings: dict[tuple, Warning] = {}
        self._rows: dict[str, dict[tuple, int]] = {}  # per group: key -> row, made on demand
        self._italic = _font(italic=True)
        self._bold = _font(bold=True)

    # --- updating ---------------------------------------------------------------------------

    def set_warnings(self, warnings: Sequence[Warning]) -> None:
        by_key: dict[tuple, Warning] = {}
        grouped: dict[str, list[tuple]] = {name: [] for name in GROUPS}
        for warning in warnings:
            key = warning.key
            while key in by_key:  # the same subject warned twice: keep both
                key = (*key, len(by_key))
            by_key[key] = warning
            grouped[group_of(warning)].append(key)
        old = self._warnings
        self._warnings = by_key
        present = [name for name in GROUPS if grouped[name]]
        shown = self._children[0]
        for row in range(len(shown) - 1, -1, -1):  # groups that emptied
            if shown[row] not in present:
                self._children.pop(shown[row], None)
                del shown[row]
                self.removeRow(row)
        for row, name in enumerate(present):
            keys = grouped[name]
            if name not in self._children:  # a new group arrives with its rows
                group = self._group_item(name)
                group.appendRows([self._warning_item(by_key[k]) for k in keys])
                self._children[name] = list(keys)
                shown.insert(row, name)
                self.insertRow(row, group)
            else:
                group = self.item(row)
                self._sync(group, name, keys, by_key, old)
            title = _group_title(name, len(keys))
            if group.text() != title:
                group.setText(title)
        self._rows.clear()

    def _group_item(self, name: str) -> QStandardItem:
        item = QStandardItem()
        item.setFlags(_FLAGS)
        item.setFont(self._bold)
        item.setData(name, GROUP_ROLE)
        if name != DISMISSED:
            item.setIcon(theme.severity_icon(Severity[name.upper()]))
        return item

    def _warning_item(self, warning: Warning) -> QStandardItem:
        item = QStandardItem(theme.severity_icon(warning.severity), warning.message)
        item.setFlags(_FLAGS)
        item.setToolTip(
            _("{message}\n\nPrinciple: {principle}").format(
                message=warning.message, principle=warning.principle
            )
        )
        item.setData(warning, WARNING_ROLE)
        principle = QStandardItem(_principle_text(warning))
        principle.setFlags(_FLAGS | Qt.ItemFlag.ItemNeverHasChildren)
        principle.setToolTip(principle.text())
        principle.setFont(self._italic)
        principle.setData(warning, WARNING_ROLE)
        item.appendRow(principle)
        return item

    def _sync(self, group: QStandardItem, name: str, keys: list[tuple],
              by_key: dict[tuple, Warning], old: dict[tuple, Warning]) -> None:
        """Bring one group's rows from its old keys to `keys`: removals, then a reordering
        (rare: a dismissed warning changing severity), then insertions, then the rows whose
        warning changed (new numbers in the message) are updated in place."""
        current = self._children[name]
        if current == keys:
            self._update_changed(group, current, by_key, old)
            return
        wanted = set(keys)
        row = len(current) - 1
        while row >= 0:  # runs of rows to remove, from the bottom
            if current[row] in wanted:
                row -= 1
                continue
            last = row
            while row >= 0 and current[row] not in wanted:
                row -= 1
            group.removeRows(row + 1, last - row)
            del current[row + 1 : last + 1]
        present = set(current)
        target = [key for key in keys if key in present]
        for row, key in enumerate(target):
            if current[row] != key:
                moved = current.index(key)
                group.insertRow(row, group.takeRow(moved))
                current.insert(row, current.pop(moved))
        row = 0
        while row < len(keys):
            if keys[row] in present:
                row += 1
                continue
            end = row
            while end < len(keys) and keys[end] not in present:
                end += 1
            group.insertRows(row, [self._warning_item(by_key[k]) for k in keys[row:end]])
            current[row:row] = keys[row:end]
            row = end
        self._update_changed(group, current, by_key, old)

    def _update_changed(self, group: QStandardItem, keys: list[tuple],
                        by_key: dict[tuple, Warning], old: dict[tuple, Warning]) -> None:
        for row, key in enumerate(keys):
            before, now = old.get(key), by_key[key]
            if before is None or before is now or before == now:
                continue
            item = group.child(row)
            if item.data(WARNING_ROLE) is now:
                continue  # a row inserted just now
            item.setText(now.message)
            item.setIcon(theme.severity_icon(now.severity))
            item.setToolTip(
                _("{message}\n\nPrinciple: {principle}").format(
                    message=now.message, principle=now.principle
                )
            )
            item.setData(now, WARNING_ROLE)
            principle = item.child(0)
            principle.setText(_principle_text(now))
            principle.setToolTip(principle.text())
            principle.setData(now, WARNING_ROLE)

    # --- reading ------------------------------------------------------------------------------

    def group_name(self, row: int) -> str:
        return self._children[0][row]

    def index_of(self, key: tuple) -> QModelIndex:
        for group_row, name in enumerate(self._children[0]):
            rows = self._rows.get(name)
            if rows is None:
                rows = self._rows[name] = {k: i for i, k in enumerate(self._children[name])}
            row = rows.get(key)
            if row is not None:
                return self.index(row, 0, self.index(group_row, 0))
        return QModelIndex()

    def warning(self, index: Index) -> Warning | None:
        if not index.isValid():
            return None
        found = index.data(WARNING_ROLE)
        return found if isinstance(found, Warning) else None
