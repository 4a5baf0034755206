"""A filter choice: "All …" or one value. Record choices (departments, phases) follow the
plan as it changes, keeping the chosen one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox, QWidget

_ALL = "__all__"


class FilterCombo(QComboBox):
    def __init__(
        self,
        everything: str,
        choices: Callable[[], Iterable[tuple[str, Any, QIcon | None]]],
        on_change: Callable[[frozenset[Any] | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._everything = everything
        self._choices = choices
        self._on_change = on_change
        self.setAccessibleName(everything)
        self.setToolTip(everything)
        # Long phase titles must not push the other filters away; the list shows them whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.refill()
        self.currentIndexChanged.connect(self._changed)

    def refill(self) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._everything, _ALL)
        for text, value, icon in self._choices():
            if icon is None:
                self.addItem(text, value)
            else:
                self.addItem(icon, text, value)
        position = self.findData(current) if current is not None else 0
        self.setCurrentIndex(max(position, 0))
        self.blockSignals(False)
        if position < 0:
            self._changed()  # the chosen record is gone: show everything again

    def choose(self, value: Any) -> None:
        """Select the entry for `value` (None is a real value: the backlog)."""
        for i in range(self.count()):
            if self.itemData(i) == value and self.itemData(i) != _ALL:
                self.setCurrentIndex(i)
                return

    def reset(self) -> None:
        self.setCurrentIndex(0)

    def _changed(self, *_: object) -> None:
        value = self.currentData()
        self._on_change(None if value == _ALL else frozenset([value]))
