"""ui/diagnostics.py: the crash trace and the log live in the data folder (a temporary one in
tests), and the start after a crash says so once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from ui import diagnostics

pytest_plugins = ("ui_fixtures",)
pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import faulthandler, logging, sys
from ui import diagnostics
print(diagnostics.start_session(), flush=True)
logging.getLogger("rollout_planner.test").error("an error worth keeping")
if sys.argv[1] == "crash":
    faulthandler._sigsegv()
diagnostics.end_session()
"""


def run(data_dir: Path, how: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ROLLOUT_PLANNER_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-c", CHILD, how], capture_output=True, text=True, cwd=ROOT, env=env,
        timeout=60,
    )


def test_the_log_folder_is_in_the_data_folder(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ROLLOUT_PLANNER_DATA_DIR", str(tmp_path))
    assert diagnostics.log_dir() == tmp_path / "logs"
    assert diagnostics.log_file() == tmp_path / "logs" / "rollout-planner.log"


def test_a_clean_session_leaves_its_log_and_no_crash(tmp_path: Path) -> None:
    first = run(tmp_path, "clean")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == ""
    logs = tmp_path / "logs"
    assert "an error worth keeping" in (logs / "rollout-planner.log").read_text()
    assert list(logs.glob("*.crash")) == []
    second = run(tmp_path, "clean")
    assert second.stdout.strip() == ""  # nothing to report


def test_the_start_after_a_crash_says_so_once_and_names_the_trace(tmp_path: Path) -> None:
    crashed = run(tmp_path, "crash")
    assert crashed.returncode < 0  # killed by SIGSEGV
    after = run(tmp_path, "clean")
    notice = after.stdout.strip()
    assert notice.startswith("Rollout Planner stopped unexpectedly last time")
    assert "Your plan is intact" in notice
    (report,) = (tmp_path / "logs").glob("crash-*.log")
    assert str(report) in notice
    trace = report.read_text()
    assert "Fatal Python error: Segmentation fault" in trace
    assert "<string>" in trace  # the Python stack of the crash
    assert run(tmp_path, "clean").stdout.strip() == ""


def test_a_session_that_is_still_running_is_not_a_crash(tmp_path: Path) -> None:
    crash = tmp_path / "session-12345.crash"
    crash.write_text("")
    lock = QLockFile(str(crash) + ".lock")  # held by this (live) process
    assert lock.tryLock(0)
    try:
        assert diagnostics.previous_crash(tmp_path) == ""
        assert crash.exists()
    finally:
        lock.unlock()


def test_a_killed_session_without_a_trace_names_the_log(tmp_path: Path) -> None:
    (tmp_path / "session-99999999.crash").write_text("")  # SIGKILL or power loss: no trace
    notice = diagnostics.previous_crash(tmp_path)
    assert str(tmp_path / "rollout-planner.log") in notice
    assert list(tmp_path.glob("*.crash")) == []


def test_only_the_last_crash_reports_are_kept(tmp_path: Path) -> None:
    for n in range(8):
        old = tmp_path / f"crash-2026010{n}-000000-{n}.log"
        old.write_text("old")
        os.utime(old, (1_700_000_000 + n, 1_700_000_000 + n))
    diagnostics.previous_crash(tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("crash-*.log"))
    assert len(kept) == diagnostics.KEEP_CRASH_REPORTS
    assert kept[0].endswith("-3.log")


def test_the_notice_shows_in_the_window(window) -> None:  # noqa: ANN001
    window.error_bar.show_notice("Rollout Planner stopped unexpectedly last time.")
    assert window.error_bar.isVisible()
    assert not window.error_bar.details_button.isVisible()  # nothing more to show
    assert window.error_bar.log_button.isVisible()



def test_a_start_that_opens_no_window_is_no_crash(tmp_path: Path) -> None:
    # The file cannot be opened: the app says so and exits 2, without its event loop.
    script = (
        "import sys\n"
        "from PySide6.QtCore import QStandardPaths\n"
        "QStandardPaths.setTestModeEnabled(True)\n"
        "from PySide6.QtWidgets import QMessageBox\n"
        "QMessageBox.critical = lambda *args: None\n"
        "from app.gui import run_gui\n"
        "sys.exit(run_gui(__import__('pathlib').Path(sys.argv[1])))\n"
    )
    missing = tmp_path / "missing.rollout"
    env = dict(os.environ, ROLLOUT_PLANNER_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script, str(missing)], capture_output=True, text=True,
        cwd=ROOT, env=env, timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert list((tmp_path / "logs").glob("*.crash")) == []
    assert diagnostics.previous_crash(tmp_path / "logs") == ""
