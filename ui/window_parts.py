"""Assemble the main window's parts: the tables in the centre, the outline on the left, the
inspector and the warnings on the right, the undo history (hidden at first), the Plan menu,
the toolbar and the status bar; and wire them to each other through the document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QStyle, QToolBar, QUndoView

from planner.i18n import N_, _
from planner.warnings.types import Severity
from ui.inspector.inspector import Inspector
from ui.models.activity_table_model import ActivityTableModel
from ui.models.milestone_table_model import MilestoneTableModel
from ui.models.objective_table_model import ObjectiveTableModel
from ui.models.phase_table_model import PhaseTableModel
from ui.outline.outline_view import OutlineView
from ui.tables.demand_page import DemandPage
from ui.tables.department_page import DepartmentPage
from ui.tables.table_page import TablePage
from ui.theme import severity_count
from ui.warnings_panel.panel import WarningsPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


def build_parts(window: MainWindow) -> None:
    document = window.document
    pages = {
        "demand": DemandPage(document),
        "phase": TablePage(
            document, PhaseTableModel(document), N_("phase"), N_("phases"), ("title", "goal")
        ),
        "department": DepartmentPage(document),
        "objective": TablePage(
            document,
            ObjectiveTableModel(document),
            N_("objective"),
            N_("objectives"),
            ("title", "measure", "target"),
        ),
        "milestone": TablePage(
            document, MilestoneTableModel(document), N_("milestone"), N_("milestones")
        ),
        "change_activity": TablePage(
            document, ActivityTableModel(document), N_("activity"), N_("activities"),
            ("title", "notes"),
        ),
    }
    titles = {
        "demand": _("&Wishes"),
        "phase": _("P&hases"),
        "department": _("&Departments"),
        "objective": _("&Objectives"),
        "milestone": _("&Milestones"),
        "change_activity": _("&Change activities"),
    }
    window.pages = pages
    for kind, page in pages.items():
        window.add_view(page, titles[kind])
        document.file_changed.connect(lambda _p, page=page: page._update_actions())

    window.outline = OutlineView(document)
    window.add_dock("outline", _("Outline"), window.outline, LEFT)
    window.inspector = Inspector(document)
    window.add_dock("inspector", _("Inspector"), window.inspector, RIGHT)
    window.warnings_panel = WarningsPanel(document)
    window.add_dock("warnings", _("Warnings"), window.warnings_panel, BOTTOM)
    undo_view = QUndoView(document.undo_stack)
    undo_view.setEmptyLabel(_("Plan as opened"))
    undo_view.setObjectName("undo_view")
    window.undo_view = undo_view
    window.add_dock("history", _("Undo history"), undo_view, RIGHT).hide()
    # Outline and inspector span the full height; the warnings sit under the tables.
    window.setCorner(Qt.Corner.BottomLeftCorner, LEFT)
    window.setCorner(Qt.Corner.BottomRightCorner, RIGHT)

    _plan_menu(window)
    _toolbar(window)
    _status_bar(window)

    window.outline.group_chosen.connect(lambda name: _show_group(window, name))
    window.outline.settings_requested.connect(window.plan_settings_action.trigger)
    window.inspector.settings_requested.connect(window.plan_settings_action.trigger)
    window.warnings_panel.subject_selected.connect(lambda kind: _show_page_for(window, kind))
    document.error.connect(
        lambda message: QMessageBox.critical(window, _("The plan was not changed"), message)
    )
    document.file_changed.connect(lambda _path: window._update_title())


def default_dock_sizes(window: MainWindow) -> None:
    """Sizes for a first start (later starts restore what the user left)."""
    char = window.fontMetrics().averageCharWidth()
    line = window.fontMetrics().lineSpacing()
    horizontal = Qt.Orientation.Horizontal
    window.resizeDocks(
        [window.docks["outline"], window.docks["inspector"]], [char * 60, char * 58], horizontal
    )
    window.resizeDocks([window.docks["warnings"]], [line * 17], Qt.Orientation.Vertical)


def _plan_menu(window: MainWindow) -> None:
    menu = window.plan_menu
    settings = QAction(_("Plan &settings…"), window)
    settings.setShortcut(QKeySequence("Ctrl+,"))
    settings.triggered.connect(lambda: open_plan_settings(window))
    menu.addAction(settings)
    window.plan_settings_action = settings
    menu.addSeparator()
    for kind, text in (
        ("demand", _("Add &wish")),
        ("phase", _("Add &phase")),
        ("department", _("Add &department")),
    ):
        action = menu.addAction(text, lambda k=kind: _add(window, k))
        action.setEnabled(not window.document.read_only)
    # Propose phases (planner/propose): the dialog is imported when opened.
    menu.addSeparator()
    propose = menu.addAction(_("Propose p&hases…"), lambda: _propose(window))
    propose.setObjectName("propose_action")
    propose.setShortcut(QKeySequence("Ctrl+Alt+P"))
    propose.setEnabled(not window.document.read_only)
    window.propose_action = propose
    window.help_menu.addAction(_("&About Rollout Planner"), lambda: _about(window))


def _propose(window: MainWindow) -> None:
    from ui.dialogs.propose_dialog import open_propose_dialog

    open_propose_dialog(window)


def open_plan_settings(window: MainWindow) -> None:
    from ui.dialogs.plan_settings import PlanSettingsDialog  # when asked for, not at start

    PlanSettingsDialog(window.document, window).exec()


def _add(window: MainWindow, kind: str) -> None:
    page = window.pages[kind]
    window.show_view(page)
    page.add_record()


def _toolbar(window: MainWindow) -> None:
    bar = QToolBar(_("Main toolbar"), window)
    bar.setObjectName("main_toolbar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    style = window.style()
    window.undo_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
    window.redo_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
    window.plan_settings_action.setIcon(
        style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
    )
    bar.addAction(window.undo_action)
    bar.addAction(window.redo_action)
    bar.addSeparator()
    bar.addAction(window.plan_settings_action)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.main_toolbar = bar


def _status_bar(window: MainWindow) -> None:
    status = window.statusBar()
    read_only = QLabel(status)
    read_only.setObjectName("read_only_notice")
    counts = QLabel(status)
    counts.setObjectName("warning_counts")
    status.addWidget(read_only, 1)
    status.addPermanentWidget(counts)
    document = window.document

    def update_read_only(*_unused: object) -> None:
        reason = document.store.read_only_reason
        read_only.setText(
            _("Read-only: {reason}. Save As makes an editable copy.").format(reason=reason)
            if reason
            else ""
        )

    def update_counts() -> None:
        source = document.warnings
        parts = [
            severity_count(s, source.count(s))
            for s in (Severity.PROBLEM, Severity.WARNING, Severity.INFO)
            if source.count(s)
        ]
        counts.setText(" · ".join(parts) or _("No warnings"))

    update_read_only()
    update_counts()
    document.file_changed.connect(update_read_only)
    document.warnings.updated.connect(update_counts)


def _show_group(window: MainWindow, name: str) -> None:
    kind = {
        "objectives": "objective",
        "departments": "department",
        "phases": "phase",
        "backlog": "demand",
    }[name]
    page = window.pages[kind]
    window.show_view(page)
    if name == "backlog" and isinstance(page, DemandPage):
        page.clear_filters()
        page.phase_filter.choose(None)


def _show_page_for(window: MainWindow, kind: str) -> None:
    """A warning was clicked: if a table is showing, show the table of its subject."""
    page = window.pages.get(kind)
    if page is not None and window.views.currentWidget() in window.pages.values():
        window.views.setCurrentWidget(page)


def _about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        _("About Rollout Planner"),
        _("<b>Rollout Planner</b><p>Plan a big change as small phases, and see when a phase or a "
        "department is overloaded — and why.</p>"),
    )
