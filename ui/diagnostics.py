"""A trace when the worst happens, in the user's data folder (ROLLOUT_PLANNER_DATA_DIR in
tests): `logs/rollout-planner.log` (rotating) for Python errors, and one
`logs/session-PID.crash` per running app, where `faulthandler` writes the stack if the process
dies of a signal. A clean exit deletes its empty crash file; one left behind by a process
that is gone means that session crashed (or was killed), and the next start says so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import logging
import logging.handlers
import os
from pathlib import Path
from typing import IO

from PySide6.QtCore import QLockFile

from planner.i18n import _

LOG_NAME = "rollout-planner.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
KEEP_CRASH_REPORTS = 5

log = logging.getLogger("rollout_planner")


def log_dir() -> Path:
    from planner.sample import data_dir

    return data_dir() / "logs"


def log_file() -> Path:
    return log_dir() / LOG_NAME


class Session:
    """This process's log handler, crash file and its lock (so another instance can tell
    a running session from a dead one)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.crash_path = folder / f"session-{os.getpid()}.crash"
        self.lock = QLockFile(str(self.crash_path) + ".lock")
        self.lock.setStaleLockTime(0)  # stale only when its process is gone
        self.lock.tryLock(0)
        self.crash_file: IO[str] | None = open(self.crash_path, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole session
        faulthandler.enable(self.crash_file, all_threads=True)
        self.handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        self.handler.setFormatter(
            logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
        )
        self.handler.setLevel(logging.WARNING)
        logging.getLogger().addHandler(self.handler)

    def end(self) -> None:
        """A clean exit: no crash to report next time."""
        logging.getLogger().removeHandler(self.handler)
        self.handler.close()
        if self.crash_file is not None:
            faulthandler.disable()
            self.crash_file.close()
            self.crash_file = None
            with contextlib.suppress(OSError):  # someone tidied the folder: nothing to do
                if self.crash_path.stat().st_size == 0:
                    self.crash_path.unlink()
        self.lock.unlock()


_session: Session | None = None


def start_session() -> str:
    """Start logging and crash tracing for this process. Returns one line to show when an
    earlier session crashed (empty when none did)."""
    global _session
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        notice = previous_crash(folder)
        if _session is None:
            _session = Session(folder)
    except OSError as exc:  # no trace rather than no app
        log.warning("No crash log in %s: %s", folder, exc)
        return ""
    return notice


def end_session() -> None:
    global _session
    if _session is not None:
        _session.end()
        _session = None


def previous_crash(folder: Path) -> str:
    """Look for crash files of sessions that are gone; keep those with a trace as
    crash-DATE-PID.log (the last few), drop the empty ones, and describe what was found."""
    found: list[Path] = []
    died = False
    for path in sorted(folder.glob("session-*.crash")):
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another instance, still running
        lock.unlock()
        died = True
        if path.stat().st_size > 0:
            stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
            kept = folder / f"crash-{stamp}-{path.stem.removeprefix('session-')}.log"
            path.replace(kept)
            found.append(kept)
        else:
            path.unlink(missing_ok=True)
    reports = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
    for old in reports[:-KEEP_CRASH_REPORTS]:
        old.unlink(missing_ok=True)
    if not died:
        return ""
    where = found[-1] if found else folder / LOG_NAME
    return _(
        "Rollout Planner stopped unexpectedly last time; what it left is in {where}. Your plan is "
        "intact: every edit was saved as it was made."
    ).format(where=where)
