"""The cover's one-paragraph status: where the plan stands on the pack's date, in the words
a steering committee uses (what is done, what runs, what comes, what worries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.enums import PhaseStatus
from planner.model import Milestone
from planner.queries import PlanIndex
from planner.report.text import day, person_days, plural

if TYPE_CHECKING:
    from planner.warnings.types import Warning


def status_paragraph(
    index: PlanIndex,
    today: dt.date,
    warnings: Sequence[Warning],
    overloaded_departments: Sequence[str],
) -> str:
    parts = [_progress(index, today)]
    planned = sum(index.effort(p.id) for p in index.phases)
    backlog = index.demands(None)
    parts.append(
        f"{person_days(planned)} of wishes are planned in phases; "
        f"{plural(len(backlog), 'wish', 'wishes')} ({person_days(index.effort(None))}) "
        "wait in the backlog for a later course."
    )
    milestone = _next_milestone(index.milestones, today)
    if milestone is not None:
        parts.append(f"Next milestone: {milestone.title}, {day(milestone.date)}.")
    parts.append(_concerns(warnings, overloaded_departments))
    return " ".join(p for p in parts if p)


def _progress(index: PlanIndex, today: dt.date) -> str:
    phases = index.phases
    if not phases:
        return "The plan has no phases yet."
    done = [p for p in phases if p.status == PhaseStatus.DONE]
    active = [p for p in phases if p.status == PhaseStatus.ACTIVE]
    planned = len(phases) - len(done) - len(active)
    text = f"Of {plural(len(phases), 'phase')}, {len(done)} {_verb(len(done), 'is', 'are')} done"
    if active:
        number = phases.index(active[0]) + 1
        text += (
            f", phase {number} “{active[0].title}” is running"
            + (f" until {day(active[0].end_date)}" if active[0].end_date else "")
        )
        if len(active) > 1:
            text += f" (with {len(active) - 1} more active)"
    text += f" and {planned} {_verb(planned, 'is', 'are')} planned"
    ends = [p.end_date for p in phases if p.end_date is not None]
    if ends:
        text += f"; the last ends on {day(max(ends))}"
    return text + "."


def _verb(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _next_milestone(milestones: Sequence[Milestone], today: dt.date) -> Milestone | None:
    return next((m for m in milestones if m.date >= today), None)


def _concerns(warnings: Sequence[Warning], overloaded: Sequence[str]) -> str:
    open_ = [w for w in warnings if not w.dismissed]
    counts = {s: 0 for s in ("problem", "warning", "info")}
    for warning in open_:
        counts[warning.severity.label] += 1
    if not open_:
        text = "The planner raises no open warnings."
    else:
        text = (
            f"The planner raises {plural(counts['problem'], 'problem')} and "
            f"{plural(counts['warning'], 'warning')} that are not dismissed"
        )
        text += f" (and {counts['info']} for information)." if counts["info"] else "."
    if overloaded:
        names = ", ".join(overloaded[:4]) + (f" and {len(overloaded) - 4} more"
                                             if len(overloaded) > 4 else "")
        text += f" Change load exceeds capacity for: {names}."
    return text
