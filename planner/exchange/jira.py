"""Jira's CSV export ("Export CSV (all fields)" or "(current fields)"), recognised by its
columns and mapped the way a planner reads it:

- Summary → title; Issue Type → kind; Priority (Highest…Lowest, or a custom scheme such as
  "Must Have") → must…won't; Component/s, else Team → department;
- Parent / Epic Link → a phase suggestion: an epic in the same file lends its summary as the
  phase's name; epics themselves are not wishes;
- Original Estimate (seconds) → effort, or Story Points times a points-to-days factor;
- Labels (a column per label, all named 'Labels') → notes; Issue key → the key other rows'
  'Inward issue link (Blocks)' refer to → needs.

Jira repeats a column name once per value (Labels, Sprint, Watchers, Comment), so columns are
found by position, never by a dict of names.
"""

from __future__ import annotations

from planner.exchange.headers import normalise
from planner.exchange.mapping import ColumnMapping
from planner.exchange.tabular import Table
from planner.exchange.values import cell_text

_DEPARTMENT = ("component s", "components", "component", "custom field team", "team")
_PHASE = ("parent summary", "custom field epic link", "epic link", "parent", "parent id",
          "custom field parent link")
_POINTS = ("custom field story points", "custom field story point estimate", "story points",
           "story point estimate")


def is_jira(table: Table) -> bool:
    names = {normalise(h) for h in table.headers}
    return "summary" in names and ("issue key" in names or "issue id" in names)


def _first(table: Table, candidates: tuple[str, ...]) -> int | None:
    names = [normalise(h) for h in table.headers]
    for candidate in candidates:
        if candidate in names:
            return names.index(candidate)
    return None


def _has_values(table: Table, index: int | None) -> bool:
    return index is not None and any(cell_text(r[index]) for r in table.rows if index < len(r))


def jira_mapping(table: Table, points_to_days: float = 1.0) -> ColumnMapping:
    names = [normalise(h) for h in table.headers]
    mapping = ColumnMapping([""] * len(names), points_to_days=points_to_days)

    def put(index: int | None, name: str) -> None:
        if index is not None and not mapping.fields[index]:
            mapping.fields[index] = name

    put(_first(table, ("summary",)), "title")
    put(_first(table, ("issue type",)), "kind")
    put(_first(table, ("priority",)), "priority")
    department = _first(table, _DEPARTMENT[:3])
    if not _has_values(table, department):
        department = _first(table, _DEPARTMENT[3:]) if _has_values(
            table, _first(table, _DEPARTMENT[3:])) else department
    put(department, "department")
    for candidate in _PHASE:
        index = _first(table, (candidate,))
        if _has_values(table, index):
            put(index, "phase")
            break
    estimate = _first(table, ("original estimate",))
    points = _first(table, _POINTS)
    if _has_values(table, estimate):
        put(estimate, "effort")
        mapping.effort_unit = "seconds"
    elif points is not None:
        put(points, "effort")
        mapping.effort_unit = "points"
    put(_first(table, ("issue key",)), "key")
    for index, name in enumerate(names):
        if name == "labels":
            put(index, "notes")
        elif name == "inward issue link blocks":
            put(index, "needs")
    return mapping


def epics(table: Table) -> dict[str, str]:
    """Issue key and issue id of every epic in the file → its summary (the phase name)."""
    names = [normalise(h) for h in table.headers]
    try:
        summary, kind = names.index("summary"), names.index("issue type")
    except ValueError:
        return {}
    keys = [names.index(n) for n in ("issue key", "issue id") if n in names]
    found: dict[str, str] = {}
    for row in table.rows:
        if kind < len(row) and normalise(cell_text(row[kind])) == "epic":
            title = cell_text(row[summary]) if summary < len(row) else ""
            for index in keys:
                if index < len(row) and cell_text(row[index]) and title:
                    found[cell_text(row[index])] = title
    return found


def issue_type_column(table: Table) -> int | None:
    names = [normalise(h) for h in table.headers]
    return names.index("issue type") if "issue type" in names else None
