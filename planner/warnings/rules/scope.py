"""What goes into the CRM: few new data fields, no ERP transactions, and no quiet growth of
the scope since the last baseline."""

from __future__ import annotations

import math

from planner.commands import Macro, MoveDemands, UpdateRow
from planner.enums import DemandKind, Priority
from planner.i18n import _, ngettext
from planner.model import Demand, Phase, Plan
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.fixes import lowest_first, move_fix, take_until
from planner.warnings.format import num, pd
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.types import Fix, Severity, Subject, Warning


def _fields(n: int, effort: str) -> str:
    return _("Move the {n} lowest-priority data fields ({effort}) to the backlog").format(
        n=n, effort=effort
    )


def _added(n: int, effort: str) -> str:
    return _(
        "Move the {n} lowest-priority wishes added since the baseline ({effort}) to the backlog"
    ).format(n=n, effort=effort)

_TRANSACTION = DemandKind.TRANSACTION_PROCESS  # enum member lookups are slow per wish
_WONT = Priority.WONT


@rule("field-creep", "phase")
def phase_field_creep(facts: Facts, phase: Phase) -> Found:
    """Too many data-field wishes in one phase."""
    fields = facts.summary(phase.id).data_fields
    limit = facts.thresholds.field_creep_phase
    if len(fields) <= limit:
        return NONE
    moved = lowest_first(fields)[: len(fields) - limit]
    return [Warning(
        "field-creep",
        Severity.WARNING,
        Subject("phase", phase.id),
        ngettext(
            "Phase '{phase}' adds {n} new data field; the limit is {limit} per phase.",
            "Phase '{phase}' adds {n} new data fields; the limit is {limit} per phase.",
            len(fields),
        ).format(phase=phase.title, n=len(fields), limit=limit),
        _(principles.FIELD_CREEP),
        (move_fix(moved, None, _fields),),
    )]


@rule("field-creep", "plan")
def plan_field_creep(facts: Facts, plan: Plan) -> Found:
    """Too many data-field wishes planned in the whole plan (the backlog does not count)."""
    limit = facts.thresholds.field_creep_plan
    total = sum(len(facts.summary(p.id).data_fields) for p in facts.index.phases)
    if total <= limit:
        return NONE
    movable = [
        d
        for p in facts.index.phases
        if not facts.is_history(p)
        for d in facts.summary(p.id).data_fields
    ]
    fixes: tuple[Fix, ...] = ()
    if total - len(movable) <= limit:
        fixes = (move_fix(lowest_first(movable)[: total - limit], None, _fields),)
    return [Warning(
        "field-creep",
        Severity.WARNING,
        Subject("plan", plan.id),
        ngettext(
            "The plan adds {n} new data field; the limit is {limit} for the whole plan.",
            "The plan adds {n} new data fields; the limit is {limit} for the whole plan.",
            total,
        ).format(n=total, limit=limit),
        _(principles.FIELD_CREEP),
        fixes,
    )]


@rule("transaction-in-crm", "demand")
def transaction_in_crm(facts: Facts, demand: Demand) -> Found:
    """A wish of kind "transaction process": it belongs in the ERP (a warning in a phase, a
    note in the backlog unless already marked won't)."""
    if demand.kind != _TRANSACTION:
        return NONE
    phase = facts.phase(demand.phase_id)
    if phase is None and demand.priority == _WONT:
        return NONE
    if phase is None:
        label = _("Mark it won't: it belongs in the ERP")
    else:
        label = _("Mark it won't and move it to the backlog: it belongs in the ERP")
    demand_id, in_phase = demand.id, phase is not None

    def make() -> Macro:
        steps = [UpdateRow(Demand, demand_id, {"priority": Priority.WONT})]
        if in_phase:
            steps.append(MoveDemands([demand_id], None))
        return Macro(label, steps)

    return [Warning(
        "transaction-in-crm",
        Severity.INFO if phase is None else Severity.WARNING,
        Subject("demand", demand.id),
        (
            _("Wish '{wish}' ({department}, {effort}) in the backlog is a transaction "
              "process; orders, invoices and stock belong in the ERP.")
            if phase is None
            else _("Wish '{wish}' ({department}, {effort}) in '{phase}' is a transaction "
                   "process; orders, invoices and stock belong in the ERP.")
        ).format(
            wish=demand.title, department=facts.dept_name(demand.department_id),
            effort=pd(demand.effort), phase=phase.title if phase is not None else "",
        ),
        _(principles.ACTIVITIES_NOT_TRANSACTIONS),
        (Fix(label, make),),
    )]


@rule("scope-creep", "plan")
def scope_creep(facts: Facts, plan: Plan) -> Found:
    """Planned effort grew more than the limit since the last baseline."""
    state = facts.baseline
    if state.row is None:
        return NONE
    if state.snapshot is None:
        return [Warning(
            "baseline-unreadable",
            Severity.INFO,
            Subject("plan", plan.id),
            _("{error} Scope creep is not checked until a new baseline is taken.").format(
                error=state.error
            ),
            _(principles.PLAN_WELL),
        )]
    before = state.snapshot.planned_effort
    if before <= 0:
        return NONE  # nothing was planned: there is no scope to creep from
    efforts = [facts.summary(p.id).effort for p in facts.index.phases]
    now = math.fsum(efforts)
    limit = facts.thresholds.scope_creep_percent
    allowed = before * limit / 100
    if now - before <= allowed + 1e-9:
        return NONE
    # The wishes that were not planned at the baseline (new, or from the backlog).
    then = state.snapshot.demands
    added = [
        d
        for p in facts.index.phases
        if not facts.is_history(p)
        for d in facts.demands(p.id)
        if d.id not in then or then[d.id].phase_id is None
    ]

    def fits(moved: list[Demand]) -> bool:
        return math.fsum([*efforts, *(-d.effort for d in moved)]) - before <= allowed

    moved = take_until(lowest_first(added), fits) if math.isfinite(now) else None
    fixes: tuple[Fix, ...] = ()
    if moved:
        fixes = (move_fix(moved, None, _added),)
    return [Warning(
        "scope-creep",
        Severity.WARNING,
        Subject("plan", plan.id),
        _(
            "Planned effort grew from {before} to {now} since baseline '{baseline}' "
            "(+{growth} %); the limit is {limit} %."
        ).format(
            before=num(before), now=pd(now), baseline=state.row.name,
            growth=num(100 * (now - before) / before), limit=num(limit),
        ),
        _(principles.EAT_FRENCH),
        fixes,
    )]
