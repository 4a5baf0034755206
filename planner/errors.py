"""Errors the planner raises. Each carries a message written for the user; the UI and the
command line show it as it is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class PlanError(Exception):
    """Base of every error the planner raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- the plan file -------------------------------------------------------------------------


class PlanFileError(PlanError):
    """The file cannot be used as a plan. The file has not been modified."""


class PlanFileMissing(PlanFileError):
    pass


class NotAPlanFile(PlanFileError):
    """Not SQLite at all, or SQLite from another application."""


class DamagedPlanFile(PlanFileError):
    """The file is a plan, but damaged: broken pages, or rows that break the plan's rules.

    `problems` lists each broken value found in the rows (planner/integrity/problems.py's
    `Problem`: table, record, field, value, what is wrong and how a repair mends it); it is
    empty when the damage is below the rows (SQLite pages). `repairable` says whether
    planner/repair.py can write a mended copy."""

    def __init__(
        self, message: str, problems: Sequence[Any] = (), *, repairable: bool = False
    ) -> None:
        super().__init__(message)
        self.problems: list[Any] = list(problems)
        self.repairable = repairable


class PlanFileTooNew(PlanFileError):
    pass


class PlanFileReadOnly(PlanFileError):
    """Raised when trying to edit a plan that was opened read-only."""


# --- commands ------------------------------------------------------------------------------


class CommandError(PlanError):
    """A command could not apply; the plan is unchanged."""


class ValidationError(CommandError):
    """A value breaks a rule of the domain. `field` names the attribute at fault so a form
    can show the message next to it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(CommandError):
    pass
