"""`rollout-planner propose PLAN …`: exit 0 with a proposal (or nothing to propose), 1 when
no phase can be proposed (the reason on stderr), 2 on errors; --apply writes it as one edit
and `check` then finds none of the hard warnings on the proposed phases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.cli import main
from planner.commands import CreateRow, DeleteRows
from planner.dump import dump
from planner.model import Demand, Department, Phase
from planner.store import PlanStore
from planner.template import create_from_template

HARD = {
    "phase-overloaded", "department-overloaded", "too-many-departments", "phase-too-long",
    "prerequisite-later", "no-adoption", "dependency-order",
}  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["propose", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_proposal_changes_nothing(sample_file: Path, capsys) -> None:  # noqa: ANN001
    store = PlanStore.open(sample_file, read_only=True)
    before = dump(store)
    store.close()
    code, out, err = run(capsys, str(sample_file), "--time-limit", "0.5")
    assert code == 0 and err == ""
    assert "phases proposed" in out.splitlines()[0]
    assert "Why: " in out and "won't-have" in out
    assert out.rstrip().endswith("--apply writes it into the plan.")
    store = PlanStore.open(sample_file, read_only=True)
    assert dump(store) == before
    store.close()


def test_json_apply_then_check_finds_no_hard_warning(sample_file: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, str(sample_file), "--include-planned", "--time-limit", "0.5",
                         "--json", "--apply", "--from", "2026-11-30")  # fmt: skip
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["applied"] is True and data["status"] in ("optimal", "feasible", "time-limit")
    assert data["phases"][0]["start"] == "2026-11-30"
    titles = {p["title"] for p in data["phases"]}
    assert main(["check", str(sample_file), "--json"]) in (0, 1)
    warnings = json.loads(capsys.readouterr()[0])
    store = PlanStore.open(sample_file, read_only=True)
    new = {p.id for p in store.rows(Phase) if p.title in titles}
    wishes = {d.id for d in store.rows(Demand) if d.phase_id in new}
    store.close()
    assert len(new) == len(titles)
    offending = [
        w for w in warnings if w["code"] in HARD
        and ((w["subject"]["kind"] == "phase" and w["subject"]["id"] in new)
             or (w["subject"]["kind"] == "demand" and w["subject"]["id"] in wishes))
    ]  # fmt: skip
    assert offending == []


def test_no_feasible_proposal_exits_1_with_the_reason(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "big.rollout"
    store = create_from_template(path, "blank")
    command = CreateRow(Department, {"name": "IT", "capacity": 10.0})
    command.do(store)
    CreateRow(Demand, {"title": "ERP integration", "department_id": command.row_id,
                       "effort": 45.0, "priority": "must"}).do(store)  # fmt: skip
    store.close()
    code, out, err = run(capsys, str(path), "--time-limit", "0.5")
    assert code == 1 and out == ""
    assert err.strip() == (
        "rollout-planner: No phase can be proposed: The wish 'ERP integration' alone needs "
        "45 person-days; IT can absorb 10 a week and a phase may last 4 weeks."
    )


def test_an_empty_backlog_says_so(sample_file: Path, capsys) -> None:  # noqa: ANN001
    store = PlanStore.open(sample_file)
    DeleteRows(Demand, [d.id for d in store.rows(Demand) if d.phase_id is None]).do(store)
    store.close()
    code, out, err = run(capsys, str(sample_file))
    assert code == 0 and err == ""
    assert out.startswith("Nothing to propose: the backlog holds no wish")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--phases", "0"], "--phases must be at least 1"),
        (["--from", "next week"], "'next week' is not a date"),
        (["--time-limit", "-1"], "--time-limit must be between"),
    ],
)
def test_bad_arguments_exit_2(sample_file: Path, capsys, argv, message) -> None:  # noqa: ANN001
    code, out, err = run(capsys, str(sample_file), *argv)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_a_missing_file_exits_2(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, str(tmp_path / "nope.rollout"))
    assert code == 2 and err.startswith("rollout-planner: ") and len(err.splitlines()) == 1


def test_the_phases_option_limits_the_proposal(sample_file: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, str(sample_file), "--phases", "1", "--json", "--time-limit", "0.5")
    data = json.loads(out)
    assert code == 0 and len(data["phases"]) == 1
    start = dt.date.fromisoformat(data["phases"][0]["start"])
    assert start.weekday() == 0  # phases start on a Monday
