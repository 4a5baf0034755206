"""A small plan builder for the warnings tests (imported by the other test_warnings_*
modules), and tests that it builds what it says.

By default every record it makes is healthy — a sponsor, goals, objectives, trainings and
support contacts — so a test adds exactly the one mistake it is about.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.commands import Command, CreateRow, UndoHistory, UpdateRow
from planner.enums import ActivityKind
from planner.model import (
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
    Plan,
)
from planner.store import PlanStore
from planner.warnings import Severity, Warning, evaluate

MONDAY = dt.date(2027, 1, 4)
_KEEP = object()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Builder:
    def __init__(self, store: PlanStore) -> None:
        self.store = store
        self._objective: int | None = None
        self._trained: set[tuple[int, int]] = set()
        self.plan(sponsor_name="Ragnhild Sæther", sponsor_role="CEO", start_date=MONDAY)

    def do(self, command: Command) -> Command:
        command.do(self.store)
        return command

    def plan(self, **values: object) -> None:
        self.do(UpdateRow(Plan, 1, values))

    def objective(self, title: str = "Pipeline visibility") -> int:
        return self.do(CreateRow(Objective, {"title": title})).row_id  # type: ignore[attr-defined]

    def default_objective(self) -> int:
        if self._objective is None:
            self._objective = self.objective()
        return self._objective

    def dept(
        self,
        name: str,
        capacity: float = 50.0,
        support: str = "Kari, super-user",
        head: str = "Ola Nordmann",
        is_it: bool = False,
    ) -> int:
        values = {
            "name": name,
            "capacity": capacity,
            "support_contact": support,
            "head": head,
            "is_it": is_it,
        }
        return self.do(CreateRow(Department, values)).row_id  # type: ignore[attr-defined]

    def phase(
        self,
        title: str,
        start: dt.date | str | None = MONDAY,
        weeks: int | None = 4,
        end: dt.date | str | None | object = _KEEP,
        goal: str = "Sellers find every customer on one screen.",
        objective: bool = True,
        status: str = "planned",
    ) -> int:
        """A phase from Monday `start` to the Friday `weeks` later (or to `end`)."""
        start = day(start) if isinstance(start, str) else start
        if end is _KEEP:
            end = None if start is None or weeks is None else start + dt.timedelta(
                days=7 * weeks - 3
            )
        elif isinstance(end, str):
            end = day(end)
        values = {"title": title, "start_date": start, "end_date": end, "goal": goal}
        values["status"] = status
        phase_id = self.do(CreateRow(Phase, values)).row_id  # type: ignore[attr-defined]
        if objective:
            self.link(phase_id, self.default_objective())
        return phase_id

    def link(self, phase_id: int, objective_id: int) -> None:
        self.do(CreateRow(PhaseObjective, {"phase_id": phase_id, "objective_id": objective_id}))

    def wish(
        self,
        phase_id: int | None,
        dept_id: int,
        effort: float = 1.0,
        title: str | None = None,
        priority: str = "should",
        kind: str = "feature",
        objective: int | None | object = _KEEP,
        votes: int = 0,
        train: bool = True,
    ) -> int:
        """A wish; the first one of a department in a phase also gets it a training."""
        values = {
            "title": title or f"Wish {self.store.count(Demand) + 1}",
            "department_id": dept_id,
            "phase_id": phase_id,
            "effort": effort,
            "priority": priority,
            "kind": kind,
            "objective_id": self.default_objective() if objective is _KEEP else objective,
            "votes": votes,
        }
        wish_id = self.do(CreateRow(Demand, values)).row_id  # type: ignore[attr-defined]
        if train and phase_id is not None and (phase_id, dept_id) not in self._trained:
            self.activity(phase_id, dept_id, ActivityKind.TRAINING)
        return wish_id

    def wishes(self, phase_id: int | None, dept_id: int, efforts: list[float], **kw) -> list[int]:
        return [self.wish(phase_id, dept_id, e, **kw) for e in efforts]

    def activity(self, phase_id: int, dept_id: int, kind: str = "training") -> int:
        self._trained.add((phase_id, dept_id))
        values = {"kind": kind, "department_id": dept_id, "phase_id": phase_id, "title": kind}
        return self.do(CreateRow(ChangeActivity, values)).row_id  # type: ignore[attr-defined]

    def depends(self, predecessor: int, successor: int) -> None:
        self.do(CreateRow(Dependency, {"predecessor_id": predecessor, "successor_id": successor}))

    def milestone(self, phase_id: int | None, date: str, kind: str = "go_live") -> int:
        values = {"title": f"{kind} {date}", "kind": kind, "date": day(date), "phase_id": phase_id}
        return self.do(CreateRow(Milestone, values)).row_id  # type: ignore[attr-defined]


def of(store: PlanStore, code: str) -> list[Warning]:
    return [w for w in evaluate(store) if w.code == code]


def codes(store: PlanStore) -> set[str]:
    return {w.code for w in evaluate(store)}


def problems(warnings: list[Warning]) -> set[tuple]:
    return {(w.code, w.subject) for w in warnings if w.severity == Severity.PROBLEM}


def apply_fix(store: PlanStore, warning: Warning, label_part: str = "") -> UndoHistory:
    """Apply the warning's (first matching) fix through an undo history and check the
    contract every fix keeps: its warning goes, no new problem appears, undo restores."""
    before = evaluate(store)
    fix = next(f for f in warning.fixes if label_part in f.label)
    history = UndoHistory(store)
    history.push(fix.make())
    after = evaluate(store)
    assert (warning.code, warning.subject) not in {(w.code, w.subject) for w in after}
    assert problems(after) <= problems(before)
    history.undo()
    assert [w.as_dict() for w in evaluate(store)] == [w.as_dict() for w in before]
    history.redo()
    return history


# --- the builder itself ----------------------------------------------------------------------


@pytest.fixture
def plan(store: PlanStore) -> Builder:
    return Builder(store)


def test_a_built_plan_is_healthy_by_default(plan: Builder) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("Sales basics")
    plan.wishes(phase, sales, [5, 5])
    assert evaluate(plan.store) == []


def test_phase_runs_monday_to_friday(plan: Builder) -> None:
    phase = plan.store.get(Phase, plan.phase("Four weeks"))
    assert (phase.start_date, phase.end_date) == (day("2027-01-04"), day("2027-01-29"))


def test_first_wish_of_a_department_in_a_phase_brings_a_training(plan: Builder) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("P")
    plan.wishes(phase, sales, [1, 1])
    plan.wish(phase, plan.dept("HR"), train=False)
    trainings = [(a.phase_id, a.department_id) for a in plan.store.rows(ChangeActivity)]
    assert trainings == [(phase, sales)]
