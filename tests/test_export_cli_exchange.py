"""`rollout-planner export PLAN (--xlsx|--csv|--mspdi|--ics) OUT [--table …]`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from app.cli import main


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


@pytest.mark.parametrize(
    "option, name, check",
    [
        ("--xlsx", "plan.xlsx", lambda p: openpyxl.load_workbook(p).sheetnames[0] == "Wishes"),
        ("--csv", "plan.csv", lambda p: p.read_text("utf-8-sig").startswith("ID,Title,")),
        ("--mspdi", "plan.xml", lambda p: b"schemas.microsoft.com/project" in p.read_bytes()),
        ("--ics", "plan.ics", lambda p: p.read_bytes().startswith(b"BEGIN:VCALENDAR")),
    ],
)
def test_each_format(sample_file: Path, tmp_path: Path, capsys, option, name, check) -> None:
    before = sample_file.read_bytes()
    out = tmp_path / name
    assert main(["export", str(sample_file), option, str(out)]) == 0
    assert check(out)
    assert f"Wrote {out}" in capsys.readouterr().out
    assert sample_file.read_bytes() == before  # exporting never touches the plan


def test_csv_table_choice_and_tsv(sample_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "phases.tsv"
    assert main(["export", str(sample_file), "--csv", str(out), "--table", "phases"]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline=""), delimiter="\t"))
    assert rows[0][:3] == ["#", "Title", "Goal"] and len(rows) == 8
    assert "phases, 7 rows" in capsys.readouterr().out
    out = tmp_path / "milestones.csv"
    assert main(["export", str(sample_file), "--csv", str(out), "--table", "milestones",
                 "--tab"]) == 0
    assert "\t" in out.read_text("utf-8-sig").splitlines()[0]


def test_xlsx_single_sheet_and_mspdi_without_backlog(sample_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "w.xlsx"
    assert main(["export", str(sample_file), "--xlsx", str(out), "--table", "warnings"]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Warnings"]
    xml = tmp_path / "p.xml"
    assert main(["export", str(sample_file), "--mspdi", str(xml), "--no-backlog"]) == 0
    assert b"Backlog (not scheduled)" not in xml.read_bytes()


def test_errors_are_one_line_and_exit_2(sample_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", str(sample_file), "--csv", "x.csv", "--table", "budget"]) == 2
    assert "budget" in _one_line_error(capsys)
    assert main(["export", str(sample_file), "--xlsx", "a.xlsx", "--csv", "b.csv"]) == 2
    assert "not allowed with" in _one_line_error(capsys)
    assert main(["export", str(sample_file), "--ics", str(tmp_path / "no" / "x.ics")]) == 2
    assert "does not exist" in _one_line_error(capsys)
    before = sample_file.read_bytes()
    assert main(["export", str(sample_file), "--xlsx", str(sample_file)]) == 2
    assert "overwrite the plan" in _one_line_error(capsys)
    assert sample_file.read_bytes() == before
