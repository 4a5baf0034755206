"""Did the last course go down well? After a go-live each department it delivered to is asked
whether the promised benefit is felt (planner/benefit.py). An unanswered check past its
date, and a department saying "not yet", are warnings about that department.

Department-scoped, so done phases (whose own rules are quiet: they are history) still get
their checks reported. `planner.benefit.departments_touched` tells the engine's facts which
departments to re-check after an edit.
"""

from __future__ import annotations

from planner import benefit
from planner.commands import CreateRow
from planner.enums import ActivityKind, BenefitResult
from planner.model import ChangeActivity, Department, Phase
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.format import names
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.types import TITLES, Fix, Severity, Subject, Warning

TITLES.setdefault("benefit-unchecked", "Benefit check overdue")
TITLES.setdefault("benefit-not-met", "Benefit not felt yet")

# What counts as a follow-up for a department that did not feel the benefit yet.
_FOLLOW_UP = (ActivityKind.TRAINING, ActivityKind.SUPPORT, ActivityKind.WORKSHOP)


def _checks(facts: Facts, dept: Department) -> list[benefit.CheckView]:
    return benefit.collect(
        facts.store,
        facts.index.phases,
        facts.index.milestones,
        lambda phase_id: facts.summary(phase_id).dept_effort,
        department_id=dept.id,
    )


@rule("benefit-unchecked", "department")
def benefit_unchecked(facts: Facts, dept: Department) -> Found:
    """A benefit check of a phase that went live is past its date with no answer from the
    department."""
    on = benefit.today()
    overdue = [c for c in _checks(facts, dept) if c.overdue(on)]
    if not overdue:
        return NONE
    parts = [
        f"'{_title(facts, c.phase_id)}' (due {c.due_date:%d %b %Y})" for c in overdue
    ]
    return [Warning(
        "benefit-unchecked",
        Severity.WARNING,
        Subject("department", dept.id),
        f"Nobody has asked {dept.name} whether the benefit promised by "
        f"{names(parts, limit=6)} is felt; the benefit check is overdue.",
        principles.EAT_FRENCH,
    )]


@rule("benefit-not-met", "department")
def benefit_not_met(facts: Facts, dept: Department) -> Found:
    """A department says "not yet" to a phase's benefit check and no training, workshop or
    support for it is planned in the next phase."""
    missing = [
        c for c in _checks(facts, dept)
        if c.result == BenefitResult.NOT_YET and not _followed_up(facts, dept.id, c.phase_id)
    ]
    if not missing:
        return NONE
    parts = []
    for c in missing:
        note = f": “{c.note.strip()}”" if c.note.strip() else ""
        parts.append(f"'{_title(facts, c.phase_id)}'{note}")
    fixes: list[Fix] = []
    target = facts.next_phase(missing[0].phase_id)
    if target is not None:
        fixes.append(_follow_up_fix(facts, dept, missing[0].phase_id, target,
                                    ActivityKind.TRAINING))
        fixes.append(_follow_up_fix(facts, dept, missing[0].phase_id, target,
                                    ActivityKind.SUPPORT))
    return [Warning(
        "benefit-not-met",
        Severity.WARNING,
        Subject("department", dept.id),
        f"{dept.name} does not feel the benefit of {names(parts, limit=4)} yet, and no "
        "follow-up training or support is planned for it in the next phase.",
        principles.ADOPTION,
        tuple(fixes),
    )]


def _title(facts: Facts, phase_id: int) -> str:
    phase = facts.phase(phase_id)
    return phase.title if phase is not None else f"phase #{phase_id}"


def _followed_up(facts: Facts, dept_id: int, phase_id: int) -> bool:
    """A training, workshop or support for the department in the very next phase: one
    months later does not help users who are stuck now."""
    following = facts.next_phase(phase_id)
    if following is None:
        return False
    return any(
        a.department_id == dept_id and a.kind in _FOLLOW_UP
        for a in facts.activities(following.id)
    )


def _follow_up_fix(
    facts: Facts, dept: Department, checked: int, target: Phase, kind: ActivityKind
) -> Fix:
    what = "training" if kind == ActivityKind.TRAINING else "support"
    label = f"Plan follow-up {what} for {dept.name} in '{target.title}'"
    values = {
        "kind": kind,
        "title": f"Follow-up {what} for {dept.name}: {_title(facts, checked)}",
        "department_id": dept.id,
        "phase_id": target.id,
        "date": target.start_date,
    }
    return Fix(label, lambda: CreateRow(ChangeActivity, values, label=label))
