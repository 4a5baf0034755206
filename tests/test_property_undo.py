"""Property: any sequence of commands, undone completely, leaves the plan exactly as it was;
redone completely, it gives the same end state. Refused commands change nothing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_commands import draw_command

from planner.commands import (
    UndoHistory,
)
from planner.dump import dump
from planner.errors import CommandError
from planner.store import PlanStore

pytestmark = pytest.mark.slow


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_undo_all_restores_start_and_redo_all_restores_end(sample_source, data) -> None:
    _undo_all_then_redo_all(sample_source.copy_in_memory(), data)


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
