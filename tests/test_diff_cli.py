"""`rollout-planner baseline` and `rollout-planner diff`: every change kind through
`diff --json`, exit codes like diff(1), unreadable baselines skipped, two plan files matched
by id or (unrelated files) by title."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from review_edits import EXPECTED, edit_round

from app.cli import main
from planner.baseline import TakeBaseline
from planner.commands import UpdateRow
from planner.model import Baseline, Demand, Phase
from planner.store import PlanStore
from planner.template import create_from_template


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def reviewed(sample_file: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample plan with a baseline 'Review 1', then a round of edits."""
    code, out, err = run(capsys, "baseline", str(sample_file), "--take", "Review 1")
    assert (code, err) == (0, "")
    assert re.fullmatch(r"Review 1\t\d{4}-\d\d-\d\d \d\d:\d\d\n", out)
    store = PlanStore.open(sample_file)
    edit_round(store)
    store.close()
    return sample_file


def test_a_plan_against_its_fresh_baseline_has_no_changes(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "baseline", str(sample_file), "--take", "Now")
    code, out, _ = run(capsys, "diff", str(sample_file), "--json")
    data = json.loads(out)
    assert code == 0
    assert [data[k] for k in ("phases", "wishes", "milestones", "warnings")] == [[]] * 4
    code, out, _ = run(capsys, "diff", str(sample_file))
    assert code == 0 and out.splitlines()[-1] == "No changes."


def test_a_plan_against_itself_has_no_changes(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "diff", str(sample_file), str(sample_file), "--json")
    assert code == 0
    assert json.loads(out)["matched_by_title"] is False


