"""The shape of the schedule: phases short enough that users feel a benefit soon, serving
one department or two at a time, in an order their dependencies allow, and with dates."""

from __future__ import annotations

import datetime as dt
import math

from planner.commands import SplitPhase, UpdateRow
from planner.i18n import _, ngettext
from planner.load import is_over
from planner.model import Phase
from planner.queries import working_days_between
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.fixes import (
    MoveWishes,
    effort,
    last_working_day,
    next_working_day,
    shift_fix,
)
from planner.warnings.format import day, names, pd, weeks, wishes
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.types import Fix, Severity, Subject, Warning

DAY = dt.timedelta(days=1)


@rule("phase-too-long", "phase")
def phase_too_long(facts: Facts, phase: Phase) -> Found:
    """A phase runs longer than the weeks-to-value limit before users get something: until
    its first go-live milestone inside it, or else until its end."""
    length = facts.weeks(phase)
    limit = facts.thresholds.weeks_to_value
    if length is None or length <= limit + 1e-9:
        return NONE
    go_live = facts.first_go_live(phase)
    if go_live is None:
        message = _(
            "Phase '{phase}' runs {weeks} before its users get anything; the limit is {limit}."
        ).format(phase=phase.title, weeks=weeks(length), limit=weeks(limit))
    else:
        assert phase.start_date is not None
        days = working_days_between(phase.start_date, go_live - DAY, facts.working_days)
        to_value = days / len(facts.working_days)
        if to_value <= limit + 1e-9:
            return NONE
        message = _(
            "Phase '{phase}' runs {weeks} and its first go-live comes after {to_value}; "
            "users should get something within {limit}."
        ).format(
            phase=phase.title, weeks=weeks(length), to_value=weeks(to_value),
            limit=weeks(limit),
        )
    return [Warning(
        "phase-too-long",
        Severity.WARNING,
        Subject("phase", phase.id),
        message,
        _(principles.EAT_FRENCH),
        _split_fix(facts, phase, limit),
    )]


def _split_fix(facts: Facts, phase: Phase, limit: float) -> tuple[Fix, ...]:
    """Split after `limit` weeks. The first part keeps the most important wishes that fit
    the team's capacity in it, so it neither runs too long nor gets overloaded."""
    start, end = phase.start_date, phase.end_date
    assert start is not None and end is not None
    at = start + math.floor(7 * limit) * DAY
    if not start < at <= end:
        return ()
    days_first = working_days_between(start, at - DAY, facts.working_days)
    budget = facts.thresholds.team_capacity * days_first / len(facts.working_days)
    kept, later, used = [], [], 0.0
    for demand in reversed(facts.summary(phase.id).lowest_first()):
        if not is_over(used + demand.effort, budget):
            kept.append(demand)
            used += demand.effort
        else:
            later.append(demand)
    later_ids = sorted(d.id for d in later)
    label = _(
        "Split it after {weeks}: the first part ends {date} with {wishes} ({effort}), the "
        "rest follows in a second part"
    ).format(
        weeks=weeks(limit), date=day(at - DAY), wishes=wishes(len(kept)),
        effort=pd(effort(kept)),
    )
    return (Fix(label, lambda: SplitPhase(phase.id, at, later_ids)),)


@rule("too-many-departments", "phase")
def too_many_departments(facts: Facts, phase: Phase) -> Found:
    """A phase serves more departments than the limit."""
    summary = facts.summary(phase.id)
    limit = facts.thresholds.max_departments_per_phase
    served = list(summary.dept_effort)
    if len(served) <= limit:
        return NONE
    # Keep the departments the phase does most for; the others wait for a later phase.
    by_effort = sorted(served, key=lambda d: -summary.dept_effort[d])
    kept, others = by_effort[:limit], by_effort[limit:]
    moving = [d for dept in others for d in summary.by_dept[dept]]
    other_names = [facts.dept_name(d) for d in served if d in others]
    label = _("Keep {kept} and move the {wishes} of {others} ({effort}) to the backlog").format(
        kept=names([facts.dept_name(d) for d in served if d in kept]),
        wishes=wishes(len(moving)), others=names(other_names), effort=pd(effort(moving)),
    )
    ids = [d.id for d in moving]
    return [Warning(
        "too-many-departments",
        Severity.WARNING,
        Subject("phase", phase.id),
        ngettext(
            "Phase '{phase}' serves {n} department ({departments}); the limit is {limit}.",
            "Phase '{phase}' serves {n} departments ({departments}); the limit is {limit}.",
            len(served),
        ).format(
            phase=phase.title, n=len(served),
            departments=names([facts.dept_name(d) for d in served], limit=8), limit=limit,
        ),
        _(principles.ONE_DEPARTMENT_FIRST),
        (Fix(label, lambda: MoveWishes(ids, None, label)),) if moving else (),
    )]


