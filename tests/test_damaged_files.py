"""Each damaged plan named in issue 10, as its own test: through the command line (info,
check and export exit 2 with one line on stderr, no traceback, the file unchanged; repair
writes a copy that opens and says what it changed) and through the app (the dialog lists
the problem, "Open a repaired copy" opens the copy and shows what was changed)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from integrity_support import digest

from app.cli import main
from planner.errors import DamagedPlanFile, NotAPlanFile
from planner.model import Demand, Department, Milestone, Phase, Plan
from planner.repair import repaired_name
from planner.store import PlanStore

ROOT = Path(__file__).resolve().parents[1]

# name -> (SQL as an SQLite browser would run it, what the message must name)
CASES: dict[str, tuple[str, str]] = {
    "phase-date-9999": (
        "UPDATE phase SET end_date = '9999-12-01' WHERE id = 2",
        "phase 2 'Pipeline and Monday forecast': end_date '9999-12-01' is outside 1990…2200",
    ),
    "phase-start-0001": (
        "UPDATE phase SET start_date = '0001-01-01' WHERE id = 1",
        "phase 1 'Customer overview for sellers': start_date '0001-01-01' is outside",
    ),
    "phase-date-month-13": (
        "UPDATE phase SET start_date = '2026-13-45' WHERE id = 3",
        "start_date '2026-13-45' is not a real date",
    ),
    "phase-date-not-a-date": (
        "UPDATE phase SET end_date = 'not a date' WHERE id = 4",
        "end_date 'not a date' is not a real date",
    ),
    "milestone-date-number": (
        "UPDATE milestone SET date = 20270315 WHERE id = 3",
        "milestone 3 'Go-live: pipeline board and Monday forec…': date 20270315 is not a date",
    ),
    "effort-1e308": (
        "UPDATE demand SET effort = 1e308 WHERE id = 17",
        "effort 1e+308 is outside 0…10000",
    ),
    "effort-lots": (
        "UPDATE demand SET effort = 'lots' WHERE id = 17",
        "effort 'lots' is not a number",
    ),
    "priority-urgent": (
        "UPDATE demand SET priority = 'urgent!!' WHERE id = 17",
        "priority 'urgent!!' is not one of must, should, could, wont",
    ),
    "status-bogus": (
        "UPDATE phase SET status = 'bogus' WHERE id = 1",
        "status 'bogus' is not one of planned, active, done",
    ),
    "kind-empty": (
        "UPDATE demand SET kind = '' WHERE id = 5",
        "kind '' is not one of feature, report",
    ),
    "wish-department-missing": (
        "UPDATE demand SET department_id = 999 WHERE id = 17",
        "department_id 999 points at no department that exists",
    ),
    "no-departments": (
        "DELETE FROM department",
        "points at no department that exists",
    ),
    "working-week-9x9x9x9": (
        "UPDATE plan SET working_days = '9x9x9x9'",
        "working days '9x9x9x9' are not ISO weekday numbers",
    ),
    "title-blob": (
        "UPDATE plan SET title = x'89504e470d0a1a0a'",
        "plan 1: title a BLOB of 8 bytes is not text",
    ),
    "wish-title-1mb": (
        "UPDATE demand SET title = printf('%.*c', 1000000, 'x') WHERE id = 17",
        "title 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (1,000,000 characters) is longer "
        "than the 300 characters allowed",
    ),
}


def damage(path: Path, sql: str) -> None:
    """Write as a tool outside the app does: no foreign keys, CHECK constraints ignored."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.fixture(params=sorted(CASES), ids=sorted(CASES))
def damaged(request: pytest.FixtureRequest, sample_file: Path) -> tuple[Path, str]:
    sql, expected = CASES[request.param]
    damage(sample_file, sql)
    return sample_file, expected


