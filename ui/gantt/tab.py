"""The Gantt tab and its export action, added to a main window without importing the chart:
the view (ui/gantt/view.py and everything it draws with) is imported and built on the first
show of the tab, or when the export needs it."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from planner.i18n import _
from ui.lazy_view import LazyView


def install_tab(window) -> LazyView:  # noqa: ANN001 - ui.main_window.MainWindow
    tab = LazyView(lambda parent: _build(window, parent), "gantt_tab")
    window.gantt_tab = tab
    window.add_view(tab, _("&Gantt"))
    action = QAction(_("Gantt view as PNG or SVG…"), window)
    action.setObjectName("export_gantt_view")
    action.triggered.connect(lambda: _export(window, tab))
    window.export_menu.addAction(action)
    return tab


def _build(window, parent: QWidget) -> QWidget:  # noqa: ANN001
    from ui.gantt.window import make_view

    return make_view(window, parent)


def _export(window, tab: LazyView) -> None:  # noqa: ANN001
    from ui.gantt.window import export_with_dialog

    export_with_dialog(tab.widget(), window)
