"""From a plan to a proposal of phases, and from a proposal back into the plan as one edit.

`propose` prepares the problem (plan_problem.py), runs the greedy construction and the
solver (solve.py), and turns the slots into dated phases: each phase is shortened to the
fewest whole weeks its load allows and starts right after the one before, when the phases
that stay allow it. Every phase gets, for each department it delivers to, a training just
before go-live, and the department's first delivery in the proposal a support activity:
the shapes of the no-adoption and no-support fixes.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from planner.changes import Recorder
from planner.commands.base import Command
from planner.commands.entities import new_row, remove_row
from planner.enums import ActivityKind, MilestoneKind, Priority
from planner.i18n import _, ngettext
from planner.model import ChangeActivity, Demand, Dependency, Milestone, Phase, PhaseObjective
from planner.propose.core import Assignment, Problem, objective
from planner.propose.explain import explain_phases
from planner.propose.formulation import FULL_MODEL_LIMIT
from planner.propose.greedy import greedy
from planner.propose.milestones import ADD, MOVE, REMOVE, milestone_changes
from planner.propose.plan_problem import (
    WEEK,
    NoProposal,
    Options,
    Prepared,
    phase_end,
    prepare,
)
from planner.propose.rolling import rolling
from planner.propose.solve import Progress, Result, optimise
from planner.propose.weights import Weights
from planner.queries import monday
from planner.store import PlanStore


@dataclass
class ProposedPhase:
    number: int  # 1-based, in the proposal
    title: str
    goal: str
    start: dt.date
    end: dt.date
    weeks: int
    wish_ids: list[int]
    department_ids: list[int]
    effort: float
    dept_effort: dict[int, float]
    objective_ids: list[int]  # objectives its wishes serve
    completes: list[int] = field(default_factory=list)  # objectives it completes
    needs_from: dict[int, list[int]] = field(default_factory=dict)  # phase number -> wish ids
    first_for: list[int] = field(default_factory=list)  # departments first served here
    explanation: str = ""


@dataclass
class Proposal:
    phases: list[ProposedPhase]
    replaced_phase_ids: list[int]
    left_out: list[tuple[int, str]]  # wish id, why it cannot be planned
    unplaced: list[int]  # wishes that fit but did not make it into the N phases
    status: str
    value: float
    bound: float | None
    greedy_value: float
    seconds: float
    greedy_seconds: float
    restricted: bool
    wont: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def gap(self) -> float | None:
        if self.bound is None:
            return None
        return max(0.0, self.bound - self.value) / max(abs(self.value), 1e-9)

    @property
    def empty(self) -> bool:
        return not self.phases


def propose(
    store: PlanStore,
    options: Options,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Proposal:
    """The best proposal found within the options' time limit. Raises NoProposal (with the
    reason) when the backlog holds wishes but none of them can be planned."""
    prepared = prepare(store, options)
    if not prepared.problem.items and not prepared.left_out:
        return _empty(prepared)
    result = solve_prepared(prepared, options, on_progress, should_stop)
    return build_proposal(store, prepared, result)


def solve_prepared(
    prepared: Prepared,
    options: Options,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Result:
    """The constructions and the solver on a prepared problem. Reads nothing from the plan,
    so the app runs it in a worker thread. Raises NoProposal when nothing can be planned."""
    problem = prepared.problem
    if not problem.items:
        raise NoProposal(_no_proposal_message(prepared))
    started = time.perf_counter()
    start = _construct(problem, options, on_progress, should_stop)
    problem, start, _dropped = _trim(prepared, start)
    if not problem.items:
        raise NoProposal(_no_proposal_message(prepared))
    spent = time.perf_counter() - started
    result = optimise(
        problem, max(0.0, options.time_limit - spent), options.solver, on_progress,
        should_stop, start=start,
    )  # fmt: skip
    result.seconds += spent
    return result


def _construct(
    problem: Problem,
    options: Options,
    on_progress: Callable[[Progress], None] | None,
    should_stop: Callable[[], bool] | None,
) -> Assignment:
    """The greedy construction, and when the problem is small enough the slot-by-slot
    one (rolling.py); the better of the two (more wishes placed, then more value over
    the same number of phases)."""
    started = time.perf_counter()
    first = greedy(problem)  # fast: never cut short, so Stop always leaves an answer
    used = len(first.used_slots()) or 1
    if on_progress is not None:
        on_progress(Progress("greedy", None, None, time.perf_counter() - started))
    if len(problem.items) * used > FULL_MODEL_LIMIT or options.time_limit <= 0:
        return first
    second = rolling(problem, options.solver, options.time_limit / 3, should_stop)
    if second is None:
        return first
    slots = max(len(first.used_slots()), len(second.used_slots()), 1)
    if problem.place_all:
        slots = max(max((s for s in a.slot if s is not None), default=0) + 1
                    for a in (first, second))  # fmt: skip
    common = Problem(problem.items, problem.resources, problem.capacity[:slots], problem.groups,
                     problem.prerequisites, problem.family_limit, problem.family_penalty,
                     problem.slot_penalty)  # fmt: skip

    def score(a: Assignment) -> tuple[int, float]:
        placed = sum(1 for s in a.slot if s is not None)
        return (placed if problem.place_all else 0, objective(common, a))

    return max((first, second), key=score)


def _empty(prepared: Prepared) -> Proposal:
    return Proposal([], [p.id for p in prepared.replaced], [], [], "optimal", 0.0, 0.0, 0.0,
                    0.0, 0.0, False, wont=prepared.wont)  # fmt: skip


def _no_proposal_message(prepared: Prepared) -> str:
    reasons = list(dict.fromkeys(reason for _wish, reason in prepared.left_out))
    head = reasons[0][:1].upper() + reasons[0][1:]
    more = len(reasons) - 1
    tail = (
        ngettext(" (and {n} more reason)", " (and {n} more reasons)", more).format(n=more)
        if more
        else ""
    )
    return _("No phase can be proposed: {reason}{more}.").format(reason=head, more=tail)


def _trim(prepared: Prepared, start: Assignment) -> tuple[Problem, Assignment, list[int]]:
    """In the 'until the backlog is empty' mode, keep only as many slots as the greedy
    construction needed, and set aside (as not placeable) what it could not place."""
    problem = prepared.problem
    if not problem.place_all:
        return problem, start, []
    placed = [i for i, s in enumerate(start.slot) if s is not None]
    dropped = [i for i, s in enumerate(start.slot) if s is None]
    slots = max((start.slot[i] for i in placed), default=-1) + 1  # type: ignore[type-var]
    if not dropped and slots == problem.slots:
        return problem, start, []
    remap = {old: new for new, old in enumerate(placed)}
    items = [problem.items[i] for i in placed]
    groups = [g for g in problem.groups if all(m in remap for m in g.members)]
    trimmed = Problem(
        items=items,
        resources=problem.resources,
        capacity=problem.capacity[: max(1, slots)],
        groups=[type(g)(g.key, g.value, tuple(remap[m] for m in g.members)) for g in groups],
        prerequisites=[(remap[i], remap[j]) for i, j in problem.prerequisites
                       if i in remap and j in remap],  # fmt: skip
        family_limit=problem.family_limit,
        family_penalty=problem.family_penalty,
        slot_penalty=problem.slot_penalty,
        place_all=True,
    )
    for d in dropped:
        wish = prepared.wishes[d]
        prepared.left_out.append(
            (wish, _("it could not be fitted into a phase with what it needs"))
        )
    prepared.objectives = [o for o, g in zip(prepared.objectives, problem.groups, strict=True)
                           if all(m in remap for m in g.members)]  # fmt: skip
    prepared.external_needs = {remap[i]: d for i, d in prepared.external_needs.items()
                               if i in remap}  # fmt: skip
    prepared.wishes = [prepared.wishes[i] for i in placed]
    prepared.problem = trimmed
    return trimmed, Assignment([start.slot[i] for i in placed]), dropped


def build_proposal(store: PlanStore, prepared: Prepared, result: Result) -> Proposal:
    problem = prepared.problem
    assignment = result.assignment
    used = assignment.used_slots()
    number_of = {slot: n for n, slot in enumerate(used, start=1)}
    phases: list[ProposedPhase] = []
    cursor = prepared.slot_starts[0]
    # Departments the phases that stay deliver to already: not a first delivery.
    kept_ids = {p.id for p in prepared.kept}
    served: set[int] = {d.department_id for d in store.rows(Demand) if d.phase_id in kept_ids}
    for slot in used:
        members = [i for i, s in enumerate(assignment.slot) if s == slot]
        wishes = [prepared.wishes[i] for i in members]
        wishes.sort(key=lambda d: (d.priority.rank, -d.votes, d.position, d.id))
        dept_effort: dict[int, float] = {}
        for d in wishes:
            dept_effort[d.department_id] = dept_effort.get(d.department_id, 0.0) + d.effort
        latest_need = max((prepared.external_needs[i] for i in members
                           if i in prepared.external_needs), default=None)  # fmt: skip
        start, weeks = _place(prepared, slot, cursor, dept_effort, latest_need)
        end = phase_end(start, weeks, prepared.working_days)
        cursor = start + weeks * WEEK
        departments = list(dept_effort)
        phase = ProposedPhase(
            number=number_of[slot],
            title="",
            goal="",
            start=start,
            end=end,
            weeks=weeks,
            wish_ids=[d.id for d in wishes],
            department_ids=departments,
            effort=math.fsum(d.effort for d in wishes),
            dept_effort=dept_effort,
            objective_ids=list(dict.fromkeys(d.objective_id for d in wishes
                                             if d.objective_id is not None)),  # fmt: skip
            first_for=[d for d in departments if d not in served],
        )
        served.update(departments)
        for i in members:
            for a, b in problem.prerequisites:
                if a == i and assignment.slot[b] != slot:
                    n = number_of[assignment.slot[b]]  # type: ignore[index]
                    phase.needs_from.setdefault(n, []).append(prepared.wishes[b].id)
        phases.append(phase)
    # Objectives completed: in the phase where the last of their must-haves lands.
    for g, group in enumerate(problem.groups):
        slots = [assignment.slot[i] for i in group.members]
        if slots and all(s is not None for s in slots):
            last = max(s for s in slots if s is not None)
            phases[number_of[last] - 1].completes.append(prepared.objectives[g].id)
    explain_phases(store, phases, prepared)
    placed = {i for i, s in enumerate(assignment.slot) if s is not None}
    unplaced = [prepared.wishes[i].id for i in range(len(prepared.wishes)) if i not in placed]
    return Proposal(
        phases=phases,
        replaced_phase_ids=[p.id for p in prepared.replaced],
        left_out=[(d.id, why) for d, why in prepared.left_out],
        unplaced=unplaced,
        status=result.status,
        value=result.value,
        bound=result.bound,
        greedy_value=result.greedy_value,
        seconds=result.seconds,
        greedy_seconds=result.greedy_seconds,
        restricted=result.restricted,
        wont=prepared.wont,
    )


def _place(
    prepared: Prepared,
    slot: int,
    cursor: dt.date,
    dept_effort: dict[int, float],
    latest_need: dt.date | None,
) -> tuple[dt.date, int]:
    """The earliest start (from `cursor`) and fewest weeks that hold the phase's load next
    to the phases that stay; the solver's own slot when nothing earlier fits."""
    plan_weeks = prepared.weeks
    total = math.fsum(dept_effort.values())
    for weeks in range(1, plan_weeks + 1):
        end = phase_end(cursor, weeks, prepared.working_days)
        if latest_need is not None and end < latest_need:
            continue
        if _fits(prepared, cursor, weeks, dept_effort, total):
            return cursor, weeks
    return prepared.slot_starts[slot], plan_weeks


