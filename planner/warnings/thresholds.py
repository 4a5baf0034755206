"""The warning thresholds of a plan, read once per evaluation and made safe to compute with.

Validation (planner/validation.py THRESHOLDS) refuses zero, negative and absurd values on
every edit, but a file written by another tool or an older version may still hold one. The
engine never divides by such a value: it uses the default instead and says so with a
`threshold-invalid` warning, so a typo can never silently switch a warning off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.load import usable_working_days
from planner.model import Plan
from planner.validation import THRESHOLDS


def default(field: str) -> float:
    return Plan.__table__.columns[field].default.arg  # type: ignore[union-attr]


@dataclass(frozen=True)
class Invalid:
    field: str
    value: object
    used: object  # what the engine uses instead


@dataclass(frozen=True)
class Thresholds:
    team_capacity: float
    weeks_to_value: float
    max_departments_per_phase: int
    field_creep_phase: int
    field_creep_plan: int
    scope_creep_percent: float
    working_days: str = "12345"
    invalid: tuple[Invalid, ...] = ()

    @classmethod
    def of(cls, plan: Plan) -> Thresholds:
        values: dict[str, float] = {}
        invalid: list[Invalid] = []
        for field, (low, high, _) in THRESHOLDS.items():
            value = getattr(plan, field, None)
            ok = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
                and low <= value <= high
            )
            if ok:
                values[field] = float(value)  # type: ignore[arg-type]
            else:
                values[field] = float(default(field))
                invalid.append(Invalid(field, value, values[field]))
        working_days = usable_working_days(plan.working_days)
        if working_days != plan.working_days:
            invalid.append(Invalid("working_days", plan.working_days, 0))
        return cls(
            team_capacity=values["team_capacity"],
            weeks_to_value=values["weeks_to_value"],
            max_departments_per_phase=int(values["max_departments_per_phase"]),
            field_creep_phase=int(values["field_creep_phase"]),
            field_creep_plan=int(values["field_creep_plan"]),
            scope_creep_percent=values["scope_creep_percent"],
            working_days=working_days,
            invalid=tuple(invalid),
        )

