"""Too much on the plate: a phase holding more than the team can deliver in it, and a
department receiving more change in a week than it can absorb."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from planner.i18n import _, ngettext
from planner.load import is_over, phase_loads, phase_weeks
from planner.model import Demand, Department, Phase
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.fixes import effort, lowest_first, move_fix, take_until
from planner.warnings.format import day, num, pd, percent, quoted, weeks
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.types import Fix, Severity, Subject, Warning

# Above this share of capacity an overload is a problem (the plan will not hold), below it
# a warning (tight, worth a look).
PROBLEM_RATIO = 1.25


def overload_severity(load: float, capacity: float) -> Severity:
    if capacity <= 0 or load > capacity * PROBLEM_RATIO + 1e-9:
        return Severity.PROBLEM
    return Severity.WARNING


@rule("phase-overloaded", "phase")
def phase_overloaded(facts: Facts, phase: Phase) -> Found:
    """The wishes in a phase add up to more effort than the team delivers in its duration."""
    length = facts.weeks(phase)
    if length is None:
        return NONE  # phase-undated says so
    held = facts.summary(phase.id).effort
    can = facts.thresholds.team_capacity * length
    if not is_over(held, can):
        return NONE
    if can <= 0:
        message = _(
            "Phase '{phase}' holds {effort} but has no working days ({start} to {end})."
        ).format(
            phase=phase.title, effort=pd(held), start=day(phase.start_date),
            end=day(phase.end_date),
        )
    else:
        message = _(
            "Phase '{phase}' holds {effort}; the team delivers {capacity} in its "
            "{weeks} ({percent})."
        ).format(
            phase=phase.title, effort=pd(held), capacity=num(can), weeks=weeks(length),
            percent=percent(held, can),
        )
    return [Warning(
        "phase-overloaded",
        overload_severity(held, can),
        Subject("phase", phase.id),
        message,
        _(principles.EAT_FRENCH),
        _phase_fixes(facts, phase, can),
    )]


def _phase_fixes(facts: Facts, phase: Phase, can: float) -> tuple[Fix, ...]:
    ranked = facts.summary(phase.id).lowest_first()
    efforts = [d.effort for d in ranked]

    def fits(moved: list[Demand]) -> bool:
        # take_until moves a prefix of `ranked`: what stays is the rest, summed exactly
        # (no subtraction, so even an infinite effort from a foreign file sums right).
        return not is_over(math.fsum(efforts[len(moved) :]), can)

    moved = take_until(ranked, fits)
    if not moved:
        return ()
    fixes = []
    after = facts.next_phase(phase.id)
    length = None if after is None else facts.weeks(after)
    if after is not None and length is not None and not facts.is_history(after):
        room = facts.thresholds.team_capacity * length
        if not is_over(math.fsum([facts.summary(after.id).effort, effort(moved)]), room):
            fixes.append(move_fix(moved, after))
    fixes.append(move_fix(moved, None))
    return tuple(fixes)


@rule("department-overloaded", "department")
def department_overloaded(facts: Facts, dept: Department) -> Found:
    """At some week the change landing on a department (overlapping phases add up) exceeds
    the change capacity it can absorb."""
    loads = facts.load.department_weeks(dept.id)
    capacity = dept.capacity if dept.capacity > 0 else 0.0  # math.inf: no limit
    found: list[Warning] = []
    for stretch in _stretches([w for w, load in loads.items() if is_over(load, capacity)]):
        phase_ids = _contributors(facts, dept.id, stretch)
        phases = [p for pid in phase_ids if (p := facts.phase(pid)) is not None]
        if all(facts.is_history(p) for p in phases):
            continue  # the past cannot be fixed
        peak = max(loads[w] for w in stretch)
        when = (
            # Translators: completes "Sales gets up to 5 person-days of change a week {when}".
            _("in the week of {date}").format(date=day(stretch[0]))
            if len(stretch) == 1
            else ngettext(
                "for {n} week from {date}", "for {n} weeks from {date}", len(stretch)
            ).format(n=len(stretch), date=day(stretch[0]))
        )
        source = quoted([p.title for p in phases])
        if capacity > 0:
            message = _(
                "{department} gets up to {effort} of change a week {when}, against a "
                "capacity of {capacity} ({percent}); it comes from {phases}."
            ).format(
                department=dept.name, effort=pd(peak), when=when, capacity=num(capacity),
                percent=percent(peak, capacity), phases=source,
            )
            fixes = ()
            if math.isfinite(peak):  # an infinite effort (a foreign file) has no remedy here
                fixes = _department_fixes(facts, dept, capacity, loads, stretch, phases)
            severity = overload_severity(peak, capacity)
        else:
            message = _(
                "{department} gets up to {effort} of change a week {when}, but its "
                "capacity for change is 0; it comes from {phases}. Set how much change "
                "{department} can absorb per week."
            ).format(department=dept.name, effort=pd(peak), when=when, phases=source)
            fixes, severity = (), Severity.WARNING
        found.append(
            Warning(
                "department-overloaded",
                severity,
                Subject("department", dept.id, stretch[0]),
                message,
                _(principles.EAT_FRENCH),
                fixes,
            )
        )
    return found


def _stretches(overloaded: Sequence[dt.date]) -> list[list[dt.date]]:
    """Runs of consecutive weeks."""
    runs: list[list[dt.date]] = []
    for week in overloaded:
        if runs and (week - runs[-1][-1]).days == 7:
            runs[-1].append(week)
        else:
            runs.append([week])
    return runs


def _contributors(facts: Facts, dept_id: int, stretch: Sequence[dt.date]) -> list[int]:
    """Phases loading the department in those weeks, in plan order."""
    ids: set[int] = set()
    for week in stretch:
        ids.update(facts.load.shares(dept_id, week))
    return sorted(ids, key=lambda pid: (facts.rank(pid), pid))


def _department_fixes(
    facts: Facts,
    dept: Department,
    capacity: float,
    loads: dict[dt.date, float],
    stretch: Sequence[dt.date],
    phases: Sequence[Phase],
) -> tuple[Fix, ...]:
    """Move the department's least important wishes in these weeks to the backlog until no
    week of the stretch is over capacity.

    A wish's share of a week is its effort times its phase's share of working days in that
    week (load is linear in effort), so trying a wish costs a few subtractions. When that
    estimate says the stretch fits, the load is recomputed exactly as the load table will
    after the move, so the fix is sure to remove the warning."""
    open_phases = [p for p in phases if not facts.is_history(p)]
    fractions: dict[int, dict[dt.date, float]] = {}
    for phase in open_phases:
        total, weeks = phase_weeks(phase, facts.working_days)
        fractions[phase.id] = {week: days / total for week, days in weeks}
    candidates = lowest_first(
        d for p in open_phases for d in facts.summary(p.id).by_dept.get(dept.id, ())
    )
    left = {week: loads[week] for week in stretch}
    moved: list[Demand] = []
    for demand in candidates:
        share = fractions[demand.phase_id]  # type: ignore[index]
        if not any(is_over(value, capacity) and share.get(week) for week, value in left.items()):
            continue  # it lands only on weeks that already fit
        moved.append(demand)
        for week in left:
            left[week] -= demand.effort * share.get(week, 0.0)
        if all(not is_over(v, capacity + 1e-6) for v in left.values()) and _fits_exactly(
            facts, dept.id, capacity, stretch, open_phases, moved
        ):
            name = dept.name
            return (
                move_fix(
                    moved,
                    None,
                    lambda n, total, name=name: _(
                        "Move the {n} lowest-priority wishes of {department} ({effort}) to "
                        "the backlog"
                    ).format(n=n, department=name, effort=total),
                ),
            )
    return ()


def _fits_exactly(
    facts: Facts,
    dept_id: int,
    capacity: float,
    stretch: Sequence[dt.date],
    phases: Sequence[Phase],
    moved: Sequence[Demand],
) -> bool:
    """The stretch's load after moving `moved`, with the load table's own arithmetic."""
    gone = {d.id for d in moved}
    touched = {d.phase_id for d in moved}
    new: dict[int, dict[dt.date, float]] = {}
    for phase in phases:
        if phase.id in touched:
            left = [d.effort for d in facts.summary(phase.id).by_dept[dept_id] if d.id not in gone]
            loads = phase_loads(phase, {dept_id: math.fsum(left)}, facts.working_days)
            new[phase.id] = dict(loads.get(dept_id, []))
    for week in stretch:
        shares = facts.load.shares(dept_id, week)
        for phase_id, by_week in new.items():
            if phase_id in shares:
                shares[phase_id] = by_week.get(week, 0.0)
        if is_over(math.fsum(shares.values()), capacity):
            return False
    return True