def _fits(
    prepared: Prepared, start: dt.date, weeks: int, dept_effort: dict[int, float], total: float
) -> bool:
    mondays = [start + i * WEEK for i in range(weeks)]
    capacity = {d.id: d.capacity for d in prepared.departments}
    for dept_id, effort in dept_effort.items():
        for m in mondays:
            load = prepared.kept_dept_load.get(dept_id, {}).get(m, 0.0) + effort / weeks
            if load > capacity[dept_id] + 1e-9:
                return False
    plan_team = _team_capacity(prepared)
    for m in mondays:
        if prepared.kept_team_load.get(m, 0.0) + total / weeks > plan_team + 1e-9:
            return False
    return True


def _team_capacity(prepared: Prepared) -> float:
    # The team's weekly capacity: what an empty slot holds, per week.
    full = max(cap[len(prepared.departments)] for cap in prepared.problem.capacity)
    return full / prepared.weeks


class ApplyProposal(Command):
    """Write the first `count` phases of a proposal into the plan as one undoable edit:
    replaced phases emptied of what moves (and deleted when empty or when all is
    accepted), new phases with their wishes, objective links, trainings, support and the
    dependencies the prerequisites call for; the deleted phases' milestones moved to the
    phases that took their work, or removed, and a go-live for each new phase that has
    none (planner/propose/milestones.py)."""

    def __init__(self, proposal: Proposal, count: int | None = None) -> None:
        super().__init__()
        self.proposal = proposal
        self.count = len(proposal.phases) if count is None else max(0, count)
        self.label = _("Propose phases")
        self.phase_ids: list[int] = []

    def perform(self, rec: Recorder) -> None:
        store = rec.store
        # Decided on the plan before it changes: where the replaced phases' milestones go.
        milestones = milestone_changes(store, self.proposal, self.count)
        accepted = self.proposal.phases[: self.count]
        n = len(accepted)
        self.label = ngettext(
            "Accept {n} proposed phase", "Accept {n} proposed phases", n
        ).format(n=n)
        position = 1 + max((p.position for p in store.rows(Phase)), default=-1)
        self.phase_ids = []
        for offset, proposed in enumerate(accepted):
            row = new_row(rec, Phase, {
                "title": proposed.title, "goal": proposed.goal, "start_date": proposed.start,
                "end_date": proposed.end, "position": position + offset,
            })  # fmt: skip
            self.phase_ids.append(row.id)
            for order, wish_id in enumerate(proposed.wish_ids):
                rec.update(rec.get(Demand, wish_id), phase_id=row.id, position=order)
            for objective_id in proposed.objective_ids:
                new_row(rec, PhaseObjective, {"phase_id": row.id, "objective_id": objective_id})
            training_day = max(proposed.start, monday(proposed.end))
            for dept_id in proposed.department_ids:
                new_row(rec, ChangeActivity, {
                    "kind": ActivityKind.TRAINING, "department_id": dept_id,
                    "phase_id": row.id, "date": training_day,
                    "title": _("Training: {title}").format(title=proposed.title),
                })  # fmt: skip
                if dept_id in proposed.first_for:
                    new_row(rec, ChangeActivity, {
                        "kind": ActivityKind.SUPPORT, "department_id": dept_id,
                        "phase_id": row.id, "date": proposed.end,
                        "title": _("Support close to the users after go-live: {title}").format(
                            title=proposed.title
                        ),
                    })  # fmt: skip
        for proposed, phase_id in zip(accepted, self.phase_ids, strict=True):
            for number in sorted(proposed.needs_from):
                if number <= n:
                    new_row(rec, Dependency, {
                        "predecessor_id": self.phase_ids[number - 1], "successor_id": phase_id,
                    })  # fmt: skip
        for change in milestones:
            if change.action == ADD and change.to_phase is not None:
                new_row(rec, Milestone, {
                    "title": change.title, "kind": MilestoneKind.GO_LIVE, "date": change.date,
                    "phase_id": self.phase_ids[change.to_phase - 1],
                })  # fmt: skip
                continue
            milestone = rec.get(Milestone, change.milestone_id)
            if change.action == MOVE and change.to_phase is not None:
                rec.update(milestone, phase_id=self.phase_ids[change.to_phase - 1],
                           date=change.date)  # fmt: skip
            elif change.action == REMOVE:
                remove_row(rec, milestone)
        everything = n == len(self.proposal.phases)
        for phase_id in self.proposal.replaced_phase_ids:
            phase = store.find(Phase, phase_id)
            if phase is None:
                continue
            left = [d for d in store.rows(Demand) if d.phase_id == phase_id]
            if everything or not left:
                remove_row(rec, phase)


