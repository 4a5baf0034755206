"""Workshop mode: the planner on a projector, for a facilitator and a room of department
heads. F5 (View → Workshop mode) or `rollout-planner --workshop FILE`.

Pages: capture wishes per department, prioritise (dot voting, MoSCoW), the plate (one phase
at a time, filling up live), the roadmap at a glance, and the session summary (on screen and
as a PDF). Every edit is a planner command on the document's undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence

from ui.workshop.mode import WorkshopMode, mode_for

if TYPE_CHECKING:
    from ui.main_window import MainWindow

__all__ = ["WorkshopMode", "install", "mode_for"]


def install(window: MainWindow) -> QAction:
    """Add View → Workshop mode (F5) to a main window (called by ui/app_window.py)."""
    action = QAction("&Workshop mode", window)
    action.setObjectName("workshop_mode")
    action.setShortcut(QKeySequence("F5"))
    action.setStatusTip("Full screen, large type, for running a planning workshop on a projector")
    action.triggered.connect(lambda: _enter(window))
    window.view_menu.addAction(action)
    window.closed.connect(lambda: mode_for(window.document).leave())
    return action


def _enter(window: MainWindow) -> None:
    mode = mode_for(window.document, window)
    if window.isVisible():
        mode.enter()
    else:
        # `--workshop FILE`: the action fires before the main window is shown; go full
        # screen once it is, so the workshop ends up in front.
        QTimer.singleShot(0, mode.enter)
