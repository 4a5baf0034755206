"""Edit menu: Undo and Redo named after the command they undo, from the document's
QUndoStack; the table actions (add, delete, edit) act on whichever table has the focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from planner.i18n import _

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def build_edit_menu(window: MainWindow) -> None:
    menu = window.edit_menu
    stack = window.document.undo_stack
    undo = stack.createUndoAction(window, _("&Undo"))
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = stack.createRedoAction(window, _("&Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.setObjectName("undo")
    redo.setObjectName("redo")
    menu.addAction(undo)
    menu.addAction(redo)
    window.undo_action = undo
    window.redo_action = redo
    menu.addSeparator()