def value_curve(store: PlanStore) -> list[tuple[dt.date, float]]:
    """Cumulative value delivered over time (at each phase's end) for the plan as it is:
    the value-over-time curve the preview and the benchmarks compare."""
    value = Weights.of(store.plan).wish_value  # the same weights the proposal is made with
    ends: dict[dt.date, float] = {}
    phases = {p.id: p for p in store.rows(Phase)}
    for demand in store.rows(Demand):
        if demand.priority == Priority.WONT or demand.phase_id is None:
            continue
        phase = phases.get(demand.phase_id)
        if phase is None or phase.end_date is None:
            continue
        ends[phase.end_date] = ends.get(phase.end_date, 0.0) + value(demand)
    total = 0.0
    out = []
    for day in sorted(ends):
        total += ends[day]
        out.append((day, total))
    return out


def proposal_curve(store: PlanStore, proposal: Proposal) -> list[tuple[dt.date, float]]:
    """The same curve after accepting the whole proposal (without writing anything)."""
    weights = Weights.of(store.plan)
    moved = {w: p.end for p in proposal.phases for w in p.wish_ids}
    replaced = set(proposal.replaced_phase_ids)
    phases = {p.id: p for p in store.rows(Phase)}
    ends: dict[dt.date, float] = {}
    for demand in store.rows(Demand):
        if demand.priority == Priority.WONT:
            continue
        day = moved.get(demand.id)
        if day is None and demand.phase_id is not None and demand.phase_id not in replaced:
            phase = phases.get(demand.phase_id)
            day = phase.end_date if phase is not None else None
        if day is None:
            continue
        ends[day] = ends.get(day, 0.0) + weights.wish_value(demand)
    total = 0.0
    out = []
    for day in sorted(ends):
        total += ends[day]
        out.append((day, total))
    return out


__all__ = [
    "ApplyProposal",
    "NoProposal",
    "Options",
    "Proposal",
    "ProposedPhase",
    "propose",
    "proposal_curve",
    "value_curve",
]