def test_every_change_kind_in_json(reviewed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", str(reviewed), "--json")
    assert (code, err) == (1, "")
    data = json.loads(out)
    found = {}
    for (subject, change), title in EXPECTED.items():
        items = [i for i in data[subject]
                 if i["change"] == change and i["title"].startswith(title[:20])]
        assert len(items) == 1, (subject, change, title)
        assert isinstance(items[0]["id"], int)
        found[(subject, change)] = items[0]
    moved = found[("phases", "moved")]
    assert (moved["before"]["start"], moved["after"]["start"], moved["after"]["shift_days"]) == (
        "2027-04-05", "2027-04-19", 14)
    resized = found[("phases", "resized")]
    assert (resized["before"]["working_weeks"], resized["after"]["working_weeks"],
            resized["after"]["days_delta"]) == (4.0, 5.0, 7)
    effort = found[("wishes", "effort")]
    assert (effort["before"]["effort"], effort["after"]["effort"]) == (10.0, 14.0)
    to_backlog = [w for w in data["wishes"] if w["change"] == "moved"
                  and w["after"]["phase"] is None]
    assert len(to_backlog) == 5  # the deleted phase's wishes went back to the backlog
    assert found[("milestones", "moved")]["after"]["shift_days"] == 14
    warnings = {(w["change"], w["before"].get("code") or w["after"].get("code"))
                for w in data["warnings"]}
    assert ("new", "empty-goal") in warnings  # the new pilot phase states no goal
    assert ("resolved", "dependency-order") in warnings  # its predecessor is gone
    efforts = {row["name"]: row for row in data["effort"]["phases"]}
    assert efforts["Pipeline and Monday forecast"]["before"] == 41.0
    assert efforts["Pipeline and Monday forecast"]["after"] == 41.0 - 6 + 4 + 3
    assert data["effort"]["planned_before"] == 375.5
    assert {row["name"] for row in data["effort"]["departments"]} >= {"Sales", "Customer Service"}


def test_text_output_names_the_baseline(reviewed: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "diff", str(reviewed), "--since", "Review 1")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("Comparing baseline 'Review 1' (")
    assert ("  Leads from web and trade fairs: moved 14 days later: 2027-04-05 – 2027-04-30 → "
            "2027-04-19 – 2027-05-14") in lines


def test_since_an_unknown_baseline_is_an_error(reviewed: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "diff", str(reviewed), "--since", "Review 9")
    assert (code, out) == (2, "")
    assert err == "rollout-planner: The plan has no baseline 'Review 9' (it has: 'Review 1').\n"


def test_no_baseline_is_an_error(sample_file: Path, capsys) -> None:  # noqa: ANN001
    code, _, err = run(capsys, "diff", str(sample_file))
    assert code == 2 and err.startswith("rollout-planner: The plan has no readable baseline")


def test_an_unreadable_baseline_is_listed_and_skipped(reviewed: Path, capsys) -> None:  # noqa: ANN001
    store = PlanStore.open(reviewed)
    TakeBaseline("Broken").do(store)
    broken = max(store.rows(Baseline), key=lambda b: b.id)
    # Valid JSON this version cannot use (damaged JSON refuses the whole file: test_integrity).
    store.execute(lambda rec: rec.update(broken, snapshot='{"version": 99}'))
    store.close()
    code, out, _ = run(capsys, "baseline", str(reviewed), "--list", "--json")
    items = json.loads(out)
    assert code == 0
    assert [(i["name"], i["readable"]) for i in items] == [("Review 1", True), ("Broken", False)]
    assert items[0]["phases"] == 7 and items[0]["planned_effort"] == 375.5
    assert items[1]["error"].startswith("Baseline 'Broken' cannot be read")
    code, out, err = run(capsys, "baseline", str(reviewed), "--list")
    assert "Broken\t" in out and "unreadable: " in out
    # The latest readable one is used, and the skipped one is said.
    code, out, err = run(capsys, "diff", str(reviewed))
    assert code == 1 and out.startswith("Comparing baseline 'Review 1'")
    assert err.startswith("rollout-planner: skipped: Baseline 'Broken' cannot be read")
    code, out, err = run(capsys, "diff", str(reviewed), "--since", "Broken")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("rollout-planner: Baseline 'Broken' cannot be read: ")


def test_baseline_needs_a_name(sample_file: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "baseline", str(sample_file), "--take", "  ")
    assert (code, out) == (2, "")
    assert "name" in err and err[-1] == "\n" and err.count("\n") == 1


def test_a_missing_file_is_an_error(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, _, err = run(capsys, "diff", str(tmp_path / "nope.rollout"))
    assert code == 2 and err.count("\n") == 1


def test_two_files_by_id(sample_file: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    scenario = tmp_path / "scenario.rollout"
    store = PlanStore.open(sample_file)
    store.save_as(scenario)  # the store now works on the scenario
    edit_round(store)
    store.close()
    code, out, _ = run(capsys, "diff", str(sample_file), str(scenario), "--json")
    data = json.loads(out)
    assert code == 1 and data["matched_by_title"] is False
    assert (data["before"], data["after"]) == ("sample.rollout", "scenario.rollout")
    assert {(i["change"], i["title"]) for i in data["phases"]} >= {
        ("added", "Partner portal pilot"), ("removed", "Integration platform and data migration")}


def test_unrelated_files_are_matched_by_title(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan re-typed by hand in another file: other ids, same titles."""
    other = tmp_path / "retyped.rollout"
    store = create_from_template(other, "blank")
    source = PlanStore.open(sample_file, read_only=True)

    def copy(rec) -> None:  # noqa: ANN001 - ids shifted by 1000, rows in reverse order
        from planner.model import Department

        for d in source.rows(Department):
            rec.insert(Department, **{**d.to_dict(), "id": d.id + 1000})
        for p in reversed(source.rows(Phase)):
            rec.insert(Phase, **{**p.to_dict(), "id": p.id + 1000})
        for w in reversed(source.rows(Demand)):
            rec.insert(Demand, **{**w.to_dict(), "id": w.id + 5000, "objective_id": None,
                                  "department_id": w.department_id + 1000,
                                  "phase_id": None if w.phase_id is None else w.phase_id + 1000})

    store.execute(copy)
    wish = next(w for w in store.rows(Demand) if w.title.startswith("Lead scoring"))
    UpdateRow(Demand, wish.id, {"effort": 12}).do(store)
    store.close()
    source.close()
    code, out, _ = run(capsys, "diff", str(sample_file), str(other), "--json")
    data = json.loads(out)
    assert data["matched_by_title"] is True
    assert "matched by title" in data["notes"][0]
    assert data["phases"] == []  # every phase found by its title, none moved
    assert [(w["change"], w["title"], w["before"]["effort"], w["after"]["effort"])
            for w in data["wishes"]] == [("effort", wish.title, 10.0, 12.0)]
    assert code == 1
