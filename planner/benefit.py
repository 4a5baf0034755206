"""Benefit checks: after a phase goes live, did each department it delivered to feel the
benefit its goal promised ("wow, it's already easier")?

Every phase with a go-live milestone has a check per department it delivers to. A check
exists as a row only once someone has edited it; until then it is shown with its defaults
(due: the go-live plus the plan's weeks-to-value; the question its goal implies), so no row
is ever written behind the command layer's back and a moved go-live moves the due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from planner.changes import Recorder, RowChange
from planner.commands.base import Command
from planner.commands.entities import change_row, new_row
from planner.enums import BenefitResult, MilestoneKind
from planner.i18n import SOURCE_LANGUAGE, _, language
from planner.model import BenefitCheck, ChangeActivity, Department, Milestone, Objective, Phase
from planner.store import PlanStore

_GO_LIVE = MilestoneKind.GO_LIVE
# Phase columns the benefit warnings read (not its dates: the go-live is a milestone).
_PHASE_COLUMNS = {"title", "goal", "position", "status"}


def today() -> dt.date:
    """The day overdue checks are measured against (tests replace it)."""
    return dt.date.today()


@dataclass(frozen=True)
class CheckView:
    """One benefit check as the views, the PDF and the warnings see it."""

    phase_id: int
    department_id: int
    row_id: int | None  # None: not edited yet, all defaults
    go_live: dt.date | None
    due_date: dt.date | None
    question: str
    result: BenefitResult
    note: str
    measured_value: str
    checked_on: dt.date | None
    measure: str  # the measure of the phase's objective, "" when it has none

    def overdue(self, on: dt.date) -> bool:
        return (
            self.result == BenefitResult.PENDING
            and self.due_date is not None
            and self.due_date < on
        )


def go_live_dates(milestones: Iterable[Milestone]) -> dict[int, dt.date]:
    """Each phase's earliest go-live milestone."""
    out: dict[int, dt.date] = {}
    for m in milestones:
        if m.kind != _GO_LIVE or m.phase_id is None:
            continue
        if m.phase_id not in out or m.date < out[m.phase_id]:
            out[m.phase_id] = m.date
    return out


_NOT_VERBS = {"which", "that", "who", "the", "a", "an", "their", "its", "and", "or", "in", "of"}
_SINGULAR = {"everybody", "everyone", "nobody", "somebody", "each", "every", "the", "our"}


def question_for(goal: str) -> str:
    """The question a phase's goal implies: "Sellers see X." -> "Do sellers see X?"."""
    text = " ".join((goal or "").split()).rstrip(". ")
    if not text:
        return _("Do its users feel the benefit the phase promised?")
    words = [w.strip(",;:").lower() for w in text.split(" ")]
    # "Sellers see …", "Service agents answer …": a plural subject and a verb without -s.
    plural = words[0] not in _SINGULAR and any(
        words[i].endswith("s")
        and not words[i + 1].endswith("s")
        and words[i + 1] not in _NOT_VERBS
        for i in range(min(2, len(words) - 1))
    )
    # Turning the goal itself into a question is English grammar; other languages ask
    # whether the goal holds.
    if plural and text[:1].isupper() and language() == SOURCE_LANGUAGE:
        return f"Do {text[:1].lower()}{text[1:]}?"
    return _("Is this true for its users now: “{goal}”?").format(goal=text)


def default_due(go_live: dt.date | None, weeks_to_value: int) -> dt.date | None:
    if go_live is None:
        return None
    try:
        return go_live + dt.timedelta(weeks=weeks_to_value)
    except OverflowError:  # a go-live at the end of the calendar: no date to check on
        return None


