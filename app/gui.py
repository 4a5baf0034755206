"""Start the desktop app: QApplication, the plan to open, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from planner.errors import DamagedPlanFile, PlanError
from planner.i18n import _

ORGANISATION = "Rollout Planner"
APPLICATION = "Rollout Planner"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def make_application(argv: list[str] | None = None):  # noqa: ANN201
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    # The desktop entry (packaging/desktop) whose icon and name Wayland shells show.
    app.setDesktopFileName("rollout-planner")
    app.setWindowIcon(application_icon())
    return app


def application_icon():  # noqa: ANN201
    """The app's icon in every size it was rendered in (tools/render_icons.py); Qt reads a
    file only when a size is asked for."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from resources import resource

    icon = QIcon()
    folder = resource("icons")
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"rollout-planner-{size}.png"), QSize(size, size))
    return icon


def apply_colours() -> None:
    """The colour scheme chosen in View → Colours; ROLLOUT_PLANNER_COLOURS=light|dark|system
    overrides it (for screenshots and for checking both schemes)."""
    import os

    from ui import settings, theme

    scheme = os.environ.get("ROLLOUT_PLANNER_COLOURS") or settings.get(settings.APPEARANCE)
    if scheme != "system":
        theme.apply_scheme(scheme)


def apply_language(app, code: str | None = None) -> str:  # noqa: ANN001 - the QApplication
    """Our catalogues and Qt's own, in `code` (--lang, for this start only), else the
    language chosen in View → Language, else the system's; before the first window is built."""
    from ui.i18n import install

    return install(app, code)


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


def no_display() -> bool:
    """Linux without X11 or Wayland (and no QT_QPA_PLATFORM such as offscreen): Qt would
    abort the process, so say so and exit instead."""
    if not sys.platform.startswith("linux"):
        return False
    from app.preflight import platform_plugins

    return platform_plugins(os.environ) is None


# The Qt-free modules the first window needs (SQLAlchemy and the domain), imported before
# PySide6: from its import on, PySide6's import hook reads the source of every module
# imported after it (to see whether it uses the __feature__ switches), which makes
# SQLAlchemy's ~300 modules about a fifth slower to import. Today the CLI's commands import
# the model before this runs (app/cli.py, _load_plugins), so the gain is the rest of the
# domain; this keeps the order when they no longer do. SQLite's dialect: the first engine's.
DOMAIN_MODULES = ("planner.store", "planner.queries", "planner.live_index", "planner.commands",
                  "planner.warnings.engine", "planner.warnings.fixes", "planner.baseline",
                  "planner.sample", "sqlalchemy.dialects.sqlite")


def import_domain() -> None:
    import importlib

    for name in DOMAIN_MODULES:
        importlib.import_module(name)


def run_gui(
    file: Path | str | None, *, sample: bool = False, workshop: bool = False,
    lang: str | None = None,
) -> int:
    if no_display():
        from app.preflight import NO_DISPLAY

        print(f"rollout-planner: {_(NO_DISPLAY)}", file=sys.stderr)
        return 2
    import_domain()
    app = make_application()
    notice = start_diagnostics(app)
    apply_colours()
    apply_language(app, lang)
    if isinstance(file, str):  # postgresql://…?plan=NAME
        from ui.server.menu import open_server_plan

        window = open_server_plan(None, file)
        return app.exec() if window is not None else 2
    path = start_file(file, sample)
    from ui.app_window import open_window

    try:
        window = open_window(path, workshop=workshop)
    except DamagedPlanFile as exc:
        if not exc.repairable:
            return _refused(exc)
        from ui.dialogs.damaged_plan import offer_repair

        repaired = offer_repair(None, path, exc)  # shown already when there is one
        return app.exec() if repaired is not None else _refused(exc, shown=True)
    except PlanError as exc:
        return _refused(exc)
    if notice:
        window.error_bar.show_notice(notice)
    quit_after = os.environ.get("ROLLOUT_PLANNER_QUIT_AFTER_MS", "")
    if quit_after.isdigit():
        quit_after_first_paint(window, int(quit_after))
    window.show()
    return app.exec()


def _refused(exc: PlanError, *, shown: bool = False) -> int:
    if not shown:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APPLICATION, str(exc))
    print(f"rollout-planner: {exc}", file=sys.stderr)
    return 2


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


def quit_after_first_paint(window, delay_ms: int) -> None:  # noqa: ANN001
    """Quit `delay_ms` after the window's first paint (ROLLOUT_PLANNER_QUIT_AFTER_MS: for the
    packaged app's tests and the start-up benchmark, which time a launch to a painted
    window)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

    from ui.guard import guarded

    class FirstPaint(QObject):
        @guarded(False)
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and self.parent() is not None:
                # Quit once this paint (the window and its children) is done.
                QTimer.singleShot(delay_ms, QCoreApplication.quit)
                window.removeEventFilter(self)
            return False

    window.installEventFilter(FirstPaint(window))
