"""Shared fixtures. Qt runs offscreen and never touches the user's real settings or files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    monkeypatch.setenv("ROLLOUT_PLANNER_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture(scope="session", autouse=True)
def _qt_test_mode(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Only if Qt is importable here; pure planner tests don't need it.
    try:
        from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
    except ImportError:  # pragma: no cover
        return
    QStandardPaths.setTestModeEnabled(True)
    # Test mode alone puts every run's settings in one ~/.qttest file, so two test runs on
    # one machine (CI beside a developer's run) cleared each other's recent files and window
    # state mid-test. Each run gets a settings folder of its own.
    settings_dir = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, settings_dir)
    QCoreApplication.setOrganizationName("Rollout Planner Tests")
    QCoreApplication.setApplicationName("Rollout Planner Tests")


@pytest.fixture
def store():
    """A blank plan in memory."""
    from planner.store import PlanStore

    s = PlanStore.in_memory()
    yield s
    s.close()


@pytest.fixture
def sample_store(sample_source):
    """The bundled CRM sample plan, in memory (a fresh copy per test)."""
    s = sample_source.copy_in_memory()
    yield s
    s.close()


@pytest.fixture(scope="session")
def sample_source():
    """The CRM sample plan in memory, built once; take `.copy_in_memory()` for a fresh plan
    (property tests make hundreds)."""
    from planner.store import PlanStore
    from planner.template import fill, template_data

    s = PlanStore.in_memory()
    fill(s, template_data("crm"))
    yield s
    s.close()


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    """The CRM sample plan as a file."""
    from planner.template import create_from_template

    path = tmp_path / "sample.rollout"
    create_from_template(path, "crm").close()
    return path


@pytest.fixture(autouse=True)
def _no_swallowed_view_errors(request: pytest.FixtureRequest):
    """ui/guard.py keeps exceptions from leaving Qt overrides (they would kill the app);
    pytest-qt would otherwise have failed the test on them, so fail it here. Tests that
    plant one on purpose are marked `guard_failures`."""
    import sys

    guard = sys.modules.get("ui.guard")
    if guard is not None:
        guard.take_failures()
    yield
    guard = sys.modules.get("ui.guard")
    if guard is None:
        return
    failures = guard.take_failures()
    if failures and request.node.get_closest_marker("guard_failures") is None:
        pytest.fail("an exception in a Qt override was caught by @guarded:\n" + failures[0])


# --- reviews (benefit checks): a fixed "today", so overdue checks do not depend on the day
# the suite runs. Before the sample plan's first go-live: nothing is overdue unless a test
# moves the day itself (monkeypatch planner.benefit.today).
BENEFIT_TODAY = __import__("datetime").date(2026, 9, 1)


@pytest.fixture(autouse=True)
def _benefit_today(monkeypatch) -> None:
    monkeypatch.setattr("planner.benefit.today", lambda: BENEFIT_TODAY)
