"""What the proposer maximises, as the plan's settings say (plan columns `weight_*`).

One source: the weights are read from the plan (`Weights.of`) wherever a proposal's value
is computed — the solver's objective, the explanations, the value-over-time curves — and
their defaults are the model's column defaults (planner/model.py), so a plan that never
changed them, and a format-5 file upgraded to format 6, proposes what it always did.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from planner.enums import Priority
from planner.i18n import N_

if TYPE_CHECKING:
    from planner.model import Demand, Plan

# Higher is refused on edit and in a file: beyond it one weight swamps every other.
MAX_WEIGHT = 1_000.0

# Plan column -> (label, what it does). The order is the Plan settings dialog's.
WEIGHT_COLUMNS: dict[str, tuple[str, str]] = {
    "weight_must": (
        N_("Must-have wish"),
        N_("Value of delivering one must-have wish; the sooner it lands, the more it counts."),
    ),
    "weight_should": (
        N_("Should-have wish"),
        N_("Value of delivering one should-have wish."),
    ),
    "weight_could": (
        N_("Could-have wish"),
        N_("Value of delivering one could-have wish. At 0 only its votes count."),
    ),
    "weight_vote": (
        N_("Per vote"),
        N_("Extra value of a wish for each vote it got in a workshop."),
    ),
    "weight_objective": (
        N_("Objective completed"),
        N_("Value of completing a business objective (all its must-have wishes delivered), "
           "times the objective's own value."),
    ),
    "weight_department": (
        N_("Penalty per department in a phase"),
        N_("Subtracted for each department a phase serves: higher keeps phases to one "
           "department."),
    ),
    "weight_phase": (
        N_("Penalty per phase"),
        N_("Subtracted for each phase: higher means fewer, fuller phases."),
    ),
}


@dataclass(frozen=True)
class Weights:
    """The proposer's weights (see core.py for the objective they enter)."""

    must: float
    should: float
    could: float
    vote: float
    objective: float
    department: float
    phase: float

    @classmethod
    def of(cls, plan: Plan) -> Weights:
        """The plan's weights; a value that is not a usable number (the file check refuses
        those on open) counts as its default rather than breaking a proposal."""
        defaults = cls.defaults()
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = getattr(plan, f"weight_{f.name}", None)
            usable = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
                and 0 <= value <= MAX_WEIGHT
            )
            values[f.name] = float(value) if usable else getattr(defaults, f.name)
        return cls(**values)

    @classmethod
    def defaults(cls) -> Weights:
        """The model's column defaults."""
        return cls(**default_values_by_field())

    def priority(self, priority: Priority) -> float:
        return {Priority.MUST: self.must, Priority.SHOULD: self.should}.get(priority, self.could)

    def wish_value(self, wish: Demand) -> float:
        """A wish's value before the discount for landing late: its priority and votes."""
        return self.priority(wish.priority) + self.vote * max(0, wish.votes)


def default_values() -> dict[str, float]:
    """Plan column -> its default (from the model)."""
    from planner.model import Plan

    columns = Plan.__table__.columns
    return {name: float(columns[name].default.arg) for name in WEIGHT_COLUMNS}


def default_values_by_field() -> dict[str, float]:
    return {name.removeprefix("weight_"): value for name, value in default_values().items()}
