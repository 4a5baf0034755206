"""Baselines: taking one is an undoable command; `compare` lists what moved, came, went and
grew since, for the PDF's "changes since baseline" page and the scope-creep warning."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from planner.baseline import (
    BaselineError,
    TakeBaseline,
    compare,
    latest_baseline,
    read_snapshot,
)
from planner.commands import CreateRow, DeleteRow, MoveDemands, ShiftPhase, UndoHistory, UpdateRow
from planner.errors import ValidationError
from planner.model import Baseline, Demand, Phase
from planner.store import PlanStore

T1 = dt.datetime(2026, 11, 30, 9, 0)
T2 = dt.datetime(2027, 2, 22, 9, 0)


def phase_titled(store: PlanStore, start: str) -> Phase:
    return next(p for p in store.rows(Phase) if p.title.startswith(start))


def wish_titled(store: PlanStore, start: str) -> Demand:
    return next(d for d in store.rows(Demand) if d.title.startswith(start))


def test_taking_a_baseline_is_undoable(sample_store: PlanStore) -> None:
    history = UndoHistory(sample_store)
    command = TakeBaseline("Steering review 2", T1)
    history.push(command)
    row = sample_store.get(Baseline, command.row_id)
    assert (row.name, row.created_at) == ("Steering review 2", T1)
    assert history.undo_label == "Take baseline 'Steering review 2'"
    history.undo()
    assert sample_store.count(Baseline) == 0
    history.redo()
    assert sample_store.get(Baseline, command.row_id).name == "Steering review 2"


def test_the_snapshot_holds_dates_and_the_assignment(sample_store: PlanStore) -> None:
    TakeBaseline("B", T1).do(sample_store)
    snapshot = read_snapshot(latest_baseline(sample_store))
    leads = phase_titled(sample_store, "Leads")
    assert (snapshot.phases[leads.id].start, snapshot.phases[leads.id].end) == (
        dt.date(2027, 4, 5),
        dt.date(2027, 4, 30),
    )
    assert len(snapshot.demands) == 73
    scoring = wish_titled(sample_store, "Lead scoring")
    assert (snapshot.demands[scoring.id].phase_id, snapshot.demands[scoring.id].effort) == (
        leads.id,
        10.0,
    )
    backlog = sum(d.effort for d in sample_store.rows(Demand) if d.phase_id is None)
    total = sum(d.effort for d in sample_store.rows(Demand))
    assert snapshot.planned_effort == total - backlog
    assert json.loads(latest_baseline(sample_store).snapshot)["version"] == 2


def test_a_baseline_needs_a_name(sample_store: PlanStore) -> None:
    with pytest.raises(ValidationError, match="Give the baseline a name"):
        TakeBaseline("  ").do(sample_store)
    assert sample_store.count(Baseline) == 0


def test_latest_baseline_is_the_newest(sample_store: PlanStore) -> None:
    assert latest_baseline(sample_store) is None
    TakeBaseline("Later", T2).do(sample_store)
    TakeBaseline("Earlier", T1).do(sample_store)
    assert latest_baseline(sample_store).name == "Later"


def test_compare_lists_every_kind_of_change(sample_store: PlanStore) -> None:
    store = sample_store
    TakeBaseline("Steering review 2", T1).do(store)
    leads = phase_titled(store, "Leads")
    everybody = phase_titled(store, "CRM for everybody")
    cases = phase_titled(store, "Service cases")
    scoring = wish_titled(store, "Lead scoring")
    pages = wish_titled(store, "Landing-page builder")
    quotes = wish_titled(store, "Quote documents")
    history = UndoHistory(store)
    history.push(ShiftPhase(cases.id, 7))
    history.push(MoveDemands([scoring.id], everybody.id))
    history.push(MoveDemands([quotes.id], leads.id))  # from the backlog: now planned
    history.push(DeleteRow(Demand, pages.id))
    history.push(UpdateRow(Demand, scoring.id, {"effort": 12}))
    added = CreateRow(Demand, {"title": "Event check-in", "department_id": 2,
                               "phase_id": leads.id, "effort": 5})  # fmt: skip
    history.push(added)
    diff = compare(store, latest_baseline(store))

    assert diff.baseline_name == "Steering review 2" and diff.taken_at == T1
    assert [(m.title, m.start_shift_days, m.end_shift_days) for m in diff.phases_moved] == [
        ("Service cases in one place", 7, 7)
    ]
    assert [(m.title, m.old_phase_title, m.new_phase_title) for m in diff.demands_moved] == [
        ("Lead scoring", leads.title, everybody.title),
        ("Quote documents generated from the deal", None, leads.title),
    ]
    assert [(r.title, r.phase_title, r.effort) for r in diff.demands_removed] == [
        ("Landing-page builder in CRM", leads.title, 14.0)
    ]
    assert [(r.title, r.effort) for r in diff.demands_added] == [("Event check-in", 5.0)]
    assert [(c.title, c.old_effort, c.new_effort) for c in diff.effort_changed] == [
        ("Lead scoring", 10.0, 12.0)
    ]
    # planned: +8 (quotes from the backlog) - 14 (deleted) + 2 (scoring) + 5 (new) = +1
    assert diff.effort_delta == pytest.approx(1.0)
    assert diff.effort_delta_percent == pytest.approx(100 / diff.planned_effort_before)
    assert not diff.unchanged


def test_compare_right_after_taking_shows_nothing(sample_store: PlanStore) -> None:
    TakeBaseline("B", T1).do(sample_store)
    diff = compare(sample_store, latest_baseline(sample_store))
    assert diff.unchanged and diff.effort_delta == 0


def test_phases_added_and_removed(sample_store: PlanStore) -> None:
    TakeBaseline("B", T1).do(sample_store)
    gone = phase_titled(sample_store, "Integration platform")
    DeleteRow(Phase, gone.id).do(sample_store)
    new = CreateRow(Phase, {"title": "Partner portal"})
    new.do(sample_store)
    diff = compare(sample_store, latest_baseline(sample_store))
    assert [(p.phase_id, p.title) for p in diff.phases_removed] == [(gone.id, gone.title)]
    assert [p.title for p in diff.phases_added] == ["Partner portal"]
    # its wishes went to the backlog, named by the phase they left
    assert {m.old_phase_title for m in diff.demands_moved} == {gone.title}


def test_a_reused_id_is_a_different_wish(store: PlanStore) -> None:
    from planner.model import Department

    dept = CreateRow(Department, {"name": "Sales"})
    dept.do(store)
    first = CreateRow(Demand, {"title": "Old wish", "department_id": dept.row_id})
    first.do(store)
    TakeBaseline("B", T1).do(store)
    DeleteRow(Demand, first.row_id).do(store)
    other = CreateRow(Department, {"name": "HR"})
    other.do(store)
    again = CreateRow(Demand, {"title": "New wish", "department_id": other.row_id})
    again.do(store)
    assert again.row_id == first.row_id  # SQLite reused it
    diff = compare(store, latest_baseline(store))
    assert [r.title for r in diff.demands_removed] == ["Old wish"]
    assert [r.title for r in diff.demands_added] == ["New wish"]


@pytest.mark.parametrize("text", ["{not json", "[]", '{"version": 99}', '{"version": 1}'])
def test_an_unreadable_snapshot_is_a_clear_error(sample_store: PlanStore, text: str) -> None:
    TakeBaseline("Review", T1).do(sample_store)
    row = latest_baseline(sample_store)
    sample_store.execute(lambda rec: rec.update(row, snapshot=text))
    with pytest.raises(BaselineError, match="Baseline 'Review' cannot be read"):
        compare(sample_store, row)
