"""Settings, each declared once: key, type, default. Everything else is derived.

QSettings lives where Qt puts it for the organisation/application names set in app/gui.py;
tests switch QStandardPaths to test mode so they never touch the user's real settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str = ""


RECENT_FILES = Setting("files/recent", list, [], "Recently opened plans")
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "Main window geometry")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(), "Docks and toolbars")
OUTLINE_SPLIT = Setting("window/outline_header", QByteArray, QByteArray(), "Outline columns")
APPEARANCE = Setting("appearance/scheme", str, "system", "Colours: system, light or dark")
LAST_FOLDER = Setting("files/last_folder", str, "", "Folder of the last file dialog")
CURRENT_VIEW = Setting("window/current_view", str, "", "The view shown last")
# A code of planner.i18n.LANGUAGES (or "pseudo"); empty: follow the system's language.
LANGUAGE = Setting("ui/language", str, "", "Language of the window")

MAX_RECENT = 10
# Kept for callers that used the bare key before settings were declared.
RECENT_KEY = RECENT_FILES.key


def settings() -> QSettings:
    return QSettings()


def get(setting: Setting) -> Any:
    value = settings().value(setting.key, setting.default)
    if setting.type is list:
        if value is None:
            return []
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            return [value]
        return list(value)
    if setting.type is QByteArray:
        return value if isinstance(value, QByteArray) else QByteArray()
    if not isinstance(value, setting.type):
        try:
            return setting.type(value)
        except (TypeError, ValueError):
            return setting.default
    return value


def put(setting: Setting, value: Any) -> None:
    settings().setValue(setting.key, value)


def get_state(name: str) -> QByteArray:
    """A widget's saved state (header, splitter) under window/parts/NAME."""
    value = settings().value(f"window/parts/{name}")
    return value if isinstance(value, QByteArray) else QByteArray()


def put_state(name: str, state: QByteArray) -> None:
    settings().setValue(f"window/parts/{name}", state)


def _is_url(value: str) -> bool:
    return "://" in value  # a plan on a server, kept as its URL without any password


def recent_locations() -> list[Path | str]:
    """Recent plans: files as Paths, plans on a server as their URL (never a password)."""
    return [v if _is_url(v) else Path(v) for v in get(RECENT_FILES) if v]


def recent_files() -> list[Path]:
    return [p for p in recent_locations() if isinstance(p, Path)]


def add_recent_file(path: Path) -> None:
    path = Path(path).resolve()
    others = [v for v in get(RECENT_FILES) if v and (_is_url(v) or Path(v).resolve() != path)]
    put(RECENT_FILES, [str(path), *others][:MAX_RECENT])


def add_recent_location(url: str) -> None:
    """`url` must be the display form (planner.server.address: no password in it)."""
    put(RECENT_FILES, [url, *[v for v in get(RECENT_FILES) if v and v != url]][:MAX_RECENT])


def remove_recent_file(path: Path | str) -> None:
    if isinstance(path, str) and _is_url(path):
        put(RECENT_FILES, [v for v in get(RECENT_FILES) if v and v != path])
        return
    path = Path(path).resolve()
    put(
        RECENT_FILES,
        [v for v in get(RECENT_FILES) if v and (_is_url(v) or Path(v).resolve() != path)],
    )


def clear_recent_files() -> None:
    put(RECENT_FILES, [])
