"""View menu: the views in the central area (added by MainWindow.add_view), the panels,
moving between panes with F6, and the colour scheme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from planner.i18n import _
from ui import settings, theme
from ui.menus.language_menu import build_language_menu

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def build_view_menu(window: MainWindow) -> tuple[QAction, QMenu]:
    """Returns the separator that ends the list of views, and the Panels submenu."""
    menu = window.view_menu
    views_end = menu.addSeparator()
    panels = menu.addMenu(_("&Panels"))
    next_pane = menu.addAction(_("Next pane"), lambda: window.cycle_panes(+1))
    next_pane.setShortcut(QKeySequence("F6"))
    previous_pane = menu.addAction(_("Previous pane"), lambda: window.cycle_panes(-1))
    previous_pane.setShortcut(QKeySequence("Shift+F6"))
    colours = menu.addMenu(_("&Colours"))
    group = QActionGroup(window)
    current = settings.get(settings.APPEARANCE)
    for scheme, text in theme.SCHEMES.items():
        action = colours.addAction(_(text))
        action.setCheckable(True)
        action.setChecked(scheme == current)
        action.setData(scheme)
        group.addAction(action)
        action.triggered.connect(lambda _unused=False, s=scheme: _choose_scheme(s))
    build_language_menu(window, menu)
    menu.addSeparator()
    return views_end, panels


def _choose_scheme(scheme: str) -> None:
    settings.put(settings.APPEARANCE, scheme)
    theme.apply_scheme(scheme)
