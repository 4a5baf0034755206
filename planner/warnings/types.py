"""What a warning is. The engine (planner/warnings/engine.py) produces these; the warnings
panel, the Gantt badges, the PDF pack and `rollout-planner check` show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from planner.commands import Command


class Severity(IntEnum):
    """Ordered: a higher value is worse."""

    INFO = 0
    WARNING = 1
    PROBLEM = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Subject:
    """What a warning is about. `kind` is a table name: "plan", "phase", "department",
    "demand"; `week` (a Monday) for time-based warnings."""

    kind: str
    id: int | None = None
    week: dt.date | None = None


@dataclass(frozen=True)
class Fix:
    """A named, reversible remedy. `make()` builds a fresh planner Command each time (a
    command object can be done only once)."""

    label: str
    make: Callable[[], Command] = field(compare=False, repr=False)


@dataclass(frozen=True)
class Warning:  # noqa: A001 - the domain's word
    code: str
    severity: Severity
    subject: Subject
    message: str
    principle: str
    fixes: tuple[Fix, ...] = ()
    dismissed_reason: str | None = None  # set when the user dismissed it; still reported

    @property
    def dismissed(self) -> bool:
        return self.dismissed_reason is not None
