"""Collect the plan pack's content from an open plan."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from planner.enums import Priority, label
from planner.i18n import _
from planner.load import LoadTable, department_load
from planner.model import Demand, Phase, Prerequisite
from planner.queries import PlanIndex, duration_weeks
from planner.report import benefits as benefits_
from planner.report import changes as changes_
from planner.report import warnings as warnings_
from planner.report.model import (
    ActivityRow,
    Backlog,
    BacklogByDepartment,
    Cover,
    DemandRow,
    DepartmentScope,
    Fact,
    Limits,
    LoadChart,
    LoadSeries,
    ObjectiveRow,
    Overflow,
    PhasePage,
    PlanPack,
    Section,
)
from planner.report.status import status_paragraph
from planner.report.text import day, person_days
from planner.store import PlanStore

if TYPE_CHECKING:
    from planner.warnings.types import Warning

WEEK = dt.timedelta(days=7)


def build_pack(
    store: PlanStore,
    sections: Iterable[Section] | None = None,
    *,
    today: dt.date | None = None,
    limits: Limits | None = None,
    baseline_id: int | None = None,
) -> PlanPack:
    """Everything the pack prints. `sections` chooses what to include (default: all);
    the changes section is left out when the plan has no baseline. `baseline_id`: the
    baseline the changes are counted from (default: the latest)."""
    today = today or dt.date.today()
    wanted = set(Section) if sections is None else set(sections)
    index = PlanIndex.build(store)
    limits = limits or Limits.for_plan(len(index.phases))
    load = department_load(store, index)
    warnings = warnings_.evaluate_plan(store)
    names = {d.id: d.name for d in index.departments}
    overloaded = [d.name for d in index.departments if load.overloaded_weeks(d.id)]
    pack = PlanPack(
        title=store.plan.title,
        pack_date=today,
        sections=[],
        cover=_cover(store, index, today, warnings, overloaded),
    )
    pack.milestones, pack.milestones_more = _milestones(index, today, limits)
    if Section.OBJECTIVES in wanted:
        pack.objectives = _objectives(index)
    if Section.LOAD in wanted:
        pack.load = _load_chart(index, load)
    if Section.PHASES in wanted:
        by_phase = warnings_by_phase(store, index, load, warnings)
        pack.phases = [
            _phase(store, index, phase, n, by_phase.get(phase.id, []), names, limits)
            for n, phase in enumerate(index.phases, 1)
        ]
    if Section.WARNINGS in wanted:
        pack.warnings = warnings_.summarise(store, warnings, limits)
    if Section.CHANGES in wanted:
        pack.changes = changes_.since_baseline(store, index, limits, baseline_id)
    # The cover's status reports the benefit checks whether or not their section is printed.
    checks = benefits_.benefits(store, today)
    if Section.BENEFITS in wanted:
        pack.benefits = checks
    if checks.summary:
        pack.cover = replace(pack.cover, status=f"{pack.cover.status} {checks.summary}")
    if Section.BACKLOG in wanted:
        pack.backlog = _backlog(index, names, limits)
    pack.sections = [
        s for s in Section if s in wanted and not (s == Section.CHANGES and pack.changes is None)
    ]
    return pack


def _cover(
    store: PlanStore,
    index: PlanIndex,
    today: dt.date,
    warnings: Sequence[Warning],
    overloaded: Sequence[str],
) -> Cover:
    plan = store.plan
    ends = [p.end_date for p in index.phases if p.end_date is not None]
    starts = [p.start_date for p in index.phases if p.start_date is not None]
    start = plan.start_date or (min(starts) if starts else None)
    in_phases = sum(len(index.demands(p.id)) for p in index.phases)
    # Translators: the end of a plan whose phases have no end date yet: "7 Sep 2026 – open".
    last = day(max(ends)) if ends else _("open")
    facts = [
        Fact(_("Period"), f"{day(start)} – {last}"),
        Fact(_("Phases"), str(len(index.phases))),
        Fact(_("Departments"), str(len(index.departments))),
        Fact(
            _("Wishes"),
            _("{planned} in phases, {backlog} in the backlog").format(
                planned=in_phases, backlog=len(index.demands(None))
            ),
        ),
        Fact(
            _("Team capacity"),
            _("{effort} a week").format(effort=person_days(plan.team_capacity)),
        ),
    ]
    return Cover(
        title=plan.title,
        vision=" ".join(plan.vision.split()),
        pack_date=today,
        sponsor=_person(plan.sponsor_name, plan.sponsor_role),
        lead=_person(plan.lead_name, plan.lead_role),
        status=status_paragraph(index, today, warnings, overloaded),
        facts=facts,
    )


def _milestones(
    index: PlanIndex, today: dt.date, limits: Limits
) -> tuple[list[tuple[dt.date, str, str]], int]:
    """All milestones, or for a long list the ones still ahead (then the latest passed)."""
    items = index.milestones
    if len(items) > limits.milestones:
        ahead = [m for m in items if m.date >= today]
        start = max(0, min(len(items) - limits.milestones, len(items) - len(ahead)))
        items = items[start:start + limits.milestones]
    rows = [(m.date, label(m.kind), m.title) for m in items]
    return rows, len(index.milestones) - len(rows)


def _person(name: str, role: str) -> str:
    return ", ".join(p for p in (name.strip(), role.strip()) if p)


def _objectives(index: PlanIndex) -> list[ObjectiveRow]:
    serving: dict[int, list[str]] = defaultdict(list)
    numbers: dict[int, list[int]] = defaultdict(list)
    for n, phase in enumerate(index.phases, 1):
        for objective_id in index.objectives_by_phase.get(phase.id, []):
            serving[objective_id].append(f"{n}. {phase.title}")
            numbers[objective_id].append(n)
    wishes: dict[int | None, int] = defaultdict(int)
    for demands in index.demands_by_phase.values():
        for demand in demands:
            wishes[demand.objective_id] += 1
    return [
        ObjectiveRow(o.title, o.measure, o.target, serving.get(o.id, []), numbers.get(o.id, []),
                     wishes.get(o.id, 0))
        for o in index.objectives
    ]


def _demand_row(demand: Demand, names: dict[int, str], objectives: dict[int, str]) -> DemandRow:
    return DemandRow(
        title=demand.title,
        department=names.get(demand.department_id, "?"),
        priority=label(demand.priority),
        kind=label(demand.kind),
        effort=demand.effort,
        votes=demand.votes,
        objective=objectives.get(demand.objective_id, "") if demand.objective_id else "",
    )


def _by_importance(demands: Iterable[Demand]) -> list[Demand]:
    """Musts first, then by votes and effort: what a committee should see first when a list
    is cut short."""
    return sorted(demands, key=lambda d: (Priority(d.priority).rank, -d.votes, -d.effort))


def _phase(
    store: PlanStore,
    index: PlanIndex,
    phase: Phase,
    number: int,
    warnings: Sequence[Warning],
    names: dict[int, str],
    limits: Limits,
) -> PhasePage:
    plan = store.plan
    objectives = {o.id: o.title for o in index.objectives}
    titles = {p.id: p.title for p in index.phases}
    demands = index.demands(phase.id)
    per_dept: dict[int, list[Demand]] = defaultdict(list)
    for demand in demands:
        per_dept[demand.department_id].append(demand)
    order = {d.id: i for i, d in enumerate(index.departments)}
    scopes = []
    colours = {d.id: d.colour for d in index.departments}
    for dept_id in sorted(per_dept, key=lambda i: order.get(i, len(order))):
        members = _by_importance(per_dept[dept_id])
        shown = members[: limits.demands_per_department]
        rest = members[len(shown):]
        scopes.append(
            DepartmentScope(
                department=names.get(dept_id, "?"),
                colour=colours.get(dept_id, "#888888"),
                effort=sum(d.effort for d in members),
                count=len(members),
                rows=[_demand_row(d, names, objectives) for d in shown],
                more=Overflow(len(rest), sum(d.effort for d in rest)) if rest else None,
            )
        )
    weeks = duration_weeks(phase, plan.working_days)
    activities = sorted(
        index.activities_by_phase.get(phase.id, []),
        key=lambda a: (a.date or dt.date.max, a.kind, a.id),
    )
    successors = [p.id for p in index.phases if phase.id in index.predecessors.get(p.id, [])]
    return PhasePage(
        number=number,
        title=phase.title,
        goal=" ".join(phase.goal.split()),
        status=label(phase.status),
        start=phase.start_date,
        end=phase.end_date,
        weeks=weeks,
        effort=index.effort(phase.id),
        capacity=plan.team_capacity * weeks if weeks is not None else None,
        objectives=[objectives[i] for i in index.objectives_by_phase.get(phase.id, [])
                    if i in objectives],
        departments=scopes,
        activities=[
            ActivityRow(label(a.kind), names.get(a.department_id, "?"), a.title, a.date)
            for a in activities
        ],
        depends_on=[titles[i] for i in index.predecessors.get(phase.id, []) if i in titles],
        needed_by=[titles[i] for i in successors],
        milestones=[
            f"{day(m.date)}: {m.title}"
            for m in index.milestones
            if m.phase_id == phase.id
        ],
        warnings=warnings_.group(store, warnings, limits.phase_warnings_per_code),
        prerequisites=_prerequisites(store, index, demands),
    )


def _prerequisites(store: PlanStore, index: PlanIndex, demands: Sequence[Demand]) -> list[str]:
    """What the phase's wishes need first, and where that is planned."""
    mine = {d.id: d for d in demands}
    if not mine:
        return []
    numbers = {p.id: n for n, p in enumerate(index.phases, start=1)}
    out = []
    for link in store.rows(Prerequisite):
        wish = mine.get(link.demand_id)
        needed = store.find(Demand, link.needs_id)
        if wish is None or needed is None:
            continue
        if needed.phase_id is None:
            where = _("still in the backlog")
        elif needed.phase_id == wish.phase_id:
            where = _("in this phase")
        else:
            where = _("phase {number}").format(number=numbers.get(needed.phase_id, "?"))
        out.append(
            _("'{wish}' needs '{needed}' ({where})").format(
                wish=wish.title, needed=needed.title, where=where
            )
        )
    return out


