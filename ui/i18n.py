"""The window's language, chosen once at start-up before any widget exists.

Our own text is translated by planner.i18n (gettext catalogues); this module adds what only
Qt can do: Qt's own translations of its standard dialogs and buttons (qtbase_<lang>.qm,
shipped with PySide6) and the default QLocale, so that date and number editors read as the
language does. Choosing another language in View → Language is remembered in the settings
and applies at the next start: every widget takes its text when it is built.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner import i18n
from planner.i18n.formats import LOCALES
from ui import settings

_log = logging.getLogger(__name__)

# Set to 1 to list the pseudo-language in View → Language (for finding clipped text).
PSEUDO_ENV = "ROLLOUT_PLANNER_PSEUDO"
# Qt ships no qtbase_nb.qm (as of PySide6 6.x). Nynorsk's is the nearest: the standard
# buttons (OK, Avbryt, Ja, Nei, Lagre, Lukk) are spelt the same in both written forms.
_QT_FALLBACKS = {"nb": ("nb", "no", "nn")}

_translators: list[QTranslator] = []  # kept alive for as long as they are installed


def pseudo_offered() -> bool:
    return os.environ.get(PSEUDO_ENV, "") not in ("", "0")


def chosen_language() -> str | None:
    """The language the user chose in View → Language, or None to follow the system."""
    value = settings.get(settings.LANGUAGE)
    return value or None


def install(app: QCoreApplication | None = None, code: str | None = None) -> str:
    """Translate from now on into `code` (else the remembered choice, else the system's
    language); returns the language in force. Call before the first window is built."""
    language = i18n.set_language(code or chosen_language())
    QLocale.setDefault(QLocale(LOCALES.get(language, LOCALES[i18n.SOURCE_LANGUAGE])))
    app = app or QCoreApplication.instance()
    if app is not None:
        _install_qt_translations(app, language)
    return language


def _install_qt_translations(app: QCoreApplication, language: str) -> None:
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for candidate in _QT_FALLBACKS.get(language, (language,)):
        translator = QTranslator(app)
        if translator.load(f"qtbase_{candidate}", folder):
            app.installTranslator(translator)
            _translators.append(translator)
            return
    _log.info("No Qt translation for %s in %s; Qt's own buttons stay English", language, folder)


def qt_translation_for(language: str) -> str | None:
    """The qtbase catalogue that serves `language` (None: Qt's buttons stay English)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for candidate in _QT_FALLBACKS.get(language, (language,)):
        if QTranslator().load(f"qtbase_{candidate}", folder):
            return candidate
    return None
