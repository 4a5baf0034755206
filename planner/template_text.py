"""Which values of a plan template (resources/templates/*.toml) are text to translate, and
the template in another language.

There is one source of the template's text, the English TOML. Its text values are extracted
into the catalogues by `make i18n-extract` (planner/i18n/template_extract.py, context
"template", so "Sales" the department never meets "Sales" a UI word) and translated here
when a plan is made from the template in a language. Everything else — keys that tie
records together, people's names, colours, kinds, dates, numbers — stays as written, so a
translated plan has the same structure and numbers, and the same warnings, as the English.

Every string-valued key of the template is in TEXT or in VERBATIM; a test fails on a key
in neither, so a new kind of text cannot slip into the template untranslated.
"""

from __future__ import annotations

import gettext
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

from planner.errors import PlanFileError
from planner.i18n import (
    CATALOGUE_DIR,
    DOMAIN,
    LANGUAGES,
    PSEUDO,
    SOURCE_LANGUAGE,
    _,
    normalise,
)
from planner.i18n.pseudo import pseudo_translate

CONTEXT = "template"

# Section (a [table] or [[array of tables]], nested tables dotted) -> its text keys.
TEXT: dict[str, frozenset[str]] = {
    "plan": frozenset({"title", "vision"}),
    "plan.sponsor": frozenset({"role"}),
    "plan.lead": frozenset({"role"}),
    "objectives": frozenset({"title", "measure", "target"}),
    # Department names are words ("Sales" -> "Salg"); support names a person and a role.
    "departments": frozenset({"name", "support"}),
    "phases": frozenset({"title", "goal"}),
    "demands": frozenset({"title", "notes"}),
    "activities": frozenset({"title", "notes"}),
    "milestones": frozenset({"title"}),
}
# Prerequisites name wishes by their title: translated like the title, never extracted twice.
TITLE_REFERENCES: dict[str, frozenset[str]] = {"prerequisites": frozenset({"wish", "needs"})}
# Keys, references, people's names, codes: never translated.
VERBATIM: dict[str, frozenset[str]] = {
    "plan": frozenset({"working_days"}),
    "plan.sponsor": frozenset({"name", "department"}),
    "plan.lead": frozenset({"name", "department"}),
    "objectives": frozenset({"key"}),
    "departments": frozenset({"key", "colour", "head"}),
    "phases": frozenset({"key", "status", "objectives", "depends_on"}),
    "demands": frozenset({"department", "phase", "priority", "kind", "objective"}),
    "activities": frozenset({"kind", "department", "phase"}),
    "milestones": frozenset({"kind", "phase"}),
}
# A support value that is only a mailbox is an address, not text.
_ADDRESS = re.compile(r"^\S+@\S+$")

Translate = Callable[[str], str]


def is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not _ADDRESS.match(value)


def texts(data: dict[str, Any]) -> Iterator[tuple[str, int, str, str]]:
    """(section, index, key, text) for every text value of a parsed template, in file
    order; index is the record's place in its array (0 for a plain table)."""
    for section, keys in TEXT.items():
        for index, record in enumerate(_records(data, section)):
            for key in sorted(keys):
                value = record.get(key)
                if is_text(value):
                    yield section, index, key, value


def _records(data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    node: Any = data
    for part in section.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        return [node]
    return [item for item in node if isinstance(item, dict)] if isinstance(node, list) else []


def translator(lang: str | None) -> Translate:
    """The template's text in `lang` (None or English: as written). A language without a
    compiled catalogue falls back to English and says so in the log, like the UI does."""
    code = normalise(lang) if lang else SOURCE_LANGUAGE
    if code is None:
        raise PlanFileError(
            _("unknown language '{code}' (choose from {codes})").format(
                code=lang, codes=", ".join(LANGUAGES)
            )
        )
    if code == SOURCE_LANGUAGE:
        return lambda text: text
    if code == PSEUDO:
        return pseudo_translate
    try:
        catalogue = gettext.translation(DOMAIN, CATALOGUE_DIR, languages=[code])
    except OSError:
        logging.getLogger(__name__).warning("No compiled catalogue for %s; template in English",
                                            code)
        return lambda text: text
    return lambda text: catalogue.pgettext(CONTEXT, text)


def translated(data: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """A copy of a parsed template with its text in `lang`; keys, names and numbers kept."""
    turn = translator(lang)
    if normalise(lang) in (None, SOURCE_LANGUAGE):
        return data
    return _walk(data, "", turn)


def _walk(node: Any, section: str, turn: Translate) -> Any:
    if isinstance(node, list):
        return [_walk(item, section, turn) for item in node]
    if not isinstance(node, dict):
        return node
    keys = TEXT.get(section, frozenset()) | TITLE_REFERENCES.get(section, frozenset())
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in keys and is_text(value):
            out[key] = turn(value)
        elif isinstance(value, dict | list):
            out[key] = _walk(value, f"{section}.{key}" if section else key, turn)
        else:
            out[key] = value
    return out
