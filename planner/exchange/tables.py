"""The plan as tables — wishes, phases, departments (with their weekly load), milestones,
objectives and warnings — the one definition of the columns that the XLSX workbook and the
CSV/TSV files share. Values keep their types (dates, numbers, text), so each writer can
store them properly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from planner.enums import label
from planner.exchange.errors import ExchangeError
from planner.i18n import _
from planner.load import department_load, usable_working_days
from planner.model import Objective, Prerequisite
from planner.queries import PlanIndex, working_days_between
from planner.store import PlanStore

Value = str | float | int | dt.date | None


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # person-days and other decimals
    INTEGER = "integer"
    DATE = "date"
    LOAD = "load"  # a department's load in one week (person-days), compared with capacity


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    # Long free text (goal, notes) wraps in a capped column instead of stretching it.
    wrap: bool = False


@dataclass
class Table:
    name: str  # as on the command line: "wishes"
    title: str  # as a sheet name: "Wishes"
    columns: list[Column]
    rows: list[list[Value]] = field(default_factory=list)
    # For the load columns: the capacity each row is compared with (departments only).
    capacity: list[float] = field(default_factory=list)


def _name(value: StrEnum | None) -> str:
    return label(value) if value is not None else ""


def _wishes(store: PlanStore, index: PlanIndex) -> Table:
    departments = {d.id: d.name for d in index.departments}
    phases = {p.id: p.title for p in index.phases}
    objectives = {o.id: o.title for o in index.objectives}
    needs: dict[int, list[int]] = {}
    for link in store.rows(Prerequisite):
        needs.setdefault(link.demand_id, []).append(link.needs_id)
    table = Table(
        "wishes",
        "Wishes",
        [
            Column("ID", Kind.INTEGER),
            Column("Title"),
            Column("Department"),
            Column("Phase"),
            Column("Effort", Kind.NUMBER),
            Column("Priority"),
            Column("Kind"),
            Column("Objective"),
            Column("Votes", Kind.INTEGER),
            Column("Needs", Kind.TEXT),
            Column("Notes", wrap=True),
        ],
    )
    # Plan order: phase by phase, then the backlog (phase left blank: "not planned yet").
    for phase_id in [*(p.id for p in index.phases), None]:
        for demand in index.demands(phase_id):
            table.rows.append(
                [
                    demand.id,
                    demand.title,
                    departments.get(demand.department_id, ""),
                    phases.get(demand.phase_id, "") if demand.phase_id is not None else "",
                    demand.effort,
                    _name(demand.priority),
                    _name(demand.kind),
                    objectives.get(demand.objective_id, "") if demand.objective_id else "",
                    demand.votes,
                    ", ".join(f"#{n}" for n in sorted(needs.get(demand.id, []))),
                    demand.notes,
                ]
            )
    return table


def _phases(store: PlanStore, index: PlanIndex) -> Table:
    working_days = usable_working_days(store.plan.working_days)
    titles = {p.id: p.title for p in index.phases}
    departments = {d.id: d.name for d in index.departments}
    objectives = {o.id: o.title for o in index.objectives}
    table = Table(
        "phases",
        "Phases",
        [
            Column("#", Kind.INTEGER),
            Column("Title"),
            Column("Goal", wrap=True),
            Column("Start", Kind.DATE),
            Column("End", Kind.DATE),
            Column("Working days", Kind.INTEGER),
            Column("Status"),
            Column("Wishes", Kind.INTEGER),
            Column("Effort", Kind.NUMBER),
            Column("Departments"),
            Column("Objectives"),
            Column("Depends on"),
        ],
    )
    for number, phase in enumerate(index.phases, start=1):
        demands = index.demands(phase.id)
        days = (
            working_days_between(phase.start_date, phase.end_date, working_days)
            if phase.start_date and phase.end_date
            else None
        )
        table.rows.append(
            [
                number,
                phase.title,
                phase.goal,
                phase.start_date,
                phase.end_date,
                days,
                _name(phase.status),
                len(demands),
                sum(d.effort for d in demands),
                ", ".join(departments.get(i, "") for i in index.department_ids(phase.id)),
                ", ".join(
                    objectives.get(i, "") for i in index.objectives_by_phase.get(phase.id, [])
                ),
                ", ".join(titles.get(i, "") for i in index.predecessors.get(phase.id, [])),
            ]
        )
    return table


def _departments(store: PlanStore, index: PlanIndex) -> Table:
    load = department_load(store, index)
    fixed = [
        Column("Name"),
        Column("Head"),
        Column("Capacity per week", Kind.NUMBER),
        Column("Support contact"),
        Column("IT"),
        Column("Wishes", Kind.INTEGER),
        Column("Effort", Kind.NUMBER),
        Column("Overloaded weeks", Kind.INTEGER),
    ]
    # One column per week from the first to the last loaded one, headed by its Monday.
    weeks = [Column(week.isoformat(), Kind.LOAD) for week in load.weeks]
    table = Table("departments", "Departments", fixed + weeks)
    counts: dict[int, int] = {}
    efforts: dict[int, float] = {}
    for demands in index.demands_by_phase.values():
        for demand in demands:
            counts[demand.department_id] = counts.get(demand.department_id, 0) + 1
            efforts[demand.department_id] = efforts.get(demand.department_id, 0.0) + demand.effort
    for dept in index.departments:
        row: list[Value] = [
            dept.name,
            dept.head,
            dept.capacity,
            dept.support_contact,
            "yes" if dept.is_it else "",
            counts.get(dept.id, 0),
            efforts.get(dept.id, 0.0),
            len(load.overloaded_weeks(dept.id)),
        ]
        # A week without load stays blank, so the loaded weeks stand out.
        row += [round(load.at(dept.id, week), 3) or None for week in load.weeks]
        table.rows.append(row)
        table.capacity.append(dept.capacity)
    return table


def _milestones(store: PlanStore, index: PlanIndex) -> Table:
    phases = {p.id: p.title for p in index.phases}
    table = Table(
        "milestones",
        "Milestones",
        [Column("Title"), Column("Kind"), Column("Date", Kind.DATE), Column("Phase")],
    )
    for milestone in index.milestones:
        table.rows.append(
            [
                milestone.title,
                _name(milestone.kind),
                milestone.date,
                phases.get(milestone.phase_id, "") if milestone.phase_id else "",
            ]
        )
    return table


def _objectives(store: PlanStore, index: PlanIndex) -> Table:
    table = Table(
        "objectives",
        "Objectives",
        [
            Column("Title"),
            Column("Measure", wrap=True),
            Column("Target"),
            Column("Value", Kind.NUMBER),
        ],
    )
    for objective in index.objectives:
        table.rows.append([objective.title, objective.measure, objective.target, objective.value])
    return table


def _warnings(store: PlanStore, index: PlanIndex) -> Table:
    from planner.warnings import evaluate

    names: dict[str, dict[int, str]] = {
        "phase": {p.id: p.title for p in index.phases},
        "department": {d.id: d.name for d in index.departments},
        "objective": {o.id: o.title for o in store.rows(Objective)},
        "demand": {d.id: d.title for ds in index.demands_by_phase.values() for d in ds},
    }
    table = Table(
        "warnings",
        "Warnings",
        [
            Column("Severity"),
            Column("Warning"),
            Column("Code"),
            Column("About"),
            Column("Week", Kind.DATE),
            Column("Message", wrap=True),
            Column("Principle", wrap=True),
            Column("Dismissed because", wrap=True),
        ],
    )
    for warning in evaluate(store, index):
        subject = warning.subject
        about = (
            "Plan"
            if subject.kind == "plan"
            else names.get(subject.kind, {}).get(subject.id or -1, f"{subject.kind} #{subject.id}")
        )
        table.rows.append(
            [
                warning.severity.label,
                warning.title,
                warning.code,
                about,
                subject.week,
                warning.message,
                warning.principle,
                warning.dismissed_reason or "",
            ]
        )
    return table


BUILDERS: dict[str, Callable[[PlanStore, PlanIndex], Table]] = {
    "wishes": _wishes,
    "phases": _phases,
    "departments": _departments,
    "milestones": _milestones,
    "objectives": _objectives,
    "warnings": _warnings,
}
TABLE_NAMES: tuple[str, ...] = tuple(BUILDERS)


def build_tables(
    store: PlanStore, names: Sequence[str] = TABLE_NAMES, index: PlanIndex | None = None
) -> list[Table]:
    """The named tables of the plan, in the order asked for."""
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        raise ExchangeError(
            _("There is no table '{name}'; choose one of {names}.").format(
                name=unknown[0], names=", ".join(TABLE_NAMES)
            )
        )
    index = index or PlanIndex.build(store)
    return [BUILDERS[name](store, index) for name in names]
