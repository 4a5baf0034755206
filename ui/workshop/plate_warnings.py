"""What the plate says out loud: the size of one phase's plate, what is on it, and the
phase's warnings in large plain words (too full, too long, too many departments).

Whether a warning is raised is the warnings engine's call (planner/warnings, through the
document's shared WarningsSource), so the plate, the warnings panel and the PDF agree and a
dismissed warning stays quiet here too; only the big words and the numbers are made here.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.i18n import _
from planner.load import usable_working_days
from planner.model import Phase
from planner.queries import duration_weeks
from planner.warnings.format import num, pd, weeks
from ui.document import PlanDocument

OVERLOADED = "phase-overloaded"
TOO_LONG = "phase-too-long"
TOO_MANY = "too-many-departments"
CODES = (OVERLOADED, TOO_LONG, TOO_MANY)


@dataclass(frozen=True)
class PlateNumbers:
    effort: float  # person-days on the plate
    capacity: float | None  # what the team delivers in the phase; None while undated
    weeks: float | None
    departments: int
    weeks_limit: float
    departments_limit: int
    team_capacity: float

    @property
    def overflow(self) -> float:
        return max(0.0, self.effort - self.capacity) if self.capacity is not None else 0.0

    @property
    def full_percent(self) -> int | None:
        if self.capacity is None or self.capacity <= 0:
            return None
        return round(100 * self.effort / self.capacity)


@dataclass(frozen=True)
class Spoken:
    code: str
    headline: str  # a few words, read from the back of the room
    detail: str  # one sentence why, with the numbers


def plate_numbers(document: PlanDocument, phase: Phase) -> PlateNumbers:
    plan = document.store.plan
    index = document.index
    length = duration_weeks(phase, usable_working_days(plan.working_days))
    team = max(0.0, plan.team_capacity or 0.0)
    return PlateNumbers(
        effort=index.effort(phase.id),
        capacity=None if length is None else team * length,
        weeks=length,
        departments=len(index.department_ids(phase.id)),
        weeks_limit=plan.weeks_to_value,
        departments_limit=plan.max_departments_per_phase,
        team_capacity=team,
    )


def raised_codes(document: PlanDocument, phase: Phase) -> set[str]:
    """The engine's open (not dismissed) plate warnings for the phase."""
    return {
        w.code
        for w in document.warnings.for_subject("phase", phase.id)
        if w.code in CODES and not w.dismissed
    }


def spoken_warnings(document: PlanDocument, phase: Phase) -> list[Spoken]:
    numbers = plate_numbers(document, phase)
    codes = raised_codes(document, phase)
    spoken: list[Spoken] = []
    if OVERLOADED in codes:
        capacity = numbers.capacity or 0.0
        spoken.append(
            Spoken(
                OVERLOADED,
                _("Too full: {pd} too much").format(pd=pd(numbers.overflow)),
                _(
                    "{effort} on a plate of {capacity} ({team_capacity} a week × {weeks}). Move "
                    "something to the next course."
                ).format(
                    effort=num(numbers.effort),
                    capacity=num(capacity),
                    team_capacity=num(numbers.team_capacity),
                    weeks=weeks(numbers.weeks or 0),
                ),
            )
        )
    if TOO_LONG in codes:
        spoken.append(
            Spoken(
                TOO_LONG,
                _("Too long: {weeks}").format(weeks=weeks(numbers.weeks or 0)),
                _("Users should feel a benefit within {weeks}. Split it in two.").format(
                    weeks=weeks(numbers.weeks_limit)
                ),
            )
        )
    if TOO_MANY in codes:
        spoken.append(
            Spoken(
                TOO_MANY,
                _("Too many departments: {departments}").format(departments=numbers.departments),
                _("One department first: at most {departments_limit} in a phase.").format(
                    departments_limit=numbers.departments_limit
                ),
            )
        )
    return spoken
