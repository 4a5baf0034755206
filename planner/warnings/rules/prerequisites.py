"""A wish planned before what it needs: 'the pipeline dashboard needs the ERP order sync'.

A wish is delivered at the end of its phase. What it needs must be delivered no later: in
the same phase, or in one that ends no later (by plan order when either phase is undated).
A need still in the backlog is not planned at all, so a planned wish needing it warns too.
"""

from __future__ import annotations

from planner.i18n import _
from planner.model import Demand, Phase
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.fixes import MoveWishes, move_fix
from planner.warnings.format import names, quoted
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.types import Fix, Severity, Subject, Warning


def comes_later(facts: Facts, needed: Phase | None, wish: Phase) -> bool:
    """Is a wish in `needed` (None: the backlog) delivered after one in `wish`?"""
    if needed is None:
        return True
    if needed.id == wish.id:
        return False
    if needed.end_date is not None and wish.end_date is not None:
        return needed.end_date > wish.end_date
    return facts.rank(needed.id) > facts.rank(wish.id)


@rule("prerequisite-later", "demand")
def prerequisite_later(facts: Facts, demand: Demand) -> Found:
    """A planned wish needs another wish that is still in the backlog or comes in a later
    phase."""
    needs = facts.needs.get(demand.id)
    if not needs or demand.phase_id is None:
        return NONE
    phase = facts.phase(demand.phase_id)
    if phase is None:
        return NONE
    late: list[Demand] = []
    for needed_id in needs:
        needed = facts.store.find(Demand, needed_id)
        if needed is not None and comes_later(facts, facts.phase(needed.phase_id), phase):
            late.append(needed)
    if not late:
        return NONE
    where = [
        (
            _("'{wish}' (in the backlog)").format(wish=d.title)
            if d.phase_id is None
            else _in_phase(facts, d)
        )
        for d in late
    ]
    return [Warning(
        "prerequisite-later",
        Severity.PROBLEM,
        Subject("demand", demand.id),
        _("Wish '{wish}' in '{phase}' needs {wishes} first.").format(
            wish=demand.title, phase=phase.title, wishes=names(where, limit=5)
        ),
        _(principles.PLAN_WELL),  # the step cannot happen when the plan says
        _fixes(facts, demand, phase, late),
    )]


def _in_phase(facts: Facts, demand: Demand) -> str:
    phase = facts.phase(demand.phase_id)
    if phase is None:
        return _("'{wish}' (in no phase)").format(wish=demand.title)
    return _("'{wish}' (in '{phase}')").format(wish=demand.title, phase=phase.title)


def _fixes(facts: Facts, demand: Demand, phase: Phase, late: list[Demand]) -> tuple[Fix, ...]:
    fixes: list[Fix] = []
    # Bring what it needs forward into the wish's phase (unless that phase is done).
    if not facts.is_history(phase):
        label = _("Move {wishes} into '{phase}', before the wish that needs it").format(
            wishes=quoted([d.title for d in late]), phase=phase.title
        )
        fixes.append(_move(late, phase, label))
    # Or let the wish wait: into the latest phase holding what it needs, or the backlog.
    targets = [facts.phase(d.phase_id) for d in late]
    if any(t is None for t in targets):
        fixes.append(move_fix([demand], None))
    else:
        latest = max(targets, key=lambda p: (p.end_date is not None, p.end_date, facts.rank(p.id)))
        if latest is not None and not facts.is_history(latest):
            fixes.append(move_fix([demand], latest))
    return tuple(fixes)


def _move(demands: list[Demand], target: Phase, label: str) -> Fix:
    ids = [d.id for d in demands]
    return Fix(label, lambda: MoveWishes(ids, target.id, label))
