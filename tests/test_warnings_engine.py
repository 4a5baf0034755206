"""The engine: order, per-subject lookup, listeners, dismissals, and the incremental update
always agreeing with a fresh evaluation."""

from __future__ import annotations

import datetime as dt

import pytest
from test_warnings_builder import Builder, day, evaluate

from planner.baseline import TakeBaseline
from planner.commands import (
    CreateRow,
    DeleteRow,
    MergePhases,
    MoveDemands,
    ReorderPhase,
    SetPhaseDates,
    ShiftPhase,
    SplitPhase,
    UndoHistory,
    UpdateRow,
)
from planner.errors import CommandError, ValidationError
from planner.model import (
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Dismissal,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
    Plan,
)
from planner.store import PlanStore
from planner.warnings import Dismiss, Severity, Subject, Undismiss, WarningsEngine

# Every test here runs on a plan file and on a plan on a PostgreSQL server.
pytest_plugins = ("pg_fixtures",)


@pytest.fixture
def sample_store(any_sample_store: PlanStore) -> PlanStore:
    return any_sample_store


def signature(warnings: list) -> list:  # noqa: ANN001
    return [w.as_dict() for w in warnings]


def assert_current(engine: WarningsEngine) -> None:
    assert signature(engine.warnings) == signature(evaluate(engine.store))


@pytest.fixture
def engine(sample_store: PlanStore):  # noqa: ANN201
    engine = WarningsEngine(sample_store)
    yield engine
    engine.close()


def test_order_is_severity_then_code_then_subject(sample_store: PlanStore) -> None:
    warnings = evaluate(sample_store)
    keys = [(-w.severity, w.code, w.subject.sort_key) for w in warnings]
    assert keys == sorted(keys)
    assert warnings[0].severity == Severity.PROBLEM
    assert warnings[-1].severity == Severity.INFO


def test_evaluate_is_deterministic(sample_store: PlanStore) -> None:
    assert signature(evaluate(sample_store)) == signature(evaluate(sample_store))


def test_engine_starts_with_the_full_list(engine: WarningsEngine) -> None:
    assert_current(engine)
    assert len(engine.warnings) == 16


def test_for_subject_gives_a_phase_its_badges(engine: WarningsEngine) -> None:
    phase = next(p for p in engine.store.rows(Phase) if p.title.startswith("CRM for everybody"))
    codes = [w.code for w in engine.for_subject("phase", phase.id)]
    assert codes == ["phase-too-long", "too-many-departments"]
    assert engine.for_subject("phase", 9999) == []


def test_listeners_hear_each_update(engine: WarningsEngine) -> None:
    heard: list[int] = []
    engine.subscribe(lambda warnings: heard.append(len(warnings)))
    history = UndoHistory(engine.store)
    marketing = next(d for d in engine.store.rows(Department) if d.name == "Marketing")
    history.push(UpdateRow(Department, marketing.id, {"capacity": 40}))
    history.undo()
    assert heard == [15, 16]  # the department overload went, and came back
    assert engine.last_update_ms > 0


def test_closed_engine_stops_listening(sample_store: PlanStore) -> None:
    engine = WarningsEngine(sample_store)
    before = signature(engine.warnings)
    engine.close()
    UndoHistory(sample_store).push(UpdateRow(Plan, 1, {"sponsor_name": ""}))
    assert signature(engine.warnings) == before


# --- incremental == full ------------------------------------------------------------------------


def _edits(store: PlanStore) -> list:  # noqa: ANN001
    """A tour of every kind of edit, each checked on its own and after undo."""
    phases = sorted(store.rows(Phase), key=lambda p: p.position)
    p3, p4, p5, p6, p7 = (phases[i].id for i in range(2, 7))
    wish = next(d for d in store.rows(Demand) if d.phase_id == p6)
    later = next(d for d in store.rows(Demand) if d.phase_id == p7)
    marketing = next(d for d in store.rows(Department) if d.name == "Marketing")
    logistics = next(d for d in store.rows(Department) if d.name == "Logistics")
    objective = store.rows(Objective)[0].id
    return [
        MoveDemands([wish.id], p7),
        UpdateRow(Demand, later.id, {"effort": 60}),  # p6's fix can no longer move to p7
        MoveDemands([wish.id], None),
        UpdateRow(Demand, wish.id, {"effort": 40}),
        UpdateRow(Demand, wish.id, {"kind": "data_field", "objective_id": None}),
        UpdateRow(Demand, wish.id, {"department_id": logistics.id}),
        CreateRow(Demand, {"title": "New", "department_id": marketing.id, "phase_id": p5}),
        DeleteRow(Demand, wish.id),
        ShiftPhase(p3, 14),
        SetPhaseDates(p6, day("2027-04-05"), day("2027-06-25")),
        UpdateRow(Department, marketing.id, {"support_contact": ""}),
        SetPhaseDates(p6, None, None),
        UpdateRow(Phase, p6, {"title": "Undated and renamed"}),  # in Marketing's no-support
        UpdateRow(Phase, p4, {"title": "Renamed", "goal": ""}),
        UpdateRow(Phase, p7, {"status": "done"}),
        ReorderPhase(p7, 0),
        SplitPhase(p7),
        CreateRow(PhaseObjective, {"phase_id": p3, "objective_id": objective}),
        CreateRow(ChangeActivity, {"kind": "training", "department_id": marketing.id,
                                   "phase_id": p5}),
        DeleteRow(Dependency, store.rows(Dependency)[0].id),
        CreateRow(Dependency, {"predecessor_id": p7, "successor_id": p3}),
        UpdateRow(Department, marketing.id, {"capacity": 0}),
        UpdateRow(Department, marketing.id, {"name": "Brand"}),
        UpdateRow(Department, logistics.id, {"support_contact": "Kim"}),
        CreateRow(Department, {"name": "Legal"}),
        UpdateRow(Objective, objective, {"title": "Renamed objective"}),
        DeleteRow(Objective, objective),
        UpdateRow(Plan, 1, {"team_capacity": 40, "field_creep_plan": 5}),
        UpdateRow(Plan, 1, {"working_days": "1234"}),
        CreateRow(Milestone, {"title": "Go", "kind": "go_live", "date": day("2027-05-24"),
                              "phase_id": p7}),
        TakeBaseline("Review"),
        Dismiss("no-support", Subject("department", logistics.id), "Kim covers it"),
        MergePhases(p5, p6),
        DeleteRow(Phase, p5),
    ]  # fmt: skip


