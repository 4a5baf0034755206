"""What the user chooses for a plan pack, and how an export can end without one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from planner.report import Section


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


@dataclass(frozen=True)
class ExportOptions:
    paper: Paper = Paper.A4
    sections: frozenset[Section] = field(default_factory=lambda: frozenset(Section))
    landscape_roadmap: bool = True  # the timeline reads better wide
    today: dt.date | None = None  # the pack's date; today when None
    baseline_id: int | None = None  # the changes section's baseline; the latest when None
    # The pack's language (a planner.i18n code) when it differs from the window's: "the
    # committee reads Swedish". None: the language in force.
    language: str | None = None


class ExportCancelled(Exception):
    """The user stopped the export; no file was written."""


class ExportError(Exception):
    """The pack could not be written (folder missing, disk full, …); one line for the user."""


# progress(done, total, what) -> False to cancel
Progress = Callable[[int, int, str], bool]


def no_progress(done: int, total: int, what: str) -> bool:
    return True
