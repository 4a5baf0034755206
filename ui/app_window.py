"""Open a plan file in a main window."""

from __future__ import annotations

from pathlib import Path

from planner.store import PlanStore
from ui.document import PlanDocument
from ui.main_window import MainWindow
from ui.settings import add_recent_file


def open_window(path: Path, *, workshop: bool = False) -> MainWindow:
    store = PlanStore.open(path)
    document = PlanDocument(store)
    add_recent_file(path)
    return MainWindow(document)