def test_every_kind_of_edit_keeps_the_engine_current(sample_store: PlanStore) -> None:
    engine = WarningsEngine(sample_store)
    history = UndoHistory(sample_store)
    for command in _edits(sample_store):
        history.push(command)
        assert_current(engine)
        history.undo()
        assert_current(engine)
        history.redo()
        assert_current(engine)
    while history.can_undo:
        history.undo()
        assert_current(engine)
    engine.close()


def test_a_broken_update_falls_back_to_a_full_evaluation(
    engine: WarningsEngine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(changes):  # noqa: ANN001, ANN202
        raise RuntimeError("bug")

    monkeypatch.setattr(engine._facts, "apply", broken)
    UndoHistory(engine.store).push(UpdateRow(Plan, 1, {"sponsor_name": ""}))
    assert_current(engine)
    assert "no-sponsor" in {w.code for w in engine.warnings}
    assert "evaluating the whole plan" in caplog.text


# --- dismissals ----------------------------------------------------------------------------------


def test_a_dismissed_warning_is_still_reported_with_its_reason(engine: WarningsEngine) -> None:
    store = engine.store
    target = next(w for w in engine.warnings if w.code == "no-support")
    history = UndoHistory(store)
    history.push(Dismiss.warning(target, "Logistics asks Sales' super-user"))
    marked = [w for w in engine.warnings if w.key == target.key]
    assert len(marked) == 1 and marked[0].dismissed
    assert marked[0].dismissed_reason == "Logistics asks Sales' super-user"
    assert marked[0] in engine.for_subject("department", target.subject.id)
    assert len(engine.warnings) == 16  # never dropped
    assert_current(engine)
    history.push(Dismiss.warning(target, "New reason"))  # dismissing again: new reason
    assert store.count(Dismissal) == 1
    assert [w.dismissed_reason for w in engine.warnings if w.key == target.key] == ["New reason"]
    history.push(Undismiss(target.code, target.subject))
    assert not any(w.dismissed for w in engine.warnings)
    history.undo()
    assert [w.dismissed_reason for w in engine.warnings if w.key == target.key] == ["New reason"]
    assert_current(engine)


def test_dismissal_of_a_weekly_warning_matches_its_week(engine: WarningsEngine) -> None:
    overload = next(w for w in engine.warnings if w.code == "department-overloaded")
    assert overload.subject.week == dt.date(2027, 4, 5)
    UndoHistory(engine.store).push(Dismiss.warning(overload, "Agreed with Marketing"))
    assert [w.dismissed for w in engine.warnings if w.code == "department-overloaded"] == [True]
    row = engine.store.rows(Dismissal)[0]
    assert (row.subject_kind, row.week) == ("department", dt.date(2027, 4, 5))


def test_a_dismissal_needs_a_reason(sample_store: PlanStore) -> None:
    with pytest.raises(ValidationError, match="Say why"):
        Dismiss("no-support", Subject("department", 6), "  ").do(sample_store)
    assert sample_store.count(Dismissal) == 0


def test_undismissing_what_is_not_dismissed_is_refused(sample_store: PlanStore) -> None:
    with pytest.raises(CommandError, match="not dismissed"):
        Undismiss("no-support", Subject("department", 6)).do(sample_store)


def test_dismissals_of_a_deleted_subject_go_with_it(store: PlanStore) -> None:
    plan = Builder(store)
    phase = plan.phase("No goal", goal="")
    history = UndoHistory(store)
    history.push(Dismiss("empty-goal", Subject("phase", phase), "Technical phase"))
    history.push(DeleteRow(Phase, phase))
    assert store.count(Dismissal) == 0
    history.undo()
    assert [w.dismissed_reason for w in evaluate(store)] == ["Technical phase"]


def test_the_engine_rebuilds_when_the_store_reloads_its_rows(
    sample_file, tmp_path  # noqa: ANN001
) -> None:
    store = PlanStore.open(sample_file)
    engine = WarningsEngine(store)
    store.save_as(tmp_path / "copy.rollout")  # every row object is new now
    store.subscribe(engine.update)  # save_as drops the store's listeners (reported)
    marketing = next(d for d in store.rows(Department) if d.name == "Marketing")
    UpdateRow(Department, marketing.id, {"capacity": 40}).do(store)
    assert_current(engine)
    assert "department-overloaded" not in {w.code for w in engine.warnings}
    engine.close()
    store.close()
