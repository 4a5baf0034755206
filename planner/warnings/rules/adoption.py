"""Adoption is the project: every department a phase delivers to gets training or a
workshop in that phase, and someone close to its users to ask."""

from __future__ import annotations

import datetime as dt

from planner.commands import CreateRow, Macro, UpdateRow
from planner.enums import ActivityKind
from planner.model import ChangeActivity, Department, Phase
from planner.queries import monday
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.format import count, names, pd, quoted
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.types import Fix, Severity, Subject, Warning

_ADOPTION_KINDS = (ActivityKind.TRAINING, ActivityKind.WORKSHOP)


@rule("no-adoption", "phase")
def no_adoption(facts: Facts, phase: Phase) -> Found:
    """A phase delivers to a department with no training or workshop for it."""
    summary = facts.summary(phase.id)
    prepared = {
        a.department_id for a in facts.activities(phase.id) if a.kind in _ADOPTION_KINDS
    }
    missing = [d for d in summary.dept_effort if d not in prepared]
    if not missing:
        return NONE
    parts = [
        f"{facts.dept_name(d)} ({count(summary.dept_count(d), 'wish', 'wishes')}, "
        f"{pd(summary.dept_effort[d])})"
        for d in missing
    ]
    them = "it" if len(missing) == 1 else "them"
    # One fix that removes the whole warning (a fix for one of several departments would
    # leave it standing).
    fixes = [_training_fix(facts, phase, missing)]
    return [Warning(
        "no-adoption",
        Severity.WARNING,
        Subject("phase", phase.id),
        f"Phase '{phase.title}' delivers to {names(parts, limit=8)} but plans no training "
        f"or workshop for {them}.",
        principles.ADOPTION,
        tuple(fixes),
    )]


def _training_fix(facts: Facts, phase: Phase, dept_ids: list[int]) -> Fix:
    # Just before go-live: the Monday of the phase's last week.
    date: dt.date | None = None
    if phase.start_date is not None and phase.end_date is not None:
        date = max(phase.start_date, monday(phase.end_date))
    rows = [
        {
            "kind": ActivityKind.TRAINING,
            "title": f"Training for {facts.dept_name(d)}: {phase.title}",
            "department_id": d,
            "phase_id": phase.id,
            "date": date,
        }
        for d in dept_ids
    ]
    if len(dept_ids) == 1:
        label = f"Plan a training for {facts.dept_name(dept_ids[0])} in '{phase.title}'"
        return Fix(label, lambda: CreateRow(ChangeActivity, rows[0], label=label))
    label = f"Plan a training for each of them in '{phase.title}'"
    return Fix(
        label, lambda: Macro(label, [CreateRow(ChangeActivity, row) for row in rows])
    )


@rule("no-support", "department")
def no_support(facts: Facts, dept: Department) -> Found:
    """A department receiving deliveries has no support contact."""
    if (dept.support_contact or "").strip():
        return NONE
    phases = [
        p
        for p in facts.index.phases
        if not facts.is_history(p) and dept.id in facts.summary(p.id).dept_effort
    ]
    if not phases:
        return NONE
    wishes = sum(facts.summary(p.id).dept_count(dept.id) for p in phases)
    effort = sum(facts.summary(p.id).dept_effort[dept.id] for p in phases)
    fixes: tuple[Fix, ...] = ()
    head = (dept.head or "").strip()
    if head:
        label = f"Make {head}, head of {dept.name}, the support contact"
        fixes = (
            Fix(
                label,
                lambda: UpdateRow(Department, dept.id, {"support_contact": head}, label=label),
            ),
        )
    return [Warning(
        "no-support",
        Severity.WARNING,
        Subject("department", dept.id),
        f"{dept.name} receives {count(wishes, 'wish', 'wishes')} ({pd(effort)}) in "
        f"{quoted([p.title for p in phases])} but has no support contact close to its users.",
        principles.ADOPTION,
        fixes,
    )]
