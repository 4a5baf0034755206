"""The Gantt view's live data: after any edit, undo or redo it equals a fresh `read_plan`,
and what an edit did not touch is the same object as before (the chart's caches rely on it).
"""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property_undo import draw_command, fresh_store

from planner.commands import MoveDemands, ShiftPhase, UpdateRow
from planner.errors import PlanError
from planner.model import Demand, Plan
from planner.store import PlanStore
from planner.template import fill, template_data
from ui.document import PlanDocument
from ui.gantt.data import read_plan
from ui.gantt.live_data import LiveGanttData

pytestmark = pytest.mark.gui


def same(live: LiveGanttData, document: PlanDocument) -> None:
    got = live.read([])
    want = read_plan(document.store, document.index, warnings=None)
    assert got.phases == want.phases
    assert got.milestones == want.milestones
    assert got.dependencies == want.dependencies
    assert got.departments == want.departments
    assert got.load == want.load
    assert (got.working_days, got.plan_start) == (want.working_days, want.plan_start)


@pytest.fixture(scope="module")
def sample_db():
    store = PlanStore.in_memory()
    fill(store, template_data("crm"))
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    store._conn.backup(copy)
    store.close()
    yield copy
    copy.close()


def test_an_edit_redoes_only_the_phases_it_touched(qapp, sample_store) -> None:
    document = PlanDocument(sample_store)
    live = LiveGanttData(document)
    first = live.read([])
    phases = document.index.phases
    wish = document.index.demands(phases[0].id)[0]
    document.push(UpdateRow(Demand, wish.id, {"effort": wish.effort + 3}))
    second = live.read([])
    assert second.phases[0] is not first.phases[0]
    assert second.phases[0].effort == pytest.approx(first.phases[0].effort + 3)
    assert all(a is b for a, b in zip(first.phases[1:], second.phases[1:], strict=True))
    assert second.milestones is first.milestones
    same(live, document)
    document.push(MoveDemands([wish.id], phases[3].id))
    document.push(ShiftPhase(phases[3].id, 14))
    same(live, document)
    document.push(UpdateRow(Plan, 1, {"working_days": "1234"}))
    same(live, document)
    for _ in range(4):
        document.undo_stack.undo()
        same(live, document)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_after_random_edits_and_undo_it_equals_a_fresh_read(qapp, sample_db, data) -> None:
    store = fresh_store(sample_db)
    document = PlanDocument(store)
    try:
        live = LiveGanttData(document)
        live.read([])
        for _ in range(data.draw(st.integers(1, 5), label="steps")):
            with contextlib.suppress(PlanError):  # a refused command changes nothing
                document.push(draw_command(data, store))
            if data.draw(st.booleans(), label="read now"):
                same(live, document)
        same(live, document)
        while document.undo_stack.canUndo():
            document.undo_stack.undo()
        same(live, document)
    finally:
        document.undo_stack.clear()
        store.unsubscribe(document._on_store_changed)
        store.close()
