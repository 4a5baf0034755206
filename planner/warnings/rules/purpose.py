"""Why the work is done and who backs it: every phase and wish serving a business
objective, every phase stating the benefit its users will feel, a sponsor in the business."""

from __future__ import annotations

import re
from collections import defaultdict

from planner.commands import CreateRow, UpdateRow
from planner.i18n import _, ngettext
from planner.model import Demand, Phase, PhaseObjective, Plan
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.format import pd
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.types import Fix, Severity, Subject, Warning

# A sponsor whose role says IT sits in IT even when no department is given.
_IT_ROLE = re.compile(r"\b(IT|CIO)\b")
MAX_LINK_FIXES = 3


@rule("no-objective", "phase")
def phase_without_objective(facts: Facts, phase: Phase) -> Found:
    """A phase serves no business objective."""
    if facts.objectives_of(phase.id):
        return NONE
    # Offer the objectives its own wishes serve, the most served first.
    served: dict[int, list[Demand]] = defaultdict(list)
    for demand in facts.demands(phase.id):
        if demand.objective_id is not None:
            served[demand.objective_id].append(demand)
    ranked = sorted(served, key=lambda o: (-len(served[o]), o))[:MAX_LINK_FIXES]
    fixes = tuple(_link_phase(facts, phase, o, len(served[o])) for o in ranked)
    return [Warning(
        "no-objective",
        Severity.WARNING,
        Subject("phase", phase.id),
        (
            _("Phase '{phase}' serves no business objective.")
            if ranked
            else _(
                "Phase '{phase}' serves no business objective; none of its wishes names one "
                "either."
            )
        ).format(phase=phase.title),
        _(principles.OBJECTIVES_FIRST),
        fixes,
    )]


def _link_phase(facts: Facts, phase: Phase, objective_id: int, wishes: int) -> Fix:
    label = ngettext(
        "Link it to objective '{objective}', which {n} of its wishes serves",
        "Link it to objective '{objective}', which {n} of its wishes serve",
        wishes,
    ).format(objective=facts.objective_title(objective_id), n=wishes)
    values = {"phase_id": phase.id, "objective_id": objective_id}
    return Fix(label, lambda: CreateRow(PhaseObjective, values, label=label))


@rule("no-objective", "demand")
def demand_without_objective(facts: Facts, demand: Demand) -> Found:
    """A wish serves no business objective (a warning in a phase, a note in the backlog)."""
    if demand.objective_id is not None:
        return NONE
    phase = facts.phase(demand.phase_id)
    fixes: list[Fix] = []
    if phase is not None and facts.objectives_of(phase.id):
        # One offer per wish: the objective its phase was linked to first. (Several would
        # be a row of buttons under each of hundreds of wishes; the form has the rest.)
        objective_id = facts.objectives_of(phase.id)[0]
        title = facts.objective_title(objective_id)
        label = _("Link it to objective '{objective}', which its phase serves").format(
            objective=title
        )
        fixes.append(_link_demand(demand.id, objective_id, label))
    return [Warning(
        "no-objective",
        Severity.INFO if phase is None else Severity.WARNING,
        Subject("demand", demand.id),
        (
            _("Wish '{wish}' ({department}, {effort}) in the backlog serves no business "
              "objective.")
            if phase is None
            else _("Wish '{wish}' ({department}, {effort}) in '{phase}' serves no business "
                   "objective.")
        ).format(
            wish=demand.title, department=facts.dept_name(demand.department_id),
            effort=pd(demand.effort), phase=phase.title if phase is not None else "",
        ),
        _(principles.OBJECTIVES_FIRST),
        tuple(fixes),
    )]


def _link_demand(demand_id: int, objective_id: int, label: str) -> Fix:
    return Fix(
        label,
        lambda: UpdateRow(Demand, demand_id, {"objective_id": objective_id}, label=label),
    )


@rule("empty-goal", "phase")
def empty_goal(facts: Facts, phase: Phase) -> Found:
    """A phase states no benefit its users will feel."""
    if (phase.goal or "").strip():
        return NONE
    return [Warning(
        "empty-goal",
        Severity.WARNING,
        Subject("phase", phase.id),
        _(
            "Phase '{phase}' states no benefit its users will feel: write its goal as what "
            "becomes easier for them."
        ).format(phase=phase.title),
        _(principles.EAT_FRENCH),
    )]


@rule("no-sponsor", "plan")
def no_sponsor(facts: Facts, plan: Plan) -> Found:
    """The plan has no business sponsor, or the sponsor sits in IT."""
    name = (plan.sponsor_name or "").strip()
    role = (plan.sponsor_role or "").strip()
    if not name:
        return [Warning(
            "no-sponsor",
            Severity.PROBLEM,
            Subject("plan", plan.id),
            _("The plan names no business sponsor: nobody in management backs it."),
            _(principles.ANCHORED_IN_MANAGEMENT),
        )]
    dept = facts.department(plan.sponsor_department_id)
    # Translators: a sponsor's name and role: "Kari Nordmann (CIO)".
    who = _("{name} ({role})").format(name=name, role=role) if role else name
    if dept is not None and dept.is_it:
        message = _(
            "The sponsor, {sponsor}, sits in {department}, the IT department; the plan needs "
            "a sponsor in the business."
        ).format(sponsor=who, department=dept.name)
    elif _IT_ROLE.search(role):
        message = _(
            "The sponsor, {sponsor}, sits in IT; the plan needs a sponsor in the business."
        ).format(sponsor=who)
    else:
        return NONE
    return [Warning(
        "no-sponsor",
        Severity.WARNING,
        Subject("plan", plan.id),
        message,
        _(principles.ANCHORED_IN_MANAGEMENT),
    )]
