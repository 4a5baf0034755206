"""What every workshop page shares: the document, the session, the theme, and one way to
change the plan that turns a refused edit into a message the room can read."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from planner.commands import Command
from planner.errors import PlanError
from ui.document import PlanDocument
from ui.workshop.session import WorkshopSession
from ui.workshop.theme import Theme


class Page(QWidget):
    """`message(text, is_problem)`: a line for the window's message bar."""

    message = Signal(str, bool)
    title = ""

    def __init__(self, document: PlanDocument, session: WorkshopSession, theme: Theme) -> None:
        super().__init__()
        self.document = document
        self.session = session
        self.theme = theme
        document.changed.connect(self._on_changed)
        theme.changed.connect(self.apply_theme)

    def push(self, command: Command) -> bool:
        """Do `command` through the document (so Ctrl+Z undoes it). A refused edit changes
        nothing and says why in the message bar."""
        try:
            return self.document.push(command)
        except PlanError as exc:
            self.message.emit(str(exc), True)
            return False

    def activate(self) -> None:
        """The page was brought to the screen: refresh and put the keyboard focus where the
        facilitator needs it."""
        self.refresh()

    def refresh(self) -> None:
        pass

    def apply_theme(self) -> None:
        pass

    def _on_changed(self, _changes: list) -> None:
        if self.isVisible():
            self.refresh()


def label(text: str = "", role: str = "", *, wrap: bool = False) -> QLabel:
    """A label with a theme role ("small", "large", "title", "warning"); user text is shown
    as plain text, never as HTML."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget
