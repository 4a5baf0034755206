"""One live index per plan: the views (`PlanDocument.index`) and the warnings engine read the
very same PlanIndex, patched once per edit, undo, redo or remote batch before anyone hears
of it; it always equals a fresh `PlanIndex.build`, and the engine's warnings a fresh
`evaluate`, on a file and on a plan on a server (edited here or by another client). The
department load derived from it is one too (planner/live_load.py): the engine's and the
Gantt view's, equal to planner.load's fresh `department_load`."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_commands import draw_command
from test_live_index import ids_of

from planner.commands import MoveDemands, ShiftPhase, UndoHistory, UpdateRow
from planner.dump import dump
from planner.errors import PlanError
from planner.live_index import LiveIndex, live_index
from planner.live_load import live_load
from planner.load import department_load
from planner.model import Demand, Phase
from planner.queries import PlanIndex
from planner.store import PlanStore
from planner.warnings import WarningsEngine, evaluate

pytest_plugins = ("pg_fixtures", "ui_fixtures")


def signature(warnings: list) -> list:  # noqa: ANN001
    return [(w.as_dict(), w.dismissed_reason) for w in warnings]


def assert_current(store: PlanStore, engine: WarningsEngine) -> None:
    assert engine.index is live_index(store).index
    assert ids_of(engine.index) == ids_of(PlanIndex.build(store))
    assert signature(engine.warnings) == signature(evaluate(store))
    assert engine.load is live_load(store).tracker
    assert live_load(store).table() == department_load(store, PlanIndex.build(store))


# --- one object --------------------------------------------------------------------------------


@pytest.mark.gui
def test_the_views_and_the_engine_hold_the_very_same_index(document) -> None:
    index = document.index
    engine = document.warnings.engine
    assert isinstance(engine, WarningsEngine)
    assert engine.index is index
    assert live_index(document.store).index is index
    wish = index.demands(index.phases[0].id)[0]
    document.push(MoveDemands([wish.id], index.phases[1].id))
    assert document.index is index and engine.index is index
    assert wish in index.demands(index.phases[1].id)
    assert ids_of(index) == ids_of(PlanIndex.build(document.store))
    document.undo_stack.undo()
    assert wish in index.demands(index.phases[0].id)
    assert_current(document.store, engine)


def test_an_engine_made_first_shares_its_index_with_whoever_asks_later(sample_store) -> None:
    engine = WarningsEngine(sample_store)
    assert live_index(sample_store) is live_index(sample_store)
    assert live_index(sample_store).index is engine.index
    engine.close()
    again = WarningsEngine(sample_store)  # a second engine on the same store: the same index
    assert again.index is engine.index
    again.close()


def test_every_listener_finds_the_index_patched_already(sample_store) -> None:
    """Even one that subscribed before the live index was made."""
    findings: list[bool] = []

    def early(changes) -> None:  # noqa: ANN001
        findings.append(ids_of(live_index(sample_store).index) == ids_of(
            PlanIndex.build(sample_store)
        ))

    sample_store.subscribe(early)
    index = live_index(sample_store).index
    phases = index.phases
    wish = index.demands(phases[0].id)[0]
    history = UndoHistory(sample_store)
    history.push(MoveDemands([wish.id], phases[2].id))
    history.push(ShiftPhase(phases[2].id, 14))
    history.undo()
    assert findings == [True, True, True]
    assert wish in index.demands(phases[2].id)


def test_a_failed_patch_rebuilds_the_same_object_and_the_warnings_follow(
    sample_store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    engine = WarningsEngine(sample_store)
    index = engine.index

    def broken(self, changes):  # noqa: ANN001, ANN202
        raise RuntimeError("bug")

    monkeypatch.setattr(LiveIndex, "_patch", broken)
    phase = index.phases[1]
    UndoHistory(sample_store).push(UpdateRow(Phase, phase.id, {"goal": ""}))
    assert "rebuilding it" in caplog.text
    assert engine.index is index and live_index(sample_store).index is index
    assert "empty-goal" in {w.code for w in engine.for_subject("phase", phase.id)}
    assert_current(sample_store, engine)
    engine.close()


def test_prerequisites_do_not_rebuild_the_index(sample_store) -> None:
    """Tables the index does not hold leave its lists alone (a rebuild would replace them)."""
    from planner.commands import CreateRow
    from planner.model import Prerequisite

    engine = WarningsEngine(sample_store)
    index = engine.index
    lists = dict(index.demands_by_phase)
    phases_list = index.phases
    linked = {(p.demand_id, p.needs_id) for p in sample_store.rows(Prerequisite)}
    first, second = next(
        (a, b) for a in sample_store.rows(Demand) for b in sample_store.rows(Demand)
        if a.id != b.id and (a.id, b.id) not in linked and (b.id, a.id) not in linked
    )
    UndoHistory(sample_store).push(
        CreateRow(Prerequisite, {"demand_id": first.id, "needs_id": second.id})
    )
    last = live_index(sample_store).last
    assert last is not None and last.by_model.keys() == {Prerequisite}
    assert not last.rebuilt
    assert index.phases is phases_list
    assert all(index.demands_by_phase[k] is v for k, v in lists.items())
    assert_current(sample_store, engine)
    engine.close()


# --- random edits, undo and redo, on both backends ----------------------------------------------


def _edit_undo_redo(store: PlanStore, data) -> None:  # noqa: ANN001
    try:
        engine = WarningsEngine(store)
        history = UndoHistory(store)
        assert_current(store, engine)
        for _ in range(data.draw(st.integers(1, 6), label="steps")):
            with contextlib.suppress(PlanError):  # a refused command changes nothing
                history.push(draw_command(data, store))
            assert_current(store, engine)
        while history.can_undo:
            history.undo()
            assert_current(store, engine)
        while history.can_redo:
            history.redo()
            assert_current(store, engine)
        engine.close()
    finally:
        store.close()


ON_A_FILE = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ON_A_SERVER = settings(ON_A_FILE, max_examples=6)  # each example copies the plan there


@pytest.mark.slow
@ON_A_FILE
@given(data=st.data())
def test_random_edits_keep_the_shared_index_and_the_warnings_current(sample_source, data) -> None:
    _edit_undo_redo(sample_source.copy_in_memory(), data)


@pytest.mark.slow
@ON_A_SERVER
@given(data=st.data())
def test_random_edits_keep_the_shared_index_and_the_warnings_current_on_a_server(
    pg_cluster, pg_sample_plan, pg_test_plan, data
) -> None:
    from pg_fixtures import copy_of_sample

    from planner.server.store import ServerStore

    _edit_undo_redo(ServerStore.open(copy_of_sample(pg_cluster, pg_sample_plan, pg_test_plan)),
                    data)


# --- another client's edits ------------------------------------------------------------------


@pytest.mark.gui
@pytest.mark.slow
def test_a_remote_edit_reaches_the_documents_one_index_and_its_warnings(
    qapp, pg_cluster, pg_sample_plan, pg_test_plan  # noqa: ANN001
) -> None:
    from pg_fixtures import copy_of_sample

    from planner.server.store import ServerStore
    from ui.document import PlanDocument
    from ui.gantt.data import read_plan
    from ui.gantt.live_data import LiveGanttData

    url = copy_of_sample(pg_cluster, pg_sample_plan, pg_test_plan)
    editor, follower = ServerStore.open(url), ServerStore.open(url)
    document = PlanDocument(follower)
    try:
        index = document.index
        engine = document.warnings.engine
        assert engine.index is index
        gantt = LiveGanttData(document)  # the Gantt view's data: the engine's load
        assert gantt.load.tracker is engine.load
        strip = dict(gantt.read([]).load.load)  # department -> week -> person-days
        heard: list[list] = []
        document.changed.connect(heard.append)
        history = UndoHistory(editor)
        phases = PlanIndex.build(editor).phases
        wish = PlanIndex.build(editor).demands(phases[0].id)[0]
        edits = [  # (the edit, whether it moves load)
            (lambda: history.push(MoveDemands([wish.id], phases[1].id)), True),
            (lambda: history.push(UpdateRow(Phase, phases[1].id, {"goal": ""})), False),
            (lambda: history.push(ShiftPhase(phases[2].id, 21)), True),
            (history.undo, True),
            (history.undo, False),
        ]
        for edit, moves_load in edits:
            heard.clear()
            edit()
            deadline = time.monotonic() + 2
            while dump(follower) != dump(editor):
                assert time.monotonic() < deadline, "the other client did not catch up"
                follower.poll(0.05)
            assert heard, "the document did not hear of the remote change"
            assert document.index is index and engine.index is index
            assert ids_of(index) == ids_of(PlanIndex.build(follower))
            assert signature(document.warnings.warnings) == signature(evaluate(follower))
            data = gantt.read([])
            fresh = PlanIndex.build(follower)
            assert data.load == department_load(follower, fresh)
            assert data.phases == read_plan(follower, fresh, warnings=None).phases
            assert gantt.load.tracker is engine.load
            assert (data.load.load != strip) == moves_load, "the load strip did not follow"
            strip = dict(data.load.load)
        moved = [d.id for d in index.demands(phases[1].id)]
        assert wish.id in moved  # the move stands, the rest was undone
    finally:
        document.close()
        editor.close()
