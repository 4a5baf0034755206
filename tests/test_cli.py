"""The command line: new, info, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_new_from_template_then_info(tmp_path: Path, capsys) -> None:
    path = tmp_path / "plan.rollout"
    assert main(["new", str(path), "--template", "crm"]) == 0
    assert path.exists()
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Fjordlys" in out and "Phases (7)" in out and "Sales, Management" in out
    assert "2026-10-26 → 2026-11-27" in out


def test_new_blank_adds_suffix_and_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    assert main(["new", str(tmp_path / "blank")]) == 0
    assert (tmp_path / "blank.rollout").exists()
    assert main(["new", str(tmp_path / "blank.rollout")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already exists" in err[0]


def test_info_json_lists(sample_file: Path, capsys) -> None:
    assert main(["info", str(sample_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("phases", "departments", "demands", "objectives", "milestones"):
        assert isinstance(data[key], list) and data[key], key
        field = "name" if key == "departments" else "title"
        assert all("id" in item and item[field] for item in data[key])
    assert len(data["demands"]) == 73
    assert data["phases"][0]["departments"] == ["Sales"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["info"], "required: file"),
        (["info", "/no/such/plan.rollout"], "no plan file"),
        (["new", "x.rollout", "--template", "erp"], "invalid choice"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_errors_are_one_line_exit_2(args: list[str], words: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0] and "Traceback" not in result.stderr


def test_info_on_a_file_that_is_not_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "cv.rollout"
    path.write_text("not a plan")
    result = run("info", str(path))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "rollout-planner: cv.rollout is not a Rollout Planner plan "
        "(it is not an SQLite database at all)."
    )


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "new (create a plan)" in result.stdout and "info" in result.stdout
