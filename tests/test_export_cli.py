"""`rollout-planner export FILE --pdf OUT.pdf [--paper a4|letter]`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from tests import pdf_helpers as pdf

ROOT = Path(__file__).resolve().parents[1]


def test_export_without_a_window(sample_file: Path, tmp_path: Path) -> None:
    # A real process with no display at all and no Qt platform chosen: the command must
    # pick the offscreen platform itself.
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "pack.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "app", "export", str(sample_file), "--pdf", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    pages = len(PdfReader(out).pages)
    assert f"({pages} pages)" in done.stdout
    assert "Fjordlys Elektro" in pdf.text(out, 1)
    assert round(PdfReader(out).pages[0].mediabox.width) == 595  # A4 by default


@pytest.mark.gui
def test_letter_paper(qapp, sample_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "pack.pdf"
    assert main(["export", str(sample_file), "--pdf", str(out), "--paper", "letter"]) == 0
    first = PdfReader(out).pages[0].mediabox
    assert (round(first.width), round(first.height)) == (612, 792)
    assert "Wrote" in capsys.readouterr().out


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


def test_missing_plan_is_exit_2_and_writes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "pack.pdf"
    assert main(["export", str(tmp_path / "nope.rollout"), "--pdf", str(out)]) == 2
    assert "nope.rollout" in _one_line_error(capsys)
    assert not out.exists()


def test_bad_paper_and_missing_pdf_option_are_usage_errors(sample_file: Path, capsys) -> None:
    assert main(["export", str(sample_file), "--pdf", "x.pdf", "--paper", "a3"]) == 2
    assert "a3" in _one_line_error(capsys)
    assert main(["export", str(sample_file)]) == 2
    assert "--pdf" in _one_line_error(capsys)


@pytest.mark.gui
def test_unwritable_target_is_exit_2(qapp, sample_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", str(sample_file), "--pdf", str(tmp_path / "no" / "x.pdf")]) == 2
    assert "does not exist" in _one_line_error(capsys)


def test_refuses_to_write_over_the_plan(sample_file: Path, capsys) -> None:
    before = sample_file.read_bytes()
    assert main(["export", str(sample_file), "--pdf", str(sample_file)]) == 2
    assert "overwrite the plan" in _one_line_error(capsys)
    assert sample_file.read_bytes() == before


@pytest.mark.gui
def test_a_failure_midway_leaves_the_old_pdf_alone(qapp, sample_file: Path, tmp_path: Path,
                                                   capsys, monkeypatch) -> None:
    from planner.report import Section
    from ui.pdf import writer
    from ui.pdf.options import ExportError

    out = tmp_path / "pack.pdf"
    out.write_bytes(b"%PDF- last month's pack")

    def full_disk(ctx):  # noqa: ANN001
        raise ExportError("Cannot write pack.pdf: No space left on device.")

    monkeypatch.setitem(writer.SECTION_BUILDERS, Section.BACKLOG, full_disk)
    assert main(["export", str(sample_file), "--pdf", str(out)]) == 2
    assert "No space left" in _one_line_error(capsys)
    assert out.read_bytes() == b"%PDF- last month's pack"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.pdf", "sample.rollout"]
