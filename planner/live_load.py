"""The plan's department load kept current edit by edit, one per store, shared by every reader.

DESIGN. `live_load(store)` makes one `LiveLoad` per open store, the first time anyone asks,
and hangs it on the store's live index (planner/live_index.py, `LiveIndex.follow`): right
after the index was patched for a committed edit, an undo, a redo or — on a plan on a
server — a batch of someone else's changes, the load hears the index's `Patch` and redoes
only the phases it names, before any listener of the store hears of the change. The
warnings engine's facts (`Facts.load`) and the Gantt view's live data read the very same
objects; nothing else keeps a copy of these sums.

It holds what planner/load.py computes for the whole plan, kept phase by phase:

- `efforts[phase_id]`: effort per department of the phase's wishes (math.fsum, in the
  order the departments first appear), the per-phase sums the rules' phase summaries and the
  chart's phase bars show;
- `tracker`: the load per department per week and each phase's share of it (LoadTracker),
  what the capacity rules read;
- `table()`: the same as a LoadTable (the Gantt's load strip), whose rows are redone only for
  the departments whose load changed since the last call, and which hands back the very same
  week -> load dict for a department nothing changed (the chart's caches key on it).

A phase is redone when its wish list changed (a wish joined, left or changed) or its dates
did; a change of the plan's working days, or a rebuilt index, redoes all of it. The result
is always what `department_load` computes afresh (tests/test_live_load.py; on random edits,
undos, redos and remote batches tests/test_one_live_index.py, test_server_remote_index.py
and test_gantt_live_data.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from planner.live_index import Patch, live_index
from planner.load import (
    WEEK,
    LoadTable,
    LoadTracker,
    PhaseShare,
    department_efforts,
    usable_working_days,
)
from planner.model import Phase
from planner.queries import PlanIndex
from planner.store import PlanStore

log = logging.getLogger(__name__)

_DATES = frozenset({"start_date", "end_date"})  # the phase columns the load depends on


@dataclass
class LoadChange:
    """What one Patch did to the load: `everything` was redone, or `phases` were (their
    efforts and load), changing the load of `departments`."""

    patch: Patch | None
    everything: bool = False
    phases: set[int] = field(default_factory=set)
    departments: set[int] = field(default_factory=set)


class LiveLoad:
    """Per-phase efforts and the department load of the plan `index` shows. Use
    `live_load(store)` for the store's shared one; `LiveLoad(store, index)` alone makes one
    that follows nothing (a one-off evaluation)."""

    def __init__(self, store: PlanStore, index: PlanIndex) -> None:
        self.store = store
        self.index = index
        self.efforts: dict[int, dict[int, float]] = {}
        self.tracker = LoadTracker(usable_working_days(store.plan.working_days))
        self.last: LoadChange | None = None
        # The table's rows, redone lazily: departments changed since the last `table()`
        # (None: all of them) and the phase order it listed each cell's shares in.
        self._stale: set[int] | None = None
        self._order: list[int] = []
        self._load: dict[int, dict[dt.date, float]] = {}
        self._shares: dict[tuple[int, dt.date], list[PhaseShare]] = {}
        self._share_weeks: dict[int, list[dt.date]] = {}  # per department: its keys above
        self._fill()

    # --- following the index ---------------------------------------------------------------

    def change_of(self, patch: Patch) -> LoadChange:
        """The LoadChange made for this very Patch; one not seen yet is applied now."""
        if self.last is not None and self.last.patch is patch:
            return self.last
        return self.apply(patch)

    def apply(self, patch: Patch) -> LoadChange:
        """Bring the load up to date after the index was patched. Never raises: a bug
        re-derives everything."""
        try:
            change = self._apply(patch)
        except Exception:  # a bug must not break the warnings and the chart: start afresh
            log.exception("Updating the department load failed; computing it afresh")
            change = self.rebuild(patch)
        self.last = change
        return change

    def rebuild(self, patch: Patch | None = None) -> LoadChange:
        """Derive everything afresh from the index (into the same objects)."""
        before = set(self.tracker.departments())
        self._fill()
        self._stale = None
        change = LoadChange(patch, everything=True, phases=set(self.efforts))
        change.departments = before | set(self.tracker.departments())
        self.last = change
        return change

    def _fill(self) -> None:
        self.tracker.reset(usable_working_days(self.store.plan.working_days))
        self.efforts.clear()
        for phase in self.index.phases:
            efforts = self.efforts[phase.id] = department_efforts(self.index.demands(phase.id))
            self.tracker.set_phase(phase, efforts)

    def _apply(self, patch: Patch) -> LoadChange:
        if patch.rebuilt or (
            usable_working_days(self.store.plan.working_days) != self.tracker.working_days
        ):
            return self.rebuild(patch)
        change = LoadChange(patch)
        lists = {g for g in patch.phase_lists if g is not None}  # the backlog loads nothing
        dated = {
            c.row_id
            for c in patch.by_model.get(Phase, ())
            if c.before is None or c.after is None or not _DATES.isdisjoint(c.after)
        }
        find = self.store.find
        for phase_id in lists | dated:
            phase = find(Phase, phase_id)
            if phase is None:  # deleted
                self.efforts.pop(phase_id, None)
                change.departments |= self.tracker.remove_phase(phase_id)
                continue
            efforts = self.efforts.get(phase_id)
            if efforts is None or phase_id in lists:
                efforts = self.efforts[phase_id] = department_efforts(
                    self.index.demands(phase_id)
                )
            change.departments |= self.tracker.set_phase(phase, efforts)
        change.phases = lists | dated
        if self._stale is not None:
            self._stale |= change.departments
        return change

    # --- reading -----------------------------------------------------------------------------

    def phase_efforts(self, phase_id: int) -> dict[int, float]:
        """Effort per department of the phase's wishes (empty for an unknown phase)."""
        return self.efforts.get(phase_id, {})

    def table(self) -> LoadTable:
        """The load as planner.load's LoadTable, equal to `department_load`'s; only the rows
        of departments whose load changed are redone (all of them when the phases' order
        changed: each cell lists its shares in that order)."""
        order = [p.id for p in self.index.phases]
        stale = self._stale
        if stale is None or order != self._order:
            stale = set(self._load) | set(self.tracker.departments())
        self._stale, self._order = set(), order
        rank = {phase_id: i for i, phase_id in enumerate(order)}
        tracker = self.tracker
        for dept_id in stale:
            for week in self._share_weeks.pop(dept_id, ()):
                del self._shares[(dept_id, week)]
            weeks = tracker.department_weeks(dept_id)
            if not weeks:
                self._load.pop(dept_id, None)
                continue
            self._load[dept_id] = weeks
            for week in weeks:
                by_phase = sorted(
                    tracker.shares(dept_id, week).items(),
                    key=lambda item: rank.get(item[0], 1 << 30),
                )
                self._shares[(dept_id, week)] = [PhaseShare(p, amount) for p, amount in by_phase]
            self._share_weeks[dept_id] = list(weeks)
        return LoadTable(
            weeks=_every_week(self._load),
            capacity={d.id: d.capacity for d in self.index.departments},
            load=dict(self._load),
            shares=self._shares,  # kept up to date in place: copying it costs a copy of all
        )


def _every_week(load: dict[int, dict[dt.date, float]]) -> list[dt.date]:
    """Every Monday from the first to the last loaded week (each row is in date order)."""
    if not load:
        return []
    week = min(next(iter(weeks)) for weeks in load.values())
    last = max(next(reversed(weeks)) for weeks in load.values())
    out = []
    while week <= last:
        out.append(week)
        week += WEEK
    return out


def live_load(store: PlanStore) -> LiveLoad:
    """The store's one live load, made on first use and following its live index, so
    whoever hears of a change from the store finds the load up to date already."""
    load: LiveLoad | None = getattr(store, "_live_load", None)
    if load is None:
        live = live_index(store)
        load = LiveLoad(store, live.index)
        store._live_load = load  # type: ignore[attr-defined]
        live.follow(load.apply)
    return load
