"""Reviews in the main window: Plan → Take baseline…, the Baselines and Benefit checks
panels (made when first opened), the Changes tab, File → Compare with another plan…, and
the offer to take a baseline when a steering review has come. `install(window)` is the
main window's extension hook (ui/app_window.py); the Changes view itself is built when its
tab is first shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.i18n import _
from ui.lazy_view import LazyView

BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


def install(window) -> None:  # noqa: ANN001 - ui.main_window.MainWindow
    from planner import benefit
    from planner.baseline import review_due
    from ui.reviews.baselines_panel import take_baseline
    from ui.reviews.offer import ReviewOffer

    document = window.document
    take = QAction(_("Take &baseline…"), window)
    take.setObjectName("take_baseline")
    take.setShortcut(QKeySequence("Ctrl+Shift+B"))
    take.setEnabled(not document.read_only)
    take.triggered.connect(lambda: take_baseline(document, parent=window))
    window.plan_menu.addSeparator()
    window.plan_menu.addAction(take)
    window.take_baseline_action = take

    # The panels are made when first asked for: docks cost the window's start.
    for text, make in ((_("&Baselines"), baselines_dock), (_("Benefit &checks"), benefits_dock)):
        action = QAction(text, window)
        action.triggered.connect(lambda _unused=False, make=make: make(window))
        window.plan_menu.addAction(action)

    tab = LazyView(lambda parent: _build_changes(window, parent), "changes_tab")
    window.changes_tab = tab
    window.add_view(tab, _("Chan&ges"))

    compare = QAction(_("Compare with another &plan…"), window)
    compare.setObjectName("compare_plans")
    compare.triggered.connect(lambda: compare_with_file(window))
    window.file_menu.insertAction(window.export_menu.menuAction(), compare)
    window.compare_plans_action = compare

    window.review_offer = None
    today = benefit.today()
    if not document.read_only and review_due(document.store, today) is not None:
        offer = ReviewOffer(document, window, today=today)
        window.review_offer = offer
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # a row of its own
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, offer)
        offer.take_requested.connect(lambda name: take_baseline(document, name, window))


def _dock(window, name: str, title: str, make):  # noqa: ANN001, ANN202
    dock = window.docks.get(name)
    if dock is None:
        dock = window.add_dock(name, title, make(), BOTTOM)
        warnings_dock = window.docks.get("warnings")
        if warnings_dock is not None:
            window.tabifyDockWidget(warnings_dock, dock)
    dock.show()
    dock.raise_()
    return dock


def baselines_dock(window):  # noqa: ANN001, ANN201
    """Plan → Baselines: the panel, made on first use, shown and brought forward."""
    from ui.reviews.baselines_panel import BaselinesPanel

    def make() -> BaselinesPanel:
        panel = BaselinesPanel(window.document)
        window.baselines_panel = panel
        panel.show_on_gantt.connect(lambda baseline_id: show_ghosts(window, baseline_id))
        panel.compare_requested.connect(lambda baseline_id: show_changes(window, baseline_id))
        return panel

    return _dock(window, "baselines", _("Baselines"), make)


def benefits_dock(window):  # noqa: ANN001, ANN201
    """Plan → Benefit checks: the panel, made on first use, shown and brought forward."""
    from ui.reviews.benefit_panel import BenefitPanel

    def make() -> BenefitPanel:
        panel = BenefitPanel(window.document)
        window.benefit_panel = panel
        return panel

    return _dock(window, "benefits", _("Benefit checks"), make)


def _build_changes(window, parent):  # noqa: ANN001, ANN202
    from ui.reviews.changes_view import ChangesView

    view = ChangesView(window.document, parent)
    window.changes_view = view
    return view


def show_changes(window, baseline_id: int | None = None):  # noqa: ANN001, ANN201
    """Bring the Changes tab forward (comparing with `baseline_id` when given)."""
    view = window.changes_tab.widget()
    window.show_view(window.changes_tab)
    if baseline_id is not None:
        view.compare_with(baseline_id)
    return view


def show_ghosts(window, baseline_id: int) -> None:  # noqa: ANN001
    """Draw baseline `baseline_id` under the Gantt's bars (0: none)."""
    tab = getattr(window, "gantt_tab", None)
    if tab is None:
        return
    from planner.baseline import read_snapshot
    from planner.errors import PlanError
    from planner.model import Baseline
    from ui.gantt.ghosts import Ghosts

    ghosts = None
    row = window.document.store.find(Baseline, baseline_id) if baseline_id else None
    if row is not None:
        try:
            ghosts = Ghosts.of(row.name, read_snapshot(row))
        except PlanError as exc:
            window.document.error.emit(exc.message)
    view = tab.widget()
    view.set_ghosts(ghosts)
    if ghosts is not None:
        window.show_view(tab)


def compare_with_file(window, path: Path | None = None):  # noqa: ANN001, ANN201
    """File → Compare with another plan…: this plan (before) against another file (after),
    e.g. a scenario saved with Save As. Returns the comparison, or None."""
    from planner.diff import between_plans
    from planner.errors import PlanError
    from planner.store import PlanStore

    if path is None:
        store_path = window.document.store.path
        folder = str(store_path.parent) if store_path is not None else ""
        name, _unused = QFileDialog.getOpenFileName(window, _("Compare with another plan"), folder,
                                              _("Plans (*.rollout);;All files (*)"))
        if not name:
            return None
        path = Path(name)
    try:
        other = PlanStore.open(path, read_only=True)
    except (PlanError, OSError) as exc:
        text = exc.message if isinstance(exc, PlanError) else str(exc)
        QMessageBox.warning(window, _("Compare with another plan"), text)
        return None
    try:
        diff = between_plans(window.document.store, other)
    finally:
        other.close()
    view = show_changes(window)
    view.show_external(diff)
    return diff
