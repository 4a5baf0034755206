"""Random plans never crash the engine, give the same list every time, offer fixes that
apply and remove their warning, and the incremental engine always equals a fresh
evaluation, whatever the edits. Plans are inserted without validation, so they hold what a
file from another tool could: zero capacities, undated phases, unusable thresholds."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.commands import (
    CreateRow,
    DeleteRow,
    MoveDemands,
    ReorderPhase,
    SetPhaseDates,
    SplitPhase,
    UndoHistory,
    UpdateRow,
)
from planner.enums import ActivityKind, DemandKind, PhaseStatus, Priority
from planner.errors import PlanError, ValidationError
from planner.model import (
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
    Plan,
    Prerequisite,
)
from planner.store import PlanStore
from planner.warnings import Severity, WarningsEngine, evaluate

pytestmark = pytest.mark.slow
START = dt.date(2027, 1, 4)
FAST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

thresholds = st.fixed_dictionaries(
    {
        "team_capacity": st.sampled_from([15.0, 0.0, 0.4, 3.0, 1e9, math.inf]),
        "weeks_to_value": st.sampled_from([4, 1, 2, 53, 10**6]),
        "max_departments_per_phase": st.sampled_from([2, 1, 3, 99]),
        "field_creep_phase": st.sampled_from([5, 0, -3, 1]),
        "field_creep_plan": st.sampled_from([20, 0, 2]),
        "scope_creep_percent": st.sampled_from([10.0, 0.0, -5.0, 1.0]),
        "working_days": st.sampled_from(["12345", "", "7", "1357", "99", "123456"]),
        "sponsor_name": st.sampled_from(["", "Ragnhild"]),
    }
)
departments = st.lists(
    st.tuples(st.sampled_from([0.0, 0.5, 3.0, 10.0, math.inf]), st.booleans(), st.booleans()),
    min_size=1,
    max_size=4,
)
phases = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(0, 60)),  # start offset
        st.one_of(st.none(), st.integers(0, 50)),  # length in days
        st.sampled_from(list(PhaseStatus)),
        st.booleans(),  # has a goal
        st.booleans(),  # serves an objective
    ),
    max_size=5,
)
demands = st.lists(
    st.tuples(
        st.integers(0, 3),  # department index
        st.one_of(st.none(), st.integers(0, 4)),  # phase index
        st.sampled_from([0.0, 0.5, 1.0, 7.0, 40.0, math.inf]),
        st.sampled_from(list(Priority)),
        st.sampled_from(list(DemandKind)),
        st.booleans(),  # has an objective
        st.integers(0, 3),  # votes
    ),
    max_size=15,
)
links = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=4)


def build(store, plan, depts, phase_specs, wish_specs, edges, with_baseline, needs=()):  # noqa: ANN001, ANN201, E501
    def fill(rec) -> None:  # noqa: ANN001
        rec.update(store.plan, **plan)
        objective = rec.insert(Objective, title="Objective", measure="", target="", position=0)
        dept_ids = [
            rec.insert(
                Department, name=f"D{i}", colour="#888888", head="Head" if support else "",
                capacity=cap, support_contact="help" if support else "", is_it=it, position=i,
            ).id
            for i, (cap, support, it) in enumerate(depts)
        ]  # fmt: skip
        phase_ids = []
        for i, (offset, length, status, goal, served) in enumerate(phase_specs):
            start = None if offset is None else START + dt.timedelta(days=offset)
            end = None if start is None or length is None else start + dt.timedelta(days=length)
            row = rec.insert(
                Phase, title=f"P{i}", goal="g" if goal else "", start_date=start,
                end_date=end, position=i, status=status,
            )  # fmt: skip
            phase_ids.append(row.id)
            if served:
                rec.insert(PhaseObjective, phase_id=row.id, objective_id=objective.id)
            if i % 2 == 0 and dept_ids and end is not None:
                rec.insert(ChangeActivity, kind=ActivityKind.TRAINING, title="t",
                           department_id=dept_ids[0], phase_id=row.id, date=None, notes="")
                rec.insert(Milestone, title="go", kind="go_live", date=end, phase_id=row.id)
        for i, (d, p, effort, priority, kind, has_obj, votes) in enumerate(wish_specs):
            phase_id = None if p is None or p >= len(phase_ids) else phase_ids[p]
            rec.insert(
                Demand, title=f"W{i}", department_id=dept_ids[d % len(dept_ids)],
                phase_id=phase_id, effort=effort, priority=priority, kind=kind,
                objective_id=objective.id if has_obj else None, notes="", votes=votes,
                position=i,
            )  # fmt: skip
        for a, b in sorted(set(edges)):
            if a < b < len(phase_ids):
                rec.insert(Dependency, predecessor_id=phase_ids[a], successor_id=phase_ids[b])
        wish_ids = [d.id for d in store.rows(Demand)]
        for a, b in sorted(set(needs)):
            if a != b and max(a, b) < len(wish_ids):  # cycles too: a file may hold them
                rec.insert(Prerequisite, demand_id=wish_ids[a], needs_id=wish_ids[b])

    store.execute(fill)
    if with_baseline:
        from planner.baseline import TakeBaseline

        TakeBaseline("B").do(store)
        for demand in store.rows(Demand)[::2]:
            store.execute(lambda rec, d=demand: rec.update(d, effort=d.effort + 5))


needs = st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=6)
plans = st.tuples(thresholds, departments, phases, demands, links, st.booleans(), needs)


def signature(warnings: list) -> list:  # noqa: ANN001
    return [w.as_dict() for w in warnings]


@FAST
@given(plans)
def test_random_plans_never_crash_and_are_deterministic(spec) -> None:  # noqa: ANN001
    store = PlanStore.in_memory()
    try:
        build(store, *spec)
        first = evaluate(store)
        assert signature(first) == signature(evaluate(store))
        engine = WarningsEngine(store)
        assert signature(engine.warnings) == signature(first)
        engine.close()
        for warning in first:
            assert warning.message and warning.principle and warning.code
            assert warning.severity in Severity
    finally:
        store.close()


def _hostile(store: PlanStore) -> bool:
    return any(not math.isfinite(d.effort) for d in store.rows(Demand))


@FAST
@given(plans, st.integers(0, 1000))
def test_a_fix_applies_and_removes_its_warning(spec, pick: int) -> None:  # noqa: ANN001
    store = PlanStore.in_memory()
    try:
        build(store, *spec)
        before = evaluate(store)
        fixable = [w for w in before if w.fixes]
        if not fixable:
            return
        warning = fixable[pick % len(fixable)]
        history = UndoHistory(store)
        try:
            history.push(warning.fixes[pick % len(warning.fixes)].make())
        except ValidationError as exc:
            # Only a row holding what validation refuses (an infinite effort from a foreign
            # file) may turn a fix down, with a message and the plan unchanged.
            assert exc.message and _hostile(store)
            assert signature(evaluate(store)) == signature(before)
            return
        after = evaluate(store)
        assert (warning.code, warning.subject) not in {(w.code, w.subject) for w in after}
        history.undo()
        assert signature(evaluate(store)) == signature(before)
    finally:
        store.close()


edits = st.lists(
    st.tuples(
        st.sampled_from(
            ["move", "effort", "dates", "undate", "reorder", "split", "delete-wish",
             "delete-phase", "capacity", "support", "threshold", "add-wish", "link", "kind",
             "rename", "status", "need", "unneed"]
        ),  # fmt: skip
        st.integers(0, 50),
        st.integers(0, 50),
    ),
    min_size=1,
    max_size=10,
)


def command_for(store: PlanStore, kind: str, a: int, b: int):  # noqa: ANN201, C901
    phases = store.rows(Phase)
    wishes = store.rows(Demand)
    depts = store.rows(Department)
    phase = phases[a % len(phases)] if phases else None
    wish = wishes[a % len(wishes)] if wishes else None
    other = phases[b % len(phases)].id if phases and b % 3 else None
    dept = depts[a % len(depts)]
    if kind == "move" and wish:
        return MoveDemands([wish.id], other)
    if kind == "effort" and wish:
        return UpdateRow(Demand, wish.id, {"effort": float(b)})
    if kind == "kind" and wish:
        return UpdateRow(Demand, wish.id, {"kind": list(DemandKind)[b % 6], "objective_id": None})
    if kind == "dates" and phase:
        start = START + dt.timedelta(days=b)
        return SetPhaseDates(phase.id, start, start + dt.timedelta(days=a))
    if kind == "rename" and phase:
        return UpdateRow(Phase, phase.id, {"title": f"{phase.title}*"})
    if kind == "status" and phase:
        return UpdateRow(Phase, phase.id, {"status": list(PhaseStatus)[b % 3]})
    if kind == "undate" and phase:
        return SetPhaseDates(phase.id, phase.start_date, None)
    if kind == "reorder" and phase:
        return ReorderPhase(phase.id, b % len(phases))
    if kind == "split" and phase:
        return SplitPhase(phase.id)
    if kind == "delete-wish" and wish:
        return DeleteRow(Demand, wish.id)
    if kind == "delete-phase" and phase:
        return DeleteRow(Phase, phase.id)
    if kind == "capacity":
        return UpdateRow(Department, dept.id, {"capacity": float(b % 12)})
    if kind == "support":
        return UpdateRow(Department, dept.id, {"support_contact": "" if b % 2 else "x"})
    if kind == "threshold":
        return UpdateRow(Plan, 1, {"field_creep_phase": 1 + b % 4, "weeks_to_value": 1 + a % 6})
    if kind == "add-wish":
        return CreateRow(Demand, {"title": "new", "department_id": dept.id, "phase_id": other,
                                  "effort": float(b % 20)})  # fmt: skip
    if kind == "need" and wish and len(wishes) > 1:
        needed = wishes[b % len(wishes)]
        return CreateRow(Prerequisite, {"demand_id": wish.id, "needs_id": needed.id})
    if kind == "unneed" and store.rows(Prerequisite):
        links_ = store.rows(Prerequisite)
        return DeleteRow(Prerequisite, links_[a % len(links_)].id)
    if kind == "link" and phase:
        objective = store.rows(Objective)[0].id
        return CreateRow(PhaseObjective, {"phase_id": phase.id, "objective_id": objective})
    return None


@FAST
@given(plans, edits)
def test_the_engine_stays_current_through_random_edits(spec, steps) -> None:  # noqa: ANN001
    store = PlanStore.in_memory()
    try:
        build(store, *spec)
        engine = WarningsEngine(store)
        history = UndoHistory(store)
        for kind, a, b in steps:
            command = command_for(store, kind, a, b)
            if command is None:
                continue
            try:
                history.push(command)
            except PlanError:
                continue  # refused with a message, plan unchanged
            assert signature(engine.warnings) == signature(evaluate(store))
        while history.can_undo:
            history.undo()
            assert signature(engine.warnings) == signature(evaluate(store))
        engine.close()
    finally:
        store.close()
