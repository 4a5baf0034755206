"""Running the rules: `evaluate` once over a whole plan (the command line, the PDF), and
`WarningsEngine`, which keeps the list current as the plan is edited (the UI).

DESIGN. The engine reads the store's one live index (planner/live_index.py: `live_index`),
the same PlanIndex object the views read. The store tells the live index first of every
edit, undo, redo and remote batch; when the engine hears of the changes the index is
patched already, and so is the department load that follows the index (planner/live_load.py,
the Gantt view's too); `Facts.apply` takes what that patch touched to update the phase
summaries and to name the subjects that may warn differently. The engine caches the
warnings per subject; only the rules of those subjects run again, plus the plan-wide ones,
which are cheap. Property tests check that the result is always the same as a fresh
`evaluate` (which builds an index of its own), on a file and on a server plan.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from planner.changes import RowChange
from planner.live_index import live_index
from planner.live_load import live_load
from planner.load import LoadTracker
from planner.model import Demand
from planner.queries import PlanIndex
from planner.store import PlanStore
from planner.warnings.facts import Dirty, Facts
from planner.warnings.rules import RULES, SCOPES
from planner.warnings.types import Warning

log = logging.getLogger(__name__)

_BY_SCOPE = {scope: [r for r in RULES if r.scope == scope] for scope in SCOPES}
Entry = tuple[tuple, Warning]
_DAY0 = dt.date.min


def _entry(w: Warning) -> Entry:
    """The warning with its sort key: `Warning.sort_key` flattened, then the message (a
    subject has one warning per code, so ties cannot happen; the message makes sure)."""
    s = w.subject
    return (
        (-w.severity, w.code, s.kind, -1 if s.id is None else s.id, s.week or _DAY0, w.message),
        w,
    )


def _check(facts: Facts, scope: str, row: Any) -> list[Entry]:
    """The warnings of one subject, each with its sort key."""
    entries: list[Entry] = []
    for rule in _BY_SCOPE[scope]:
        found = rule.check(facts, row)
        if found:
            entries.extend(_entry(w) for w in found)
    return entries


def _check_all(facts: Facts) -> dict[tuple[str, int], list[Entry]]:
    """Every subject's warnings, keyed by (scope, id). Rule by rule over all subjects: the
    10 000 wishes pass through a tight loop that builds nothing for the quiet ones."""
    out: dict[tuple[str, int], list[Entry]] = {}
    for scope in SCOPES:
        rows = _subjects(facts, scope)
        for rule in _BY_SCOPE[scope]:
            check = rule.check
            for row in rows:
                found = check(facts, row)
                if found:
                    out.setdefault((scope, row.id), []).extend(_entry(w) for w in found)
    return out


def _subjects(facts: Facts, scope: str) -> list[Any]:
    """Every subject of a scope that rules look at. Done phases (and their wishes) are
    history and raise nothing."""
    if scope == "plan":
        return [facts.plan]
    if scope == "phase":
        return [p for p in facts.index.phases if not facts.is_history(p)]
    if scope == "department":
        return list(facts.index.departments)
    return [
        d
        for phase_id, demands in facts.index.demands_by_phase.items()
        if not facts.is_history(facts.phase(phase_id))
        for d in demands
    ]


def _finish(entries: list[Entry], dismissals: dict[tuple, str]) -> list[Warning]:
    """Sort (worst first, then code, then subject) and mark dismissed ones."""
    entries.sort(key=lambda e: e[0])
    if not dismissals:
        return [w for _, w in entries]
    return [
        replace(w, dismissed_reason=dismissals[w.key]) if w.key in dismissals else w
        for _, w in entries
    ]


def evaluate(store: PlanStore, index: PlanIndex | None = None) -> list[Warning]:
    """All warnings of the plan, worst first, then by code, then by subject. Dismissed
    warnings are included, with `dismissed_reason` set."""
    facts = Facts(store, index)
    entries = [entry for group in _check_all(facts).values() for entry in group]
    return _finish(entries, facts.dismissals)


class WarningsEngine:
    """The plan's warnings, kept current after every edit, undo and redo.

    `warnings` is the whole sorted list (a new list after each update); `for_subject(kind,
    id)` the ones of one subject (for badges). `subscribe(callback)` calls
    `callback(warnings)` after each update — views should listen here rather than to the
    store, whose listeners run in no particular order relative to this one. `close()`
    stops listening.
    """

    def __init__(self, store: PlanStore) -> None:
        self.store = store
        self.warnings: list[Warning] = []
        self.last_update_ms = 0.0
        self._live = live_index(store)  # shared with the views; listens to the store first
        self._facts = Facts(store, self._live.index, live_load(store))  # the Gantt's load too
        self._cache: dict[tuple[str, int], list[Entry]] = {}
        # The sorted list as parallel lists of keys and (dismissal-marked) warnings, so a
        # re-checked subject's entries are swapped by bisection instead of re-sorting all.
        self._keys: list[tuple] = []
        self._sorted: list[Warning] = []
        self._by_subject: dict[tuple[str, int | None], list[Warning]] = {}
        self._listeners: list[Callable[[list[Warning]], None]] = []
        self._evaluate_all()
        store.subscribe(self.update)

    # --- reading ---------------------------------------------------------------------------

    @property
    def index(self) -> PlanIndex:
        """The PlanIndex the rules read: the store's one live index, the views' too."""
        return self._facts.index

    @property
    def load(self) -> LoadTracker:
        """The department load the rules read: the store's one live load's tracker
        (planner/live_load.py), the Gantt view's too."""
        return self._facts.load

    def for_subject(self, kind: str, subject_id: int | None) -> list[Warning]:
        return list(self._by_subject.get((kind, subject_id), ()))

    def subscribe(self, callback: Callable[[list[Warning]], None]) -> None:
        self._listeners.append(callback)

    def unsubscribe(self, callback: Callable[[list[Warning]], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def close(self) -> None:
        self.store.unsubscribe(self.update)
        self._listeners.clear()

    # --- updating --------------------------------------------------------------------------

    def update(self, changes: Sequence[RowChange]) -> None:
        """Re-evaluate after `changes` (the store calls this after each committed edit)."""
        started = time.perf_counter()
        try:
            # The live index heard of the changes first; a reload of every row (Save As)
            # comes as a rebuilt patch, and the facts then re-derive everything.
            dirty = self._facts.apply(self._live.patch_of(changes))
            if dirty.everything:
                self._evaluate_all()
            else:
                self._recheck(dirty)
                if dirty.dismissals:
                    self._rebuild_lists()
                self.warnings = list(self._sorted)
        except Exception:  # a bug must not turn an edit into an error: start afresh
            log.exception("Incremental warnings update failed; evaluating the whole plan")
            self.refresh()
        self.last_update_ms = (time.perf_counter() - started) * 1000
        for callback in list(self._listeners):
            callback(self.warnings)

    def refresh(self) -> None:
        """Evaluate everything from scratch (the shared index and load rebuilt too)."""
        self._live.rebuild()
        self._facts.rebuild()
        self._evaluate_all()

    def _evaluate_all(self) -> None:
        self._cache = _check_all(self._facts)
        self._rebuild_lists()
        self.warnings = list(self._sorted)

    def _rebuild_lists(self) -> None:
        entries = [entry for group in self._cache.values() for entry in group]
        entries.sort(key=lambda e: e[0])
        mark = self._marker()
        self._keys = [key for key, _ in entries]
        self._sorted = [mark(w) for _, w in entries]
        self._by_subject = {}
        for warning in self._sorted:
            subject = (warning.subject.kind, warning.subject.id)
            self._by_subject.setdefault(subject, []).append(warning)

    def _marker(self) -> Callable[[Warning], Warning]:
        dismissals = self._facts.dismissals

        def mark(warning: Warning) -> Warning:
            reason = dismissals.get(warning.key) if dismissals else None
            return warning if reason is None else replace(warning, dismissed_reason=reason)

        return mark

    def _recheck(self, dirty: Dirty) -> None:
        facts = self._facts
        for phase_id in dirty.phases:
            phase = facts.phase(phase_id)
            live = phase is not None and not facts.is_history(phase)
            self._store("phase", phase_id, _check(facts, "phase", phase) if live else [])
        for dept_id in dirty.departments:
            dept = facts.department(dept_id)
            entries = _check(facts, "department", dept) if dept is not None else []
            self._store("department", dept_id, entries)
        for demand_id in dirty.demands:
            demand = self.store.find(Demand, demand_id)
            live = demand is not None and not facts.is_history(facts.phase(demand.phase_id))
            self._store("demand", demand_id, _check(facts, "demand", demand) if live else [])
        self._store("plan", facts.plan.id, _check(facts, "plan", facts.plan))

    def _store(self, scope: str, subject_id: int, entries: list[Entry]) -> None:
        """Replace one subject's entries in the cache and in the sorted lists. A scope's
        rules only raise warnings about its own subject, so (scope, id) is the subject."""
        old = self._cache.pop((scope, subject_id), [])
        if not old and not entries:
            return
        keys, ordered = self._keys, self._sorted
        for key, _ in old:
            at = bisect_left(keys, key)
            del keys[at]
            del ordered[at]
        entries = sorted(entries, key=lambda e: e[0])
        mark = self._marker()
        mine = []
        for key, warning in entries:
            at = bisect_left(keys, key)
            marked = mark(warning)
            keys.insert(at, key)
            ordered.insert(at, marked)
            mine.append(marked)
        if entries:
            self._cache[(scope, subject_id)] = entries
            self._by_subject[(scope, subject_id)] = mine
        else:
            self._by_subject.pop((scope, subject_id), None)
