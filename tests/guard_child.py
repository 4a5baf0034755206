"""Child process for test_guard_planted.py: the main window over the sample plan with a bug
planted in the overrides of several views at once — the outline's and the tables' cells
(painted side by side), then the Gantt's bars — and in a slot, as the app starts it (crash
log, rotating log, excepthook). Prints what the window shows and exits 0 if it got through.

`--unguarded` first turns ui/guard.py's decorator into a no-op, to show what the guard is for:
then PySide6 dies of a segmentation fault.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ui.guard  # noqa: E402

if "--unguarded" in sys.argv:
    ui.guard.guarded = lambda fallback=None: (lambda func: func)  # type: ignore[assignment]

PLANTED = "planted bug in"


def plant(cls: type, name: str) -> None:
    """Replace `cls.name` with a body that raises, decorated as the class decorates it."""

    def broken(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise RuntimeError(f"{PLANTED} {cls.__name__}.{name}")

    broken.__name__ = broken.__qualname__ = name
    broken.__module__ = cls.__module__
    setattr(cls, name, ui.guard.guarded()(broken))


def main() -> int:
    from PySide6.QtCore import QStandardPaths, QTimer

    from app.gui import make_application, start_diagnostics

    QStandardPaths.setTestModeEnabled(True)  # never the user's real settings
    app = make_application(["guard_child"])
    start_diagnostics(app)
    QTimer.singleShot(0, lambda: run(app))
    return app.exec()  # as the app runs: its clean exit ends the crash trace


def run(app) -> None:  # noqa: ANN001
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from planner.store import PlanStore
    from planner.template import fill, template_data
    from ui.app_window import window_for_store
    from ui.gantt.scene import MarkItem
    from ui.models.record_table_model import RecordTableModel
    from ui.outline.outline_model import OutlineModel

    for cls, name in (
        (OutlineModel, "multiData"),
        (OutlineModel, "data"),
        (RecordTableModel, "multiData"),
        (RecordTableModel, "data"),
        (MarkItem, "paint"),
    ):
        plant(cls, name)

    store = PlanStore.in_memory()
    fill(store, template_data("crm"))
    window = window_for_store(store)
    window.resize(1400, 900)
    window.show()

    def spin(ms: int) -> None:
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < ms:
            app.processEvents()

    window.show_view(window.pages["demand"])
    spin(800)  # the outline and the wishes table paint their cells
    window.show_view(window.gantt_tab)
    spin(800)  # the Gantt is built and paints its bars

    def broken_slot() -> None:
        raise RuntimeError(f"{PLANTED} a slot")

    window.document.changed.connect(broken_slot)  # a slot, covered by the excepthook
    window.document.changed.emit([])
    window.repaint()
    spin(300)
    bar = window.error_bar
    print(f"bar visible: {bar.isVisible()}")
    print(f"bar text: {bar.message.text()}")
    print(f"failures: {ui.guard.failure_count()}")
    print(f"modal: {QApplication.activeModalWidget() is not None}")
    sys.stdout.flush()
    window.close()
    app.quit()


if __name__ == "__main__":
    sys.exit(main())
