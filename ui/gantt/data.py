"""What the chart shows, read from the plan once per change: phases, milestones,
dependencies, departments, the department load and the warnings per phase.

Plain data, no Qt: the chart builder turns it into marks. Warnings come from a provider
(a callable store -> list of Warning) so the view, the PDF and tests can each supply theirs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from planner.enums import MilestoneKind, PhaseStatus
from planner.load import LoadTable, department_efforts, department_load
from planner.model import Phase
from planner.queries import PlanIndex
from planner.store import PlanStore
from planner.warnings.types import Severity, Warning

WarningsProvider = Callable[[PlanStore], Sequence[Warning]]


@dataclass(frozen=True)
class PhaseInfo:
    id: int
    number: int  # 1-based place in the plan order
    title: str
    start: dt.date | None
    end: dt.date | None
    status: PhaseStatus
    effort: float
    department_ids: tuple[int, ...]
    department_effort: tuple[tuple[int, float], ...] = ()  # (department, person-days)

    def effort_for(self, dept_id: int) -> float:
        return next((e for d, e in self.department_effort if d == dept_id), 0.0)

    @property
    def dated(self) -> bool:
        return self.start is not None and self.end is not None


@dataclass(frozen=True)
class MilestoneInfo:
    id: int
    title: str
    kind: MilestoneKind
    date: dt.date
    phase_id: int | None


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    colour: str
    capacity: float


@dataclass(frozen=True)
class Badge:
    """The warnings on one phase: how many, the worst, and their messages for the hover."""

    count: int
    worst: Severity
    messages: tuple[str, ...]


@dataclass
class GanttData:
    phases: list[PhaseInfo]
    milestones: list[MilestoneInfo]
    dependencies: list[tuple[int, int]]  # (predecessor, successor)
    departments: list[DepartmentInfo]
    load: LoadTable
    badges: dict[int, Badge] = field(default_factory=dict)
    working_days: str = "12345"
    plan_start: dt.date | None = None

    def phase(self, phase_id: int) -> PhaseInfo | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def date_span(self) -> tuple[dt.date, dt.date] | None:
        """First and last date anything is planned on."""
        days = [d for p in self.phases for d in (p.start, p.end) if d is not None]
        days += [m.date for m in self.milestones]
        if self.load.weeks:
            days += [self.load.weeks[0], self.load.weeks[-1] + dt.timedelta(days=6)]
        if not days and self.plan_start is not None:
            days = [self.plan_start]
        return (min(days), max(days)) if days else None


def default_warnings(store: PlanStore) -> list[Warning]:
    """The plan's warnings, evaluated once (a picture of the plan, not a live view)."""
    from planner.warnings import evaluate  # the rules load only when a picture has badges

    return list(evaluate(store))


def badges_from(warnings: Sequence[Warning]) -> dict[int, Badge]:
    grouped: dict[int, list[Warning]] = defaultdict(list)
    for warning in warnings:
        subject = warning.subject
        if subject.kind == "phase" and subject.id is not None and not warning.dismissed:
            grouped[subject.id].append(warning)
    badges = {}
    for phase_id, items in grouped.items():
        items.sort(key=lambda w: -w.severity)
        badges[phase_id] = Badge(
            count=len(items),
            worst=items[0].severity,
            messages=tuple(f"{w.severity.label.capitalize()}: {w.message}" for w in items),
        )
    return badges


def phase_info(phase: Phase, number: int, efforts: dict[int, float]) -> PhaseInfo:
    """One phase as the chart shows it; `efforts`: its wishes' effort per department, in
    the order they first appear (planner.load.department_efforts, or the live load's)."""
    return PhaseInfo(
        id=phase.id,
        number=number,
        title=phase.title,
        start=phase.start_date,
        end=phase.end_date,
        status=PhaseStatus(phase.status),
        effort=math.fsum(efforts.values()),
        department_ids=tuple(efforts),
        department_effort=tuple(efforts.items()),
    )


def milestone_infos(index: PlanIndex) -> list[MilestoneInfo]:
    return [
        MilestoneInfo(m.id, m.title, MilestoneKind(m.kind), m.date, m.phase_id)
        for m in index.milestones
    ]


def department_infos(index: PlanIndex) -> list[DepartmentInfo]:
    return [DepartmentInfo(d.id, d.name, d.colour, d.capacity) for d in index.departments]


def dependencies(index: PlanIndex) -> list[tuple[int, int]]:
    """(predecessor, successor) pairs, sorted."""
    return sorted((pred, succ) for succ, preds in index.predecessors.items() for pred in preds)


def read_plan(
    store: PlanStore,
    index: PlanIndex | None = None,
    warnings: WarningsProvider | None = default_warnings,
    load: LoadTable | None = None,
) -> GanttData:
    index = index or PlanIndex.build(store)
    return GanttData(
        phases=[
            phase_info(p, n, department_efforts(index.demands(p.id)))
            for n, p in enumerate(index.phases, 1)
        ],
        milestones=milestone_infos(index),
        dependencies=dependencies(index),
        departments=department_infos(index),
        load=load if load is not None else department_load(store, index),
        badges=badges_from(warnings(store)) if warnings else {},
        working_days=store.plan.working_days,
        plan_start=store.plan.start_date,
    )
