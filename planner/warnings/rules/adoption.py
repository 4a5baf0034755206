"""Adoption is the project: every department a phase delivers to gets training or a
workshop in that phase, and someone close to its users to ask."""

from __future__ import annotations

import datetime as dt

from planner.commands import CreateRow, Macro, UpdateRow
from planner.enums import ActivityKind
from planner.i18n import _, ngettext
from planner.model import ChangeActivity, Department, Phase
from planner.queries import monday
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.format import names, pd, quoted, wishes
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
        # Translators: one item of a list of departments: "Sales (3 wishes, 12 person-days)".
        _("{department} ({wishes}, {effort})").format(
            department=facts.dept_name(d), wishes=wishes(summary.dept_count(d)),
            effort=pd(summary.dept_effort[d]),
        )
        for d in missing
    ]
    # One fix that removes the whole warning (a fix for one of several departments would
    # leave it standing).
    fixes = [_training_fix(facts, phase, missing)]
    return [Warning(
        "no-adoption",
        Severity.WARNING,
        Subject("phase", phase.id),
        ngettext(
            "Phase '{phase}' delivers to {departments} but plans no training or workshop "
            "for it.",
            "Phase '{phase}' delivers to {departments} but plans no training or workshop "
            "for them.",
            len(missing),
        ).format(phase=phase.title, departments=names(parts, limit=8)),
        _(principles.ADOPTION),
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
            "title": _("Training for {department}: {phase}").format(
                department=facts.dept_name(d), phase=phase.title
            ),
            "department_id": d,
            "phase_id": phase.id,
            "date": date,
        }
        for d in dept_ids
    ]
    if len(dept_ids) == 1:
        label = _("Plan a training for {department} in '{phase}'").format(
            department=facts.dept_name(dept_ids[0]), phase=phase.title
        )
        return Fix(label, lambda: CreateRow(ChangeActivity, rows[0], label=label))
    label = _("Plan a training for each of them in '{phase}'").format(phase=phase.title)
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
    count = sum(facts.summary(p.id).dept_count(dept.id) for p in phases)
    effort = sum(facts.summary(p.id).dept_effort[dept.id] for p in phases)
    fixes: tuple[Fix, ...] = ()
    head = (dept.head or "").strip()
    if head:
        label = _("Make {head}, head of {department}, the support contact").format(
            head=head, department=dept.name
        )
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
        _(
            "{department} receives {wishes} ({effort}) in {phases} but has no support "
            "contact close to its users."
        ).format(
            department=dept.name, wishes=wishes(count), effort=pd(effort),
            phases=quoted([p.title for p in phases]),
        ),
        _(principles.ADOPTION),
        fixes,
    )]
