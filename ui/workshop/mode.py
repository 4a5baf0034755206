"""Entering and leaving workshop mode.

One WorkshopMode per open document: it keeps the session (page, department, phase, dots,
what was captured) while the full-screen window comes and goes, so Esc and F5 again find
everything where it was. The window itself is rebuilt on every entry from the session and
the plan, so nothing stale lingers between visits.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui.document import PlanDocument
from ui.workshop.session import WorkshopSession
from ui.workshop.window import WorkshopWindow

_modes: weakref.WeakKeyDictionary[PlanDocument, WorkshopMode] = weakref.WeakKeyDictionary()


class WorkshopMode(QObject):
    """`entered()` and `left()` around each visit."""

    entered = Signal()
    left = Signal()

    def __init__(self, document: PlanDocument, return_to: QWidget | None = None) -> None:
        super().__init__(document)
        self.document = document
        self.return_to = return_to
        self.session = WorkshopSession.begin(document.store)
        self.window: WorkshopWindow | None = None

    @property
    def active(self) -> bool:
        return self.window is not None

    def enter(self) -> WorkshopWindow:
        # Full screen on the screen the facilitator was working on (the projector when the
        # laptop mirrors it). The geometry is set as well, for window managers (or none, as
        # on a bare X server) that ignore the full-screen request.
        screen = self.return_to.screen() if self.return_to is not None else None
        screen = screen or QGuiApplication.primaryScreen()
        if self.window is None:
            # Sized for that screen from the start: one layout, not one per resize.
            height = screen.geometry().height() if screen is not None else 1080
            self.window = WorkshopWindow(self.document, self.session, height)
            self.window.leave_requested.connect(self.leave)
            self.window.closed.connect(self._closed)
        if screen is not None:
            self.window.setScreen(screen)
            self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()
        self.window.activateWindow()
        self.entered.emit()
        return self.window

    def leave(self) -> None:
        window = self.window
        if window is None:
            return
        window.close()  # -> _closed

    def _closed(self) -> None:
        window, self.window = self.window, None
        if window is None:
            return
        window.deleteLater()
        if self.return_to is not None and self.return_to.isVisible():
            self.return_to.activateWindow()
        self.left.emit()

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()


def mode_for(document: PlanDocument, return_to: QWidget | None = None) -> WorkshopMode:
    """The document's workshop mode (made on first use)."""
    mode = _modes.get(document)
    if mode is None:
        mode = WorkshopMode(document, return_to)
        _modes[document] = mode
    elif return_to is not None:
        mode.return_to = return_to
    return mode


def existing_mode(document: PlanDocument) -> WorkshopMode | None:
    """The document's workshop mode if one was made, else None (never makes one)."""
    return _modes.get(document)