@rule("dependency-order", "phase")
def dependency_order(facts: Facts, phase: Phase) -> Found:
    """A phase starts before a phase it depends on ends (finish-to-start)."""
    if phase.start_date is None:
        return NONE
    late = [
        p
        for pid in facts.predecessors(phase.id)
        if (p := facts.phase(pid)) is not None
        and p.end_date is not None
        and p.end_date >= phase.start_date
    ]
    if not late:
        return NONE
    late.sort(key=lambda p: (p.end_date, p.id))
    if len(late) == 1:
        waits = _("'{phase}', which ends {date}").format(
            phase=late[0].title, date=day(late[0].end_date)  # type: ignore[arg-type]
        )
    else:
        waits = names(
            [
                _("'{phase}' (ends {date})").format(phase=p.title, date=day(p.end_date))  # type: ignore[arg-type]
                for p in late
            ],
            limit=8,
        )
    start = next_working_day(max(p.end_date for p in late), facts.working_days)  # type: ignore[type-var]
    return [Warning(
        "dependency-order",
        Severity.PROBLEM,
        Subject("phase", phase.id),
        _("Phase '{phase}' starts {date}, but it waits for {phases}.").format(
            phase=phase.title, date=day(phase.start_date), phases=waits
        ),
        _(principles.PLAN_WELL),
        (shift_fix(phase, start, facts.working_days),),
    )]


@rule("phase-undated", "phase")
def phase_undated(facts: Facts, phase: Phase) -> Found:
    """A phase lacks a start or an end date, so nothing about its load can be checked."""
    if phase.start_date is not None and phase.end_date is not None:
        return NONE
    held = facts.summary(phase.id).effort
    has_wishes = bool(facts.demands(phase.id))
    if phase.start_date is None and phase.end_date is None:
        text = (
            _(
                "Phase '{phase}' has no dates, so its {effort} are not checked against the "
                "team's capacity or the departments' load."
            )
            if has_wishes
            else _("Phase '{phase}' has no dates, so it cannot be placed on the roadmap.")
        )
    elif phase.start_date is None:
        text = (
            _(
                "Phase '{phase}' has no start date, so its {effort} are not checked against "
                "the team's capacity or the departments' load."
            )
            if has_wishes
            else _("Phase '{phase}' has no start date, so it cannot be placed on the roadmap.")
        )
    else:
        text = (
            _(
                "Phase '{phase}' has no end date, so its {effort} are not checked against "
                "the team's capacity or the departments' load."
            )
            if has_wishes
            else _("Phase '{phase}' has no end date, so it cannot be placed on the roadmap.")
        )
    return [Warning(
        "phase-undated",
        Severity.WARNING if has_wishes else Severity.INFO,
        Subject("phase", phase.id),
        text.format(phase=phase.title, effort=pd(held)),
        _(principles.PLAN_WELL),
        _date_fix(facts, phase),
    )]


def _date_fix(facts: Facts, phase: Phase) -> tuple[Fix, ...]:
    """Dates of the weeks-to-value length: from the start it has, up to the end it has, or
    right after the phase before it (else from the plan's start)."""
    span = math.floor(7 * facts.thresholds.weeks_to_value) * DAY
    wd = facts.working_days
    start, end = phase.start_date, phase.end_date
    if start is not None:
        end = max(start, last_working_day(start + span - DAY, wd))
        values = {"end_date": end}
        label = _("Set the end date to {date} ({weeks} long)").format(
            date=day(end), weeks=weeks(facts.thresholds.weeks_to_value)
        )
    else:
        if end is not None:
            start = min(end, next_working_day(end - span, wd))
        else:
            before = _phase_before(facts, phase)
            if before is not None and before.end_date is not None:
                start = next_working_day(before.end_date, wd)
            elif facts.plan.start_date is not None:
                start = next_working_day(facts.plan.start_date - DAY, wd)
            else:
                return ()
            end = max(start, last_working_day(start + span - DAY, wd))
        values = {"start_date": start, "end_date": end}
        label = _("Give it the dates {start} to {end}").format(start=day(start), end=day(end))
    return (Fix(label, lambda: UpdateRow(Phase, phase.id, values, label=label)),)


def _phase_before(facts: Facts, phase: Phase) -> Phase | None:
    phases = facts.index.phases
    for before, this in zip(phases, phases[1:], strict=False):
        if this.id == phase.id:
            return before
    return None

