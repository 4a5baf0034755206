"""Why the work is done and who backs it: every phase and wish serving a business
objective, every phase stating the benefit its users will feel, a sponsor in the business."""

from __future__ import annotations

import re
from collections import defaultdict

from planner.commands import CreateRow, UpdateRow
from planner.model import Demand, Phase, PhaseObjective, Plan
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.format import count, pd
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
    hint = "" if ranked else "; none of its wishes names one either"
    return [Warning(
        "no-objective",
        Severity.WARNING,
        Subject("phase", phase.id),
        f"Phase '{phase.title}' serves no business objective{hint}.",
        principles.OBJECTIVES_FIRST,
        fixes,
    )]


def _link_phase(facts: Facts, phase: Phase, objective_id: int, wishes: int) -> Fix:
    label = (
        f"Link it to objective '{facts.objective_title(objective_id)}', which "
        f"{count(wishes, 'of its wishes serves', 'of its wishes serve')}"
    )
    values = {"phase_id": phase.id, "objective_id": objective_id}
    return Fix(label, lambda: CreateRow(PhaseObjective, values, label=label))


@rule("no-objective", "demand")
def demand_without_objective(facts: Facts, demand: Demand) -> Found:
    """A wish serves no business objective (a warning in a phase, a note in the backlog)."""
    if demand.objective_id is not None:
        return NONE
    phase = facts.phase(demand.phase_id)
    where = "in the backlog" if phase is None else f"in '{phase.title}'"
    fixes: list[Fix] = []
    if phase is not None and facts.objectives_of(phase.id):
        # One offer per wish: the objective its phase was linked to first. (Several would
        # be a row of buttons under each of hundreds of wishes; the form has the rest.)
        objective_id = facts.objectives_of(phase.id)[0]
        title = facts.objective_title(objective_id)
        label = f"Link it to objective '{title}', which its phase serves"
        fixes.append(_link_demand(demand.id, objective_id, label))
    return [Warning(
        "no-objective",
        Severity.INFO if phase is None else Severity.WARNING,
        Subject("demand", demand.id),
        f"Wish '{demand.title}' ({facts.dept_name(demand.department_id)}, "
        f"{pd(demand.effort)}) {where} serves no business objective.",
        principles.OBJECTIVES_FIRST,
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
        f"Phase '{phase.title}' states no benefit its users will feel: write its goal as "
        "what becomes easier for them.",
        principles.EAT_FRENCH,
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
            "The plan names no business sponsor: nobody in management backs it.",
            principles.ANCHORED_IN_MANAGEMENT,
        )]
    dept = facts.department(plan.sponsor_department_id)
    who = f"{name} ({role})" if role else name
    if dept is not None and dept.is_it:
        where = f"{dept.name}, the IT department"
    elif _IT_ROLE.search(role):
        where = "IT"
    else:
        return NONE
    return [Warning(
        "no-sponsor",
        Severity.WARNING,
        Subject("plan", plan.id),
        f"The sponsor, {who}, sits in {where}; the plan needs a sponsor in the business.",
        principles.ANCHORED_IN_MANAGEMENT,
    )]
