"""Edits that arrive from another client reach the plan's one live index (read by the views
and the warnings engine alike) exactly as the client's own edits do: after random edits,
undos and redos by one client, the other's patched index equals one built afresh, its
department load (the engine's and the Gantt view's) equals planner.load's fresh
computation, its incremental warnings equal a fresh evaluation, and its rows equal the
editing client's."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_live_index import ids_of
from test_property_undo import draw_command

from planner.commands import UndoHistory
from planner.dump import dump
from planner.errors import PlanError
from planner.live_index import live_index
from planner.live_load import live_load
from planner.load import department_load
from planner.queries import PlanIndex
from planner.server.store import ServerStore
from planner.warnings import WarningsEngine, evaluate

pytest_plugins = ("pg_fixtures",)
pytestmark = pytest.mark.slow


def signature(warnings: list) -> list:  # noqa: ANN001
    return [w.as_dict() for w in warnings]


def follow(editor: ServerStore, follower: ServerStore) -> None:
    deadline = time.monotonic() + 2
    while dump(follower) != dump(editor):
        assert time.monotonic() < deadline, "the other client did not catch up"
        follower.poll(0.05)


@settings(
    max_examples=6,  # each example is a copy of the sample plan and two clients (CI time)
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_remote_edits_keep_the_index_and_the_warnings_current(
    pg_cluster, pg_sample_plan, pg_test_plan, data
) -> None:
    from pg_fixtures import copy_of_sample

    url = copy_of_sample(pg_cluster, pg_sample_plan, pg_test_plan)
    editor, follower = ServerStore.open(url), ServerStore.open(url)
    try:
        engine = WarningsEngine(follower)
        live = live_index(follower)
        load = live_load(follower)
        assert engine.index is live.index
        assert engine.load is load.tracker
        history = UndoHistory(editor)

        def check() -> None:
            follow(editor, follower)
            fresh = PlanIndex.build(follower)
            assert ids_of(live.index) == ids_of(fresh)
            assert load.table() == department_load(follower, fresh)
            assert signature(engine.warnings) == signature(evaluate(follower))

        for _ in range(data.draw(st.integers(1, 5), label="steps")):
            with contextlib.suppress(PlanError):  # a refused command changes nothing
                history.push(draw_command(data, editor))
            check()
        while history.can_undo:
            history.undo()
            check()
        while history.can_redo:
            history.redo()
        check()
        engine.close()
    finally:
        editor.close()
        follower.close()
