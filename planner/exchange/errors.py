"""Errors of import and export; each message is written for the user."""

from __future__ import annotations

from planner.errors import PlanError


class ExchangeError(PlanError):
    """A file could not be imported or exported; the plan is unchanged."""
