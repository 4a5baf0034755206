"""Baselines for reviews: the grown (version 2) snapshot, old version-1 snapshots still read,
rename and delete undoable, the default name and when a review is due."""

from __future__ import annotations

import datetime as dt
import json

from planner.baseline import (
    DeleteBaseline,
    RenameBaseline,
    TakeBaseline,
    latest_baseline,
    next_review_name,
    read_snapshot,
    review_due,
)
from planner.commands import UndoHistory
from planner.diff import plan_vs_baseline
from planner.model import Baseline, Demand, Department, Phase
from planner.store import PlanStore

T1 = dt.datetime(2026, 11, 30, 9, 0)

# What planner/baseline.py wrote before snapshots grew (two phases, two wishes).
VERSION_1 = json.dumps({
    "version": 1,
    "phases": [
        {"id": 1, "title": "Customer overview for sellers", "start": "2026-09-07",
         "end": "2026-10-02", "position": 0},
        {"id": 2, "title": "Pipeline and Monday forecast", "start": "2026-10-19",
         "end": "2026-11-27", "position": 1},
    ],
    "demands": [
        {"id": 1, "title": "Customer overview: contacts, deals and visits on one screen",
         "department_id": 1, "phase_id": 1, "effort": 8.0, "priority": "must"},
        {"id": 8, "title": "Pipeline board per team and country", "department_id": 1,
         "phase_id": None, "effort": 6.0, "priority": "must"},
    ],
})


def test_snapshot_holds_what_a_review_needs(sample_store: PlanStore) -> None:
    TakeBaseline("B", T1).do(sample_store)
    snapshot = read_snapshot(latest_baseline(sample_store))
    assert snapshot.version == 2
    pipeline = next(p for p in sample_store.rows(Phase) if p.title.startswith("Pipeline"))
    state = snapshot.phases[pipeline.id]
    assert (state.status, state.goal) == ("active", pipeline.goal)
    assert len(snapshot.milestones) == 13
    sales = next(d for d in sample_store.rows(Department) if d.name == "Sales")
    assert snapshot.departments[sales.id].capacity == sales.capacity
    assert snapshot.warnings is not None and len(snapshot.warnings) == 16
    assert {w.code for w in snapshot.warnings} >= {"phase-overloaded", "empty-goal"}


def test_a_version_1_snapshot_still_opens(sample_store: PlanStore) -> None:
    sample_store.execute(lambda rec: rec.insert(
        Baseline, name="Old", created_at=T1, snapshot=VERSION_1))
    row = latest_baseline(sample_store)
    snapshot = read_snapshot(row)
    assert snapshot.version == 1 and snapshot.warnings is None and snapshot.milestones == {}
    assert snapshot.phases[2].status == "" and snapshot.planned_effort == 8.0
    diff = plan_vs_baseline(sample_store, row)
    moved = [c for c in diff.of("phases") if c.change == "moved"]
    assert [(c.title, c.before["start"], c.after["start"]) for c in moved] == [
        ("Pipeline and Monday forecast", dt.date(2026, 10, 19), dt.date(2026, 10, 26))]
    # No status or goal changes are invented for what version 1 did not record.
    assert {c.change for c in diff.of("phases")} <= {"moved", "resized", "added"}
    assert diff.of("warnings") == []
    assert any("recorded no warnings" in note for note in diff.notes)
    board = next(c for c in diff.of("wishes") if c.id == 8 and c.change == "moved")
    assert (board.before["phase"], board.after["phase"]) == (None, "Pipeline and Monday forecast")
    assert sum(1 for c in diff.of("wishes") if c.change == "added") == (
        sample_store.count(Demand) - 2)


def test_rename_and_delete_are_undoable(sample_store: PlanStore) -> None:
    history = UndoHistory(sample_store)
    take = TakeBaseline("Steering review 2", T1)
    history.push(take)
    history.push(RenameBaseline(take.row_id, "  Review two "))
    assert sample_store.get(Baseline, take.row_id).name == "Review two"
    assert history.undo_label == "Rename baseline to 'Review two'"
    history.push(DeleteBaseline(take.row_id))
    assert history.undo_label == "Delete baseline 'Review two'"
    assert sample_store.count(Baseline) == 0
    history.undo()
    restored = sample_store.get(Baseline, take.row_id)
    assert restored.name == "Review two" and read_snapshot(restored).version == 2
    history.undo()
    assert sample_store.get(Baseline, take.row_id).name == "Steering review 2"
    history.undo()
    assert sample_store.count(Baseline) == 0
    history.redo()
    history.redo()
    assert sample_store.get(Baseline, take.row_id).name == "Review two"


def test_an_empty_name_is_refused(sample_store: PlanStore) -> None:
    take = TakeBaseline("B", T1)
    take.do(sample_store)
    import pytest

    from planner.errors import ValidationError

    with pytest.raises(ValidationError):
        RenameBaseline(take.row_id, " ").do(sample_store)
    assert sample_store.get(Baseline, take.row_id).name == "B"


def test_default_name_from_the_next_steering_review(sample_store: PlanStore) -> None:
    assert next_review_name(sample_store, dt.date(2026, 12, 1)) == "Steering review 3"
    assert next_review_name(sample_store, dt.date(2026, 11, 30)) == "Steering review 2"
    assert next_review_name(sample_store, dt.date(2028, 1, 1)) == "Baseline 1"


def test_a_review_is_due_until_a_baseline_is_taken(sample_store: PlanStore) -> None:
    assert review_due(sample_store, dt.date(2026, 9, 1)) is None  # no review yet
    due = review_due(sample_store, dt.date(2026, 12, 1))
    assert due is not None and due.title.startswith("Steering review 2")
    TakeBaseline("Steering review 2", dt.datetime(2026, 11, 30, 15, 0)).do(sample_store)
    assert review_due(sample_store, dt.date(2026, 12, 1)) is None
    assert review_due(sample_store, dt.date(2027, 2, 23)).title.startswith("Steering review 3")
