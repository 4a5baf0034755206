"""A bug planted in the overrides of several views at once (the outline's and the tables'
cells, the Gantt's bars) leaves the app running: the bar says so, the log has the
traceback. Without the guard the same child dies of a segmentation fault, and the next start
says that the last session crashed and where its trace is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.diagnostics import LOG_NAME, previous_crash

pytestmark = [pytest.mark.gui, pytest.mark.slow]

CHILD = Path(__file__).with_name("guard_child.py")
ROOT = Path(__file__).resolve().parents[1]


def run_child(data_dir: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ROLLOUT_PLANNER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(CHILD), *flags],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=180,
    )


def test_a_planted_bug_in_two_views_leaves_the_app_running(tmp_path: Path) -> None:
    result = run_child(tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "bar visible: True" in result.stdout
    assert "bar text: Something went wrong" in result.stdout
    assert "Your plan is safe: every edit is already saved." in result.stdout
    assert "modal: False" in result.stdout
    log = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    for planted in (
        "OutlineModel.multiData", "RecordTableModel.multiData", "MarkItem.paint", "a slot"
    ):
        assert f"RuntimeError: planted bug in {planted}" in log
    assert "Traceback (most recent call last)" in log
    # Each place is logged once, however many cells and frames it failed in.
    assert log.count("planted bug in RecordTableModel.multiData") == 1
    # A clean exit leaves no crash trace behind, so the next start says nothing.
    assert list((tmp_path / "logs").glob("session-*.crash")) == []
    assert previous_crash(tmp_path / "logs") == ""


def test_without_the_guard_the_same_bug_is_a_segfault(tmp_path: Path) -> None:
    result = run_child(tmp_path, "--unguarded")
    # PySide6 6.8–6.11: killed by a signal (SIGSEGV). Should a later PySide6 survive this,
    # the guard is no longer what keeps the app alive, and this test says so.
    assert result.returncode < 0, f"the unguarded child survived: {result.stdout}"
    # Known gap (closing note of issue 10): since the merge of the other views this crash
    # comes in Qt's teardown after the event loop has ended and the session's crash trace
    # is closed, so the next start cannot say so. test_diagnostics covers the notice for a
    # crash during the session.
