"""Workshop mode: the planner on a projector, for a facilitator and a room of department
heads. F5 (View → Workshop mode) or `rollout-planner --workshop FILE`.

Pages: capture wishes per department, prioritise (dot voting, MoSCoW), the plate (one phase
at a time, filling up live), the roadmap at a glance, and the session summary (on screen and
as a PDF). Every edit is a planner command on the document's undo stack.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence

from planner.i18n import _

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.workshop.mode import WorkshopMode, mode_for

__all__ = ["WorkshopMode", "install", "mode_for"]


def __getattr__(name: str):  # noqa: ANN202 - the mode's modules load on first use, not at start
    if name in ("WorkshopMode", "mode_for"):
        from ui.workshop import mode

        return getattr(mode, name)
    raise AttributeError(name)


def install(window: MainWindow) -> QAction:
    """Add View → Workshop mode (F5) to a main window (called by ui/app_window.py). The
    workshop's own modules are imported when the mode is first entered."""
    action = QAction(_("&Workshop mode"), window)
    action.setObjectName("workshop_mode")
    action.setShortcut(QKeySequence("F5"))
    action.setStatusTip(
        _("Full screen, large type, for running a planning workshop on a projector")
    )
    action.triggered.connect(lambda: _enter(window))
    window.view_menu.addAction(action)
    window.closed.connect(lambda: _leave(window))
    return action


def _enter(window: MainWindow) -> None:
    from ui.workshop.mode import mode_for

    mode = mode_for(window.document, window)
    if window.isVisible():
        mode.enter()
    else:
        # `--workshop FILE`: the action fires before the main window is shown; go full
        # screen once it is, so the workshop ends up in front.
        # With the window as context: if it is closed before then, the call is dropped.
        QTimer.singleShot(0, window, mode.enter)


def _leave(window: MainWindow) -> None:
    # Only a mode that was ever entered has anything to close (and is already imported).
    mode_module = sys.modules.get("ui.workshop.mode")
    if mode_module is not None:
        mode = mode_module.existing_mode(window.document)
        if mode is not None:
            mode.leave()
