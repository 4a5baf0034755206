"""Fixes the warnings offer: each one a planner Command, undoable like any edit.

Choosing what to move is done here, once, when the warning is raised, so a fix's label says
exactly what it will do ("Move 3 lowest-priority wishes (26 person-days) to the backlog").
The engine re-evaluates after every edit, so a fix shown is always built from the plan as
it is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from planner.changes import Recorder
from planner.commands import Command, MoveDemands
from planner.commands.entities import change_row
from planner.enums import Priority
from planner.i18n import _
from planner.model import Base, Demand, Dependency, Phase
from planner.queries import working_days_between
from planner.warnings.format import day as fmt_day
from planner.warnings.format import pd
from planner.warnings.types import Fix

if TYPE_CHECKING:
    from planner.store import PlanStore

DAY = dt.timedelta(days=1)


class MoveWishes(MoveDemands):
    """MoveDemands under the fix's own label, so the undo history reads like the fix."""

    def __init__(self, demand_ids: Sequence[int], phase_id: int | None, label: str) -> None:
        super().__init__(demand_ids, phase_id)
        self.fixed_label = label
        self.label = label

    def perform(self, rec: Recorder) -> None:
        super().perform(rec)
        self.label = self.fixed_label


_RANK = {p: p.rank for p in Priority}


def columns(row: Base, *names: str) -> tuple[Any, ...]:
    """Several column values of a row, read from the instance's loaded state.

    A mapped attribute read costs about 0.25 µs; the rules read 10 000 wishes several
    times per evaluation, which alone came to some 15 ms of the 50 ms budget. Loaded
    values sit in the instance `__dict__` (the store never expires rows: it commits with
    expire_on_commit off and reloads everything after a rollback); anything not there is
    read the normal way."""
    state = row.__dict__
    try:
        return tuple(state[name] for name in names)
    except KeyError:
        return tuple(getattr(row, name) for name in names)


def _rank_key(d: Demand) -> tuple[int, int, int, int]:
    priority, votes, position, row_id = columns(d, "priority", "votes", "position", "id")
    return (-_RANK[priority], votes, -position, -row_id)


def lowest_first(demands: Iterable[Demand]) -> list[Demand]:
    """Least important first: won't before could before should before must, then fewer
    votes, then later in the phase's order."""
    return sorted(demands, key=_rank_key)


def take_until(
    ranked: Sequence[Demand], fits: Callable[[list[Demand]], bool]
) -> list[Demand] | None:
    """The shortest prefix of `ranked` whose removal makes `fits(moved)` true; None if even
    moving all of them does not help. `fits` must only get truer as more is moved (all the
    sums it checks shrink), which allows a binary search: a phase of 2 000 wishes costs
    eleven checks, not 2 000."""
    if fits([]):
        return []
    if not fits(list(ranked)):
        return None
    low, high = 0, len(ranked)  # fits(ranked[:high]) holds, fits(ranked[:low]) does not
    while high - low > 1:
        mid = (low + high) // 2
        if fits(list(ranked[:mid])):
            high = mid
        else:
            low = mid
    return list(ranked[:high])


def effort(demands: Iterable[Demand]) -> float:
    return math.fsum(d.effort for d in demands)


def move_fix(
    demands: Sequence[Demand],
    target: Phase | None,
    many: Callable[[int, str], str] | None = None,
) -> Fix:
    """'Move the 3 lowest-priority wishes (26 person-days) to the backlog'. `many` words the
    label for several wishes of one sort, from their number and effort ('… data fields …')."""
    n, total = len(demands), pd(effort(demands))
    if n == 1 and target is None:
        label = _("Move '{wish}' ({effort}) to the backlog").format(
            wish=demands[0].title, effort=pd(demands[0].effort)
        )
    elif n == 1 and target is not None:
        label = _("Move '{wish}' ({effort}) to '{phase}'").format(
            wish=demands[0].title, effort=pd(demands[0].effort), phase=target.title
        )
    elif many is not None:
        label = many(n, total)
    elif target is None:
        label = _("Move the {n} lowest-priority wishes ({effort}) to the backlog").format(
            n=n, effort=total
        )
    else:
        label = _("Move the {n} lowest-priority wishes ({effort}) to '{phase}'").format(
            n=n, effort=total, phase=target.title
        )
    ids = [d.id for d in demands]
    target_id = None if target is None else target.id
    return Fix(label, lambda: MoveWishes(ids, target_id, label))


def next_working_day(day: dt.date, working_days: str) -> dt.date:
    """The first working day after `day`."""
    day += DAY
    for _attempt in range(7):
        if working_days_between(day, day, working_days):
            return day
        day += DAY
    return day


def last_working_day(day: dt.date, working_days: str) -> dt.date:
    """`day` or the working day before it."""
    for _attempt in range(7):
        if working_days_between(day, day, working_days):
            return day
        day -= DAY
    return day


class ShiftAfterPredecessors(Command):
    """Start a phase on the first working day after all its predecessors end, keeping its
    length, and push later phases that wait for it as far as needed (finish-to-start)."""

    def __init__(self, phase_id: int, label: str, working_days: str) -> None:
        super().__init__()
        self.phase_id = phase_id
        self.label = label
        self.working_days = working_days

    def perform(self, rec: Recorder) -> None:
        store = rec.store
        preds: dict[int, list[int]] = {}
        succs: dict[int, list[int]] = {}
        for dep in store.rows(Dependency):
            preds.setdefault(dep.successor_id, []).append(dep.predecessor_id)
            succs.setdefault(dep.predecessor_id, []).append(dep.successor_id)
        queue = [self.phase_id]
        budget = 1 + len(preds) * len(succs)  # dependencies are acyclic; a bad file is not
        while queue and budget > 0:
            budget -= 1
            phase = rec.get(Phase, queue.pop(0))
            start = earliest_start(store, preds.get(phase.id, []), self.working_days)
            if phase.start_date is None or start is None or phase.start_date >= start:
                continue
            delta = start - phase.start_date
            end = None if phase.end_date is None else phase.end_date + delta
            change_row(rec, phase, {"start_date": start, "end_date": end})  # keeps its length
            queue.extend(succs.get(phase.id, []))


def earliest_start(
    store: PlanStore, predecessor_ids: Iterable[int], working_days: str
) -> dt.date | None:
    """The first working day after every dated predecessor has ended."""
    ends = [
        p.end_date
        for pid in predecessor_ids
        if (p := store.find(Phase, pid)) is not None and p.end_date is not None
    ]
    return next_working_day(max(ends), working_days) if ends else None


def shift_fix(phase: Phase, start: dt.date, working_days: str) -> Fix:
    label = _("Start '{phase}' on {date}, after what it waits for").format(
        phase=phase.title, date=fmt_day(start)
    )
    return Fix(label, lambda: ShiftAfterPredecessors(phase.id, label, working_days))