def warnings_by_phase(
    store: PlanStore, index: PlanIndex, load: LoadTable, warnings: Sequence[Warning]
) -> dict[int, list[Warning]]:
    """The warnings a reader of a phase's page must see: about the phase, about one of its
    wishes, or about a department it delivers to (for a weekly warning: only the phases that
    add load in that week). One pass over the warnings, not one per phase."""
    delivers_to: dict[int, list[int]] = defaultdict(list)
    for phase in index.phases:
        for dept_id in index.department_ids(phase.id):
            delivers_to[dept_id].append(phase.id)
    out: dict[int, list[Warning]] = defaultdict(list)
    for warning in warnings:
        subject = warning.subject
        phases: list[int] = []
        if subject.kind == "phase" and subject.id is not None:
            phases = [subject.id]
        elif subject.kind == "demand":
            demand = store.find(Demand, subject.id)
            phases = [demand.phase_id] if demand is not None and demand.phase_id else []
        elif subject.kind == "department" and subject.id is not None:
            if subject.week is not None:
                shares = load.shares.get((subject.id, subject.week), [])
                phases = list(dict.fromkeys(s.phase_id for s in shares))
            else:
                phases = delivers_to.get(subject.id, [])
        for phase_id in phases:
            out[phase_id].append(warning)
    return out


