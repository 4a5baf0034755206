"""The rules a single record must satisfy, checked before anything is written.

Each check raises `ValidationError(message, field)`; the message is shown to the user as it
is, next to the field it names. The database repeats the hardest rules as CHECK and foreign
key constraints, so a bug here still cannot put a bad row into a file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from planner.enums import (
    ActivityKind,
    BenefitResult,
    DemandKind,
    MilestoneKind,
    PhaseStatus,
    Priority,
)
from planner.errors import ValidationError
from planner.i18n import N_, _
from planner.i18n.formats import Local
from planner.model import (
    Base,
    Baseline,
    BenefitCheck,
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Dismissal,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
    Plan,
    Prerequisite,
)
from planner.propose.weights import MAX_WEIGHT, WEIGHT_COLUMNS

if TYPE_CHECKING:
    from planner.store import PlanStore

MAX_EFFORT = 10_000.0  # person-days in one demand; more is a typo, not a wish
MAX_CAPACITY = 10_000.0  # person-days per week
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EARLIEST = dt.date(1990, 1, 1)
_LATEST = dt.date(2200, 12, 31)
# The same window applies to rows read from a file (planner/integrity/rules.py).
EARLIEST_DATE, LATEST_DATE = _EARLIEST, _LATEST

ENUM_FIELDS: dict[tuple[type[Base], str], type[StrEnum]] = {
    (Phase, "status"): PhaseStatus,
    (Demand, "priority"): Priority,
    (Demand, "kind"): DemandKind,
    (ChangeActivity, "kind"): ActivityKind,
    (Milestone, "kind"): MilestoneKind,
    (BenefitCheck, "result"): BenefitResult,
}

# Plan thresholds: (lowest, highest, what it means). Zero or absurd values are refused with
# the range, so a warning can never be switched off by accident with a typo.
THRESHOLDS: dict[str, tuple[float, float, str]] = {
    "team_capacity": (0.5, 10_000, N_("person-days per week the project team delivers")),
    "weeks_to_value": (1, 52, N_("weeks before users must get something")),
    "max_departments_per_phase": (1, 50, N_("departments one phase may serve")),
    "field_creep_phase": (1, 1_000, N_("new data fields allowed in one phase")),
    "field_creep_plan": (1, 10_000, N_("new data fields allowed in the whole plan")),
    "scope_creep_percent": (1, 1_000, N_("per cent of effort growth since the baseline")),
}


def coerce(model: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    """Turn strings into enum members and ISO strings into dates; reject unknown columns."""
    columns = {c.key: c for c in model.__mapper__.column_attrs}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in columns:
            raise ValidationError(
                _(
                    "{model} has no field '{key}'."
                ).format(model=model.__name__, key=key),
                key,
            )
        enum_type = ENUM_FIELDS.get((model, key))
        if enum_type is not None and value is not None:
            try:
                value = enum_type(value)
            except ValueError:
                allowed = ", ".join(m.value for m in enum_type)
                raise ValidationError(
                    _(
                        "'{value}' is not a valid {key}; choose one of {allowed}."
                    ).format(value=value, key=key, allowed=allowed),
                    key
                ) from None
        python_type = columns[key].columns[0].type.python_type
        if python_type is dt.date and isinstance(value, str):
            value = parse_date(value, key)
        elif python_type is float and isinstance(value, int | str) and not isinstance(value, bool):
            value = _number(value, key)
        out[key] = value
    return out


def parse_date(text: str, field: str | None = None) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _(
                "'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-15."
            ).format(text=text),
            field
        ) from None


def _number(value: Any, field: str) -> float:
    try:
        number = float(str(value).replace(",", ".").strip())
    except ValueError:
        raise ValidationError(_("'{value}' is not a number.").format(value=value), field) from None
    return number


def _require_text(row: Base, field: str, what: str) -> None:
    value = getattr(row, field)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(_("{what} cannot be empty.").format(what=what), field)


def _require_range(value: Any, field: str, low: float, high: float, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValidationError(_("{what} must be a number.").format(what=what), field)
    if not low <= value <= high:
        raise ValidationError(
            _(
                "{what} must be between {low:g} and {high:g}, not {value:g}."
            ).format(what=what, low=Local(low), high=Local(high), value=Local(value)),
            field,
        )


def _require_date(value: Any, field: str, what: str, optional: bool = True) -> None:
    if value is None:
        if not optional:
            raise ValidationError(_("{what} needs a date.").format(what=what), field)
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(_("{what} must be a date.").format(what=what), field)
    if not _EARLIEST <= value <= _LATEST:
        raise ValidationError(
            _(
                "{value} is not a plausible date for {what}."
            ).format(value=value.isoformat(), what=what),
            field,
        )


def _require_ref(store: PlanStore, model: type[Base], row_id: Any, field: str, optional: bool):
    if row_id is None:
        if not optional:
            raise ValidationError(
                _(
                    "Choose a {kind}."
                ).format(kind=model.__tablename__.replace('_', ' ')),
                field,
            )
        return
    if store.find(model, row_id) is None:
        raise ValidationError(
            _(
                "There is no {kind} #{row_id}."
            ).format(kind=model.__tablename__.replace('_', ' '), row_id=row_id),
            field
        )


def _plan(store: PlanStore, row: Plan) -> None:
    _require_text(row, "title", _("The plan's title"))
    _require_date(row.start_date, "start_date", _("the plan's start"))
    _require_ref(store, Department, row.sponsor_department_id, "sponsor_department_id", True)
    days = row.working_days or ""
    if not days or any(c not in "1234567" for c in days) or len(set(days)) != len(days):
        raise ValidationError(
            _(
                "Working days are ISO weekday numbers without repeats, e.g. 12345 for Monday "
                "to Friday."
            ),
            "working_days",
        )
    for field, (low, high, what) in THRESHOLDS.items():
        _require_range(getattr(row, field), field, low, high, _(what).capitalize())
    for field, (label, _meaning) in WEIGHT_COLUMNS.items():
        what = _("The proposer's weight '{label}'").format(label=_(label))
        _require_range(getattr(row, field), field, 0, MAX_WEIGHT, what)


def _objective(store: PlanStore, row: Objective) -> None:
    _require_text(row, "title", _("An objective's title"))


def _department(store: PlanStore, row: Department) -> None:
    _require_text(row, "name", _("A department's name"))
    if not _COLOUR.match(row.colour or ""):
        raise ValidationError(
            _(
                "'{colour}' is not a colour like #1f77b4."
            ).format(colour=row.colour),
            "colour",
        )
    _require_range(row.capacity, "capacity", 0, MAX_CAPACITY, _("Capacity (person-days per week)"))
    name = row.name.strip().casefold()
    for other in store.rows(Department):
        if other.id != row.id and other.name.strip().casefold() == name:
            raise ValidationError(
                _(
                    "There is already a department called '{name}'."
                ).format(name=other.name),
                "name",
            )


def _phase(store: PlanStore, row: Phase) -> None:
    _require_text(row, "title", _("A phase's title"))
    _require_date(row.start_date, "start_date", _("the phase's start"))
    _require_date(row.end_date, "end_date", _("the phase's end"))
    if row.start_date and row.end_date and row.end_date < row.start_date:
        raise ValidationError(
            _(
                "Phase '{title}' would end ({end_date}) before it starts ({start_date})."
            ).format(title=row.title, end_date=row.end_date, start_date=row.start_date),
            "end_date",
        )


def _demand(store: PlanStore, row: Demand) -> None:
    _require_text(row, "title", _("A wish's title"))
    _require_range(row.effort, "effort", 0, MAX_EFFORT, _("Effort (person-days)"))
    _require_ref(store, Department, row.department_id, "department_id", False)
    _require_ref(store, Phase, row.phase_id, "phase_id", True)
    _require_ref(store, Objective, row.objective_id, "objective_id", True)
    if not isinstance(row.votes, int) or row.votes < 0:
        raise ValidationError(_("Votes cannot be negative."), "votes")


def _activity(store: PlanStore, row: ChangeActivity) -> None:
    _require_ref(store, Department, row.department_id, "department_id", False)
    _require_ref(store, Phase, row.phase_id, "phase_id", False)
    _require_date(row.date, "date", _("the activity"))


def _milestone(store: PlanStore, row: Milestone) -> None:
    _require_text(row, "title", _("A milestone's title"))
    _require_date(row.date, "date", _("the milestone"), optional=False)
    _require_ref(store, Phase, row.phase_id, "phase_id", True)


def _phase_objective(store: PlanStore, row: PhaseObjective) -> None:
    _require_ref(store, Phase, row.phase_id, "phase_id", False)
    _require_ref(store, Objective, row.objective_id, "objective_id", False)
    for other in store.rows(PhaseObjective):
        if other.id != row.id and (other.phase_id, other.objective_id) == (
            row.phase_id,
            row.objective_id,
        ):
            raise ValidationError(_("The phase already serves that objective."), "objective_id")


def _dependency(store: PlanStore, row: Dependency) -> None:
    _require_ref(store, Phase, row.predecessor_id, "predecessor_id", False)
    _require_ref(store, Phase, row.successor_id, "successor_id", False)
    if row.predecessor_id == row.successor_id:
        raise ValidationError(_("A phase cannot depend on itself."), "predecessor_id")
    edges: dict[int, set[int]] = {}
    for other in store.rows(Dependency):
        if other.id == row.id:
            continue
        if (other.predecessor_id, other.successor_id) == (row.predecessor_id, row.successor_id):
            raise ValidationError(_("That dependency exists already."), "predecessor_id")
        edges.setdefault(other.predecessor_id, set()).add(other.successor_id)
    if reaches(edges, row.successor_id, row.predecessor_id):
        before = store.get(Phase, row.predecessor_id).title
        after = store.get(Phase, row.successor_id).title
        raise ValidationError(
            _(
                "'{after}' cannot wait for '{before}': '{before}' already waits for '{after}' "
                "(the dependencies would go round in a circle)."
            ).format(after=after, before=before),
            "predecessor_id",
        )


def reaches(edges: dict[int, set[int]], start: int, goal: int) -> bool:
    """Whether `goal` can be reached from `start` along `edges` (for refusing circles)."""
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _prerequisite(store: PlanStore, row: Prerequisite) -> None:
    _require_ref(store, Demand, row.demand_id, "demand_id", False)
    _require_ref(store, Demand, row.needs_id, "needs_id", False)
    if row.demand_id == row.needs_id:
        raise ValidationError(_("A wish cannot need itself."), "needs_id")
    edges: dict[int, set[int]] = {}
    for other in store.rows(Prerequisite):
        if other.id == row.id:
            continue
        if (other.demand_id, other.needs_id) == (row.demand_id, row.needs_id):
            raise ValidationError(_("The wish already needs that one."), "needs_id")
        edges.setdefault(other.needs_id, set()).add(other.demand_id)
    # `needs` first, then `demand`: refused when `demand` already comes before `needs`.
    if reaches(edges, row.demand_id, row.needs_id):
        wish = store.get(Demand, row.demand_id).title
        needed = store.get(Demand, row.needs_id).title
        raise ValidationError(
            _(
                "'{wish}' cannot need '{needed}': '{needed}' already needs '{wish}' (the "
                "prerequisites would go round in a circle)."
            ).format(wish=wish, needed=needed),
            "needs_id",
        )


def _baseline(store: PlanStore, row: Baseline) -> None:
    _require_text(row, "name", _("A baseline's name"))


def _benefit_check(store: PlanStore, row: BenefitCheck) -> None:
    _require_ref(store, Phase, row.phase_id, "phase_id", False)
    _require_ref(store, Department, row.department_id, "department_id", False)
    _require_date(row.due_date, "due_date", _("the benefit check"))
    _require_date(row.checked_on, "checked_on", _("the benefit check's answer"))
    for other in store.rows(BenefitCheck):
        if other.id != row.id and (other.phase_id, other.department_id) == (
            row.phase_id,
            row.department_id,
        ):
            raise ValidationError(_("This department already has a benefit check for the phase."))


def _dismissal(store: PlanStore, row: Dismissal) -> None:
    _require_text(row, "code", _("A dismissal's warning code"))


VALIDATORS: dict[type[Base], Callable[[PlanStore, Any], None]] = {
    Plan: _plan,
    Objective: _objective,
    Department: _department,
    Phase: _phase,
    Demand: _demand,
    ChangeActivity: _activity,
    Milestone: _milestone,
    PhaseObjective: _phase_objective,
    Dependency: _dependency,
    Prerequisite: _prerequisite,
    Baseline: _baseline,
    Dismissal: _dismissal,
    BenefitCheck: _benefit_check,
}


def validate(store: PlanStore, row: Base) -> None:
    _require_lengths(row)
    VALIDATORS[type(row)](store, row)


def _require_lengths(row: Base) -> None:
    # The lengths the schema declares (String(n)); a file holding more is refused on open
    # (planner/integrity), so an edit must not write more either.
    for column in row.__table__.columns:
        length = getattr(column.type, "length", None)
        value = getattr(row, column.key, None)
        if length and isinstance(value, str) and len(value) > length:
            raise ValidationError(
                _(
                    "{field} can be at most {length} characters long, not {value:,}."
                ).format(
                    field=column.key.replace("_", " ").capitalize(), length=length,
                    value=len(value),
                ),
                column.key,
            )
