"""A comparison (planner/diff.py) as plain lines of text: the command line prints them."""

from __future__ import annotations

from typing import Any

from planner.diff import Change, PlanDiff

_SUBJECT_NAMES = {"phases": "Phases", "wishes": "Wishes", "milestones": "Milestones",
                  "warnings": "Warnings"}


def _where(phase: Any) -> str:
    return "the backlog" if phase is None else f"'{phase}'"


def _num(value: float) -> str:
    return f"{value:g}"


def describe(c: Change) -> str:
    """One change in words, e.g. "moved 14 days later: 2027-04-19 – 2027-05-14"."""
    b, a = c.before, c.after
    if c.subject == "warnings":
        message = (a or b).get("message", "")
        return ("new: " if c.change == "new" else "resolved: ") + message
    if c.change == "added":
        if c.subject == "wishes":
            return f"added to {_where(a.get('phase'))} ({_num(a['effort'])} pd)"
        if c.subject == "phases":
            return f"added ({_span(a)})"
        return f"added ({a.get('date')})"
    if c.change == "removed":
        if c.subject == "wishes":
            return f"removed from {_where(b.get('phase'))} ({_num(b['effort'])} pd)"
        return "removed"
    if c.change == "renamed":
        return f"renamed from '{b['title']}'"
    if c.change == "moved":
        if c.subject == "wishes":
            return f"moved from {_where(b.get('phase'))} to {_where(a.get('phase'))}"
        shift = a.get("shift_days")
        if shift is None:
            return f"dates {_span(b)} → {_span(a)}"
        unit = "day" if abs(shift) == 1 else "days"
        way = "later" if shift > 0 else "earlier"
        if c.subject == "milestones":
            return f"moved {abs(shift)} {unit} {way}: {b['date']} → {a['date']}"
        return f"moved {abs(shift)} {unit} {way}: {_span(b)} → {_span(a)}"
    if c.change == "resized":
        delta = a.get("days_delta")
        grew = "longer" if (delta or 0) > 0 else "shorter"
        return (f"{abs(delta or 0)} days {grew}: {b.get('working_weeks')} → "
                f"{a.get('working_weeks')} working weeks")
    if c.change == "effort":
        return f"effort {_num(b['effort'])} → {_num(a['effort'])} pd"
    key = c.change
    return f"{key} {b.get(key)!s} → {a.get(key)!s}"


def _span(values: dict[str, Any]) -> str:
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        return "undated"
    return f"{start} – {end}"


def diff_lines(result: PlanDiff) -> list[str]:
    lines = [f"Comparing {result.before_label} with {result.after_label}."]
    lines += result.notes
    if result.unchanged:
        lines.append("No changes.")
        return lines
    for subject, heading in _SUBJECT_NAMES.items():
        group = result.of(subject)
        if not group:
            continue
        lines += ["", f"{heading} ({len(group)})"]
        lines += [f"  {c.title}: {describe(c)}" for c in group]
    delta = result.planned_after - result.planned_before
    lines += ["", f"Planned effort: {_num(round(result.planned_before, 1))} → "
              f"{_num(round(result.planned_after, 1))} pd ({delta:+.1f})"]
    return lines
