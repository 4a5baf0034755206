"""One translation mechanism for the whole app: GNU gettext catalogues, managed with Babel.

Why gettext rather than Qt's `tr()`: planner/ has no Qt, and its text — warning titles,
messages and principles, fix labels, report headings, validation errors, command-line
output — needs translating as much as the widgets do. One catalogue per language serves the
planner, the command line, the PDF and the UI alike, with real plural forms. Qt's own
dialogs and buttons are translated by Qt's `qtbase_*.qm`, which ui/i18n.py loads.

How text is marked (`pybabel extract` finds these names):
- `_("text")` translates at the moment the text is shown — call it inside functions;
- `N_("text")` only marks text defined at import time (tables of titles, principles); show
  it through `_(CONSTANT)`, so a language chosen after import still applies;
- `ngettext("{n} wish", "{n} wishes", n).format(n=n)` for anything with a count;
- placeholders are named `{name}` (str.format), so a translation may reorder them.

The catalogues are resources/i18n/<lang>/LC_MESSAGES/rollout.po, compiled to .mo by
`make` (see the Makefile's catalogue rule); the template is resources/i18n/rollout.pot.
"""

from __future__ import annotations

import gettext as _gettext
import logging
import os
from pathlib import Path

from planner.i18n.pseudo import pseudo_translate

DOMAIN = "rollout"
SOURCE_LANGUAGE = "en"
# A made-up language for testing layouts: every string accented and ~40 % longer.
PSEUDO = "pseudo"
# Code -> the language's name in itself (for menus, where a reader must find their own).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "nb": "Norsk bokmål",
    "da": "Dansk",
    "sv": "Svenska",
    "fi": "Suomi",
    "nl": "Nederlands",
}
# What a system locale may say for a language we have under another code.
_ALIASES = {"no": "nb", "nn": "nb"}

CATALOGUE_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "i18n"

_log = logging.getLogger(__name__)
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def normalise(code: str | None) -> str | None:
    """'nb_NO.UTF-8' -> 'nb', 'no' -> 'nb', 'sv-FI' -> 'sv'; None for languages we lack."""
    if not code:
        return None
    if code == PSEUDO:
        return PSEUDO
    base = code.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def system_language() -> str:
    """The user's language as the environment says it (LANGUAGE, LC_ALL, LC_MESSAGES,
    LANG, in gettext's order), or English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(var, "").split(":"):
            code = normalise(part)
            if code:
                return code
    return SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Translate from now on into `code` (None: the system's language); returns the
    language in force. A missing catalogue falls back to English and says so in the log."""
    global _translation, _language
    chosen = normalise(code) or system_language()
    if chosen == PSEUDO:
        _translation, _language = _PseudoTranslations(), PSEUDO
        return _language
    if chosen == SOURCE_LANGUAGE:
        _translation, _language = _gettext.NullTranslations(), chosen
        return _language
    try:
        _translation = _gettext.translation(DOMAIN, CATALOGUE_DIR, languages=[chosen])
        _language = chosen
    except OSError:
        _log.warning("No compiled catalogue for %s in %s; using English", chosen, CATALOGUE_DIR)
        _translation, _language = _gettext.NullTranslations(), SOURCE_LANGUAGE
    return _language


def language() -> str:
    """The language in force: a key of LANGUAGES, or PSEUDO."""
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For the same English word with two meanings in another language ("Phase" the record,
    "Phase" the column)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Mark text for extraction without translating it yet (see the module docstring)."""
    return message


class _PseudoTranslations(_gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo_translate(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translate(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_translate(message)
