"""Every rule, registered on import. One module per theme; `RULES` lists them all."""

from planner.warnings.rules import (
    adoption,
    benefit,  # after a go-live: was the benefit felt?
    capacity,
    pacing,
    prerequisites,
    purpose,
    scope,
    settings,
)
from planner.warnings.rules.registry import RULES, SCOPES, Rule

__all__ = [
    "RULES",
    "SCOPES",
    "Rule",
    "adoption",
    "benefit",
    "capacity",
    "pacing",
    "prerequisites",
    "purpose",
    "scope",
    "settings",
]
