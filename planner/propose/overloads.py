"""Fix all overloads: the smallest set of wish moves — fewest wishes, then least effort —
after which no phase holds more than the team delivers in it and no department gets more
change in a week than it can absorb, without raising any other warning.

A MILP (HiGHS) over y[i,t] = "wish i ends up in t" for each movable wish i and target t:
its own phase, the backlog, or another planned phase that already delivers to its
department (so no new department, training or field-creep question arises). Wishes in
active, done or pinned phases stay. A wish that others need goes to the backlog only with
them, and wishes with prerequisites move only to the backlog, so no prerequisite comes
later than what needs it. Overloads that no allowed move can remove (in an active phase,
say) are reported, not "fixed".
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from planner.changes import Recorder
from planner.commands.base import Command
from planner.commands.scheduling import MoveDemands
from planner.enums import DemandKind, PhaseStatus
from planner.i18n import _, ngettext
from planner.load import phase_weeks, usable_working_days
from planner.model import Demand, Phase, Prerequisite
from planner.propose.backends import solve_highs
from planner.propose.formulation import INF, Milp
from planner.queries import PlanIndex, duration_weeks
from planner.store import PlanStore
from planner.warnings import evaluate

CAPACITY_CODES = ("phase-overloaded", "department-overloaded")


@dataclass
class OverloadFix:
    moves: list[tuple[int, int | None]] = field(default_factory=list)  # wish, target phase
    effort: float = 0.0
    status: str = "optimal"
    left: list[str] = field(default_factory=list)  # overloads no allowed move removes

    @property
    def empty(self) -> bool:
        return not self.moves


def _movable(phase: Phase | None) -> bool:
    return phase is not None and phase.status == PhaseStatus.PLANNED and not phase.pinned


def plan_fix(store: PlanStore, time_limit: float = 10.0) -> OverloadFix:
    index = PlanIndex.build(store)
    plan = store.plan
    wd = usable_working_days(plan.working_days)
    phases = [p for p in index.phases if p.start_date is not None and p.end_date is not None]
    links = store.rows(Prerequisite)
    linked = {p.demand_id for p in links} | {p.needs_id for p in links}
    needed_by: dict[int, list[int]] = defaultdict(list)
    for link in links:
        needed_by[link.needs_id].append(link.demand_id)
    served: dict[int, set[int]] = {p.id: set(index.department_ids(p.id)) for p in phases}
    movable = [d for p in phases if _movable(p) for d in index.demands(p.id)]
    m = Milp()
    options: dict[int, list[tuple[int | None, int]]] = {}
    for d in movable:
        targets: list[int | None] = [d.phase_id, None]
        if d.id not in linked and d.kind != DemandKind.DATA_FIELD:
            targets += [p.id for p in phases if _movable(p) and p.id != d.phase_id
                        and d.department_id in served[p.id]]  # fmt: skip
        # Fewest wishes first, then least effort moved, then the less important: a move
        # costs 1000 + its effort + a hundredth per priority step above won't.
        cost = 1000.0 + d.effort + 0.01 * (3 - d.priority.rank)
        options[d.id] = [(t, m.var(0.0 if t == d.phase_id else -cost)) for t in targets]
        m.row([v for _target, v in options[d.id]], [1.0] * len(targets), 1.0, 1.0)
    # Needed wishes leave for the backlog only with the wishes that need them.
    for d in movable:
        backlog = dict(options[d.id])[None]
        for other in needed_by.get(d.id, []):
            if other in options:
                m.row([backlog, dict(options[other])[None]], [1.0, -1.0], -INF, 0.0)
    fixed_effort: dict[int, float] = defaultdict(float)
    fixed_dept: dict[tuple[int, int], float] = defaultdict(float)
    moving = {d.id for d in movable}
    for p in phases:
        for d in index.demands(p.id):
            if d.id not in moving and math.isfinite(d.effort):
                fixed_effort[p.id] += d.effort
                fixed_dept[(p.id, d.department_id)] += d.effort
    # Team: each phase within what the team delivers in it.
    left: list[str] = []
    for p in phases:
        weeks = duration_weeks(p, wd) or 0.0
        cap = plan.team_capacity * weeks
        idx, coef = _terms(options, movable, p.id, None)
        if fixed_effort[p.id] > cap + 1e-9:
            if idx:
                left.append(
                    _(
                        "'{title}' holds more than the team delivers in it, even without the "
                        "wishes that may move"
                    ).format(title=p.title)
                )
            continue
        if idx:
            m.row(idx, coef, -INF, cap - fixed_effort[p.id])
    # Departments: every week within capacity (phases overlapping add up).
    shares: dict[tuple[int, dt.date], list[tuple[int, float]]] = defaultdict(list)
    for p in phases:
        total, weeks = phase_weeks(p, wd)
        for week, days in weeks:
            for dept in {*served[p.id], *(d.department_id for d in movable)}:
                shares[(dept, week)].append((p.id, days / total if total else 0.0))
    capacity = {d.id: d.capacity for d in index.departments}
    for (dept, _week), parts in sorted(shares.items()):
        fixed = sum(fixed_dept[(pid, dept)] * share for pid, share in parts)
        idx, coef = [], []
        for pid, share in parts:
            i2, c2 = _terms(options, movable, pid, dept)
            idx += i2
            coef += [c * share for c in c2]
        cap = capacity.get(dept, 0.0)
        if fixed > cap + 1e-9:
            continue  # nothing allowed can fix it; reported from the warnings below
        if idx:
            m.row(idx, coef, -INF, cap - fixed)
    fix = OverloadFix(left=left)
    if not m.cost:
        return fix
    outcome = solve_highs(m, None, time_limit)
    if outcome.values is None:
        fix.status = "infeasible"
        return fix
    fix.status = outcome.status
    efforts = {d.id: d.effort for d in movable}
    for d in movable:
        for target, var in options[d.id]:
            if outcome.values[var] > 0.5 and target != d.phase_id:
                fix.moves.append((d.id, target))
                fix.effort += efforts[d.id]
    return fix


def _terms(options, movable, phase_id: int, dept: int | None):  # noqa: ANN001, ANN202
    idx, coef = [], []
    for d in movable:
        if dept is not None and d.department_id != dept:
            continue
        for target, var in options[d.id]:
            if target == phase_id and d.effort:
                idx.append(var)
                coef.append(d.effort)
    return idx, coef


class FixAllOverloads(Command):
    """The moves of an OverloadFix as one undoable step."""

    def __init__(self, fix: OverloadFix) -> None:
        super().__init__()
        self.fix = fix
        n = len(fix.moves)
        self.label = ngettext(
            "Fix all overloads: move {n} wish", "Fix all overloads: move {n} wishes", n
        ).format(n=n)

    def perform(self, rec: Recorder) -> None:
        by_target: dict[int | None, list[int]] = defaultdict(list)
        for wish, target in self.fix.moves:
            by_target[target].append(wish)
        for target in sorted(by_target, key=lambda t: (t is None, t or 0)):
            MoveDemands(by_target[target], target).perform(rec)


def capacity_warnings(store: PlanStore) -> list:
    return [w for w in evaluate(store) if w.code in CAPACITY_CODES and not w.dismissed]


def describe(store: PlanStore, fix: OverloadFix) -> list[str]:
    """One line per move, for the preview."""
    out = []
    for wish_id, target in fix.moves:
        wish = store.get(Demand, wish_id)
        where = "the backlog" if target is None else f"'{store.get(Phase, target).title}'"
        source = store.get(Phase, wish.phase_id).title if wish.phase_id else "the backlog"
        out.append(f"'{wish.title}' ({wish.effort:g} pd) from '{source}' to {where}")
    return out
