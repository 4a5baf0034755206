"""View → Language: the languages in their own names (a reader must find their own), plus
the pseudo-language when ROLLOUT_PLANNER_PSEUDO=1. The choice is remembered and applies at
the next start, when every widget is built in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from planner import i18n
from planner.i18n import _
from ui import settings
from ui.i18n import pseudo_offered

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SYSTEM = ""  # the setting's value for "follow the system"
PSEUDO_NAME = "[Þšéûđö ~~~]"


def build_language_menu(window: MainWindow, menu: QMenu) -> QMenu:
    languages = menu.addMenu(_("&Language"))
    languages.setObjectName("language_menu")
    group = QActionGroup(window)
    current = settings.get(settings.LANGUAGE)
    entries: list[tuple[str, str]] = [(SYSTEM, _("Follow the &system"))]
    entries += list(i18n.LANGUAGES.items())
    if pseudo_offered() or current == i18n.PSEUDO:
        entries.append((i18n.PSEUDO, PSEUDO_NAME))
    for code, name in entries:
        action = QAction(name, languages)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
        languages.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: choose_language(window, c))
    return languages


def choose_language(window: MainWindow, code: str) -> None:
    settings.put(settings.LANGUAGE, code)
    name = i18n.LANGUAGES.get(code) or (PSEUDO_NAME if code == i18n.PSEUDO else "")
    if code == SYSTEM:
        name = i18n.LANGUAGES.get(i18n.system_language(), "English")
    window.statusBar().showMessage(
        # Translators: {language} is the language's name in itself ("Suomi", "Svenska").
        _("The window will be in {language} from the next start.").format(language=name),
        8000,
    )
