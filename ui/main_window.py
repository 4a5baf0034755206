"""The main window: the plan outline, editable views in the centre, the inspector and the
warnings panel around them, and the menus. It only assembles parts; each part is its own
module and talks to the plan through the PlanDocument.

Other views (the Gantt, workshop mode, …) plug in with `add_view(widget, title, shortcut)`
and add their actions to `file_menu`, `export_menu` and `view_menu`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QWidget

from planner.i18n import _
from ui import settings
from ui.document import PlanDocument
from ui.guard import guarded


class MainWindow(QMainWindow):
    """One window per open plan. Signals `view_added(widget)` when a view is added."""

    view_added = Signal(QWidget)
    closed = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("MainWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.lock = None  # the QLockFile held for the plan's file, set by ui/app_window.py
        self.docks: dict[str, QDockWidget] = {}

        self.views = QTabWidget(self)
        self.views.setObjectName("views")
        self.views.setDocumentMode(True)
        self.views.currentChanged.connect(self._on_view_changed)
        self.setCentralWidget(self.views)
        self._view_actions = QActionGroup(self)
        self._view_actions.setExclusive(True)

        self._build_menus()
        self._build_parts()
        from ui.error_bar import install as install_error_bar

        self.error_bar = install_error_bar(self)  # failures in views: a bar, not a crash
        document.changed.connect(self._update_title)
        self._update_title()
        self.resize(1280, 820)

    # --- extension points ---------------------------------------------------------------

    def add_view(
        self, widget: QWidget, title: str, shortcut: str | QKeySequence | None = None
    ) -> QAction:
        """Add a tab to the central area and an entry to View; returns that action."""
        widget.setParent(self.views)
        self.views.addTab(widget, title.replace("&", ""))
        action = QAction(title, self, checkable=True)
        action.setData(widget)
        if shortcut is None and self.views.count() <= 9:
            shortcut = f"Ctrl+{self.views.count()}"
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _unused=False, w=widget: self.show_view(w))
        self._view_actions.addAction(action)
        self.view_menu.insertAction(self._views_end, action)
        if self.views.currentWidget() is widget:
            action.setChecked(True)
        self.view_added.emit(widget)
        return action

    def show_view(self, widget: QWidget) -> None:
        self.views.setCurrentWidget(widget)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def view_titles(self) -> list[str]:
        return [self.views.tabText(i) for i in range(self.views.count())]

    def add_dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")  # saveState() needs stable names
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def cycle_panes(self, step: int) -> None:
        """F6 / Shift+F6: move the focus between the central view and the visible panels."""
        panes: list[QWidget] = [self.views]
        panes += [d.widget() for d in self.docks.values() if d.isVisible() and d.widget()]
        focus = self.focusWidget()
        current = next(
            (i for i, pane in enumerate(panes) if focus is not None and pane.isAncestorOf(focus)),
            -1,
        )
        target = panes[(current + step) % len(panes)]
        if target is self.views and self.views.currentWidget() is not None:
            target = self.views.currentWidget()
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- parts ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(_("&File"))
        self.edit_menu = bar.addMenu(_("&Edit"))
        self.view_menu = bar.addMenu(_("&View"))
        self.plan_menu = bar.addMenu(_("&Plan"))
        self.help_menu = bar.addMenu(_("&Help"))
        from ui.menus.edit_menu import build_edit_menu
        from ui.menus.file_menu import FileMenu
        from ui.menus.view_menu import build_view_menu

        self.file_actions = FileMenu(self)
        self.export_menu = self.file_actions.export_menu
        build_edit_menu(self)
        self._views_end, self.panels_menu = build_view_menu(self)

    def _build_parts(self) -> None:
        """The outline, tables, inspector and warnings (see ui/window_parts.py)."""
        from ui.window_parts import build_parts

        build_parts(self)

    # --- title, state -----------------------------------------------------------------------

    def _update_title(self, *_unused: object) -> None:
        store = self.document.store
        name = store.path.name if store.path is not None else _("not saved")
        name = getattr(store, "location", None) or name  # a plan on a server: its URL
        read_only = " [read-only]" if store.read_only else ""
        self.setWindowTitle(f"{store.plan.title} — {name}{read_only}")
        if store.path is not None:
            self.setWindowFilePath(str(store.path))

    def _on_view_changed(self, index: int) -> None:
        widget = self.views.widget(index)
        for action in self._view_actions.actions():
            if action.data() is widget:
                action.setChecked(True)

    def _fit_first_start(self) -> None:
        """First start: most of the screen (a plan has a lot to show), at least 1280×820
        where the screen allows."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width = max(min(1280, area.width()), int(area.width() * 0.9))
        height = max(min(820, area.height()), int(area.height() * 0.9))
        self.resize(width, height)
        self.move(area.center() - self.rect().center())

    def restore_state(self) -> None:
        geometry = settings.get(settings.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._fit_first_start()
        state = settings.get(settings.WINDOW_STATE)
        self._restored = not state.isEmpty() and self.restoreState(state)
        current = settings.get(settings.CURRENT_VIEW)
        for i in range(self.views.count()):
            if self.views.tabText(i) == current:
                self.views.setCurrentIndex(i)
        for name, restore, _unused in self._part_states():
            saved = settings.get_state(name)
            if not saved.isEmpty():
                restore(saved)

    def save_state(self) -> None:
        settings.put(settings.WINDOW_GEOMETRY, self.saveGeometry())
        settings.put(settings.WINDOW_STATE, self.saveState())
        settings.put(settings.CURRENT_VIEW, self.views.tabText(self.views.currentIndex()))
        for name, _unused, save in self._part_states():
            settings.put_state(name, save())

    def _part_states(self) -> list[tuple[str, object, object]]:
        """(name, restore, save) of what else is remembered: table columns and sort order,
        the outline's columns, the warnings panel's split."""
        parts: list[tuple[str, object, object]] = []
        for kind, page in getattr(self, "pages", {}).items():
            header = page.view.horizontalHeader()
            parts.append((f"table-{kind}", header.restoreState, header.saveState))
        panel = getattr(self, "warnings_panel", None)
        if panel is not None:
            parts.append(("warnings-split", panel.restore_split, panel.splitter.saveState))
        return parts

    @guarded()
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not getattr(self, "_restored", False) and not getattr(self, "_sized", False):
            # Docks can be sized only once the window is laid out: on the next turn. (A timer
            # of the window's own: QTimer.singleShot would keep a callable holding the window
            # alive if the window went before it fired.)
            timer = QTimer(self, singleShot=True, interval=0)
            timer.timeout.connect(self._default_dock_sizes)
            timer.timeout.connect(timer.deleteLater)
            timer.start()
        self._sized = True

    def _default_dock_sizes(self) -> None:
        from ui.window_parts import default_dock_sizes

        default_dock_sizes(self)

    @guarded()
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_state()
        # Views of the plan in other windows (workshop mode) go first, while it is open.
        self.closed.emit()
        self.document.close()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        super().closeEvent(event)
