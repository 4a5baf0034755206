"""Change load per department per week — the one calculation behind the
department-overloaded warning, the Gantt's load strip and the PDF's load chart.

The load a phase puts on a department is the effort of the wishes it delivers to that
department, spread evenly over the phase's working days; a week's load is what falls on its
working days. Overlapping phases add up. Undated phases put no load anywhere (they are
reported by their own warnings instead).

`department_load` computes the whole table; `LoadTracker` holds the same sums phase by phase
so that after an edit only the phases it touched are recomputed (the warnings engine runs
after every edit of a 10 000-wish plan).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from planner.model import Demand, Department, Phase
from planner.queries import PlanIndex, monday
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
        cap = self.capacity.get(dept_id, 0.0)
        return [w for w in self.weeks if is_over(self.at(dept_id, w), cap)]


def usable_working_days(text: object) -> str:
    """The plan's working days, or Monday to Friday when the stored value is unusable (a file
    from another tool); validation refuses such values on every edit."""
    if isinstance(text, str) and text and all(c in "1234567" for c in text):
        return "".join(dict.fromkeys(text))
    return "12345"


def is_over(load: float, capacity: float) -> bool:
    """More change than the department can absorb (with room for float noise)."""
    return load > capacity + 1e-9


def phase_weeks(phase: Phase, working_days: str) -> tuple[int, list[tuple[dt.date, int]]]:
    """(working days in the phase, [(Monday, working days of the phase in that week)]), the
    week structure every department's share of the phase is spread over. An undated phase
    has none; a phase on non-working days only counts as one day in its first week, rather
    than being dropped."""
    start, end = phase.start_date, phase.end_date
    if start is None or end is None or end < start:
        return 0, []
    before = _working_days_before(working_days)
    first_week, last_week = monday(start), monday(end)
    count = (last_week - first_week).days // 7 + 1
    if count == 1:
        per_week = [before[end.isoweekday()] - before[start.isoweekday() - 1]]
    else:
        middle = [before[7]] * (count - 2)
        per_week = [before[7] - before[start.isoweekday() - 1], *middle, before[end.isoweekday()]]
    out = [(first_week + i * WEEK, days) for i, days in enumerate(per_week) if days]
    total = sum(per_week)
    if total == 0:
        return 1, [(first_week, 1)]
    return total, out


@functools.lru_cache(maxsize=16)
def _working_days_before(working_days: str) -> tuple[int, ...]:
    """[n] = working days among ISO weekdays 1..n (n = 0..7): a week's days by subtraction."""
    weekdays = {int(c) for c in working_days} or {1, 2, 3, 4, 5}
    return tuple(sum(1 for d in range(1, n + 1) if d in weekdays) for n in range(8))


def phase_week_loads(
    phase: Phase, effort: float, working_days: str
) -> Iterable[tuple[dt.date, float]]:
    """(Monday, person-days) for each week the phase touches."""
    if effort <= 0:
        return []
    total, weeks = phase_weeks(phase, working_days)
    per_day = effort / total if total else 0.0
    return [(week, per_day * days) for week, days in weeks]


def department_efforts(demands: Iterable[Demand]) -> dict[int, float]:
    """Effort per department, in first-seen order (math.fsum: exact, order-independent)."""
    parts: dict[int, list[float]] = {}
    for demand in demands:
        # The loaded values from the instance's __dict__, as planner/warnings/fixes.py's
        # `columns` does: a mapped attribute read costs five times as much, and this runs
        # over every wish when a plan's load is computed (16 ms of a 10 000-wish plan's).
        state = demand.__dict__
        try:
            dept_id, effort = state["department_id"], state["effort"]
        except KeyError:  # not loaded: the normal way
            dept_id, effort = demand.department_id, demand.effort
        parts.setdefault(dept_id, []).append(effort)
    return {dept_id: math.fsum(values) for dept_id, values in parts.items()}


def phase_loads(
    phase: Phase, demands: Iterable[Demand] | dict[int, float], working_days: str
) -> dict[int, list[tuple[dt.date, float]]]:
    """What one phase puts on each department it delivers to: dept id -> (Monday, load).
    `demands` may also be the effort per department, when it is known already."""
    per_dept = demands if isinstance(demands, dict) else department_efforts(demands)
    if not per_dept:
        return {}
    total, weeks = phase_weeks(phase, working_days)
    out: dict[int, list[tuple[dt.date, float]]] = {}
    for dept_id, effort in per_dept.items():
        if effort > 0 and weeks:
            per_day = effort / total
            out[dept_id] = [(week, per_day * days) for week, days in weeks]
    return out


