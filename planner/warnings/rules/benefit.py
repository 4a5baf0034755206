"""Did the last course go down well? After a go-live each department it delivered to is asked
whether the promised benefit is felt (planner/benefit.py). An unanswered check past its
date, and a department saying "not yet", are warnings about that department.

Department-scoped, so done phases (whose own rules are quiet: they are history) still get
their checks reported. `planner.benefit.departments_touched` tells the engine's facts which
departments to re-check after an edit.
"""

from __future__ import annotations

import datetime as dt

from planner import benefit
from planner.commands import CreateRow
from planner.enums import ActivityKind, BenefitResult
from planner.i18n import N_, _
from planner.model import BenefitCheck, ChangeActivity, Department, Phase
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.format import day_month, names
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.types import TITLES, Fix, Severity, Subject, Warning

TITLES.setdefault("benefit-unchecked", N_("Benefit check overdue"))
TITLES.setdefault("benefit-not-met", N_("Benefit not felt yet"))

# What counts as a follow-up for a department that did not feel the benefit yet.
_FOLLOW_UP = (ActivityKind.TRAINING, ActivityKind.SUPPORT, ActivityKind.WORKSHOP)
_NOT_YET = BenefitResult.NOT_YET


# The go-live dates of the milestone list they were read from. The facts replace that list
# whenever a milestone changes, so holding it (not its id) tells a stale entry for sure; it
# saves reading 500 milestones for each of 40 departments and two rules.
_go_live_cache: list[tuple[list, dict[int, dt.date]]] = []


def _go_lives(facts: Facts) -> dict[int, dt.date]:
    milestones = facts.index.milestones
    if not _go_live_cache or _go_live_cache[0][0] is not milestones:
        _go_live_cache[:] = [(milestones, benefit.go_live_dates(milestones))]
    return _go_live_cache[0][1]


def _rows(facts: Facts) -> list[BenefitCheck]:
    return facts.store.rows(BenefitCheck)


def _checks(facts: Facts, dept: Department) -> list[benefit.CheckView]:
    """The department's checks (as planner.benefit.collect makes them, without the measure),
    looking only at phases that went live or hold an answer."""
    go_lives = _go_lives(facts)
    rows = {r.phase_id: r for r in _rows(facts) if r.department_id == dept.id}
    weeks = facts.plan.weeks_to_value
    out = []
    for phase_id in {*go_lives, *rows}:
        phase = facts.phase(phase_id)
        if phase is None:
            continue
        go_live = go_lives.get(phase_id)
        row = rows.get(phase_id)
        if row is None and (go_live is None or dept.id not in facts.summary(phase_id).dept_effort):
            continue
        out.append(benefit.view_of(phase, dept.id, go_live, weeks, row, ""))  # type: ignore[arg-type]
    out.sort(key=lambda c: facts.rank(c.phase_id))
    return out


@rule("benefit-unchecked", "department")
def benefit_unchecked(facts: Facts, dept: Department) -> Found:
    """A benefit check of a phase that went live is past its date with no answer from the
    department."""
    on = benefit.today()
    # Only go-lives at least weeks-to-value ago can be due (unless an answer moved the date).
    go_lives = _go_lives(facts)
    first = min(go_lives.values(), default=None)
    due = benefit.default_due(first, facts.plan.weeks_to_value)  # type: ignore[arg-type]
    if (due is None or due >= on) and not any(r.department_id == dept.id for r in _rows(facts)):
        return NONE
    overdue = [c for c in _checks(facts, dept) if c.overdue(on)]
    if not overdue:
        return NONE
    parts = [
        _("'{phase}' (due {date})").format(
            phase=_title(facts, c.phase_id), date=day_month(c.due_date)
        )
        for c in overdue
    ]
    return [Warning(
        "benefit-unchecked",
        Severity.WARNING,
        Subject("department", dept.id),
        _(
            "Nobody has asked {department} whether the benefit promised by {phases} is felt; "
            "the benefit check is overdue."
        ).format(department=dept.name, phases=names(parts, limit=6)),
        _(principles.EAT_FRENCH),
    )]


@rule("benefit-not-met", "department")
def benefit_not_met(facts: Facts, dept: Department) -> Found:
    """A department says "not yet" to a phase's benefit check and no training, workshop or
    support for it is planned in the next phase."""
    if not any(r.department_id == dept.id and r.result == _NOT_YET for r in _rows(facts)):
        return NONE  # nobody said "not yet": the usual case, decided without the checks
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
        _(
            "{department} does not feel the benefit of {phases} yet, and no follow-up "
            "training or support is planned for it in the next phase."
        ).format(department=dept.name, phases=names(parts, limit=4)),
        _(principles.ADOPTION),
        tuple(fixes),
    )]


def _title(facts: Facts, phase_id: int) -> str:
    phase = facts.phase(phase_id)
    return phase.title if phase is not None else _("phase #{id}").format(id=phase_id)


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
    if kind == ActivityKind.TRAINING:
        label = _("Plan follow-up training for {department} in '{phase}'")
        title = _("Follow-up training for {department}: {phase}")
    else:
        label = _("Plan follow-up support for {department} in '{phase}'")
        title = _("Follow-up support for {department}: {phase}")
    label = label.format(department=dept.name, phase=target.title)
    values = {
        "kind": kind,
        "title": title.format(department=dept.name, phase=_title(facts, checked)),
        "department_id": dept.id,
        "phase_id": target.id,
        "date": target.start_date,
    }
    return Fix(label, lambda: CreateRow(ChangeActivity, values, label=label))
