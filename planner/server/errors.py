"""Errors of a plan on a server. Each message is written for the user, as everywhere."""

from __future__ import annotations

from planner.errors import CommandError, PlanFileError


class ServerError(PlanFileError):
    """The server or the plan on it cannot be used; nothing was changed."""


class BadServerAddress(ServerError):
    pass


class ConnectionLost(ServerError):
    """The connection dropped; the edit under way was not applied (the server rolled it
    back). The store reconnects and catches up; edits are refused until then."""


class EditConflict(CommandError):
    """Someone else changed a row this edit is based on; the edit was not applied."""
