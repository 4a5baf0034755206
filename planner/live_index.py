"""A PlanIndex kept current edit by edit instead of rebuilt.

`PlanIndex.build` reads every row (10 000 wishes on a large plan, ~10 ms); an edit touches a
few. `LiveIndex.apply(changes)` patches only what the changes touch: the wish lists of the
phases they name, and the short lists (phases, departments, objectives, milestones, links)
re-sorted from the store when a row of their table changed. The result is always what
`PlanIndex.build` would give (tests/test_live_index.py checks that on random edits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from planner.changes import RowChange
from planner.model import (
    Baseline,
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Dismissal,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
    Plan,
)
from planner.queries import PlanIndex
from planner.store import PlanStore

_NO_INDEX_EFFECT = (Plan, Baseline, Dismissal)  # tables the index does not hold
_ORDERED = {
    Phase: ("phases", lambda p: (p.position, p.id)),
    Department: ("departments", lambda d: (d.position, d.id)),
    Objective: ("objectives", lambda o: (o.position, o.id)),
    Milestone: ("milestones", lambda m: (m.date, m.id)),
}
_DEMAND_ORDER = ("phase_id", "position")  # the columns that move a wish in the lists


class LiveIndex:
    """`index` is the current PlanIndex; call `apply(changes)` after every committed edit."""

    def __init__(self, store: PlanStore) -> None:
        self.store = store
        self._plan = store.plan
        self.index = PlanIndex.build(store)

    def rebuild(self) -> PlanIndex:
        self._plan = self.store.plan
        self.index = PlanIndex.build(self.store)
        return self.index

    def apply(self, changes: Sequence[RowChange]) -> PlanIndex:
        """Bring the index up to date after `changes`; returns it."""
        if self.store.plan is not self._plan:
            return self.rebuild()  # the store reloaded every row (Save As): nothing is live
        by_model: dict[type, list[RowChange]] = defaultdict(list)
        for change in changes:
            by_model[change.model].append(change)
        known = set(_ORDERED) | {Demand, ChangeActivity, PhaseObjective, Dependency}
        if any(m not in known and m not in _NO_INDEX_EFFECT for m in by_model):
            return self.rebuild()  # a table this module does not know: be safe
        index = self.index
        if Demand in by_model:
            self._patch_demands(by_model[Demand])
        for model, (attribute, key) in _ORDERED.items():
            if model in by_model:
                setattr(index, attribute, sorted(self.store.rows(model), key=key))
        if ChangeActivity in by_model:
            activities: dict[int, list[ChangeActivity]] = defaultdict(list)
            for activity in self.store.rows(ChangeActivity):
                activities[activity.phase_id].append(activity)
            index.activities_by_phase = dict(activities)
        if PhaseObjective in by_model:
            served: dict[int, list[int]] = defaultdict(list)
            for link in self.store.rows(PhaseObjective):
                served[link.phase_id].append(link.objective_id)
            index.objectives_by_phase = dict(served)
        if Dependency in by_model:
            preds: dict[int, list[int]] = defaultdict(list)
            for dep in self.store.rows(Dependency):
                preds[dep.successor_id].append(dep.predecessor_id)
            index.predecessors = dict(preds)
        return index

    def _patch_demands(self, changes: list[RowChange]) -> None:
        """Take each changed wish out of every list it may have been in (the phases its
        snapshots name), put it into the list of the phase it is in now, re-sort those."""
        lists = self.index.demands_by_phase
        touched: set[int] = set()
        groups: set[int | None] = set()
        for change in changes:
            if change.kind == "update" and not any(c in change.after for c in _DEMAND_ORDER):
                continue  # same list, same place: the list holds the live row
            touched.add(change.row_id)
            for values in (change.before, change.after):
                if values and "phase_id" in values:
                    groups.add(values["phase_id"])
            row = self.store.find(Demand, change.row_id)
            if row is not None:
                groups.add(row.phase_id)
        if not touched:
            return
        find = self.store.find
        for group in groups:
            kept = [d for d in lists.get(group, ()) if d.id not in touched]
            kept += [
                row for row_id in touched
                if (row := find(Demand, row_id)) is not None and row.phase_id == group
            ]
            if kept:
                kept.sort(key=lambda d: (d.position, d.id))
                lists[group] = kept
            else:
                lists.pop(group, None)
