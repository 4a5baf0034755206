"""The plan's one live index: a PlanIndex kept current edit by edit, shared by every reader.

DESIGN. `live_index(store)` makes one `LiveIndex` per open store, the first time anyone asks,
and keeps it on the store. It listens to the store ahead of every other listener, so each
committed edit, undo, redo and — on a plan on a server — each batch of someone else's
changes (applied through the same notification) patches the index before any view or the
warnings engine hears of it. The views (`PlanDocument.index`) and the warnings engine's
facts hold the very same `PlanIndex` object; nothing else keeps a copy of these lookups.

`PlanIndex.build` reads every row (10 000 wishes on a large plan, ~10 ms); an edit touches a
few. `apply(changes)` patches only what the changes touch: the wish lists of the phases they
name, and the short lists (phases, departments, objectives, milestones, links) re-sorted
from the store when a row of their table changed. The result is always what
`PlanIndex.build` would give (tests/test_live_index.py checks that on random edits, local and
remote). Each apply leaves a `Patch` naming what it touched, from which the warnings' facts
update what they derive (per-phase sums, go-lives) without a second pass over the changes'
effect on the lists. What is derived for every reader alike — the department load
(planner/live_load.py) — follows the index itself (`follow`): it hears each Patch right
after the index was patched, still ahead of every listener of the store. A rebuild (Save
As reloaded every row, a table this module does not know, a bug while patching) fills the
same PlanIndex object in place, so no reader is ever left holding a stale one.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields

from planner.changes import RowChange
from planner.model import (
    MODELS,
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
)
from planner.queries import PlanIndex
from planner.store import PlanStore

log = logging.getLogger(__name__)

_ORDERED = {
    Phase: ("phases", lambda p: (p.position, p.id)),
    Department: ("departments", lambda d: (d.position, d.id)),
    Objective: ("objectives", lambda o: (o.position, o.id)),
    Milestone: ("milestones", lambda m: (m.date, m.id)),
}
_HELD = set(_ORDERED) | {Demand, ChangeActivity, PhaseObjective, Dependency}
_NO_INDEX_EFFECT = set(MODELS) - _HELD  # plan settings, prerequisites, baselines, ...
_DEMAND_ORDER = ("phase_id", "position")  # the columns that move a wish in the lists


@dataclass
class Patch:
    """What one batch of changes did to the index.

    `rebuilt`: the index was rebuilt from every row (anything may differ). Otherwise
    `phase_lists` names the wish lists (phase ids, None for the backlog) whose wishes
    changed in any way — joined, left, moved, or a value of one changed — and
    `previous_phases` is the phase order before the batch when a phase row changed."""

    changes: Sequence[RowChange]
    by_model: dict[type, list[RowChange]] = field(default_factory=dict)
    rebuilt: bool = False
    phase_lists: set[int | None] = field(default_factory=set)
    previous_phases: list[Phase] | None = None


class LiveIndex:
    """`index` is the current PlanIndex (always the same object); `last` the Patch of the
    latest batch. Use `live_index(store)` for the store's shared one."""

    def __init__(self, store: PlanStore) -> None:
        self.store = store
        self._plan = store.plan
        self.index = PlanIndex.build(store)
        self.last: Patch | None = None
        self._followers: list[Callable[[Patch], object]] = []

    def follow(self, follower: Callable[[Patch], object]) -> None:
        """Call `follower(patch)` right after every patch and rebuild of the index, before
        the store's listeners hear of the change (what is derived from the index for every
        reader: planner/live_load.py). A follower should not raise (it is logged if it
        does, and the next follower and the store's listeners still hear of the change)."""
        self._followers.append(follower)

    def rebuild(self) -> PlanIndex:
        """Build the index afresh from the rows, into the same object; the followers
        re-derive everything."""
        self._refill()
        patch = self.last = Patch((), rebuilt=True)
        self._tell(patch)
        return self.index

    def _refill(self) -> None:
        self._plan = self.store.plan
        fresh = PlanIndex.build(self.store)
        for each in fields(PlanIndex):
            setattr(self.index, each.name, getattr(fresh, each.name))

    def _tell(self, patch: Patch) -> None:
        for follower in self._followers:
            try:
                follower(patch)
            except Exception:  # its bug must not stop the store's listeners hearing the edit
                log.exception("Following the plan index failed")

    def patch_of(self, changes: Sequence[RowChange]) -> Patch:
        """The Patch made for this very batch; a batch the index has not seen (its listener
        was not called for it) is applied now."""
        if self.last is not None and self.last.changes is changes:
            return self.last
        return self.apply(changes)

    def apply(self, changes: Sequence[RowChange]) -> Patch:
        """Bring the index up to date after `changes` (the store calls this first after every
        committed edit, undo, redo and remote batch). Never raises: a bug rebuilds."""
        try:
            patch = self._patch(changes)
        except Exception:  # a bug must not break every view and the warnings: start afresh
            log.exception("Patching the plan index failed; rebuilding it")
            self._refill()
            patch = Patch(changes, rebuilt=True)
        self.last = patch
        self._tell(patch)
        return patch

    def _patch(self, changes: Sequence[RowChange]) -> Patch:
        by_model: dict[type, list[RowChange]] = defaultdict(list)
        for change in changes:
            by_model[change.model].append(change)
        patch = Patch(changes, dict(by_model))
        if self.store.plan is not self._plan or any(
            m not in _HELD and m not in _NO_INDEX_EFFECT for m in by_model
        ):
            # The store reloaded every row (Save As), or a table this module does not know.
            self._refill()
            patch.rebuilt = True
            return patch
        index = self.index
        if Demand in by_model:
            patch.phase_lists = self._patch_demands(by_model[Demand])
        if Phase in by_model:
            patch.previous_phases = index.phases
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
        return patch

    def _patch_demands(self, changes: list[RowChange]) -> set[int | None]:
        """Take each moved wish out of every list it may have been in (the phases its
        snapshots name), put it into the list of the phase it is in now, re-sort those.
        Returns every list a changed wish is or was in."""
        lists = self.index.demands_by_phase
        find = self.store.find
        moved: set[int] = set()
        groups: set[int | None] = set()  # lists a changed wish is or was in
        resort: set[int | None] = set()  # lists a moved wish is or was in
        for change in changes:
            named = {
                values["phase_id"]
                for values in (change.before, change.after)
                if values and "phase_id" in values
            }
            row = find(Demand, change.row_id)
            if row is not None:
                named.add(row.phase_id)
            groups |= named
            if change.kind == "update" and not any(c in change.after for c in _DEMAND_ORDER):
                continue  # same list, same place: the list holds the live row
            moved.add(change.row_id)
            resort |= named
        for group in resort:
            kept = [d for d in lists.get(group, ()) if d.id not in moved]
            kept += [
                row for row_id in moved
                if (row := find(Demand, row_id)) is not None and row.phase_id == group
            ]
            if kept:
                kept.sort(key=lambda d: (d.position, d.id))
                lists[group] = kept
            else:
                lists.pop(group, None)
        return groups


def live_index(store: PlanStore) -> LiveIndex:
    """The store's one live index, made on first use and listening to the store before any
    other listener, so whoever hears of a change finds the index already patched."""
    live: LiveIndex | None = getattr(store, "_live_index", None)
    if live is None:
        live = LiveIndex(store)
        store._live_index = live  # type: ignore[attr-defined]
        store.subscribe_first(live.apply)
    return live