def one_line_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 2, (argv, out, err)
    assert out == ""
    assert err.startswith("rollout-planner: ") and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_the_command_line_refuses_it(
    damaged: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, expected = damaged
    before = digest(path)
    pdf = tmp_path / "pack.pdf"
    export = ["export", str(path), "--pdf", str(pdf)]
    for argv in (["info", str(path)], ["check", str(path)], export):
        err = one_line_error(capsys, *argv)
        assert expected in err
        assert "rollout-planner repair" in err
    assert not pdf.exists()
    assert digest(path) == before


def test_the_command_line_repairs_it(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, expected = damaged
    before = digest(path)
    assert main(["repair", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    copy = path.with_name("sample (repaired).rollout")
    assert f"Wrote {copy}" in out and expected in out
    assert digest(path) == before
    assert main(["check", str(copy)]) in (0, 1)  # opens: its warnings are listed
    assert main(["info", str(copy)]) == 0
    out, _ = capsys.readouterr()
    assert "Repaired " in out and "from sample.rollout:" in out and expected in out


def test_the_repair_mends_by_the_stated_rules(sample_file: Path) -> None:
    for name in ("priority-urgent", "phase-start-0001", "wish-department-missing",
                 "wish-title-1mb", "working-week-9x9x9x9", "milestone-date-number"):
        damage(sample_file, CASES[name][0])
    assert main(["repair", str(sample_file)]) == 0
    store = PlanStore.open(sample_file.with_name("sample (repaired).rollout"))
    try:
        wish = store.get(Demand, 17)
        assert wish.priority == "should"  # the default
        assert len(wish.title) == 300  # cut
        assert wish.department_id == 999  # kept, with a placeholder department
        assert store.get(Department, 999).name == "Department 999 (recovered)"
        assert store.get(Phase, 1).start_date is None  # cleared
        assert store.plan.working_days == "12345"
        assert store.get(Milestone, 3).date == store.plan.start_date  # required: plan start
    finally:
        store.close()


def test_repair_never_overwrites_and_numbers_its_copies(sample_file: Path) -> None:
    damage(sample_file, CASES["status-bogus"][0])
    first = repaired_name(sample_file)
    assert main(["repair", str(sample_file)]) == 0
    assert first.is_file()
    assert repaired_name(sample_file).name == "sample (repaired 2).rollout"
    assert main(["repair", str(sample_file), "--out", str(first)]) == 2  # exists: refused


def test_repair_of_a_file_that_is_not_a_plan_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "notes.rollout"
    junk.write_text("shopping list")
    err = one_line_error(capsys, "repair", str(junk))
    assert "not a Rollout Planner plan" in err
    assert list(tmp_path.iterdir()) == [junk]


def test_a_repaired_copy_of_page_damage_keeps_what_can_be_read(sample_file: Path) -> None:
    data = bytearray(sample_file.read_bytes())
    page = 4096
    data[3 * page : 3 * page + 200] = bytes(200)  # a page's header and cell pointers gone
    sample_file.write_bytes(bytes(data))
    with pytest.raises(DamagedPlanFile) as refused:
        PlanStore.open(sample_file)
    assert refused.value.repairable
    assert main(["repair", str(sample_file)]) == 0
    store = PlanStore.open(sample_file.with_name("sample (repaired).rollout"))
    try:
        assert store.get(Plan, 1).title  # the plan row survived
    finally:
        store.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", ["info", "check", "export", "repair"])
def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "x.rollout"
    os.mkfifo(fifo)
    extra = ["--pdf", str(tmp_path / "x.pdf")] if command == "export" else []
    result = subprocess.run(
        [sys.executable, "-m", "app", command, str(fifo), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"rollout-planner: {fifo} is a named pipe (FIFO), not a plan file."
    )


def test_a_named_pipe_is_refused_by_the_store(tmp_path: Path) -> None:
    fifo = tmp_path / "x.rollout"
    os.mkfifo(fifo)
    with pytest.raises(NotAPlanFile, match="named pipe"):
        PlanStore.open(fifo)
