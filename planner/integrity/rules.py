"""What the model cannot say about a value, and the rules that span rows.

Ranges and formats are the ones commands enforce on every edit (planner/validation.py), so a
file is refused for exactly what the app itself would never write. In particular dates must
lie in the same 1990-2200 window edits use: a file with a phase starting in 1950 would open,
but then every edit of that phase would be refused for a field the user did not touch.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from planner.i18n import N_, _
from planner.integrity.problems import Fix, Problem
from planner.integrity.raw import RawPlan
from planner.propose.weights import MAX_WEIGHT, WEIGHT_COLUMNS
from planner.validation import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_CAPACITY,
    MAX_EFFORT,
    reaches,
)

EARLIEST, LATEST = EARLIEST_DATE, LATEST_DATE
# A bound on any count or amount the model gives no range for: nothing in a plan is counted
# in billions, and beyond it sums and charts lose precision or overflow.
ANY_NUMBER = 1e9
DEFAULT_WORKING_DAYS = "12345"
DEFAULT_COLOUR = "#888888"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

# The plan's warning thresholds are left out on purpose: a threshold outside its range is
# reported by the warnings engine (threshold-invalid, with a one-click fix) and a usable value
# is used meanwhile, so such a file is opened, not refused. They must still be finite numbers.
RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("demand", "effort"): (0.0, MAX_EFFORT),
    ("demand", "votes"): (0, ANY_NUMBER),
    ("department", "capacity"): (0.0, MAX_CAPACITY),
    ("objective", "value"): (0.0, 1_000_000.0),
    # The proposer's weights (schema 6): what an edit accepts.
    **{("plan", column): (0.0, MAX_WEIGHT) for column in WEIGHT_COLUMNS},
}

# Text a person must have given: commands refuse these empty.
REQUIRED_TEXT = {
    ("plan", "title"),
    ("objective", "title"),
    ("department", "name"),
    ("phase", "title"),
    ("demand", "title"),
    ("milestone", "title"),
    ("baseline", "name"),
    ("dismissal", "code"),
}


def number_range(table: str, column: str) -> tuple[float, float]:
    return RANGES.get((table, column), (-ANY_NUMBER, ANY_NUMBER))


# --- rules over whole rows and tables ------------------------------------------------------

RowRule = Callable[[RawPlan, "Names"], Iterator[Problem]]
ROW_RULES: list[RowRule] = []


def row_rule(check: RowRule) -> RowRule:
    ROW_RULES.append(check)
    return check


class Names:
    """A record's name for messages, by (table, id)."""

    def __init__(self, lookup: Callable[[str, int], str]) -> None:
        self.lookup = lookup

    def __call__(self, table: str, row_id: int) -> str:
        return self.lookup(table, row_id)


def _rows(raw: RawPlan, table: str, *columns: str) -> Iterator[tuple[Any, ...]]:
    """(id, columns…) of every row, skipping tables or columns the file lacks."""
    tab = raw.get(table)
    if tab is None or any(c not in tab.columns for c in ("id", *columns)):
        return iter(())
    at = [tab.columns.index(c) for c in ("id", *columns)]
    return (tuple(row[i] for i in at) for row in tab.rows)


@row_rule
def _one_plan_row(raw: RawPlan, names: Names) -> Iterator[Problem]:
    if "plan" not in raw:
        return  # rows of some tables only (a missing table is the store's to report)
    ids = sorted(r[0] for r in _rows(raw, "plan"))
    if not ids:
        yield Problem(
            "plan", None, "", None, None,
            _("the file holds no plan settings (the table 'plan' is empty)"),
            _("add default plan settings"), Fix.ADD_PLAN,
        )
        return
    keep = 1 if 1 in ids else ids[0]
    for row_id in ids:
        if row_id != keep:
            yield Problem(
                "plan", row_id, names("plan", row_id), "id", row_id,
                _("a second row of plan settings (a plan has one, id {id})").format(id=keep),
                _("drop it"), Fix.DROP,
            )
    if keep != 1:
        yield Problem(
            "plan", keep, names("plan", keep), "id", keep,
            _("the plan settings are numbered 1 in every plan"), _("renumber them 1"),
            Fix.RENUMBER_PLAN,
        )


@row_rule
def _working_days(raw: RawPlan, names: Names) -> Iterator[Problem]:
    for row_id, days in _rows(raw, "plan", "working_days"):
        if not isinstance(days, str):
            continue  # wrong type: the column check reports it
        if not days or any(c not in "1234567" for c in days) or len(set(days)) != len(days):
            yield Problem(
                "plan", row_id, names("plan", row_id), "working_days", days,
                _(
                    "working days '{days}' are not ISO weekday numbers without repeats (12345 "
                    "is Monday to Friday)"
                ).format(days=days[:20]),
                _("set to {days}, Monday to Friday").format(days=DEFAULT_WORKING_DAYS), Fix.SET,
                DEFAULT_WORKING_DAYS,
            )


