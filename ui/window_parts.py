"""Assemble the main window's parts: the tables in the centre, the outline, the inspector,
the warnings panel and the undo history around them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QUndoView

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def build_parts(window: MainWindow) -> None:
    document = window.document
    undo_view = QUndoView(document.undo_stack)
    undo_view.setEmptyLabel("Plan as opened")
    undo_view.setObjectName("undo_view")
    window.undo_view = undo_view
    right = Qt.DockWidgetArea.RightDockWidgetArea
    dock = window.add_dock("history", "Undo history", undo_view, right)
    dock.hide()
