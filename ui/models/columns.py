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
from planner.model import Base

if TYPE_CHECKING:
    from ui.document import PlanDocument

# Column kinds: how a value is shown and which editor changes it.
TEXT, LONG_TEXT, NUMBER, INTEGER, DATE, ENUM, REF, COLOUR, BOOL = (
    "text", "long_text", "number", "integer", "date", "enum", "ref", "colour", "bool",
)  # fmt: skip

UNITS = {
    "pd": QT_TRANSLATE_NOOP("units", "person-days"),
    "pd/wk": QT_TRANSLATE_NOOP("units", "person-days per week"),
    "wk": QT_TRANSLATE_NOOP("units", "weeks"),
    "%": QT_TRANSLATE_NOOP("units", "per cent"),
}


_LABELS: dict[StrEnum, str] = {}


def _label(value: StrEnum) -> str:
    text = _LABELS.get(value)
    if text is None:
        text = _LABELS[value] = label(value)
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

    def text(self, document: PlanDocument, value: Any) -> str:
        """The value as a person reads it in a cell."""
        if value is None:
            return self.none_label if self.kind == REF else ""
        if self.kind == ENUM:
            return _label(value)
        if self.kind == REF:
            row = document.store.find(self.ref, value)
            return row.display_name if row is not None else self.none_label
        if self.kind == DATE:
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        if self.kind in (NUMBER, INTEGER):
            number = f"{value:,.{self.decimals}f}" if self.kind == NUMBER else f"{value:,d}"
            if self.kind == NUMBER and "." in number:
                number = number.rstrip("0").rstrip(".")
            return f"{number} {self.unit}".strip()
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
        return UNITS.get(self.unit, self.unit)