@row_rule
def _colours(raw: RawPlan, names: Names) -> Iterator[Problem]:
    for row_id, colour in _rows(raw, "department", "colour"):
        if isinstance(colour, str) and not _COLOUR.fullmatch(colour):
            yield Problem(
                "department", row_id, names("department", row_id), "colour", colour,
                _("colour '{colour}' is not a colour like #1f77b4").format(colour=colour[:20]),
                _("set to {value}").format(value=DEFAULT_COLOUR), Fix.SET, DEFAULT_COLOUR,
            )


@row_rule
def _department_names(raw: RawPlan, names: Names) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for row_id, name in _rows(raw, "department", "name"):
        if not isinstance(name, str) or not name.strip():
            continue
        key = name.strip().casefold()
        if key in seen:
            new = f"{name.strip()[:100]} ({row_id})"
            yield Problem(
                "department", row_id, names("department", row_id), "name", name,
                _("name '{name}' is taken by department {id} already").format(
                    name=name[:40], id=seen[key]
                ),
                _("rename it '{name}'").format(name=new), Fix.SET, new,
            )
        else:
            seen[key] = row_id


@row_rule
def _phase_dates(raw: RawPlan, names: Names) -> Iterator[Problem]:
    for row_id, start, end in _rows(raw, "phase", "start_date", "end_date"):
        first, last = _date(start), _date(end)
        if first is not None and last is not None and last < first:
            yield Problem(
                "phase", row_id, names("phase", row_id), "end_date", end,
                _("ends ({end}) before it starts ({start})").format(end=end, start=start),
                _("clear the end date"), Fix.SET, None,
            )


def _date(value: Any) -> dt.date | None:
    """A date the column check accepts, else None (that check reports the others)."""
    if not isinstance(value, str):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _links(table: str, first: str, second: str, what: str) -> RowRule:
    """A link table between rows of one table: no self-links, no repeats, no circles."""

    def check(raw: RawPlan, names: Names) -> Iterator[Problem]:
        edges: dict[Any, set[Any]] = {}
        seen: set[tuple[Any, Any]] = set()
        for row_id, a, b in _rows(raw, table, first, second):
            label = f"#{a} → #{b}"
            if a == b:
                yield Problem(table, row_id, label, second, b, _(what), _("drop it"), Fix.DROP)
            elif (a, b) in seen:
                yield Problem(table, row_id, label, second, b, _("is there twice"), _("drop it"),
                              Fix.DROP)
            elif reaches(edges, b, a):
                yield Problem(
                    table, row_id, label, second, b,
                    _("closes a circle (each would have to wait for the other)"), _("drop it"),
                    Fix.DROP,
                )
            else:
                seen.add((a, b))
                edges.setdefault(a, set()).add(b)

    return check


# What a link to itself is, said through _() when found.
ROW_RULES.append(
    _links("dependency", "predecessor_id", "successor_id", N_("a phase waits for itself"))
)
ROW_RULES.append(_links("prerequisite", "needs_id", "demand_id", N_("a wish needs itself")))


@row_rule
def _baselines(raw: RawPlan, names: Names) -> Iterator[Problem]:
    # Only damage refuses the plan: a snapshot that is not a JSON object. One that parses but
    # that this version cannot use (another snapshot version, missing parts) is the reviews'
    # business: listed as unreadable, skipped, and raised as the baseline-unreadable warning,
    # while the plan itself opens.
    import json

    for row_id, snapshot in _rows(raw, "baseline", "snapshot"):
        if not isinstance(snapshot, str):
            continue  # the column check reports it
        try:
            parsed = json.loads(snapshot)
            reason = "" if isinstance(parsed, dict) else _("it is not a JSON object")
        except ValueError as exc:  # JSONDecodeError, and recursion too deep
            reason = _("not JSON: {error}").format(error=str(exc)[:60])
        if reason:
            yield Problem(
                "baseline", row_id, names("baseline", row_id), "snapshot", snapshot,
                _("its snapshot cannot be read ({reason})").format(reason=reason),
                _("drop the baseline"), Fix.DROP,
            )


@row_rule
def _dismissals(raw: RawPlan, names: Names) -> Iterator[Problem]:
    from planner.warnings import CODES
    from planner.warnings.rules.registry import SCOPES

    codes = set(CODES)
    for row_id, code, kind in _rows(raw, "dismissal", "code", "subject_kind"):
        if isinstance(code, str) and code.strip() and code not in codes:
            yield Problem(
                "dismissal", row_id, names("dismissal", row_id), "code", code,
                _("'{code}' is not a warning this planner raises").format(code=code[:40]),
                _("drop the dismissal"), Fix.DROP,
            )
        elif isinstance(kind, str) and kind not in SCOPES:
            yield Problem(
                "dismissal", row_id, names("dismissal", row_id), "subject_kind", kind,
                _("subject kind '{kind}' is not one of {choices}").format(
                    kind=kind[:20], choices=", ".join(SCOPES)
                ),
                _("drop the dismissal"), Fix.DROP,
            )
