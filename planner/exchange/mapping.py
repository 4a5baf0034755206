"""Which column feeds which field of a wish: guessed from the header names (any of six
languages), then from the content of the columns left over; every guess can be changed.

A `ColumnMapping` holds one field name per column ("" for a column that is ignored). Notes
may come from several columns (joined); every other field from one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.exchange import headers
from planner.exchange.errors import ExchangeError
from planner.exchange.tabular import Table, column_letter
from planner.exchange.values import cell_text, parse_number
from planner.i18n import N_, _

MULTI_FIELDS = frozenset({"notes", "needs"})
# Shown through _().
EFFORT_UNITS = {
    "days": N_("person-days"),
    "hours": N_("hours"),
    "points": N_("story points"),
    "seconds": N_("seconds (Jira)"),
}
_HOURS = re.compile(r"\b(hours?|timer|timmar|tunnit|tuntia|uren|uur|h)\b")
_POINTS = re.compile(r"\b(story ?points?|points?|sp|poeng|point|pisteet|punten)\b")


@dataclass
class ColumnMapping:
    fields: list[str]
    effort_unit: str = "days"
    points_to_days: float = 1.0
    hours_per_day: float = 8.0
    # field -> normalised cell value -> enum value, for values the vocabularies don't know.
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)

    def columns_for(self, name: str) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == name]

    def column_for(self, name: str) -> int | None:
        found = self.columns_for(name)
        return found[0] if found else None

    def assign(self, column: int, name: str) -> None:
        """Map `column` to `name`; a single-column field leaves the column it had."""
        if name and name not in MULTI_FIELDS:
            for i, current in enumerate(self.fields):
                if current == name:
                    self.fields[i] = headers.IGNORE
        self.fields[column] = name
        if name == "effort":
            self.effort_unit = "days"


def guess_mapping(table: Table, known_departments: Iterable[str] = (),
                  known_phases: Iterable[str] = ()) -> ColumnMapping:
    mapping = ColumnMapping([headers.IGNORE] * len(table.headers))
    if table.has_header:
        for index, header in enumerate(table.headers):
            name = headers.field_for_header(header)
            if name and (name in MULTI_FIELDS or mapping.column_for(name) is None):
                mapping.fields[index] = name
        effort = mapping.column_for("effort")
        if effort is not None:
            mapping.effort_unit = unit_for_header(table.headers[effort])
    _guess_by_content(table, mapping, known_departments, known_phases)
    return mapping


def unit_for_header(header: str) -> str:
    key = headers.normalise(header)
    if _POINTS.search(key):
        return "points"
    if _HOURS.search(key):
        return "hours"
    return "days"


def _guess_by_content(table: Table, mapping: ColumnMapping, departments: Iterable[str],
                      phases: Iterable[str]) -> None:
    department_names = {headers.normalise(d) for d in departments}
    phase_names = {headers.normalise(p) for p in phases}
    free = [i for i, f in enumerate(mapping.fields) if not f]
    samples = {i: [v for v in table.column_values(i) if cell_text(v)] for i in free}
    tests = (
        ("priority", lambda v: headers.priority_for(cell_text(v)) is not None
         and not isinstance(v, int | float)),
        ("kind", lambda v: headers.kind_for(cell_text(v)) is not None),
        ("department", lambda v: headers.normalise(cell_text(v)) in department_names),
        ("phase", lambda v: headers.normalise(cell_text(v)) in phase_names),
        ("effort", lambda v: parse_number(v, table.decimal) is not None),
    )
    for name, test in tests:
        if mapping.column_for(name) is not None:
            continue
        for index in free:
            values = samples[index]
            if mapping.fields[index] or len(values) < 1:
                continue
            hits = sum(1 for v in values if test(v))
            if hits >= 0.8 * len(values):
                mapping.fields[index] = name
                break
    if mapping.column_for("title") is None:
        # The wordiest column that is mostly text is the wish itself.
        best, best_length = None, 0.0
        for index in free:
            values = samples[index]
            if mapping.fields[index] or not values:
                continue
            texts = [cell_text(v) for v in values if parse_number(v, table.decimal) is None]
            if len(texts) < 0.8 * len(values):
                continue
            length = sum(len(t) for t in texts) / len(texts)
            if length > best_length:
                best, best_length = index, length
        if best is not None:
            mapping.fields[best] = "title"


def require_known_header(table: Table) -> None:
    """For unattended imports (the command line): a header row of which no column name is
    known is refused rather than guessed from the content, which nobody would check."""
    if not table.has_header or any(headers.field_for_header(h) for h in table.headers):
        return
    shown = ", ".join(table.headers[:8]) + ("…" if len(table.headers) > 8 else "")
    raise ExchangeError(
        _(
            "{name}: none of its columns has a name the planner knows ({shown}). Name a column "
            "Title (or Ønske, Önskemål, Toive, Wens …) or map it with --map COLUMN=title."
        ).format(name=table.name, shown=shown)
    )


def resolve_column(table: Table, name: str) -> int:
    """A column named by the user: its header (any case), its letter (A, B, …) or its
    number (1, 2, …)."""
    wanted = name.strip()
    for index, header in enumerate(table.headers):
        if header.casefold() == wanted.casefold():
            return index
    for index, header in enumerate(table.headers):
        if headers.normalise(header) == headers.normalise(wanted):
            return index
    if wanted.isdigit() and 1 <= int(wanted) <= len(table.headers):
        return int(wanted) - 1
    for index in range(len(table.headers)):
        if column_letter(index) == wanted.upper():
            return index
    shown = ", ".join(table.headers[:12])
    raise ExchangeError(
        _(
            "There is no column '{name}'; the columns are: {shown}."
        ).format(name=name, shown=shown)
    )


def resolve_field(name: str) -> str:
    key = headers.normalise(name)
    if key in ("", "ignore", "none", "skip", "-"):
        return headers.IGNORE
    if key in headers.FIELDS:
        return key
    guessed = headers.field_for_header(name)
    if guessed:
        return guessed
    raise ExchangeError(
        _(
            "'{name}' is not a field of a wish; use one of {items} or ignore."
        ).format(name=name, items=', '.join(headers.FIELDS))
    )


def apply_overrides(table: Table, mapping: ColumnMapping, overrides: Iterable[str]) -> None:
    """`COLUMN=FIELD` pairs from the command line."""
    for item in overrides:
        column, sep, name = item.rpartition("=")
        if not sep or not column.strip():
            raise ExchangeError(
                _("'{item}' is not COLUMN=FIELD (e.g. --map \"Ønske=title\").").format(item=item)
            )
        mapping.assign(resolve_column(table, column), resolve_field(name))
        if resolve_field(name) == "effort":
            mapping.effort_unit = unit_for_header(table.headers[resolve_column(table, column)])


def apply_value_overrides(mapping: ColumnMapping, items: Iterable[str],
                          departments: Iterable[str] = ()) -> None:
    """`FIELD:VALUE=MEANS` from the command line, e.g. 'priority:Top=must',
    'department:Salg=Sales'."""
    from planner.enums import DemandKind, Priority

    names = {headers.normalise(d): d for d in departments}
    for item in items:
        field, colon, rest = item.partition(":")
        value, equals, target = rest.rpartition("=")
        field = headers.normalise(field)
        if not colon or not equals or not value.strip() or field not in (
            "priority", "kind", "department"
        ):
            raise ExchangeError(
                _(
                    "'{item}' is not FIELD:VALUE=MEANS with FIELD priority, kind or department "
                    "(e.g. --value \"priority:Top=must\")."
                ).format(item=item)
            )
        if field == "priority":
            found = headers.priority_for(target)
            allowed = ", ".join(p.value for p in Priority)
        elif field == "kind":
            found = headers.kind_for(target)
            allowed = ", ".join(k.value for k in DemandKind)
        else:
            found = names.get(headers.normalise(target))
            allowed = ", ".join(sorted(names.values()))
        if found is None:
            raise ExchangeError(
                _(
                    "'{target}' is not a {field}; use one of {allowed}."
                ).format(target=target, field=field, allowed=allowed)
            )
        mapping.value_maps.setdefault(field, {})[headers.normalise(value)] = str(
            getattr(found, "value", found)
        )


def describe(table: Table, mapping: ColumnMapping) -> list[str]:
    out = []
    for index, name in enumerate(mapping.fields):
        # Translators: a column of an imported table that becomes nothing: "Comment → ignored".
        target = _(headers.FIELDS[name]) if name in headers.FIELDS else _("ignored")
        if name == "effort" and mapping.effort_unit != "days":
            # Translators: "Effort (person-days), in hours" in the import's column list.
            target = _("{field}, in {unit}").format(
                field=target, unit=_(EFFORT_UNITS[mapping.effort_unit])
            )
        out.append(f"{table.headers[index]} → {target}")
    return out
