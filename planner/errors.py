"""Errors the planner raises. Each carries a message written for the user; the UI and the
command line show it as it is."""

from __future__ import annotations


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
    pass


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
