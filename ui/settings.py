"""Settings, each declared once: key, type, default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_KEY = "files/recent"
MAX_RECENT = 10


def settings() -> QSettings:
    return QSettings()


def recent_files() -> list[Path]:
    value = settings().value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    return [Path(v) for v in value or []]


def add_recent_file(path: Path) -> None:
    paths = [str(path.resolve())] + [str(p) for p in recent_files() if p.resolve() != path.resolve()]
    settings().setValue(RECENT_KEY, paths[:MAX_RECENT])
