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

pytestmark = pytest.mark.slow


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_undo_all_restores_start_and_redo_all_restores_end(sample_source, data) -> None:
    store = sample_source.copy_in_memory()
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
