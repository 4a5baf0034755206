"""Check every raw row of a plan: each value against its column (model metadata plus the
ranges in rules.py), each reference against the rows it points at, then the rules that span
rows. Returns the problems; raising is the caller's business.

Fast enough to run on every open of the largest plan: a column is first judged as a whole
with built-ins that run in C (the set of its types, its longest text, its distinct values);
only a column that fails that is walked value by value to name each broken record.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any

from planner.i18n import _
from planner.i18n.formats import local_number
from planner.integrity.columns import ColumnSpec, TableSpec, table_specs
from planner.integrity.problems import Fix, Problem, Undecodable, english_noun, noun_for, shown
from planner.integrity.raw import RawPlan, RawTable
from planner.integrity.rules import (
    EARLIEST,
    LATEST,
    REQUIRED_TEXT,
    ROW_RULES,
    Names,
    number_range,
)

# Verdict on one value: (what is wrong, how it is mended, fix, new value) or None when fine.
Verdict = tuple[str, str, Fix, Any] | None
Judge = Callable[[Any], Verdict]
_NAME_CHARS = 40


def find_problems(raw: RawPlan, specs: Sequence[TableSpec] | None = None) -> list[Problem]:
    """Every problem in `raw`, table by table in foreign-key order, then the row rules."""
    specs = table_specs() if specs is None else specs
    ids = {
        spec.name: set(_column(raw[spec.name], "id"))
        for spec in specs
        if spec.name in raw and "id" in raw[spec.name].columns
    }
    names = Names(_name_lookup(raw, specs))
    context = _Context(raw)
    problems: list[Problem] = []
    for spec in specs:
        table = raw.get(spec.name)
        if table is not None:
            problems += _check_table(spec, table, ids, names, context)
    for rule in ROW_RULES:
        problems += rule(raw, names)
    return problems


class _Context:
    """Facts a repair rule needs from elsewhere in the plan (the date for a date that must
    not be empty)."""

    def __init__(self, raw: RawPlan) -> None:
        self.raw = raw
        self._fallback_date: str | None = None

    @property
    def fallback_date(self) -> str:
        if self._fallback_date is None:
            starts = [s for s in _column(self.raw.get("plan"), "start_date") if _good_date(s)]
            self._fallback_date = starts[0] if starts else dt.date.today().isoformat()
        return self._fallback_date


def _column(table: RawTable | None, name: str) -> list[Any]:
    if table is None or name not in table.columns:
        return []
    at = table.columns.index(name)
    return [row[at] for row in table.rows]


def _name_lookup(raw: RawPlan, specs: Sequence[TableSpec]) -> Callable[[str, int], str]:
    display = {s.name: s.display for s in specs}
    cache: dict[str, dict[Any, Any]] = {}

    def lookup(table: str, row_id: int) -> str:
        if table not in cache:
            column = display.get(table)
            tab = raw.get(table)
            if column is None or tab is None or column not in tab.columns:
                cache[table] = {}
            else:
                cache[table] = dict(zip(_column(tab, "id"), _column(tab, column), strict=True))
        name = cache[table].get(row_id)
        if not isinstance(name, str) or isinstance(name, Undecodable):
            return ""
        name = " ".join(name.split())
        return name if len(name) <= _NAME_CHARS else name[:_NAME_CHARS] + "…"

    return lookup


def _check_table(
    spec: TableSpec, table: RawTable, ids: dict[str, set[Any]], names: Names, context: _Context
) -> list[Problem]:
    problems: list[Problem] = []
    if not table.rows:
        return problems
    columns = dict(zip(table.columns, zip(*table.rows, strict=True), strict=True))
    row_ids = columns.get("id", ())
    for column in spec.columns:
        values = columns.get(column.name)
        if values is None or column.name == "id":
            continue
        targets = ids.get(column.references) if column.references else None
        if _column_is_fine(spec.name, column, values, targets):
            continue
        judge = _judge(spec.name, column, targets, context)
        for row_id, value in zip(row_ids, values, strict=True):
            verdict = judge(value)
            if verdict is not None:
                message, repair, fix, new_value = verdict
                problems.append(
                    Problem(
                        spec.name, row_id, names(spec.name, row_id), column.name, value,
                        message, repair, fix, new_value,
                    )
                )
    return problems


# --- the fast path: a whole column at once -------------------------------------------------


def _column_is_fine(
    table: str, column: ColumnSpec, values: tuple[Any, ...], targets: set[Any] | None
) -> bool:
    types = set(map(type, values))
    if column.nullable:
        types.discard(type(None))
        present = [v for v in values if v is not None] if None in values else values
    else:
        present = values
    if not present:
        return True
    kind = column.kind
    if column.references is not None:
        return types == {int} and targets is not None and set(present) <= targets
    if kind == "text":
        if types != {str}:
            return False
        if column.length is not None and max(map(len, present)) > column.length:
            return False
        if (table, column.name) in REQUIRED_TEXT:
            return all(map(str.strip, present))
        return True
    if kind == "enum":
        return types == {str} and set(present) <= set(column.enums)
    if kind == "bool":
        return types == {int} and set(present) <= {0, 1}
    if kind in ("int", "float"):
        if not types <= ({int} if kind == "int" else {int, float}):
            return False
        if float in types and not all(map(math.isfinite, present)):
            return False
        low, high = number_range(table, column.name)
        return low <= min(present) and max(present) <= high
    if kind in ("date", "datetime"):
        return types == {str} and all(_judge_date(column, v, "") is None for v in set(present))
    return True


# --- the slow path: one value at a time, with the reason and the repair --------------------


def _judge(table: str, column: ColumnSpec, targets: set[Any] | None, context: _Context) -> Judge:
    field = column.name

    def said(value: Any) -> str:
        return f"{field} {shown(value)}"

    def missing(value: Any) -> Verdict:
        if value is None and column.nullable:
            return None
        if value is None:
            fix, new, how = _replacement(table, column, context)
            return _empty(field), how, fix, new
        return None

    if column.references is not None:
        target = column.references

        def judge_reference(value: Any) -> Verdict:
            if value is None:
                return missing(value)
            if type(value) is int and targets is not None and value in targets:
                return None
            # Translators: {field_value} is a column and its value: "phase_id 12".
            message = _("{field_value} points at no {record} that exists").format(
                field_value=said(value), record=noun_for(target)
            )
            if column.nullable:
                how = (
                    _("move it to the backlog")
                    if (table, field) == ("demand", "phase_id")
                    else _("clear the {what}").format(
                        what=field.removesuffix("_id").replace("_", " ")
                    )
                )
                return message, how, Fix.SET, None
            if target == "department" and type(value) is int:
                return (
                    message,
                    # The placeholder department's name stays English: it is data in the file.
                    _("add a department '{name}' for it").format(
                        name=f"Department {value} (recovered)"
                    ),
                    Fix.ADD_DEPARTMENT,
                    value,
                )
            return message, _("drop the {record}").format(record=noun_for(table)), Fix.DROP, None

        return judge_reference

    kind = column.kind
    default_fix, default_new, default_how = _replacement(table, column, context)

    def judge(value: Any) -> Verdict:
        if value is None:
            return missing(value)
        if kind == "text":
            return _judge_text(table, column, value, said, context)
        if kind == "enum":
            if type(value) is str and value in column.enums:
                return None
            return (
                _("{field_value} is not one of {choices}").format(
                    field_value=said(value), choices=", ".join(column.enums)
                ),
                default_how, default_fix, default_new,
            )
        if kind == "bool":
            if type(value) is int and value in (0, 1):
                return None
            message = _("{field_value} is neither 0 (no) nor 1 (yes)").format(
                field_value=said(value)
            )
            return message, default_how, default_fix, default_new
        if kind in ("int", "float"):
            return _judge_number(table, column, value, said, (default_how, default_new))
        if kind in ("date", "datetime"):
            complaint = _judge_date(column, value, said(value))
            if complaint is None:
                return None
            return complaint, default_how, default_fix, default_new
        return None

    return judge


def _replacement(table: str, column: ColumnSpec, context: _Context) -> tuple[Fix, Any, str]:
    """The value a broken cell gets: the column's default, else empty where allowed, else a
    stated placeholder."""
    if column.default is not None:
        how = _("set to {value}, the default").format(value=shown(column.default))
        return Fix.SET, column.default, how
    if column.nullable:
        return Fix.SET, None, _("clear it")
    if column.kind == "enum":
        return Fix.SET, column.enums[0], _("set to '{value}'").format(value=column.enums[0])
    if column.kind == "date":
        day = context.fallback_date
        how = _("set to {date} (the plan's start, or today): check it").format(date=day)
        return Fix.SET, day, how
    if column.kind == "datetime":
        now = dt.datetime.now().replace(microsecond=0).isoformat(" ") + ".000000"
        return Fix.SET, now, _("set to the time of the repair")
    if column.kind in ("int", "float", "bool"):
        low, _high = number_range(table, column.name)
        new = max(0, low)
        return Fix.SET, new, _("set to {value}").format(value=local_number(new))
    if column.kind == "text":
        return Fix.SET, "", _("set to empty text")
    return Fix.SET, None, _("clear it")


def _judge_text(
    table: str, column: ColumnSpec, value: Any, said: Callable[[Any], str], context: _Context
) -> Verdict:
    length = column.length
    if isinstance(value, bytes):  # a BLOB, or text that is not UTF-8
        text = bytes(value).decode("utf-8", errors="replace")
        text = text[:length] if length else text
        message = (
            said(value)
            if isinstance(value, Undecodable)
            else _("{field_value} is not text").format(field_value=said(value))
        )
        if not text.strip() and (table, column.name) in REQUIRED_TEXT:
            text = _placeholder(table, column)
        return message, _("keep what can be read as text"), Fix.SET, text
    if type(value) is not str:
        text = str(value)[: length or None]
        return (
            _("{field_value} is a number, not text").format(field_value=said(value)),
            _("store it as the text '{text}'").format(text=text),
            Fix.SET,
            text,
        )
    if length is not None and len(value) > length:
        return (
            _("{field_value} is longer than the {length} characters allowed").format(
                field_value=said(value), length=length
            ),
            _("cut it to {length} characters").format(length=length),
            Fix.SET,
            value[:length],
        )
    if (table, column.name) in REQUIRED_TEXT and not value.strip():
        new = _placeholder(table, column)
        return _empty(column.name), _("name it '{name}'").format(name=new), Fix.SET, new
    return None


def _empty(field: str) -> str:
    # Translators: {field} is a column's name in the file: "title".
    return _("{field} is empty, and it must not be").format(field=field)


def _placeholder(table: str, column: ColumnSpec) -> str:
    # Data written into the repaired file, not a message: it stays as it is.
    return f"Untitled {english_noun(table)}" if column.name != "code" else "unknown"


def _judge_number(
    table: str, column: ColumnSpec, value: Any, said: Callable[[Any], str],
    default: tuple[str, Any],
) -> Verdict:
    default_how, default_new = default
    allowed = (int,) if column.kind == "int" else (int, float)
    if type(value) not in allowed:
        message = (
            _("{field_value} is not a whole number")
            if column.kind == "int"
            else _("{field_value} is not a number")
        )
        return message.format(field_value=said(value)), default_how, Fix.SET, default_new
    if not math.isfinite(value):
        message = _("{field_value} is not a finite number").format(field_value=said(value))
        return message, default_how, Fix.SET, default_new
    low, high = number_range(table, column.name)
    if low <= value <= high:
        return None
    new = min(max(value, low), high)
    new = int(new) if column.kind == "int" else float(new)
    return (
        _("{field_value} is outside {low}…{high}").format(
            field_value=said(value), low=local_number(low), high=local_number(high)
        ),
        _("set to {value}, the nearest allowed").format(value=local_number(new)),
        Fix.SET,
        new,
    )


def _judge_date(column: ColumnSpec, value: Any, said: str) -> str | None:
    if type(value) is not str:
        return _("{field_value} is not a date (dates are stored as text, YYYY-MM-DD)").format(
            field_value=said
        )
    parsed = column.parse_date(value)
    if parsed is None:
        return _("{field_value} is not a real date").format(field_value=said)
    day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    if not EARLIEST <= day <= LATEST:
        return _("{field_value} is outside {low}…{high}").format(
            field_value=said, low=EARLIEST.year, high=LATEST.year
        )
    return None


def _good_date(value: Any) -> bool:
    if type(value) is not str:
        return False
    try:
        return EARLIEST <= dt.date.fromisoformat(value) <= LATEST
    except ValueError:
        return False