def collect(
    store: PlanStore,
    phases: Sequence[Phase],
    milestones: Iterable[Milestone],
    delivered_to: Callable[[int], Iterable[int]],
    *,
    department_id: int | None = None,
    measure_of: Callable[[int], str] | None = None,
) -> list[CheckView]:
    """The checks of the plan (or of one department), in plan order then by department.
    `delivered_to(phase_id)` names the departments a phase delivers to."""
    weeks = store.plan.weeks_to_value
    go_lives = go_live_dates(milestones)
    rows: dict[tuple[int, int], BenefitCheck] = {
        (r.phase_id, r.department_id): r
        for r in store.rows(BenefitCheck)
        if department_id is None or r.department_id == department_id
    }
    out: list[CheckView] = []
    for phase in phases:
        go_live = go_lives.get(phase.id)
        depts: list[int] = []
        if go_live is not None:
            depts = [d for d in delivered_to(phase.id)
                     if department_id is None or d == department_id]
        # Answers already given stay visible even if the phase no longer delivers there.
        depts += [d for (p, d) in rows if p == phase.id and d not in depts]
        if not depts:
            continue
        measure = measure_of(phase.id) if measure_of is not None else ""
        for dept in depts:
            out.append(view_of(phase, dept, go_live, weeks, rows.get((phase.id, dept)), measure))
    return out


def view_of(
    phase: Phase,
    dept: int,
    go_live: dt.date | None,
    weeks: int,
    row: BenefitCheck | None,
    measure: str,
) -> CheckView:
    """One check: the stored answer `row`, or the defaults when there is none yet."""
    if row is None:
        return CheckView(phase.id, dept, None, go_live, default_due(go_live, weeks),
                         question_for(phase.goal), BenefitResult.PENDING, "", "", None, measure)
    return CheckView(
        phase.id,
        dept,
        row.id,
        go_live,
        row.due_date if row.due_date is not None else default_due(go_live, weeks),
        row.question or question_for(phase.goal),
        BenefitResult(row.result),
        row.note or "",
        row.measured_value or "",
        row.checked_on,
        measure,
    )


def plan_checks(store: PlanStore) -> list[CheckView]:
    """Every check of the plan (views and the PDF; the warnings use their own index)."""
    from planner.queries import PlanIndex

    index = PlanIndex.build(store)

    def measure_of(phase_id: int) -> str:
        for objective_id in index.objectives_by_phase.get(phase_id, []):
            objective = store.find(Objective, objective_id)
            if objective is not None and (objective.measure or "").strip():
                return objective.measure.strip()
        return ""

    return collect(
        store, index.phases, index.milestones, index.department_ids, measure_of=measure_of
    )


class RecordBenefitCheck(Command):
    """Answer (or edit) one department's benefit check of a phase: creates the row the first
    time, updates it after. `values`: result, note, measured_value, due_date, question,
    checked_on. Answering without a date records today."""

    def __init__(self, phase_id: int, department_id: int, values: dict[str, Any]) -> None:
        super().__init__()
        self.phase_id = phase_id
        self.department_id = department_id
        self.values = dict(values)
        self.label = _("Record benefit check")

    def perform(self, rec: Recorder) -> None:
        store = rec.store
        phase = rec.get(Phase, self.phase_id)
        values = dict(self.values)
        answered = values.get("result") not in (None, BenefitResult.PENDING, "pending")
        if answered and "checked_on" not in values:
            values["checked_on"] = today()
        self.label = _("Record benefit check of '{title}'").format(title=phase.title)
        for row in store.rows(BenefitCheck):
            if (row.phase_id, row.department_id) == (self.phase_id, self.department_id):
                change_row(rec, row, values)
                return
        new_row(rec, BenefitCheck, {
            "phase_id": self.phase_id,
            "department_id": self.department_id,
            **values,
        })


def departments_touched(
    store: PlanStore, by_model: Mapping[type, Sequence[RowChange]]
) -> set[int]:
    """The departments whose benefit warnings an edit may change (the warnings' facts also
    re-check the department of every changed wish)."""
    everyone = Milestone in by_model or any(
        change.before is None
        or change.after is None
        or bool(_PHASE_COLUMNS & (set(change.before) | set(change.after)))
        for change in by_model.get(Phase, ())
    )
    if everyone:
        return {d.id for d in store.rows(Department)}
    out: set[int] = set()
    for model in (BenefitCheck, ChangeActivity):
        for change in by_model.get(model, ()):
            for values in (change.before, change.after):
                if values and values.get("department_id") is not None:
                    out.add(values["department_id"])
            row = store.find(model, change.row_id)
            if row is not None:
                out.add(row.department_id)
    return out
