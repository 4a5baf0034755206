"""`rollout-planner check FILE [--json]`: exit 0 without open problems, 1 with, 2 on any
error with the file or the arguments (one line on stderr, no traceback)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from planner.commands import UpdateRow
from planner.model import Plan
from planner.store import PlanStore
from planner.template import create_from_template
from planner.warnings import Dismiss, evaluate


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def healthy_file(tmp_path: Path) -> Path:
    """A small plan with nothing worse than a warning."""
    path = tmp_path / "healthy.rollout"
    store = create_from_template(path, "blank")
    UpdateRow(Plan, 1, {"sponsor_name": "Ragnhild", "title": "Small plan"}).do(store)
    store.close()
    return path


def test_sample_has_problems_exit_1(sample_file: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, str(sample_file))
    assert code == 1 and err == ""
    assert out.splitlines()[0] == (
        "CRM rollout 2026–27 — Fjordlys Elektro AS: 3 problems, 11 warnings, 2 notes"
    )
    headings = [line for line in out.splitlines() if line in ("PROBLEMS", "WARNINGS", "NOTES")]
    assert headings == ["PROBLEMS", "WARNINGS", "NOTES"]
    assert "  [phase-overloaded] Phase 'Leads from web and trade fairs' holds 114" in out
    assert "Fix: Move the 5 lowest-priority wishes (54 person-days) to the backlog" in out
    assert out.count("Why: Eat French") == 1  # each principle once


def test_no_problems_exit_0(healthy_file: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = run(capsys, str(healthy_file))
    assert (code, out.strip()) == (0, "Small plan: no warnings")


def test_json_is_a_list_of_warnings(sample_file: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = run(capsys, str(sample_file), "--json")
    assert code == 1
    items = json.loads(out)
    assert isinstance(items, list) and len(items) == 16
    first = items[0]
    assert set(first) == {
        "code", "title", "severity", "subject", "message", "principle", "fixes",
        "dismissed_reason",
    }  # fmt: skip
    assert first["severity"] == "problem"
    assert set(first["subject"]) == {"kind", "id", "week", "name"}
    overload = next(i for i in items if i["code"] == "department-overloaded")
    assert overload["subject"] == {
        "kind": "department", "id": 2, "week": "2027-04-05", "name": "department 'Marketing'"
    }  # fmt: skip
    assert all(isinstance(f, str) for i in items for f in i["fixes"])
    assert {i["severity"] for i in items} == {"problem", "warning", "info"}


def test_dismissed_problems_are_shown_but_do_not_fail(
    sample_file: Path, capsys: pytest.CaptureFixture
) -> None:
    store = PlanStore.open(sample_file)
    for warning in evaluate(store):
        if warning.severity.label == "problem":
            Dismiss.warning(warning, "Accepted by the steering committee").do(store)
    store.close()
    code, out, _ = run(capsys, str(sample_file))
    assert code == 0
    assert "(3 dismissed)" in out.splitlines()[0]
    assert out.count("Dismissed: Accepted by the steering committee") == 3
    items = json.loads(run(capsys, str(sample_file), "--json")[1])
    assert [i["dismissed_reason"] for i in items[:3]] == ["Accepted by the steering committee"] * 3


def test_check_never_modifies_the_file(sample_file: Path, capsys: pytest.CaptureFixture) -> None:
    before = sample_file.read_bytes()
    run(capsys, str(sample_file))
    assert sample_file.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{missing}"], "There is no plan file"),
        (["{text}"], "notes.rollout is not a Rollout Planner plan"),
        ([], "the following arguments are required: file"),
        (["{sample}", "--colour"], "unrecognized arguments: --colour"),
    ],
)
def test_errors_exit_2_with_one_line(
    tmp_path: Path,
    sample_file: Path,
    capsys: pytest.CaptureFixture,
    argv: list[str],
    message: str,
) -> None:
    text = tmp_path / "notes.rollout"
    text.write_text("shopping list")
    paths = {"missing": tmp_path / "gone.rollout", "text": text, "sample": sample_file}
    code, out, err = run(capsys, *[a.format(**paths) for a in argv])
    assert code == 2 and out == ""
    assert err.startswith("rollout-planner: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_file_with_bad_thresholds_is_checked_not_refused(
    healthy_file: Path, capsys: pytest.CaptureFixture
) -> None:
    conn = sqlite3.connect(healthy_file)
    conn.execute("UPDATE plan SET field_creep_plan = 0")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, str(healthy_file))
    assert code == 0
    assert "[threshold-invalid]" in out and "field creep plan" in out


def test_subject_names_in_json(sample_file: Path, capsys: pytest.CaptureFixture) -> None:
    items = json.loads(run(capsys, str(sample_file), "--json")[1])
    names = {i["subject"]["name"] for i in items}
    assert "wish 'Order processing and invoicing in CRM'" in names
    assert "phase 'Service cases in one place'" in names
