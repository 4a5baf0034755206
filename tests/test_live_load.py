"""The plan's one live load (planner/live_load.py): each phase's effort per department and the
department load per week, kept current from the live index's patches. The warnings engine
and whoever asks later hold the very same objects; after an edit, undo or redo they equal
planner.load's fresh computation; an edit redoes only what it touched. Random edits, undos
and redos: tests/test_one_live_index.py (a file and a server plan, the load checked after
every step) and tests/test_gantt_live_data.py (the Gantt reading it now and then)."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.commands import MoveDemands, SetPhaseDates, UndoHistory, UpdateRow
from planner.live_index import live_index
from planner.live_load import LiveLoad, live_load
from planner.load import department_efforts, department_load
from planner.model import Demand, Phase, Plan
from planner.queries import PlanIndex
from planner.store import PlanStore
from planner.warnings import WarningsEngine, evaluate


def efforts_of(efforts: dict[int, dict[int, float]]) -> dict[int, list]:
    """Per phase, (department, effort) in their order (dict equality would ignore it)."""
    return {phase_id: list(sums.items()) for phase_id, sums in efforts.items()}


def assert_current(store: PlanStore, load: LiveLoad) -> None:
    """The live load equals what planner.load computes afresh from a fresh index."""
    index = PlanIndex.build(store)
    fresh = department_load(store, index)
    assert load.table() == fresh
    assert efforts_of(load.efforts) == efforts_of(
        {p.id: department_efforts(index.demands(p.id)) for p in index.phases}
    )
    for dept in index.departments:  # what the capacity rules read
        assert load.tracker.department_weeks(dept.id) == fresh.load.get(dept.id, {})


def moved_wish(store: PlanStore) -> tuple[Demand, Phase, Phase]:
    """A wish in a dated phase and another dated phase to move it to."""
    index = PlanIndex.build(store)
    dated = [p for p in index.phases if p.start_date is not None and index.demands(p.id)]
    return index.demands(dated[0].id)[0], dated[0], dated[1]


def test_the_engine_and_whoever_asks_later_share_one_load(sample_store) -> None:
    engine = WarningsEngine(sample_store)
    load = live_load(sample_store)
    assert live_load(sample_store) is load
    assert engine.load is load.tracker
    assert load.index is live_index(sample_store).index is engine.index
    wish, source, target = moved_wish(sample_store)
    history = UndoHistory(sample_store)
    history.push(MoveDemands([wish.id], target.id))
    assert engine.load is load.tracker
    assert_current(sample_store, load)
    history.undo()
    assert_current(sample_store, load)
    engine.close()
    again = WarningsEngine(sample_store)
    assert again.load is engine.load
    again.close()


def test_a_wish_move_redoes_its_two_phases_and_only_the_rows_it_changed(sample_store) -> None:
    load = live_load(sample_store)
    before = load.table()
    untouched = {p_id: sums for p_id, sums in load.efforts.items()}
    wish, source, target = moved_wish(sample_store)
    UndoHistory(sample_store).push(MoveDemands([wish.id], target.id))
    change = load.last
    assert change is not None and not change.everything
    assert change.phases == {source.id, target.id}
    assert wish.department_id in change.departments
    after = load.table()
    for dept_id, weeks in before.load.items():
        if dept_id not in change.departments:
            assert after.load[dept_id] is weeks  # the chart's caches key on this dict
    for phase_id, sums in load.efforts.items():
        assert (sums is untouched[phase_id]) == (phase_id not in change.phases)
    assert_current(sample_store, load)


def test_new_dates_move_the_phases_load_without_summing_its_wishes_again(sample_store) -> None:
    load = live_load(sample_store)
    _, phase, _ = moved_wish(sample_store)
    sums = load.efforts[phase.id]
    history = UndoHistory(sample_store)
    history.push(SetPhaseDates(phase.id, dt.date(2027, 9, 6), dt.date(2027, 10, 29)))
    assert load.last is not None and load.last.phases == {phase.id}
    assert load.efforts[phase.id] is sums  # the same wishes: the same sums
    assert_current(sample_store, load)
    history.push(UpdateRow(Phase, phase.id, {"title": "Renamed"}))
    assert load.last is not None and load.last.phases == set()  # the title loads nothing
    history.undo()
    history.undo()
    assert_current(sample_store, load)


def test_other_working_days_redo_everything_into_the_same_tracker(sample_store) -> None:
    engine = WarningsEngine(sample_store)
    load = live_load(sample_store)
    tracker, before = load.tracker, load.table()
    history = UndoHistory(sample_store)
    history.push(UpdateRow(Plan, 1, {"working_days": "1234"}))
    assert load.last is not None and load.last.everything
    assert load.tracker is tracker is engine.load
    assert tracker.working_days == "1234"
    assert load.table() != before
    assert_current(sample_store, load)
    history.undo()
    assert load.table() == before
    assert_current(sample_store, load)
    engine.close()


def test_a_failed_update_computes_the_load_afresh_and_the_warnings_follow(
    sample_store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    engine = WarningsEngine(sample_store)
    load = live_load(sample_store)
    tracker = load.tracker

    def broken(self, patch):  # noqa: ANN001, ANN202
        raise RuntimeError("bug")

    monkeypatch.setattr(LiveLoad, "_apply", broken)
    wish, _, target = moved_wish(sample_store)
    UndoHistory(sample_store).push(MoveDemands([wish.id], target.id))
    assert "computing it afresh" in caplog.text
    assert load.tracker is tracker is engine.load
    assert_current(sample_store, load)
    assert [w.as_dict() for w in engine.warnings] == [w.as_dict() for w in evaluate(sample_store)]
    engine.close()


def test_a_rebuilt_index_rebuilds_the_load(sample_store) -> None:
    """The engine's refresh rebuilds the shared index; the load follows it."""
    engine = WarningsEngine(sample_store)
    load = live_load(sample_store)
    engine.refresh()
    assert load.last is not None and load.last.everything
    assert engine.load is load.tracker
    assert_current(sample_store, load)
    engine.close()
