"""Property: any sequence of commands, undone completely, leaves the plan exactly as it was;
redone completely, it gives the same end state. Refused commands change nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.commands import (
    CreateRow,
    DeleteRow,
    MergePhases,
    MoveDemands,
    ReorderPhase,
    SetPhaseDates,
    ShiftPhase,
    SplitPhase,
    UndoHistory,
    UpdateRow,
    Vote,
)
from planner.dump import dump
from planner.errors import CommandError
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
)
from planner.store import PlanStore
from planner.template import fill, template_data

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_db() -> sqlite3.Connection:
    store = PlanStore.in_memory()
    fill(store, template_data("crm"))
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    store._conn.backup(copy)
    store.close()
    yield copy
    copy.close()


def fresh_store(source: sqlite3.Connection) -> PlanStore:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    source.backup(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    return PlanStore(conn, None)


def ids(store: PlanStore, model) -> list[int]:
    return [r.id for r in store.rows(model)]


dates = st.dates(min_value=dt.date(2026, 6, 1), max_value=dt.date(2027, 12, 31))
texts = st.text(alphabet="abcæøåäö ÆØÅ<>&'\"", min_size=0, max_size=12)


def draw_command(data: st.DataObject, store: PlanStore):  # noqa: C901 - a menu of cases
    phases, demands, depts = ids(store, Phase), ids(store, Demand), ids(store, Department)
    pick = lambda xs: data.draw(st.sampled_from(xs)) if xs else 999  # noqa: E731
    kind = data.draw(
        st.sampled_from(
            [
                "add-demand",
                "update-demand",
                "delete-demand",
                "move",
                "dates",
                "shift",
                "reorder",
                "split",
                "merge",
                "vote",
                "add-phase",
                "delete-phase",
                "add-dept",
                "delete-dept",
                "add-dep",
                "delete-dep",
                "update-plan",
                "add-activity",
                "add-milestone",
                "link",
                "delete-objective",
                "update-dept",
            ]
        )
    )
    if kind == "add-demand":
        return CreateRow(
            Demand,
            {
                "title": data.draw(texts),
                "department_id": pick(depts),
                "phase_id": data.draw(st.sampled_from([None, *phases])),
                "effort": data.draw(st.floats(-1, 40, allow_nan=False)),
                "priority": data.draw(st.sampled_from(["must", "should", "could", "wont"])),
            },
        )
    if kind == "update-demand":
        return UpdateRow(
            Demand,
            pick(demands),
            {"title": data.draw(texts), "effort": data.draw(st.floats(0, 20))},
        )
    if kind == "delete-demand":
        return DeleteRow(Demand, pick(demands))
    if kind == "move":
        chosen = (
            data.draw(st.lists(st.sampled_from(demands), min_size=1, max_size=5))
            if demands
            else [999]
        )
        return MoveDemands(
            chosen,
            data.draw(st.sampled_from([None, *phases])),
            data.draw(st.sampled_from([None, *demands])),
        )
    if kind == "dates":
        return SetPhaseDates(
            pick(phases), data.draw(dates), data.draw(dates), mergeable=data.draw(st.booleans())
        )
    if kind == "shift":
        return ShiftPhase(pick(phases), data.draw(st.integers(-30, 30)))
    if kind == "reorder":
        return ReorderPhase(pick(phases), data.draw(st.integers(0, max(0, len(phases) - 1))))
    if kind == "split":
        return SplitPhase(pick(phases), data.draw(st.one_of(st.none(), dates)))
    if kind == "merge":
        return MergePhases(pick(phases), pick(phases))
    if kind == "vote":
        return Vote(pick(demands), data.draw(st.integers(-2, 3)))
    if kind == "add-phase":
        return CreateRow(
            Phase,
            {
                "title": data.draw(texts),
                "start_date": data.draw(dates),
                "end_date": data.draw(dates),
            },
        )
    if kind == "delete-phase":
        return DeleteRow(Phase, pick(phases))
    if kind == "add-dept":
        return CreateRow(
            Department,
            {
                "name": data.draw(texts),
                "colour": "#abcdef",
                "capacity": data.draw(st.floats(0, 20)),
            },
        )
    if kind == "delete-dept":
        return DeleteRow(
            Department, pick(depts), reassign_to=data.draw(st.sampled_from([None, *depts]))
        )
    if kind == "update-dept":
        return UpdateRow(
            Department, pick(depts), {"capacity": data.draw(st.floats(-1, 20, allow_nan=False))}
        )
    if kind == "add-dep":
        return CreateRow(Dependency, {"predecessor_id": pick(phases), "successor_id": pick(phases)})
    if kind == "delete-dep":
        return DeleteRow(Dependency, pick(ids(store, Dependency)))
    if kind == "update-plan":
        return UpdateRow(
            Plan, 1, {"weeks_to_value": data.draw(st.integers(-1, 60)), "title": data.draw(texts)}
        )
    if kind == "add-activity":
        return CreateRow(
            ChangeActivity,
            {"kind": "training", "department_id": pick(depts), "phase_id": pick(phases)},
        )
    if kind == "add-milestone":
        return CreateRow(
            Milestone,
            {
                "title": data.draw(texts),
                "date": data.draw(dates),
                "phase_id": data.draw(st.sampled_from([None, *phases])),
            },
        )
    if kind == "link":
        return CreateRow(
            PhaseObjective, {"phase_id": pick(phases), "objective_id": pick(ids(store, Objective))}
        )
    return DeleteRow(Objective, pick(ids(store, Objective)))


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_undo_all_restores_start_and_redo_all_restores_end(sample_db, data) -> None:
    _undo_all_then_redo_all(fresh_store(sample_db), data)


# The same property on a plan on a PostgreSQL server, with fewer examples: each is a copy of
# the sample plan on the test server and ~20 round trips (CI time).
pytest_plugins = ("pg_fixtures",)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_undo_all_restores_start_and_redo_all_restores_end_on_a_server(
    pg_cluster, pg_sample_plan, pg_test_plan, data
) -> None:
    from pg_fixtures import reset_plan

    from planner.server.store import ServerStore

    reset_plan(pg_cluster, pg_test_plan.rsplit("=", 1)[1], pg_sample_plan.rsplit("=", 1)[1])
    _undo_all_then_redo_all(ServerStore.open(pg_test_plan), data)


def _undo_all_then_redo_all(store: PlanStore, data) -> None:  # noqa: ANN001
    try:
        history = UndoHistory(store)
        start = dump(store)
        steps = data.draw(st.integers(1, 10), label="steps")
        for _ in range(steps):
            command = draw_command(data, store)
            before = dump(store)
            try:
                history.push(command)
            except CommandError:
                assert dump(store) == before, f"refused {command.label} changed the plan"
        end = dump(store)
        while history.can_undo:
            history.undo()
        assert dump(store) == start
        while history.can_redo:
            history.redo()
        assert dump(store) == end
    finally:
        store.close()
