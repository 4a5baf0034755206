"""How a rule is declared. A rule checks one subject (the plan, a phase, a department or a
wish) and returns its warnings (a plain list: cheaper than a generator when 10 000 wishes
are checked); declaring the scope lets the engine re-run only the rules whose
subject an edit touched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.warnings.types import Warning

if TYPE_CHECKING:
    from planner.warnings.facts import Facts

SCOPES = ("plan", "phase", "department", "demand")
Found = Sequence[Warning]
Check = Callable[["Facts", Any], Found]
NONE: Found = ()  # what a quiet rule returns: shared, nothing allocated per subject


@dataclass(frozen=True)
class Rule:
    code: str
    scope: str
    check: Check
    doc: str  # when it is raised, for the catalogue in README/--help


RULES: list[Rule] = []


def rule(code: str, scope: str) -> Callable[[Check], Check]:
    """Register `check` as the rule raising `code` for subjects of `scope`."""
    if scope not in SCOPES:
        # not translated: a programming error in a rule module, raised at import time
        raise ValueError(f"unknown scope {scope!r}")

    def register(check: Check) -> Check:
        RULES.append(Rule(code, scope, check, (check.__doc__ or "").strip()))
        return check

    return register
