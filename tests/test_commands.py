"""Every command: do, undo, redo; and every refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.commands import (
    CreateRow,
    DeleteRow,
    DeleteRows,
    Macro,
    MergePhases,
    MoveDemands,
    ReorderPhase,
    SetPhaseDates,
    ShiftPhase,
    SplitPhase,
    UndoHistory,
    UpdateRow,
    Vote,
)
from planner.dump import dump
from planner.enums import Priority
from planner.errors import CommandError, NotFound, ValidationError
from planner.model import (
    Baseline,
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

D = dt.date


def roundtrip(store: PlanStore, command) -> dict:
    """Push, then undo (back to before), then redo (back to after). Returns the after dump."""
    history = UndoHistory(store)
    before = dump(store)
    assert history.push(command), "the command changed nothing"
    after = dump(store)
    assert after != before
    history.undo()
    assert dump(store) == before
    history.redo()
    assert dump(store) == after
    return after


def refused(store: PlanStore, command, error=CommandError, match: str | None = None) -> None:
    before = dump(store)
    with pytest.raises(error, match=match):
        UndoHistory(store).push(command)
    assert dump(store) == before
    assert command.changes is None


# Every test here runs on a plan file and on a plan on a PostgreSQL server.
pytest_plugins = ("pg_fixtures",)


@pytest.fixture
def store(any_store: PlanStore) -> PlanStore:
    return any_store


def by_title(store: PlanStore, model, title: str):
    return next(r for r in store.rows(model) if r.display_name == title)


@pytest.fixture
def small(store: PlanStore) -> PlanStore:
    """Two departments, three phases (B depends on A), four wishes, one objective."""
    h = UndoHistory(store)
    for name, colour in (("Sälj", "#0072b2"), ("Kundtjänst", "#e69f00")):
        h.push(CreateRow(Department, {"name": name, "colour": colour, "capacity": 5}))
    h.push(CreateRow(Objective, {"title": "Pipeline", "measure": "deals in CRM", "target": "90 %"}))
    for title, start, end in (
        ("A", D(2027, 1, 4), D(2027, 1, 29)),
        ("B", D(2027, 2, 1), D(2027, 2, 26)),
        ("C", None, None),
    ):
        h.push(CreateRow(Phase, {"title": title, "start_date": start, "end_date": end}))
    a, b = by_title(store, Phase, "A"), by_title(store, Phase, "B")
    h.push(CreateRow(Dependency, {"predecessor_id": a.id, "successor_id": b.id}))
    salj, kund = store.rows(Department)
    for title, dept, phase, effort, prio in (
        ("Kundkort", salj, a, 5, "must"),
        ("Offert", salj, a, 3, "could"),
        ("Ärenden", kund, b, 8, "should"),
        ("Fält: lager", kund, None, 1, "wont"),
    ):
        h.push(
            CreateRow(
                Demand,
                {
                    "title": title,
                    "department_id": dept.id,
                    "phase_id": phase.id if phase else None,
                    "effort": effort,
                    "priority": prio,
                },
            )
        )
    return store


# --- create -----------------------------------------------------------------------------


def test_create_every_kind(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    salj = by_title(small, Department, "Sälj")
    objective = small.rows(Objective)[0]
    cases = [
        (Objective, {"title": "Service time"}),
        (Department, {"name": "Ekonomi", "colour": "#009e73"}),
        (Phase, {"title": "D", "start_date": "2027-03-01", "end_date": "2027-03-26"}),
        (PhaseObjective, {"phase_id": a.id, "objective_id": objective.id}),
        (Demand, {"title": "Rapport", "department_id": salj.id, "kind": "report", "effort": "2,5"}),
        (ChangeActivity, {"kind": "training", "department_id": salj.id, "phase_id": a.id}),
        (Milestone, {"title": "Styrgrupp", "date": "2027-02-01", "kind": "steering_review"}),
        (Dependency, {"predecessor_id": a.id, "successor_id": by_title(small, Phase, "C").id}),
        (Baseline, {"name": "Q1", "created_at": dt.datetime(2027, 1, 1), "snapshot": "{}"}),
        (
            Dismissal,
            {
                "code": "phase-too-long",
                "subject_kind": "phase",
                "subject_id": a.id,
                "reason": "agreed",
                "created_at": dt.datetime(2027, 1, 1),
            },
        ),
    ]
    for model, values in cases:
        command = CreateRow(model, values)
        after = roundtrip(small, command)
        assert any(row["id"] == command.row_id for row in after[model.__tablename__])
    assert small.get(Demand, max(d.id for d in small.rows(Demand))).effort == 2.5


def test_redo_of_create_restores_the_same_id(small: PlanStore) -> None:
    h = UndoHistory(small)
    command = CreateRow(Objective, {"title": "Churn"})
    h.push(command)
    first = command.row_id
    h.undo()
    h.redo()
    assert small.get(Objective, first).title == "Churn"


def test_create_goes_last_in_order(small: PlanStore) -> None:
    command = CreateRow(Phase, {"title": "Last"})
    UndoHistory(small).push(command)
    assert max(p.position for p in small.rows(Phase)) == small.get(Phase, command.row_id).position


# --- update -----------------------------------------------------------------------------


def test_update_every_kind(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    cases = [
        (Plan, 1, {"title": "Kundlyftet", "weeks_to_value": 6, "working_days": "1234"}),
        (Objective, small.rows(Objective)[0].id, {"target": "95 %"}),
        (Department, small.rows(Department)[0].id, {"capacity": 7.5, "colour": "#123456"}),
        (Phase, a.id, {"status": "active", "goal": "Sellers see the customer"}),
        (Demand, small.rows(Demand)[0].id, {"priority": Priority.SHOULD, "effort": 0}),
    ]
    for model, row_id, values in cases:
        roundtrip(small, UpdateRow(model, row_id, values))
        row = small.get(model, row_id)
        for key, value in values.items():
            assert getattr(row, key) == value


def test_update_to_same_value_changes_nothing(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    assert not UndoHistory(small).push(UpdateRow(Phase, a.id, {"title": "A"}))


def test_mergeable_updates_become_one_step(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    h = UndoHistory(small)
    start, end = a.start_date, a.end_date
    for days in (1, 2, 3):
        h.push(
            SetPhaseDates(
                a.id, start + dt.timedelta(days), end + dt.timedelta(days), mergeable=True
            )
        )
    assert h.labels() == ["Move phase 'A'"]
    h.undo()
    assert (small.get(Phase, a.id).start_date, small.get(Phase, a.id).end_date) == (start, end)


@pytest.mark.parametrize(
    ("model", "values", "field", "words"),
    [
        (Phase, {"end_date": D(2026, 1, 1)}, "end_date", "before it starts"),
        (Phase, {"title": "  "}, "title", "cannot be empty"),
        (Phase, {"status": "finished"}, "status", "not a valid status"),
        (Phase, {"start_date": "next week"}, "start_date", "not a date"),
        (
            Phase,
            {"start_date": D(1066, 10, 14), "end_date": None},
            "start_date",
            "not a plausible date",
        ),
        (Demand, {"effort": -1}, "effort", "between 0 and"),
        (Demand, {"effort": "lots"}, "effort", "not a number"),
        (Demand, {"effort": 1e9}, "effort", "between 0 and"),
        (Demand, {"department_id": 999}, "department_id", "no department #999"),
        (Demand, {"kind": "wish"}, "kind", "not a valid kind"),
        (Department, {"name": "kundtjänst"}, "name", "already a department"),
        (Department, {"colour": "blue"}, "colour", "not a colour"),
        (Department, {"capacity": -2}, "capacity", "between 0 and"),
        (Plan, {"weeks_to_value": 0}, "weeks_to_value", "between 1 and 52"),
        (Plan, {"team_capacity": -5}, "team_capacity", "between 0.5 and"),
        (
            Plan,
            {"max_departments_per_phase": 10_000},
            "max_departments_per_phase",
            "between 1 and 50",
        ),
        (Plan, {"working_days": "1189"}, "working_days", "ISO weekday"),
        (Plan, {"nonsense": 1}, "nonsense", "no field"),
    ],
)
def test_bad_values_are_refused_at_the_field(small, model, values, field, words) -> None:
    row_id = 1 if model is Plan else small.rows(model)[0].id
    before = dump(small)
    with pytest.raises(ValidationError, match=words) as info:
        UndoHistory(small).push(UpdateRow(model, row_id, values))
    assert info.value.field == field
    assert dump(small) == before


def test_dependency_cycle_is_refused(small: PlanStore) -> None:
    a, b = by_title(small, Phase, "A"), by_title(small, Phase, "B")
    refused(
        small,
        CreateRow(Dependency, {"predecessor_id": b.id, "successor_id": a.id}),
        ValidationError,
        "circle",
    )
    refused(
        small,
        CreateRow(Dependency, {"predecessor_id": a.id, "successor_id": a.id}),
        ValidationError,
        "itself",
    )
    refused(
        small,
        CreateRow(Dependency, {"predecessor_id": a.id, "successor_id": b.id}),
        ValidationError,
        "exists already",
    )


def test_unknown_row_is_refused(small: PlanStore) -> None:
    refused(small, UpdateRow(Phase, 999, {"title": "x"}), NotFound, "no phase #999")
    refused(small, DeleteRow(Demand, 999), NotFound, "no demand #999")


# --- delete -----------------------------------------------------------------------------


def test_delete_phase_sends_its_wishes_to_the_backlog(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    small_ids = [d.id for d in small.rows(Demand) if d.phase_id == a.id]
    UndoHistory(small).push(
        CreateRow(
            ChangeActivity,
            {"kind": "training", "department_id": small.rows(Department)[0].id, "phase_id": a.id},
        )
    )
    UndoHistory(small).push(
        CreateRow(Milestone, {"title": "Go-live", "date": "2027-01-29", "phase_id": a.id})
    )
    after = roundtrip(small, DeleteRow(Phase, a.id))
    assert all(d["phase_id"] is None for d in after["demand"] if d["id"] in small_ids)
    assert after["dependency"] == [] and after["change_activity"] == []
    assert after["milestone"][0]["phase_id"] is None


def test_delete_department_needs_somewhere_for_its_wishes(small: PlanStore) -> None:
    salj, kund = small.rows(Department)
    refused(small, DeleteRow(Department, salj.id), CommandError, "still has 2 wishes")
    refused(small, DeleteRow(Department, salj.id, reassign_to=salj.id), CommandError, "another")
    UndoHistory(small).push(UpdateRow(Plan, 1, {"sponsor_department_id": salj.id}))
    after = roundtrip(small, DeleteRow(Department, salj.id, reassign_to=kund.id))
    assert {d["department_id"] for d in after["demand"]} == {kund.id}
    assert after["plan"][0]["sponsor_department_id"] is None


def test_delete_objective_unlinks(small: PlanStore) -> None:
    objective = small.rows(Objective)[0]
    a = by_title(small, Phase, "A")
    h = UndoHistory(small)
    h.push(CreateRow(PhaseObjective, {"phase_id": a.id, "objective_id": objective.id}))
    h.push(UpdateRow(Demand, small.rows(Demand)[0].id, {"objective_id": objective.id}))
    after = roundtrip(small, DeleteRow(Objective, objective.id))
    assert after["phase_objective"] == [] and all(
        d["objective_id"] is None for d in after["demand"]
    )


def test_delete_many_and_every_simple_kind(small: PlanStore) -> None:
    roundtrip(small, DeleteRows(Demand, [d.id for d in small.rows(Demand)]))
    roundtrip(small, DeleteRows(Dependency, [d.id for d in small.rows(Dependency)]))
    refused(small, DeleteRow(Plan, 1), CommandError, "cannot be deleted")
    refused(small, DeleteRows(Demand, []), CommandError, "Nothing")


def test_delete_removes_dismissals_of_the_subject(small: PlanStore) -> None:
    demand = small.rows(Demand)[0]
    UndoHistory(small).push(
        CreateRow(
            Dismissal,
            {
                "code": "no-objective",
                "subject_kind": "demand",
                "subject_id": demand.id,
                "created_at": dt.datetime(2027, 1, 1),
            },
        )
    )
    after = roundtrip(small, DeleteRow(Demand, demand.id))
    assert after["dismissal"] == []


# --- scheduling -------------------------------------------------------------------------


def test_move_demands_to_phase_and_backlog(small: PlanStore) -> None:
    b = by_title(small, Phase, "B")
    ids = [by_title(small, Demand, "Kundkort").id, by_title(small, Demand, "Offert").id]
    after = roundtrip(small, MoveDemands(ids, b.id))
    assert {d["id"] for d in after["demand"] if d["phase_id"] == b.id} == {
        *ids,
        by_title(small, Demand, "Ärenden").id,
    }
    roundtrip(small, MoveDemands(ids, None))
    assert all(small.get(Demand, i).phase_id is None for i in ids)


def test_move_demand_before_another_orders_them(small: PlanStore) -> None:
    b = by_title(small, Phase, "B")
    target = by_title(small, Demand, "Ärenden")
    moving = by_title(small, Demand, "Offert")
    roundtrip(small, MoveDemands([moving.id], b.id, before_id=target.id))
    order = sorted((d for d in small.rows(Demand) if d.phase_id == b.id), key=lambda d: d.position)
    assert [d.title for d in order] == ["Offert", "Ärenden"]


def test_move_to_missing_phase_is_refused(small: PlanStore) -> None:
    refused(small, MoveDemands([small.rows(Demand)[0].id], 999), NotFound)
    refused(small, MoveDemands([], None), CommandError, "at least one")


def test_set_dates_and_shift(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    roundtrip(small, SetPhaseDates(a.id, D(2027, 1, 11), D(2027, 2, 12)))
    assert small.get(Phase, a.id).end_date == D(2027, 2, 12)
    roundtrip(small, ShiftPhase(a.id, -7))
    assert small.get(Phase, a.id).start_date == D(2027, 1, 4)
    refused(
        small,
        SetPhaseDates(a.id, D(2027, 2, 1), D(2027, 1, 1)),
        ValidationError,
        "before it starts",
    )
    refused(small, ShiftPhase(by_title(small, Phase, "C").id, 7), CommandError, "no dates")


def test_reorder_phases(small: PlanStore) -> None:
    c = by_title(small, Phase, "C")
    roundtrip(small, ReorderPhase(c.id, 0))
    order = [p.title for p in sorted(small.rows(Phase), key=lambda p: p.position)]
    assert order == ["C", "A", "B"]
    refused(small, ReorderPhase(c.id, 7), CommandError, "outside")


def test_split_phase_by_default_moves_the_less_important_half(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    command = SplitPhase(a.id)
    roundtrip(small, command)
    second = small.get(Phase, command.new_phase_id)
    first = small.get(Phase, a.id)
    assert first.end_date + dt.timedelta(days=1) == second.start_date
    assert second.end_date == D(2027, 1, 29)
    assert [d.title for d in small.rows(Demand) if d.phase_id == second.id] == ["Offert"]
    deps = {(d.predecessor_id, d.successor_id) for d in small.rows(Dependency)}
    b = by_title(small, Phase, "B")
    assert (a.id, second.id) in deps and (second.id, b.id) in deps and (a.id, b.id) not in deps
    order = [p.title for p in sorted(small.rows(Phase), key=lambda p: p.position)]
    assert order == ["A", "A (part 2)", "B", "C"]


def test_split_at_a_date_with_chosen_wishes(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    kundkort = by_title(small, Demand, "Kundkort")
    command = SplitPhase(a.id, at=D(2027, 1, 18), demand_ids=[kundkort.id])
    roundtrip(small, command)
    assert small.get(Phase, a.id).end_date == D(2027, 1, 17)
    assert small.get(Demand, kundkort.id).phase_id == command.new_phase_id
    refused(small, SplitPhase(a.id, at=D(2030, 1, 1)), ValidationError, "outside")
    refused(
        small,
        SplitPhase(a.id, demand_ids=[by_title(small, Demand, "Ärenden").id]),
        CommandError,
        "not in phase",
    )


def test_merge_phases(small: PlanStore) -> None:
    a, b = by_title(small, Phase, "A"), by_title(small, Phase, "B")
    after = roundtrip(small, MergePhases(a.id, b.id))
    merged = small.get(Phase, a.id)
    assert (merged.start_date, merged.end_date) == (D(2027, 1, 4), D(2027, 2, 26))
    assert {d["phase_id"] for d in after["demand"] if d["phase_id"] is not None} == {a.id}
    assert after["dependency"] == []
    refused(small, MergePhases(a.id, a.id), CommandError, "two different")


def test_merge_that_would_make_a_cycle_is_refused(small: PlanStore) -> None:
    a, b, c = (by_title(small, Phase, t) for t in "ABC")
    UndoHistory(small).push(CreateRow(Dependency, {"predecessor_id": b.id, "successor_id": c.id}))
    # A -> B -> C; merging C into A would make A wait for B and B for A.
    refused(small, MergePhases(a.id, c.id), ValidationError, "circle")


def test_vote(small: PlanStore) -> None:
    demand = small.rows(Demand)[0]
    roundtrip(small, Vote(demand.id, 2))
    assert small.get(Demand, demand.id).votes == 2
    refused(small, Vote(demand.id, -3), CommandError, "no votes")


def test_macro_is_one_undo_step(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    macro = Macro(
        "Tidy up", [UpdateRow(Phase, a.id, {"goal": "Wow"}), Vote(small.rows(Demand)[0].id)]
    )
    roundtrip(small, macro)
    assert macro.label == "Tidy up"


def test_a_failing_step_undoes_the_earlier_steps_of_the_same_command(small: PlanStore) -> None:
    a = by_title(small, Phase, "A")
    refused(
        small,
        Macro("Bad", [UpdateRow(Phase, a.id, {"goal": "x"}), UpdateRow(Phase, 999, {"goal": "y"})]),
        NotFound,
    )
    assert small.get(Phase, a.id).goal == ""


def test_history_labels_and_limits(small: PlanStore) -> None:
    h = UndoHistory(small)
    assert not h.can_undo and not h.can_redo
    with pytest.raises(CommandError, match="nothing to undo"):
        h.undo()
    h.push(UpdateRow(Phase, by_title(small, Phase, "A").id, {"title": "Kundkort först"}))
    assert h.undo_label == "Change title of 'A'"
    h.undo()
    assert h.redo_label == "Change title of 'A'" and h.can_redo
    with pytest.raises(CommandError, match="nothing to redo"):
        h.redo()
        h.redo()
