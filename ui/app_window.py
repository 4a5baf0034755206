"""Plans into windows: one window per open plan, a lock file beside the plan so that a second
instance opens it read-only instead of both writing to it, and the views other modules plug in.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.i18n import _
from planner.store import PlanStore
from ui import memory
from ui.document import PlanDocument
from ui.main_window import MainWindow
from ui.settings import add_recent_file

# Modules that add views or actions to every window: each may define install(window).
EXTENSION_MODULES = ("ui.gantt", "ui.workshop", "ui.pdf", "ui.reviews", "ui.server")

_windows: list[MainWindow] = []


def open_windows() -> list[MainWindow]:
    return list(_windows)


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def acquire_lock(path: Path) -> tuple[QLockFile | None, str]:
    """Lock `path` for this process. Returns (lock, "") or (None, who holds it). A folder we
    cannot write to gives (None, ""): the store then opens the file read-only by itself."""
    lock = QLockFile(str(lock_path(path)))
    # Only a dead owner makes a lock stale, never its age: a plan stays open for hours.
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock, ""
    if lock.error() == QLockFile.LockError.LockFailedError:
        info = lock.getLockInfo()  # PySide6 gives (pid, host, app), without C++'s bool
        pid, host = (
            (info[-3], info[-2]) if isinstance(info, tuple) and len(info) >= 3 else ("?", "")
        )
        where = f"process {pid}" + (f" on {host}" if host else "")
        return None, _("{name} is open in another Rollout Planner window ({where})").format(
            name=path.name, where=where
        )
    return None, ""


def window_for(path: Path) -> MainWindow | None:
    for window in _windows:
        own = window.document.store.path
        if own is not None and own.resolve() == path.resolve():
            return window
    return None


def open_window(
    path: Path | str, *, workshop: bool = False, parent: QWidget | None = None
) -> MainWindow:
    """Open `path` in a new window (or bring up the window that has it). Raises PlanError
    with the store's message when the file cannot be opened."""
    path = Path(path).resolve()
    existing = window_for(path)
    if existing is not None:
        existing.raise_()
        existing.activateWindow()
        return existing
    lock, held_by = acquire_lock(path)
    with memory.opening_a_plan():
        try:
            store = PlanStore.open(path, read_only=bool(held_by))
        except BaseException:
            if lock is not None:
                lock.unlock()
            raise
        window = window_for_store(store, lock)
    memory.collect_after(window)
    if held_by:
        QMessageBox.information(
            parent,
            _("Opened read-only"),
            _(
                "{held_by}.\n\nIt opens here read-only so that the two do not overwrite each "
                "other's edits. Use File → Save As to continue in a copy of your own."
            ).format(held_by=held_by),
        )
    add_recent_file(path)
    if workshop:
        start_workshop(window)
    return window


def window_for_store(store: PlanStore, lock: QLockFile | None = None) -> MainWindow:
    """A new main window over an already open store (used by open_window and by tests)."""
    document = PlanDocument(store)
    window = MainWindow(document)
    # Owned by its window: deleted with it, which drops the connections that views made to
    # the document's signals (lambdas holding the window) and frees the plan's rows.
    document.setParent(window)
    window.lock = lock
    install_extensions(window)
    window.restore_state()
    _windows.append(window)
    window.closed.connect(lambda w=window: _windows.remove(w) if w in _windows else None)
    return window


def install_extensions(window: MainWindow) -> None:
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue  # that view is not part of this build
            raise
        install = getattr(module, "install", None)
        if install is not None:
            install(window)


def start_workshop(window: MainWindow) -> None:
    """Trigger the View menu's workshop-mode action, if a module added one."""
    for action in window.view_menu.actions():
        if action.text().replace("&", "").lower().startswith("workshop"):
            action.trigger()
            return
