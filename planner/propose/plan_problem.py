"""A plan's backlog as the generic problem of core.py: wishes are items, departments are
families, objectives are groups, and each proposed phase is a slot of weeks-to-value weeks.

The slots follow each other from the start date, Monday to the last working day of a week,
so every week of a slot has the same working days and a department's load in each of its
weeks is its effort in the slot divided by the slot's weeks — the arithmetic of
planner/load.py. What phases that stay put (active, done, pinned, kept) already load onto a
week is taken off that slot's capacity first.

Resources per slot: one per department (capacity × weeks, less the kept load), the team
(team capacity × weeks, less the kept load) and new data fields (the field-creep limit per
phase).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from planner.enums import DemandKind, PhaseStatus, Priority
from planner.errors import PlanError
from planner.i18n import _, ngettext
from planner.load import phase_weeks, usable_working_days
from planner.model import Demand, Department, Objective, Phase, Prerequisite
from planner.propose.core import Group, Item, Problem, cycles
from planner.propose.weights import Weights
from planner.queries import PlanIndex, monday
from planner.store import PlanStore
from planner.warnings.format import num

WEEK = dt.timedelta(days=7)


class NoProposal(PlanError):
    """No feasible proposal exists; the message says which rule makes it impossible."""


@dataclass(frozen=True)
class Options:
    phases: int | None = None  # None: until the backlog is empty
    start: dt.date | None = None  # default: after the phases that stay
    include_planned: bool = False  # also re-plan planned phases that are not pinned or kept
    keep: frozenset[int] = frozenset()  # phase ids left as they are
    time_limit: float = 10.0
    solver: str = "highs"
    today: dt.date | None = None  # the default start when the plan has no dates at all


@dataclass
class Prepared:
    """The problem with what it was made from."""

    problem: Problem
    wishes: list[Demand]  # item index -> wish
    departments: list[Department]  # family index -> department
    objectives: list[Objective]  # group index -> objective
    slot_starts: list[dt.date]
    weeks: int
    working_days: str
    kept: list[Phase]
    replaced: list[Phase]
    left_out: list[tuple[Demand, str]] = field(default_factory=list)
    wont: int = 0
    kept_dept_load: dict[int, dict[dt.date, float]] = field(default_factory=dict)
    kept_team_load: dict[dt.date, float] = field(default_factory=dict)
    external_needs: dict[int, dt.date] = field(default_factory=dict)  # item -> latest end
    weights: Weights | None = None  # the plan's (Weights.of), set by prepare

    def slot_end(self, slot: int, weeks: int | None = None) -> dt.date:
        return phase_end(self.slot_starts[slot], weeks or self.weeks, self.working_days)


def phase_end(start: dt.date, weeks: int, working_days: str) -> dt.date:
    """The last working day of the `weeks`-th week from Monday `start`."""
    last = max(int(c) for c in working_days)
    return start + (weeks - 1) * WEEK + dt.timedelta(days=last - 1)


def is_kept(phase: Phase, options: Options) -> bool:
    return (
        phase.status != PhaseStatus.PLANNED
        or bool(phase.pinned)
        or phase.id in options.keep
        or not options.include_planned
    )


def prepare(store: PlanStore, options: Options, index: PlanIndex | None = None) -> Prepared:
    index = index or PlanIndex.build(store)
    plan = store.plan
    wd = usable_working_days(plan.working_days)
    weights = Weights.of(plan)  # the plan's settings: the one source of what counts
    weeks = max(1, int(math.floor(plan.weeks_to_value + 1e-9)))
    kept = [p for p in index.phases if is_kept(p, options)]
    replaced = [p for p in index.phases if not is_kept(p, options)]
    pool_source = list(index.demands(None))
    for phase in replaced:
        pool_source.extend(index.demands(phase.id))
    wont = sum(1 for d in pool_source if d.priority == Priority.WONT)
    pool = [d for d in pool_source if d.priority != Priority.WONT]
    pool.sort(key=lambda d: (d.priority.rank, -d.votes, d.position, d.id))
    start = _start(store, kept, options)
    departments = list(index.departments)
    family = {d.id: i for i, d in enumerate(departments)}
    dept_load, team_load = _kept_loads(kept, index, wd)
    slots = options.phases if options.phases is not None else max(1, len(pool))
    slot_starts = [start + k * weeks * WEEK for k in range(slots)]
    resources = [d.name for d in departments] + ["team", "data fields"]
    last_loaded = max(team_load, default=None)
    full: list[float] | None = None
    capacity = []
    for slot_start in slot_starts:
        if last_loaded is not None and slot_start <= last_loaded:
            capacity.append(_slot_capacity(slot_start, weeks, departments, plan.team_capacity,
                                           plan.field_creep_phase, dept_load, team_load))
            continue
        if full is None:  # after every kept phase: the same full capacity each slot
            full = _slot_capacity(slot_start, weeks, departments, plan.team_capacity,
                                  plan.field_creep_phase, {}, {})
        capacity.append(full)  # fmt: skip
    prepared = Prepared(
        Problem([], resources, capacity), [], departments, [], slot_starts, weeks, wd, kept,
        replaced, wont=wont, kept_dept_load=dept_load, kept_team_load=team_load,
        weights=weights,
    )  # fmt: skip
    _items(store, prepared, pool, family, options)
    _groups(store, prepared, index, options)
    problem = prepared.problem
    problem.family_limit = max(1, int(plan.max_departments_per_phase))
    problem.family_penalty = weights.department
    problem.slot_penalty = weights.phase
    problem.place_all = options.phases is None
    problem.family_resource = {f: f for f in range(len(departments))}
    return prepared


def _start(store: PlanStore, kept: list[Phase], options: Options) -> dt.date:
    if options.start is not None:
        day = options.start
    else:
        ends = [p.end_date for p in kept if p.end_date is not None]
        if ends:
            day = max(ends) + dt.timedelta(days=1)
        else:
            day = store.plan.start_date or options.today or dt.date.today()
    # Phases run Monday to the end of a week: the first Monday on or after the day.
    return day if day.weekday() == 0 else monday(day) + WEEK


def _kept_loads(
    kept: list[Phase], index: PlanIndex, wd: str
) -> tuple[dict[int, dict[dt.date, float]], dict[dt.date, float]]:
    dept: dict[int, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    team: dict[dt.date, float] = defaultdict(float)
    for phase in kept:
        if phase.status == PhaseStatus.DONE:
            continue
        total, weeks = phase_weeks(phase, wd)
        if not total:
            continue
        for demand in index.demands(phase.id):
            if demand.effort <= 0 or not math.isfinite(demand.effort):
                continue
            for week, days in weeks:
                share = demand.effort / total * days
                dept[demand.department_id][week] += share
                team[week] += share
    return dept, team


def _slot_capacity(
    start: dt.date,
    weeks: int,
    departments: list[Department],
    team_capacity: float,
    fields: int,
    dept_load: dict[int, dict[dt.date, float]],
    team_load: dict[dt.date, float],
) -> list[float]:
    mondays = [start + i * WEEK for i in range(weeks)]
    out = []
    for dept in departments:
        loads = dept_load.get(dept.id, {})
        spare = min(_finite(dept.capacity) - loads.get(m, 0.0) for m in mondays)
        out.append(max(0.0, spare) * weeks)
    spare = min(_finite(team_capacity) - team_load.get(m, 0.0) for m in mondays)
    out.append(max(0.0, spare) * weeks)
    out.append(float(max(0, fields)))
    return out


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 1e9


def _items(
    store: PlanStore, prepared: Prepared, pool: list[Demand], family: dict[int, int],
    options: Options,
) -> None:  # fmt: skip
    weights = prepared.weights or Weights.of(store.plan)
    problem = prepared.problem
    n_res = len(problem.resources)
    team_r, fields_r = n_res - 2, n_res - 1
    position = {d.id: i for i, d in enumerate(pool)}
    links = store.rows(Prerequisite)
    needs: dict[int, list[int]] = defaultdict(list)
    for link in links:
        needs[link.demand_id].append(link.needs_id)
    reasons: dict[int, str] = {}
    plan = store.plan
    weeks = prepared.weeks
    # Wishes that can never fit a phase, whatever else happens.
    for d in pool:
        reason = _too_big(d, store, weeks, plan.team_capacity, plan.field_creep_phase, prepared)
        if d.kind == DemandKind.TRANSACTION_PROCESS:
            # Activities, not transactions: never proposed, however many votes it has.
            reason = _("'{title}' is a transaction process that belongs in the ERP").format(
                title=d.title
            )
        if reason:
            reasons[d.id] = reason
    # Prerequisite cycles (a file can hold them; the editor refuses them).
    inner = [(position[a], position[b]) for a, bs in needs.items() if a in position
             for b in bs if b in position]  # fmt: skip
    for component in cycles(len(pool), inner):
        titles = [f"'{pool[i].title}'" for i in component]
        text = _("{wishes} need each other first (a prerequisite cycle)").format(
            wishes=_join(titles)
        )
        for i in component:
            reasons.setdefault(pool[i].id, text)
    # What the pool needs from outside it: delivered already, in a phase that stays (then
    # no earlier than that phase ends), or not plannable at all.
    external: dict[int, dt.date] = {}
    for d in pool:
        for needed_id in needs.get(d.id, ()):
            if needed_id in position:
                continue
            needed = store.find(Demand, needed_id)
            if needed is None:
                continue
            phase = store.find(Phase, needed.phase_id) if needed.phase_id is not None else None
            if phase is None:
                why = (
                    _("it needs '{title}', a won't-have")
                    if needed.priority == Priority.WONT
                    else _("it needs '{title}', not plannable")
                )
                reasons.setdefault(d.id, why.format(title=needed.title))
            elif (
                phase.end_date is not None
                and phase.status != PhaseStatus.DONE
                and (d.id not in external or phase.end_date > external[d.id])
            ):
                external[d.id] = phase.end_date
    # A wish needing one that cannot be planned cannot be planned either.
    changed = True
    while changed:
        changed = False
        for d in pool:
            if d.id in reasons:
                continue
            for needed_id in needs.get(d.id, ()):
                if needed_id in reasons:
                    needed = pool[position[needed_id]]
                    reasons[d.id] = _("it needs '{title}', which cannot be planned").format(
                        title=needed.title
                    )
                    changed = True
                    break
    keep = [d for d in pool if d.id not in reasons]
    prepared.left_out = [(d, reasons[d.id]) for d in pool if d.id in reasons]
    index_of = {d.id: i for i, d in enumerate(keep)}
    for i, d in enumerate(keep):
        costs = [0.0] * n_res
        costs[family[d.department_id]] = d.effort
        costs[team_r] = d.effort
        if d.kind == DemandKind.DATA_FIELD:
            costs[fields_r] = 1.0
        release = 0
        if d.id in external:
            end = external[d.id]
            release = next(
                (k for k in range(problem.slots) if prepared.slot_end(k) >= end), problem.slots
            )
            prepared.external_needs[i] = end
        value = weights.wish_value(d)
        problem.items.append(Item(d.id, tuple(costs), value, family[d.department_id], release))
        for needed_id in needs.get(d.id, ()):
            if needed_id in index_of:
                problem.prerequisites.append((i, index_of[needed_id]))
    prepared.wishes = keep


def _too_big(
    d: Demand, store: PlanStore, weeks: int, team: float, fields: int, prepared: Prepared
) -> str:
    dept = store.get(Department, d.department_id)
    if not math.isfinite(d.effort):
        return _("the wish '{title}' has no usable effort").format(title=d.title)
    if d.effort > 0 and dept.capacity <= 0:
        return _(
            "{department} can absorb no change at all (capacity 0 person-days a week), so "
            "'{title}' cannot be delivered to it"
        ).format(department=dept.name, title=d.title)
    phase = ngettext("a phase may last {n} week", "a phase may last {n} weeks", weeks).format(
        n=weeks
    )
    if d.effort > dept.capacity * weeks + 1e-9:
        # Translators: {limit} is "a phase may last 12 weeks".
        return _(
            "the wish '{title}' alone needs {effort} person-days; {department} can absorb "
            "{capacity} a week and {limit}"
        ).format(title=d.title, effort=num(d.effort), department=dept.name,
                 capacity=num(dept.capacity), limit=phase)
    if d.effort > team * weeks + 1e-9:
        return _(
            "the wish '{title}' alone needs {effort} person-days; the team delivers {capacity} "
            "a week and {limit}"
        ).format(title=d.title, effort=num(d.effort), capacity=num(team), limit=phase)
    if d.kind == DemandKind.DATA_FIELD and fields < 1:
        return _(
            "no phase may add a data field (limit {limit}), so '{title}' cannot go in"
        ).format(limit=fields, title=d.title)
    return ""


def _groups(store: PlanStore, prepared: Prepared, index: PlanIndex, options: Options) -> None:
    """An objective counts once all its must-have wishes are delivered: those in the pool
    by the proposal, the rest by the phases that stay."""
    in_pool = {d.id: i for i, d in enumerate(prepared.wishes)}
    weight = (prepared.weights or Weights.of(store.plan)).objective
    left = {d.id for d, _reason in prepared.left_out}
    replaced = {p.id for p in prepared.replaced}
    musts: dict[int, list[Demand]] = defaultdict(list)
    for demand in store.rows(Demand):
        if demand.priority == Priority.MUST and demand.objective_id is not None:
            musts[demand.objective_id].append(demand)
    for objective in index.objectives:
        members = []
        possible = True
        for demand in musts.get(objective.id, []):
            if demand.id in in_pool:
                members.append(in_pool[demand.id])
            elif demand.id in left or demand.phase_id is None or demand.phase_id in replaced:
                possible = False
        value = max(0.0, objective.value if math.isfinite(objective.value) else 0.0)
        if members and possible and value > 0:
            prepared.problem.groups.append(
                Group(objective.id, value * weight, tuple(members))
            )
            prepared.objectives.append(objective)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])
