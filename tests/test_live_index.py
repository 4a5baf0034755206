"""LiveIndex: after any edit, undo or redo, the patched index equals a fresh PlanIndex.build."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_commands import draw_command

from planner.commands import MoveDemands, ReorderPhase, UndoHistory, UpdateRow
from planner.errors import PlanError
from planner.live_index import LiveIndex
from planner.model import Demand
from planner.queries import PlanIndex


def ids_of(index: PlanIndex) -> dict:
    """The index as plain ids, lists in their order (what views rely on)."""
    return {
        "phases": [p.id for p in index.phases],
        "departments": [d.id for d in index.departments],
        "objectives": [o.id for o in index.objectives],
        "milestones": [m.id for m in index.milestones],
        "demands": {k: [d.id for d in v] for k, v in index.demands_by_phase.items()},
        "activities": {k: [a.id for a in v] for k, v in index.activities_by_phase.items()},
        "served": index.objectives_by_phase,
        "predecessors": index.predecessors,
    }


def test_moves_and_reorders_patch_only_the_lists_they_touch(sample_store):
    live = LiveIndex(sample_store)
    sample_store.subscribe(live.apply)
    history = UndoHistory(sample_store)
    phases = live.index.phases
    demand = live.index.demands(phases[0].id)[0]
    untouched = live.index.demands_by_phase[phases[3].id]
    history.push(MoveDemands([demand.id], phases[1].id))
    assert demand in live.index.demands(phases[1].id)
    assert demand not in live.index.demands(phases[0].id)
    assert live.index.demands_by_phase[phases[3].id] is untouched  # not rebuilt
    history.undo()
    assert ids_of(live.index) == ids_of(PlanIndex.build(sample_store))
    history.push(UpdateRow(Demand, demand.id, {"effort": 99.0}))
    assert live.index.demands(phases[0].id)[0].effort == 99.0  # the live row itself


def test_reordering_within_a_phase_and_of_phases_follows(sample_store):
    live = LiveIndex(sample_store)
    sample_store.subscribe(live.apply)
    history = UndoHistory(sample_store)
    phase = next(p for p in live.index.phases if len(live.index.demands(p.id)) >= 3)
    first, _, third = live.index.demands(phase.id)[:3]
    history.push(MoveDemands([third.id], phase.id, before_id=first.id))
    assert [d.id for d in live.index.demands(phase.id)][:2] == [third.id, first.id]
    target = 0 if live.index.phases[0] is not phase else len(live.index.phases) - 1
    history.push(ReorderPhase(phase.id, target))
    assert live.index.phases[target] is phase
    history.undo()
    history.undo()
    assert ids_of(live.index) == ids_of(PlanIndex.build(sample_store))


def test_edits_after_save_as_still_patch_the_index(sample_store, tmp_path):
    live = LiveIndex(sample_store)
    sample_store.subscribe(live.apply)
    sample_store.save_as(tmp_path / "copy.rollout")
    phases = live.index.phases
    demand = live.index.demands(phases[0].id)[0]
    UndoHistory(sample_store).push(MoveDemands([demand.id], None))
    assert ids_of(live.index) == ids_of(PlanIndex.build(sample_store))
    assert demand in live.index.demands(None)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_after_random_edits_undo_and_redo_the_index_is_as_built(sample_source, data) -> None:
    store = sample_source.copy_in_memory()
    try:
        live = LiveIndex(store)
        store.subscribe(live.apply)
        history = UndoHistory(store)
        for _ in range(data.draw(st.integers(1, 6), label="steps")):
            with contextlib.suppress(PlanError):  # a refused command changes nothing
                history.push(draw_command(data, store))
            assert ids_of(live.index) == ids_of(PlanIndex.build(store))
        while history.can_undo:
            history.undo()
            assert ids_of(live.index) == ids_of(PlanIndex.build(store))
        while history.can_redo:
            history.redo()
        assert ids_of(live.index) == ids_of(PlanIndex.build(store))
    finally:
        store.close()