class LoadTracker:
    """The load table kept per phase. `set_phase`/`remove_phase` after an edit; sums use
    `math.fsum`, so the result does not depend on the order phases were updated in."""

    def __init__(self, working_days: str) -> None:
        self.reset(working_days)

    def reset(self, working_days: str) -> None:
        """Empty, for these working days (the same object: its readers keep holding it)."""
        self.working_days = working_days
        self._by_phase: dict[int, dict[int, list[tuple[dt.date, float]]]] = {}
        # dept -> week -> phase -> load
        self._cells: dict[int, dict[dt.date, dict[int, float]]] = defaultdict(dict)

    @classmethod
    def build(cls, store: PlanStore, index: PlanIndex) -> LoadTracker:
        tracker = cls(usable_working_days(store.plan.working_days))
        for phase in index.phases:
            tracker.set_phase(phase, index.demands(phase.id))
        return tracker

    def set_phase(self, phase: Phase, demands: Iterable[Demand] | dict[int, float]) -> set[int]:
        """Recompute what `phase` puts on departments, from its wishes or from its effort per
        department; returns the departments whose load changed (before or after)."""
        touched = self.remove_phase(phase.id)
        loads = phase_loads(phase, demands, self.working_days)
        if loads:
            self._by_phase[phase.id] = loads
        for dept_id, weeks in loads.items():
            cells = self._cells[dept_id]
            for week, amount in weeks:
                cells.setdefault(week, {})[phase.id] = amount
            touched.add(dept_id)
        return touched

    def remove_phase(self, phase_id: int) -> set[int]:
        old = self._by_phase.pop(phase_id, {})
        for dept_id, weeks in old.items():
            cells = self._cells[dept_id]
            for week, _ in weeks:
                shares = cells.get(week)
                if shares is not None:
                    shares.pop(phase_id, None)
                    if not shares:
                        del cells[week]
            if not cells:
                del self._cells[dept_id]
        return set(old)

    def department_weeks(self, dept_id: int) -> dict[dt.date, float]:
        """Monday -> load for every week the department has any load, in date order."""
        cells = self._cells.get(dept_id, {})
        return {week: math.fsum(cells[week].values()) for week in sorted(cells)}

    def shares(self, dept_id: int, week: dt.date) -> dict[int, float]:
        """Phase id -> load it puts on the department in that week."""
        return dict(self._cells.get(dept_id, {}).get(week, {}))

    def departments(self) -> list[int]:
        """Every department with any load."""
        return list(self._cells)

    def phase_departments(self, phase_id: int) -> list[int]:
        return list(self._by_phase.get(phase_id, {}))

    def table(self, departments: Sequence[Department], phase_order: Sequence[int]) -> LoadTable:
        rank = {phase_id: i for i, phase_id in enumerate(phase_order)}
        load: dict[int, dict[dt.date, float]] = {}
        shares: dict[tuple[int, dt.date], list[PhaseShare]] = {}
        for dept_id, cells in self._cells.items():
            load[dept_id] = self.department_weeks(dept_id)
            for week, by_phase in cells.items():
                ordered = sorted(by_phase.items(), key=lambda item: rank.get(item[0], 1 << 30))
                shares[(dept_id, week)] = [PhaseShare(pid, amount) for pid, amount in ordered]
        loaded = sorted({w for weeks in load.values() for w in weeks})
        weeks: list[dt.date] = []
        if loaded:
            week = loaded[0]
            while week <= loaded[-1]:
                weeks.append(week)
                week += WEEK
        return LoadTable(
            weeks=weeks,
            capacity={d.id: d.capacity for d in departments},
            load=load,
            shares=shares,
        )


def department_load(store: PlanStore, index: PlanIndex | None = None) -> LoadTable:
    index = index or PlanIndex.build(store)
    tracker = LoadTracker.build(store, index)
    return tracker.table(index.departments, [p.id for p in index.phases])
