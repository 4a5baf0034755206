"""What a column of a record table shows and how it is edited, declared once per field and
shared by the table models, the cell editors and the inspector's forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from planner.enums import label
from planner.i18n import N_, _, language
from planner.i18n.formats import local_signs
from planner.model import Base

if TYPE_CHECKING:
    from ui.document import PlanDocument

# Column kinds: how a value is shown and which editor changes it.
TEXT, LONG_TEXT, NUMBER, INTEGER, DATE, ENUM, REF, COLOUR, BOOL = (
    "text", "long_text", "number", "integer", "date", "enum", "ref", "colour", "bool",
)  # fmt: skip

UNITS = {
    "pd": QT_TRANSLATE_NOOP("units", N_("person-days")),
    "pd/wk": QT_TRANSLATE_NOOP("units", N_("person-days per week")),
    "wk": QT_TRANSLATE_NOOP("units", N_("weeks")),
    "%": QT_TRANSLATE_NOOP("units", N_("per cent")),
}
# The abbreviations after a number in a cell ("2.5 pd"); "%" stays as it is.
UNIT_SHORT = {
    # Translators: abbreviation of person-days after a number in a table cell: "2.5 pd".
    "pd": N_("pd"),
    # Translators: abbreviation of person-days per week after a number: "10 pd/wk".
    "pd/wk": N_("pd/wk"),
    # Translators: abbreviation of weeks after a number in a table cell: "6 wk".
    "wk": N_("wk"),
}


_LABELS: dict[tuple[str, StrEnum], str] = {}


def _label(value: StrEnum) -> str:
    key = (language(), value)  # the language may change while the app runs
    text = _LABELS.get(key)
    if text is None:
        text = _LABELS[key] = label(value)
    return text


@dataclass(frozen=True)
class Column:
    """`field` is the record's attribute. A column with `compute` shows a derived value
    (read-only) and is refreshed when any of `depends_on` changes."""

    field: str
    header: str
    kind: str = TEXT
    unit: str = ""
    enum: type[StrEnum] | None = None
    ref: type[Base] | None = None
    none_label: str = ""  # for an optional reference: how "none" reads ("Backlog", "—")
    minimum: float = 0.0
    maximum: float = 10_000.0
    decimals: int = 1
    tooltip: str = ""
    compute: Callable[[PlanDocument, Any], Any] | None = None
    depends_on: tuple[type[Base], ...] = ()
    editable: bool = True

    @property
    def is_editable(self) -> bool:
        return self.editable and self.compute is None

    @property
    def optional(self) -> bool:
        return bool(self.none_label)

    def value(self, document: PlanDocument, record: Any) -> Any:
        if self.compute is not None:
            return self.compute(document, record)
        return getattr(record, self.field)

    @property
    def title(self) -> str:
        """The header in the language in force (`header` is the English, marked N_)."""
        return _(self.header) if self.header else ""

    @property
    def tip(self) -> str:
        return _(self.tooltip) if self.tooltip else ""

    @property
    def none_text(self) -> str:
        return _(self.none_label) if self.none_label else ""

    def text(self, document: PlanDocument, value: Any) -> str:
        """The value as a person reads it in a cell."""
        if value is None:
            return self.none_text if self.kind == REF else ""
        if self.kind == ENUM:
            return _label(value)
        if self.kind == REF:
            row = document.store.find(self.ref, value)
            return row.display_name if row is not None else self.none_text
        if self.kind == DATE:
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        if self.kind in (NUMBER, INTEGER):
            shown = f"{value:,.{self.decimals}f}" if self.kind == NUMBER else f"{value:,d}"
            if self.kind == NUMBER and "." in shown:
                shown = shown.rstrip("0").rstrip(".")
            # The signs of the chosen language: '1 234,5' in Finnish, '1,234.5' in English.
            shown = local_signs(shown)
            unit = _(UNIT_SHORT[self.unit]) if self.unit in UNIT_SHORT else self.unit
            return f"{shown} {unit}".strip()
        if self.kind == BOOL:
            return ""
        if self.kind == LONG_TEXT:
            first = str(value).strip().splitlines()
            return first[0] + (" …" if len(first) > 1 else "") if first else ""
        return str(value)

    def sort_key(self, document: PlanDocument, value: Any) -> tuple:
        """Empty values sort last in ascending order."""
        if value is None or value == "":
            return (1, "")
        if self.kind == ENUM:
            return (0, list(type(value)).index(value))
        if self.kind == REF:
            return (0, self.text(document, value).casefold())
        if self.kind in (TEXT, LONG_TEXT, COLOUR):
            return (0, str(value).casefold())
        return (0, value)

    def unit_text(self) -> str:
        return _(UNITS[self.unit]) if self.unit in UNITS else self.unit
