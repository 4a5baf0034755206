"""Start the desktop app: QApplication, the plan to open, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from planner.errors import PlanError

ORGANISATION = "Rollout Planner"
APPLICATION = "Rollout Planner"


def make_application(argv: list[str] | None = None):  # noqa: ANN201
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    return app


def apply_colours() -> None:
    """The colour scheme chosen in View → Colours; ROLLOUT_PLANNER_COLOURS=light|dark|system
    overrides it (for screenshots and for checking both schemes)."""
    import os

    from ui import settings, theme

    scheme = os.environ.get("ROLLOUT_PLANNER_COLOURS") or settings.get(settings.APPEARANCE)
    if scheme != "system":
        theme.apply_scheme(scheme)


def start_file(file: Path | None, sample: bool) -> Path:
    """The plan to open: the one named, else the most recent that still exists, else the
    sample plan."""
    from planner.sample import sample_plan_path

    if file is not None:
        return file
    if not sample:
        from ui.settings import recent_files

        for recent in recent_files():
            if recent.exists():
                return recent
    return sample_plan_path()


def run_gui(file: Path | None, *, sample: bool = False, workshop: bool = False) -> int:
    app = make_application()
    notice = start_diagnostics(app)
    apply_colours()
    path = start_file(file, sample)
    from ui.app_window import open_window

    try:
        window = open_window(path, workshop=workshop)
    except PlanError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APPLICATION, str(exc))
        print(f"rollout-planner: {exc}", file=sys.stderr)
        return 2
    if notice:
        window.error_bar.show_notice(notice)
    window.show()
    return app.exec()


def start_diagnostics(app) -> str:  # noqa: ANN001 - the QApplication
    """Crash trace and log in the data folder, and errors in views and slots to the log and
    the window's bar (ui/diagnostics.py, ui/guard.py). Returns the line to show when the
    last session crashed."""
    import atexit

    from ui import diagnostics, guard

    notice = diagnostics.start_session()
    guard.install_excepthook()
    app.aboutToQuit.connect(diagnostics.end_session)
    atexit.register(diagnostics.end_session)  # also when no window was ever opened
    return notice
