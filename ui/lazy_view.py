"""A tab whose content is built the first time it is shown.

Views such as the Gantt chart cost a module import and a full build when the window opens,
yet most sessions start on a table. A LazyView stands in for the view in the main window's
tabs: it imports and builds the real widget only when the tab is first shown (or when
something asks for it, e.g. an export), so the window opens without paying for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.guard import guarded


class LazyView(QWidget):
    """`built(widget)` once the real view exists."""

    built = Signal(QWidget)

    def __init__(self, factory: Callable[[QWidget], QWidget], name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._factory = factory
        self._widget: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

    @property
    def is_built(self) -> bool:
        return self._widget is not None

    def widget(self) -> QWidget:
        """The real view, built now if it was not yet."""
        if self._widget is None:
            widget = self._factory(self)
            self._widget = widget
            self.layout().addWidget(widget)
            self.setFocusProxy(widget)
            if self.isVisible():
                widget.show()  # children added while showing are not shown by Qt
            self.built.emit(widget)
        return self._widget

    @guarded()
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.widget()
