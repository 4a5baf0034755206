"""The full-screen workshop window: a row of big page buttons, the page, a message line.

No menus, toolbars or docks: only what the room needs to see. Keys that work everywhere:
Ctrl+1…5 (or Ctrl+PgUp/PgDn) change page, Ctrl+plus/minus/0 change the type size live,
Ctrl+Z / Ctrl+Shift+Z undo and redo plan edits, Esc or F5 leave.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.i18n import _
from ui.document import PlanDocument
from ui.guard import guarded
from ui.workshop.capture_page import CapturePage
from ui.workshop.page import Page, label
from ui.workshop.plate_page import PlatePage
from ui.workshop.prioritise_page import PrioritisePage
from ui.workshop.roadmap_page import RoadmapPage
from ui.workshop.session import PAGES, WorkshopSession
from ui.workshop.summary_page import SummaryPage
from ui.workshop.theme import Theme

PAGE_CLASSES: dict[str, type[Page]] = {
    "capture": CapturePage,
    "prioritise": PrioritisePage,
    "plate": PlatePage,
    "roadmap": RoadmapPage,
    "summary": SummaryPage,
}


class WorkshopWindow(QWidget):
    leave_requested = Signal()
    closed = Signal()

    def __init__(
        self, document: PlanDocument, session: WorkshopSession, screen_height: int = 1080
    ) -> None:
        super().__init__()
        self.setObjectName("workshop")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle(_('{title} — Workshop').format(title=document.store.plan.title))
        self.document = document
        self.session = session
        self.theme = Theme(screen_height, session.scale, parent=self)
        self.theme.changed.connect(self._apply_theme)

        self.tabs = QButtonGroup(self)
        bar = QHBoxLayout()
        for number, name in enumerate(PAGES):
            button = QPushButton(_(PAGE_CLASSES[name].title))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"Ctrl+{number + 1}")
            self.tabs.addButton(button, number)
            bar.addWidget(button)
        self.tabs.idClicked.connect(lambda number: self.show_page(PAGES[number]))
        bar.addStretch(1)
        for text, steps in (("A−", -1), ("A+", 1)):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _unused=False, s=steps: self.theme.zoom(s))
            bar.addWidget(button)
        leave = QPushButton(_("Leave  Esc"))
        leave.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        leave.clicked.connect(self.leave_requested)
        bar.addWidget(leave)

        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for name in PAGES:
            page = PAGE_CLASSES[name](document, session, self.theme)
            page.message.connect(self.show_message)
            self.pages[name] = page
            self.stack.addWidget(page)

        # Wrapped: what just happened must be read whole, and Finnish or Dutch runs longer.
        self.message_line = label("", "message", wrap=True)
        self.hints = label(_("Ctrl+1–5 pages · Ctrl+Z undo · Ctrl +/− size · Esc leave"), "small")
        bottom = QHBoxLayout()
        bottom.addWidget(self.message_line, 1)
        bottom.addWidget(self.hints)

        layout = QVBoxLayout(self)
        # The screen decides the window's size, never its contents.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self._layout = layout
        self._shortcuts()
        self._undo_index = document.undo_stack.index()
        document.undo_stack.indexChanged.connect(self._undo_happened)
        self._apply_theme()
        self.show_page(session.page if session.page in PAGES else PAGES[0])

    def _shortcuts(self) -> None:
        def bind(keys: QKeySequence | str | QKeySequence.StandardKey, action) -> None:  # noqa: ANN001
            QShortcut(QKeySequence(keys), self, action)

        for key in ("Esc", "F5"):
            bind(key, self.leave_requested.emit)
        for number, name in enumerate(PAGES):
            bind(f"Ctrl+{number + 1}", lambda n=name: self.show_page(n))
        bind("Ctrl+PgDown", lambda: self.step_page(1))
        bind("Ctrl+PgUp", lambda: self.step_page(-1))

        # Two shortcuts on one key sequence cancel each other out (Qt calls it ambiguous),
        # so the platform's standard keys and the extra ones are merged first.
        def keys(standard: QKeySequence.StandardKey, *extra: str) -> set[str]:
            found = {k.toString() for k in QKeySequence.keyBindings(standard)}
            return {k for k in found | set(extra) if k}

        for key in keys(QKeySequence.StandardKey.ZoomIn, "Ctrl++", "Ctrl+="):
            bind(key, lambda: self.theme.zoom(1))
        for key in keys(QKeySequence.StandardKey.ZoomOut, "Ctrl+-"):
            bind(key, lambda: self.theme.zoom(-1))
        bind("Ctrl+0", lambda: self.theme.set_scale(1.0))
        for key in keys(QKeySequence.StandardKey.Undo, "Ctrl+Z"):
            bind(key, self.document.undo_stack.undo)
        for key in keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"):
            bind(key, self.document.undo_stack.redo)

    # --- pages -----------------------------------------------------------------------------

    def current_page(self) -> Page:
        return self.pages[self.session.page]

    def show_page(self, name: str) -> None:
        self.session.page = name
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        self.tabs.button(PAGES.index(name)).setChecked(True)
        self.message_line.setText("")
        page.activate()

    def step_page(self, steps: int) -> None:
        self.show_page(PAGES[(PAGES.index(self.session.page) + steps) % len(PAGES)])

    def show_message(self, text: str, problem: bool = False) -> None:
        self.message_line.setProperty("problem", problem)
        self.message_line.setStyleSheet("color: #b00020;" if problem else "")
        self.message_line.setText(text)

    def _undo_happened(self, index: int) -> None:
        # Say what Ctrl+Z / Ctrl+Shift+Z just did, so the room knows what changed. (A page
        # that pushed an edit speaks right after this with its own words.)
        stack = self.document.undo_stack
        if not self.isVisible():  # closed, waiting to be deleted
            return
        if index < self._undo_index:
            self.show_message(_('Taken back: {text}').format(text=stack.text(index)))
        elif index > self._undo_index:
            self.show_message(_('Done: {text}').format(text=stack.text(index - 1)))
        self._undo_index = index

    # --- theme -----------------------------------------------------------------------------

    def _apply_theme(self) -> None:
        self.session.scale = self.theme.scale
        spacing = self.theme.spacing()
        self._layout.setContentsMargins(spacing * 2, spacing, spacing * 2, spacing)
        self._layout.setSpacing(spacing)
        self.setStyleSheet(self.theme.stylesheet())

    @guarded()
    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        # Type follows the screen: the same layout reads the same on 720 and 1080 lines.
        self.theme.set_screen_height(self.height())

    @guarded()
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.closed.emit()
        super().closeEvent(event)
