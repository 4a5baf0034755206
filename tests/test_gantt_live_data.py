"""The Gantt view's live data: after any edit, undo or redo it equals a fresh `read_plan`
(its load strip planner.load's fresh `department_load`), what an edit did not touch is the
same object as before (the chart's caches rely on it), and its load is the warnings
engine's: the store's one live load, not a tracker of its own."""

from __future__ import annotations

import contextlib

import pytest
import shiboken6
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_commands import draw_command

from planner.commands import MoveDemands, ShiftPhase, UpdateRow
from planner.errors import PlanError
from planner.live_load import live_load
from planner.load import department_load
from planner.model import Demand, Plan
from planner.queries import PlanIndex
from planner.warnings import Dismiss
from ui.document import PlanDocument
from ui.gantt.chart import ChartOptions, build_chart
from ui.gantt.data import read_plan
from ui.gantt.live_data import LiveGanttData
from ui.gantt.load_strip import load_cells
from ui.gantt.memo import ChartMemo
from ui.gantt.timescale import TimeScale

pytestmark = pytest.mark.gui


def same(live: LiveGanttData, document: PlanDocument) -> None:
    got = live.read([])
    want = read_plan(document.store, document.index, warnings=None)
    assert got.phases == want.phases
    assert got.milestones == want.milestones
    assert got.dependencies == want.dependencies
    assert got.departments == want.departments
    assert got.load == want.load
    # ... and planner.load's own computation, from an index built afresh
    assert got.load == department_load(document.store, PlanIndex.build(document.store))
    assert (got.working_days, got.plan_start) == (want.working_days, want.plan_start)
    assert live.load is live_load(document.store)  # no load of its own


@pytest.fixture
def document(qapp, sample_store):  # noqa: ANN001, ANN201
    doc = PlanDocument(sample_store)
    yield doc
    dispose(doc)


def dispose(document: PlanDocument) -> None:
    """Close the document and delete its Qt objects now, as its window would: left to
    Python's cyclic collector, they would go at whatever moment it runs."""
    document.close()
    shiboken6.delete(document)


def test_an_edit_redoes_only_the_phases_it_touched(document) -> None:  # noqa: ANN001
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


def test_the_gantt_and_the_warnings_engine_read_one_load(document) -> None:  # noqa: ANN001
    """The same tracker object; a wish move and its undo change the load strip's cells of
    the wish's department and they stay what planner.load computes afresh."""
    live = LiveGanttData(document)
    engine = document.warnings.engine
    assert engine.load is live.load.tracker is live_load(document.store).tracker
    store, index = document.store, document.index
    dated = [p for p in index.phases if p.start_date is not None and index.demands(p.id)]
    wish = max(index.demands(dated[0].id), key=lambda d: d.effort)
    dept = wish.department_id
    first = live.read([])
    scale = TimeScale(*first.date_span(), px_per_day=6.0)

    def cells(data):  # noqa: ANN001, ANN202
        return load_cells(data.load, dept, scale)

    def fresh_cells():  # noqa: ANN202
        return load_cells(department_load(store, PlanIndex.build(store)), dept, scale)

    before = cells(first)
    assert before == fresh_cells()
    document.push(MoveDemands([wish.id], dated[-1].id))
    moved = live.read([])
    assert cells(moved) != before and cells(moved) == fresh_cells()
    for other, weeks in first.load.load.items():
        if other not in live.load.last.departments:  # untouched rows: the very same dict
            assert moved.load.load[other] is weeks
    assert moved.load.load[dept] == engine.load.department_weeks(dept)
    document.undo_stack.undo()
    assert cells(live.read([])) == before == fresh_cells()
    assert engine.load is live.load.tracker
    same(live, document)


def test_a_chart_built_with_the_memo_equals_one_built_without(document) -> None:  # noqa: ANN001
    live, memo = LiveGanttData(document), ChartMemo()
    phases = document.index.phases
    wish = document.index.demands(phases[1].id)[0]
    steps = [
        lambda: None,
        lambda: document.push(UpdateRow(Demand, wish.id, {"effort": wish.effort + 30})),
        lambda: document.push(ShiftPhase(phases[1].id, 7)),
        lambda: document.push(MoveDemands([wish.id], phases[4].id)),
        lambda: document.undo_stack.undo(),
        lambda: document.push(
            Dismiss.warning(
                next(  # the badge changes, the phase does not
                    w
                    for w in document.warnings.warnings
                    if w.subject.kind == "phase" and not w.dismissed
                ),
                "Agreed",
            )
        ),
    ]
    reused = 0
    for layout in ("phases", "departments"):
        for px_per_day in (6.0, 24.0):
            options = ChartOptions(layout=layout, px_per_day=px_per_day, show_undated=True)
            previous = None
            for step in steps:
                step()
                found = document.warnings.warnings
                fast = build_chart(live.read(found), options, memo)
                plain = build_chart(
                    read_plan(document.store, document.index, warnings=lambda _s, w=found: w),
                    options,
                )
                assert fast.marks == plain.marks
                assert (fast.label_width, fast.bounds) == (plain.label_width, plain.bounds)
                if previous is not None:
                    reused += len({id(m) for m in fast.marks} & {id(m) for m in previous})
                previous = fast.marks
    assert reused > 0  # the memo did hand back marks from the build before


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_after_random_edits_and_undo_it_equals_a_fresh_read(qapp, sample_source, data) -> None:
    store = sample_source.copy_in_memory()
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
        while document.undo_stack.canRedo():
            document.undo_stack.redo()
            if data.draw(st.booleans(), label="read now"):
                same(live, document)
        same(live, document)
    finally:
        dispose(document)
