"""Read-side helpers over an open plan: the lookups every view and rule needs, built once per
change instead of scanning 10 000 wishes per phase."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from planner.model import (
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
)
from planner.store import PlanStore


@dataclass
class PlanIndex:
    phases: list[Phase]  # in plan order
    departments: list[Department]  # in display order
    objectives: list[Objective]
    milestones: list[Milestone]  # by date
    demands_by_phase: dict[int | None, list[Demand]] = field(default_factory=dict)
    activities_by_phase: dict[int, list[ChangeActivity]] = field(default_factory=dict)
    objectives_by_phase: dict[int, list[int]] = field(default_factory=dict)
    predecessors: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, store: PlanStore) -> PlanIndex:
        by_phase: dict[int | None, list[Demand]] = defaultdict(list)
        for demand in store.rows(Demand):
            by_phase[demand.phase_id].append(demand)
        for demands in by_phase.values():
            demands.sort(key=lambda d: (d.position, d.id))
        activities: dict[int, list[ChangeActivity]] = defaultdict(list)
        for activity in store.rows(ChangeActivity):
            activities[activity.phase_id].append(activity)
        served: dict[int, list[int]] = defaultdict(list)
        for link in store.rows(PhaseObjective):
            served[link.phase_id].append(link.objective_id)
        preds: dict[int, list[int]] = defaultdict(list)
        for dep in store.rows(Dependency):
            preds[dep.successor_id].append(dep.predecessor_id)
        return cls(
            phases=sorted(store.rows(Phase), key=lambda p: (p.position, p.id)),
            departments=sorted(store.rows(Department), key=lambda d: (d.position, d.id)),
            objectives=sorted(store.rows(Objective), key=lambda o: (o.position, o.id)),
            milestones=sorted(store.rows(Milestone), key=lambda m: (m.date, m.id)),
            demands_by_phase=dict(by_phase),
            activities_by_phase=dict(activities),
            objectives_by_phase=dict(served),
            predecessors=dict(preds),
        )

    def demands(self, phase_id: int | None) -> list[Demand]:
        """Wishes in a phase, or in the backlog for None, in their order."""
        return self.demands_by_phase.get(phase_id, [])

    def effort(self, phase_id: int | None) -> float:
        return sum(d.effort for d in self.demands(phase_id))

    def department_ids(self, phase_id: int) -> list[int]:
        """Departments a phase delivers to (requested something in it), in first-seen order."""
        return list(dict.fromkeys(d.department_id for d in self.demands(phase_id)))


def duration_days(phase: Phase) -> int | None:
    if phase.start_date is None or phase.end_date is None:
        return None
    return (phase.end_date - phase.start_date).days + 1


def working_days_between(start: dt.date, end: dt.date, working_days: str = "12345") -> int:
    """Working days from `start` to `end`, both included ("12345" = Monday to Friday)."""
    if end < start:
        return 0
    weekdays = {int(c) for c in working_days} or {1, 2, 3, 4, 5}
    total = (end - start).days + 1
    full, rest = divmod(total, 7)
    count = full * len(weekdays)
    first = start.isoweekday()
    count += sum(1 for i in range(rest) if (first - 1 + i) % 7 + 1 in weekdays)
    return count


def duration_weeks(phase: Phase, working_days: str = "12345") -> float | None:
    """Length in working weeks: Monday to Friday four weeks later is 4.0, not 3.7."""
    if phase.start_date is None or phase.end_date is None:
        return None
    days = working_days_between(phase.start_date, phase.end_date, working_days)
    return days / max(1, len(set(working_days)))


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
