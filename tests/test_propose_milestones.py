"""Accepting a proposal takes the replaced phases' milestones along (planner/propose/
milestones.py): a go-live moves to the accepted phase that took most of its phase's work and
marks that phase's end, other milestones keep their place relative to the phase's end, a
go-live with no successor is removed; nothing is left pointing at a deleted phase, the
preview and the command line list it all, and undo restores every milestone exactly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.cli import main
from planner.commands import UndoHistory
from planner.dump import dump
from planner.enums import DemandKind, MilestoneKind, PhaseStatus, Priority
from planner.model import Demand, Department, Milestone, Phase
from planner.propose.milestones import ADD, MOVE, REMOVE, UNLINK, milestone_changes
from planner.propose.plan_problem import Options
from planner.propose.proposal import ApplyProposal, propose
from planner.store import PlanStore
from planner.template import fill, template_data

pytest_plugins = ("ui_fixtures",)


def sample() -> PlanStore:
    store = PlanStore.in_memory()
    fill(store, template_data("crm"))
    return store


def test_the_sample_replanned_leaves_no_milestone_behind_and_undo_restores_it() -> None:
    store = sample()
    proposal = propose(store, Options(include_planned=True, time_limit=1.0))
    replaced = set(proposal.replaced_phase_ids)
    old = {m.id: m.to_dict() for m in store.rows(Milestone) if m.phase_id in replaced}
    changes = milestone_changes(store, proposal)
    assert {c.milestone_id for c in changes if c.action != ADD} == set(old) and old
    added = [c for c in changes if c.action == ADD]
    assert added and all(c.kind == MilestoneKind.GO_LIVE and c.milestone_id is None
                         for c in added)  # fmt: skip
    before = dump(store)
    before_rows = list(store.rows(Milestone))
    history = UndoHistory(store)
    command = ApplyProposal(proposal)
    history.push(command)
    phases = {p.id for p in store.rows(Phase)}
    assert all(m.phase_id is None or m.phase_id in phases for m in store.rows(Milestone))
    go_lives: dict[int, int] = {}
    for change in changes:
        if change.action == ADD:
            continue
        row = store.find(Milestone, change.milestone_id)
        if change.action == REMOVE:
            assert row is None and change.kind == MilestoneKind.GO_LIVE
            continue
        assert row is not None and row.date == change.date
        if change.action == UNLINK:
            assert row.phase_id is None and row.date == old[row.id]["date"]
            continue
        target = proposal.phases[change.to_phase - 1]
        assert row.phase_id == command.phase_ids[change.to_phase - 1]
        if row.kind == MilestoneKind.GO_LIVE:  # the new phase's last day
            assert row.date == target.end
    # Every accepted phase has exactly one go-live, on its last day: moved or new.
    for phase_id, proposed in zip(command.phase_ids, proposal.phases, strict=True):
        mine = [m for m in store.rows(Milestone)
                if m.phase_id == phase_id and m.kind == MilestoneKind.GO_LIVE]  # fmt: skip
        assert [m.date for m in mine] == [proposed.end]
        go_lives[phase_id] = len(mine)
    new = {m.title for m in store.rows(Milestone)} - {m.title for m in before_rows}
    assert new == {c.title for c in added} and all(t.startswith("Go-live: ") for t in new)
    after = dump(store)
    history.undo()
    assert dump(store) == before
    history.redo()
    assert dump(store) == after


def small_plan() -> tuple[PlanStore, dict[str, int]]:
    """One planned phase holding two wishes (one department), with a go-live on its last
    day and a steering review a week later; a second planned phase holds only a won't-have,
    with a go-live and a decision."""
    store = PlanStore.in_memory()
    ids: dict[str, int] = {}

    def fill_(rec) -> None:  # noqa: ANN001
        rec.update(store.plan, start_date=dt.date(2027, 1, 4), team_capacity=20.0,
                   weeks_to_value=4, sponsor_name="S", sponsor_role="CEO")  # fmt: skip
        dept = rec.insert(Department, name="Sales", colour="#888888", head="", capacity=10.0,
                          support_contact="x", is_it=False, position=0)  # fmt: skip
        one = rec.insert(Phase, title="Old one", goal="g", start_date=dt.date(2027, 3, 1),
                         end_date=dt.date(2027, 3, 26), position=0,
                         status=PhaseStatus.PLANNED)  # fmt: skip
        two = rec.insert(Phase, title="Old two", goal="g", start_date=dt.date(2027, 4, 5),
                         end_date=dt.date(2027, 4, 30), position=1,
                         status=PhaseStatus.PLANNED)  # fmt: skip
        for i, (phase, priority) in enumerate(
            [(one, Priority.MUST), (one, Priority.SHOULD), (two, Priority.WONT)]
        ):
            rec.insert(Demand, title=f"Wish {i}", department_id=dept.id, phase_id=phase.id,
                       effort=5.0, priority=priority, kind=DemandKind.FEATURE,
                       objective_id=None, notes="", votes=0, position=i)  # fmt: skip
        for key, title, kind, day, phase in [
            ("go1", "Go-live one", MilestoneKind.GO_LIVE, dt.date(2027, 3, 26), one),
            ("review1", "Review one", MilestoneKind.STEERING_REVIEW, dt.date(2027, 4, 2), one),
            ("go2", "Go-live two", MilestoneKind.GO_LIVE, dt.date(2027, 4, 30), two),
            ("decide2", "Decide two", MilestoneKind.DECISION, dt.date(2027, 4, 1), two),
        ]:
            ids[key] = rec.insert(Milestone, title=title, kind=kind, date=day,
                                  phase_id=phase.id).id  # fmt: skip

    store.execute(fill_)
    return store, ids


def test_milestones_follow_the_work_or_go_when_it_does() -> None:
    store, ids = small_plan()
    proposal = propose(store, Options(include_planned=True, time_limit=1.0))
    assert len(proposal.phases) == 1
    new = proposal.phases[0]
    assert new.start < dt.date(2027, 3, 1)  # earlier than the phase it replaces
    changes = {c.milestone_id: c for c in milestone_changes(store, proposal)}
    assert changes[ids["go1"]].action == MOVE and changes[ids["go1"]].date == new.end
    assert changes[ids["review1"]].date == new.end + dt.timedelta(days=7)  # a week after
    assert changes[ids["go2"]].action == REMOVE  # its only wish is a won't-have
    assert changes[ids["decide2"]].action == UNLINK
    assert None not in changes  # the new phase has its go-live: nothing added
    titles = {new.number: new.title}
    assert changes[ids["go2"]].describe(titles) == (
        "'Go-live two' is removed: none of its phase's wishes is in the accepted phases."
    )
    assert changes[ids["go1"]].describe(titles) == (
        f"'Go-live one' moves to phase 1 '{new.title}', on {new.end.isoformat()}."
    )
    before = dump(store)
    history = UndoHistory(store)
    command = ApplyProposal(proposal)
    history.push(command)
    go1, review1 = store.get(Milestone, ids["go1"]), store.get(Milestone, ids["review1"])
    assert (go1.phase_id, go1.date) == (command.phase_ids[0], new.end)
    assert review1.phase_id == command.phase_ids[0]
    assert store.find(Milestone, ids["go2"]) is None
    assert store.get(Milestone, ids["decide2"]).phase_id is None
    history.undo()
    assert dump(store) == before


def test_one_go_live_per_phase_and_a_review_on_the_new_go_live_day() -> None:
    from planner.commands import CreateRow, DeleteRows, UpdateRow

    store, ids = small_plan()
    history = UndoHistory(store)
    old_one = store.get(Milestone, ids["go1"]).phase_id
    second = CreateRow(Milestone, {"title": "Go-live one, part two", "kind": "go_live",
                                   "date": dt.date(2027, 3, 19), "phase_id": old_one})
    history.push(second)
    proposal = propose(store, Options(include_planned=True, time_limit=1.0))
    changes = {c.milestone_id: c for c in milestone_changes(store, proposal)}
    # The earlier of the two go-lives moves; the other would double it.
    assert changes[second.row_id].action == MOVE
    assert (changes[ids["go1"]].action, changes[ids["go1"]].to_phase) == (REMOVE, 1)
    # Without a go-live to move there, the new phase gets its own, on the same day as a
    # review moved to its end: listed without tripping over the missing id.
    history.push(DeleteRows(Milestone, [ids["go1"], second.row_id]))
    history.push(UpdateRow(Milestone, ids["review1"], {"date": dt.date(2027, 3, 26)}))
    proposal = propose(store, Options(include_planned=True, time_limit=1.0))
    listed = milestone_changes(store, proposal)
    end = proposal.phases[0].end
    assert [(c.action, c.date) for c in listed if c.to_phase == 1] == [(ADD, end), (MOVE, end)]


def test_a_plan_without_go_lives_gets_none() -> None:
    from planner.commands import DeleteRows

    store, ids = small_plan()
    UndoHistory(store).push(DeleteRows(Milestone, [ids["go1"], ids["go2"]]))
    proposal = propose(store, Options(include_planned=True, time_limit=1.0))
    changes = milestone_changes(store, proposal)
    assert [(c.milestone_id, c.action) for c in changes] == [
        (ids["review1"], MOVE), (ids["decide2"], UNLINK)
    ]
    UndoHistory(store).push(ApplyProposal(proposal))
    assert all(m.kind != MilestoneKind.GO_LIVE for m in store.rows(Milestone))


def test_phases_that_stay_keep_their_milestones() -> None:
    store = sample()
    proposal = propose(store, Options(include_planned=True, time_limit=1.0))
    first_only = milestone_changes(store, proposal, 1)
    assert [(c.action, c.to_phase) for c in first_only] == [(ADD, 1)]  # its own go-live
    kept_after_one = set(proposal.replaced_phase_ids) - {c.from_phase_id for c in first_only}
    before = {m.id: m.to_dict() for m in store.rows(Milestone) if m.phase_id in kept_after_one}
    UndoHistory(store).push(ApplyProposal(proposal, 1))
    still = {p.id for p in store.rows(Phase)}
    assert before and kept_after_one <= still
    assert {m.id: m.to_dict() for m in store.rows(Milestone) if m.id in before} == before


def test_the_command_line_lists_the_milestone_changes(sample_file: Path, capsys) -> None:  # noqa: ANN001
    argv = ["propose", str(sample_file), "--include-planned", "--time-limit", "0.5",
            "--from", "2026-11-30"]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Milestones, when all phases are accepted:" in out
    assert "gets a go-live on" in out and "moves to phase" in out
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    moved = [m for m in data["milestones"] if m["action"] == "move"]
    assert moved and all(isinstance(m["phase"], int) for m in moved)
    assert {m["action"] for m in data["milestones"]} <= {"move", "remove", "unlink", "add"}
    added = [m for m in data["milestones"] if m["action"] == "add"]
    assert added and all(m["id"] is None and m["kind"] == "go_live" for m in added)


@pytest.mark.gui
def test_the_preview_lists_the_milestone_changes(qtbot, document) -> None:  # noqa: ANN001
    from ui.dialogs.propose_dialog import ProposeDialog

    dialog = ProposeDialog(document)
    qtbot.addWidget(dialog)
    proposal = propose(document.store, Options(include_planned=True, time_limit=0.5))
    html = dialog._explanation_html(proposal)
    assert "<h3>Milestones</h3>" in html
    assert "moves to phase" in html and "gets a go-live on" in html
