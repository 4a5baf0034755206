"""What makes a file a plan, checked from its bytes before SQLite is asked anything.

A `.rollout` file is an SQLite database (SQLite as an application file format) whose header
carries our `application_id` and whose `user_version` is the schema version. Reading the
100-byte header first lets us name the exact problem (not SQLite, another application's
database, truncated, from a newer version) without opening, and so without any chance of
modifying, a file that is not ours.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from planner.errors import DamagedPlanFile, NotAPlanFile, PlanFileMissing, PlanFileTooNew
from planner.i18n import _

SUFFIX = ".rollout"
# "ROLL" in ASCII; `file` and other tools can recognise a plan by it.
APPLICATION_ID = 0x524F4C4C
# Bump with every Alembic revision; planner/migrations/versions/ has one file per step.
SCHEMA_VERSION = 6
HEAD_REVISION = "0006"

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class FileFacts:
    path: Path
    size: int
    schema_version: int
    writable: bool
    read_only_reason: str
    hot_journal: bool


def _read_only_reason(path: Path, mode: int) -> str:
    # Root may write anywhere, so os.access alone would never call a file read-only in CI
    # or for an admin. A cleared owner-write bit is the user's own "don't change this".
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        # Translators: completes "This plan cannot be changed: {reason}."
        return _("the file is read-only")
    # The rollback journal is created beside the file, so its folder must be writable too.
    if not os.access(path.parent, os.W_OK | os.X_OK):
        # Translators: completes "This plan cannot be changed: {reason}."
        return _("its folder {folder} is read-only").format(folder=path.parent)
    return ""


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def inspect_file(path: Path) -> FileFacts:
    """Check that `path` holds a plan this version can read. Reads, never writes."""
    # stat, never open, first: opening a named pipe blocks until someone writes to it.
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise PlanFileMissing(_("There is no plan file at {path}.").format(path=path)) from None
    except OSError as exc:
        raise PlanFileMissing(
            _(
                "{path} cannot be read: {reason}."
            ).format(path=path, reason=exc.strerror or exc)
        ) from exc
    if stat.S_ISDIR(st.st_mode):
        raise NotAPlanFile(_("{path} is a folder, not a plan file.").format(path=path))
    if not stat.S_ISREG(st.st_mode):
        raise NotAPlanFile(
            _(
                "{path} is {what}, not a plan file."
            ).format(path=path, what=_file_kind(st.st_mode))
        )
    try:
        # Non-blocking too, in case the path was swapped for a pipe since the stat.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise NotAPlanFile(
                    _(
                        "{path} is not a regular file, not a plan file."
                    ).format(path=path)
                )
            header = fh.read(HEADER_SIZE)
    except PermissionError as exc:
        raise PlanFileMissing(
            _(
                "{path} cannot be read: permission denied."
            ).format(path=path)
        ) from exc
    except OSError as exc:
        raise PlanFileMissing(
            _(
                "{path} cannot be read: {reason}."
            ).format(path=path, reason=exc.strerror or exc)
        ) from exc

    name = path.name
    if st.st_size == 0:
        raise NotAPlanFile(
            _(
                "{name} is empty; it is not a Rollout Planner plan."
            ).format(name=name)
        )
    if not header.startswith(SQLITE_MAGIC):
        raise NotAPlanFile(
            _(
                "{name} is not a Rollout Planner plan (it is not an SQLite database at all)."
            ).format(name=name)
        )
    if len(header) < HEADER_SIZE:
        raise DamagedPlanFile(
            _(
                "{name} is damaged: the file is cut short ({st_size} bytes)."
            ).format(name=name, st_size=st.st_size)
        )

    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise NotAPlanFile(
            _(
                "{name} is an SQLite database of another application, not a Rollout Planner plan."
            ).format(name=name)
        )

    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise PlanFileTooNew(
            _(
                "{name} was saved by a newer version of Rollout Planner (plan format {version}); "
                "this version reads formats up to {supported}. Please update Rollout Planner."
            ).format(name=name, version=version, supported=SCHEMA_VERSION)
        )
    if version < 1:
        raise DamagedPlanFile(
            _(
                "{name} is damaged: it carries no plan format version."
            ).format(name=name)
        )

    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    journal = path.with_name(name + "-journal")
    hot = journal.exists() and journal.stat().st_size > 0
    # The in-header page count is only valid when the "version-valid-for" number matches the
    # change counter (SQLite file format §1.3.7); then the file must be at least that long.
    # Not with a hot journal: an edit killed midway may have written the new header but not
    # yet the pages; rolling the journal back on open restores both.
    if not hot and header[92:96] == header[24:28] and st.st_size < page_size * page_count:
        raise DamagedPlanFile(
            _(
                "{name} is damaged: it is cut short ({st_size} of {page_count} bytes)."
            ).format(name=name, st_size=st.st_size, page_count=page_size * page_count)
        )

    reason = _read_only_reason(path, st.st_mode)
    return FileFacts(path, st.st_size, version, not reason, reason, hot)
