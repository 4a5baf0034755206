"""What a warning is. The engine (planner/warnings/engine.py) produces these; the warnings
panel, the Gantt badges, the PDF pack and `rollout-planner check` show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from planner.commands import Command
from planner.i18n import N_, _

# A short name per code, for lists where the message is cut off ("Too many new data fields ·
# Phase 'Delivery and credit…'"). Codes not listed show as the code itself.
TITLES: dict[str, str] = {
    "phase-overloaded": N_("Phase overloaded"),
    "phase-too-long": N_("Too long before users get something"),
    "too-many-departments": N_("Too many departments in one phase"),
    "department-overloaded": N_("Department overloaded"),
    "no-objective": N_("Serves no business objective"),
    "no-sponsor": N_("No business sponsor"),
    "no-adoption": N_("No training or workshop"),
    "no-support": N_("No support contact"),
    "field-creep": N_("Too many new data fields"),
    "transaction-in-crm": N_("ERP transaction in the CRM"),
    "dependency-order": N_("Starts before what it waits for"),
    "prerequisite-later": N_("Planned before what it needs"),
    "empty-goal": N_("No user benefit stated"),
    "scope-creep": N_("Scope grew since the baseline"),
    "phase-undated": N_("Phase without dates"),
    "threshold-invalid": N_("Unusable settings"),
    "baseline-unreadable": N_("Baseline cannot be read"),
}


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

    @property
    def sort_key(self) -> tuple[str, int, dt.date]:
        return (self.kind, -1 if self.id is None else self.id, self.week or dt.date.min)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "week": self.week.isoformat() if self.week else None,
        }


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

    @property
    def title(self) -> str:
        """A short name for the kind of warning, e.g. 'Too many new data fields'."""
        title = TITLES.get(self.code)
        return _(title) if title else self.code

    @property
    def key(self) -> tuple[str, str, int | None, dt.date | None]:
        """What a dismissal matches: the code and the subject (numbers may change)."""
        return (self.code, self.subject.kind, self.subject.id, self.subject.week)

    @property
    def sort_key(self) -> tuple[int, str, tuple[str, int, dt.date]]:
        """The order every list of warnings is in: worst first, then code, then subject."""
        return (-int(self.severity), self.code, self.subject.sort_key)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the `check --json` output and the PDF use it)."""
        return {
            "code": self.code,
            "title": self.title,
            "severity": self.severity.label,
            "subject": self.subject.as_dict(),
            "message": self.message,
            "principle": self.principle,
            "fixes": [fix.label for fix in self.fixes],
            "dismissed_reason": self.dismissed_reason,
        }