def _load_chart(index: PlanIndex, load: LoadTable) -> LoadChart:
    series = []
    for dept in index.departments:
        values = [load.at(dept.id, w) for w in load.weeks]
        series.append(
            LoadSeries(
                department=dept.name,
                colour=dept.colour,
                capacity=dept.capacity,
                values=values,
                overloaded=_runs(load.overloaded_weeks(dept.id)),
                peak=max(values, default=0.0),
            )
        )
    return LoadChart(list(load.weeks), series)


def _runs(weeks: Sequence[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive Mondays joined into (first, last) runs."""
    runs: list[tuple[dt.date, dt.date]] = []
    for week in weeks:
        if runs and week - runs[-1][1] == WEEK:
            runs[-1] = (runs[-1][0], week)
        else:
            runs.append((week, week))
    return runs


def _backlog(index: PlanIndex, names: dict[int, str], limits: Limits) -> Backlog:
    demands = index.demands(None)
    objectives = {o.id: o.title for o in index.objectives}
    per_dept: dict[int, list[Demand]] = defaultdict(list)
    for demand in demands:
        per_dept[demand.department_id].append(demand)
    summary = [
        BacklogByDepartment(
            department=d.name,
            count=len(per_dept[d.id]),
            effort=sum(x.effort for x in per_dept[d.id]),
            must=sum(1 for x in per_dept[d.id] if x.priority == Priority.MUST),
        )
        for d in index.departments
        if per_dept.get(d.id)
    ]
    ranked = _by_importance(demands)
    shown = ranked[: limits.backlog_rows]
    rest = ranked[len(shown):]
    return Backlog(
        count=len(demands),
        effort=index.effort(None),
        by_department=summary,
        rows=[_demand_row(d, names, objectives) for d in shown],
        more=Overflow(len(rest), sum(d.effort for d in rest)) if rest else None,
    )

