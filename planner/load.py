"""Change load per department per week — the one calculation behind the
department-overloaded warning, the Gantt's load strip and the PDF's load chart.

The load a phase puts on a department is the effort of the wishes it delivers to that
department, spread evenly over the phase's working days; a week's load is what falls on its
working days. Overlapping phases add up. Undated phases put no load anywhere (they are
reported by their own warnings instead).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.model import Department, Phase
from planner.queries import PlanIndex, monday, working_days_between
from planner.store import PlanStore

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class PhaseShare:
    """What one phase puts on one department in one week."""

    phase_id: int
    load: float


@dataclass
class LoadTable:
    """`load[dept_id][week_monday]` in person-days; `capacity[dept_id]` per week."""

    weeks: list[dt.date]  # every Monday from the first to the last loaded week
    capacity: dict[int, float]
    load: dict[int, dict[dt.date, float]] = field(default_factory=dict)
    shares: dict[tuple[int, dt.date], list[PhaseShare]] = field(default_factory=dict)

    def at(self, dept_id: int, week: dt.date) -> float:
        return self.load.get(dept_id, {}).get(week, 0.0)

    def ratio(self, dept_id: int, week: dt.date) -> float:
        """Load as a share of capacity (1.0 = full); infinite when capacity is zero."""
        load = self.at(dept_id, week)
        cap = self.capacity.get(dept_id, 0.0)
        if cap <= 0:
            return float("inf") if load > 0 else 0.0
        return load / cap

    def overloaded_weeks(self, dept_id: int) -> list[dt.date]:
        return [w for w in self.weeks if self.at(dept_id, w) > self.capacity.get(dept_id, 0.0) + 1e-9]


def phase_week_loads(
    phase: Phase, effort: float, working_days: str
) -> Iterable[tuple[dt.date, float]]:
    """(Monday, person-days) for each week the phase touches."""
    if phase.start_date is None or phase.end_date is None or effort <= 0:
        return
    total_days = working_days_between(phase.start_date, phase.end_date, working_days)
    if total_days == 0:
        # A phase on non-working days only: put it all on its first week rather than drop it.
        yield monday(phase.start_date), effort
        return
    per_day = effort / total_days
    week = monday(phase.start_date)
    while week <= phase.end_date:
        first = max(week, phase.start_date)
        last = min(week + dt.timedelta(days=6), phase.end_date)
        days = working_days_between(first, last, working_days)
        if days:
            yield week, per_day * days
        week += WEEK


def department_load(store: PlanStore, index: PlanIndex | None = None) -> LoadTable:
    index = index or PlanIndex.build(store)
    working_days = store.plan.working_days
    load: dict[int, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    shares: dict[tuple[int, dt.date], list[PhaseShare]] = defaultdict(list)
    for phase in index.phases:
        per_dept: dict[int, float] = defaultdict(float)
        for demand in index.demands(phase.id):
            per_dept[demand.department_id] += demand.effort
        for dept_id, effort in per_dept.items():
            for week, amount in phase_week_loads(phase, effort, working_days):
                load[dept_id][week] += amount
                shares[(dept_id, week)].append(PhaseShare(phase.id, amount))
    all_weeks = sorted({w for weeks in load.values() for w in weeks})
    weeks: list[dt.date] = []
    if all_weeks:
        week = all_weeks[0]
        while week <= all_weeks[-1]:
            weeks.append(week)
            week += WEEK
    departments: list[Department] = index.departments
    return LoadTable(
        weeks=weeks,
        capacity={d.id: d.capacity for d in departments},
        load={k: dict(v) for k, v in load.items()},
        shares=dict(shares),
    )
