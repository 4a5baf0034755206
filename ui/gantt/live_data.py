"""The chart's data kept current edit by edit, for the interactive view.

`read_plan` reads the whole plan: the effort of 10 000 wishes per phase and department and
the department load of every phase, every time. After an edit only a few phases changed.
LiveGanttData follows the document's changes and redoes only those phases: their summaries
(PhaseInfo), what they put on the load (planner.load.LoadTracker, phase by phase) and the
load rows of the departments that changed. `read()` gives a GanttData equal to what
`read_plan` would give (tests/test_gantt_live_data.py), and reuses the objects of whatever
did not change, so the chart builder's caches can tell them apart cheaply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QObject

from planner.changes import RowChange
from planner.load import WEEK, LoadTable, LoadTracker, PhaseShare, usable_working_days
from planner.model import Demand, Department, Dependency, Milestone, Phase, Plan
from planner.warnings.types import Warning
from ui.gantt.data import (
    DepartmentInfo,
    GanttData,
    MilestoneInfo,
    PhaseInfo,
    badges_from,
    department_infos,
    dependencies,
    milestone_infos,
    phase_info,
)

_EVERYTHING = None  # a dirty set of None: redo every phase


class LiveGanttData(QObject):
    def __init__(self, document) -> None:  # noqa: ANN001 - ui.document.PlanDocument
        super().__init__(document)
        self.document = document
        self._dirty: set[int] | None = _EVERYTHING
        self._infos: dict[int, PhaseInfo] = {}
        self._order: list[int] = []  # phase ids in plan order at the last read
        self._milestones: list[MilestoneInfo] | None = None
        self._departments: list[DepartmentInfo] | None = None
        self._dependencies: list[tuple[int, int]] | None = None
        self._tracker: LoadTracker | None = None
        self._load: dict[int, dict[dt.date, float]] = {}
        self._shares: dict[tuple[int, dt.date], list[PhaseShare]] = {}
        self._share_weeks: dict[int, list[dt.date]] = {}  # per department: its keys above
        document.changed.connect(self._on_changed)

    # --- following the plan ------------------------------------------------------------------

    def _on_changed(self, changes: list[RowChange]) -> None:
        for change in changes:
            model = change.model
            if model is Demand:
                self._mark_phases(change)
            elif model is Phase:
                self._mark(change.row_id)
            elif model is Milestone:
                self._milestones = None
            elif model is Department:
                self._departments = None
            elif model is Dependency:
                self._dependencies = None
            elif model is Plan:  # working days, the plan's start: redo all
                self._dirty = _EVERYTHING
                self._tracker = None

    def _mark(self, phase_id: int | None) -> None:
        if self._dirty is not _EVERYTHING and phase_id is not None:
            self._dirty.add(phase_id)

    def _mark_phases(self, change: RowChange) -> None:
        for snapshot in (change.before, change.after):
            if snapshot and "phase_id" in snapshot:
                self._mark(snapshot["phase_id"])
        demand = self.document.store.find(Demand, change.row_id)
        if demand is not None:
            self._mark(demand.phase_id)

    # --- reading ----------------------------------------------------------------------------

    def read(self, warnings: Sequence[Warning]) -> GanttData:
        store, index = self.document.store, self.document.index
        dirty = self._dirty
        self._dirty = set()
        everything = dirty is _EVERYTHING or self._tracker is None
        if self._tracker is None:
            self._tracker = LoadTracker(usable_working_days(store.plan.working_days))
        tracker = self._tracker
        order = [p.id for p in index.phases]
        reordered = order != self._order
        infos: dict[int, PhaseInfo] = {}
        touched: set[int] = set()  # departments whose load changed
        for number, phase in enumerate(index.phases, start=1):
            old = self._infos.get(phase.id)
            if everything or phase.id in dirty or old is None:  # type: ignore[operator]
                demands = index.demands(phase.id)
                infos[phase.id] = phase_info(phase, number, demands)
                touched |= tracker.set_phase(phase, demands)
            elif old.number != number:
                infos[phase.id] = phase_info(phase, number, index.demands(phase.id))
            else:
                infos[phase.id] = old
        for gone in self._infos.keys() - infos.keys():
            touched |= tracker.remove_phase(gone)
        self._infos, self._order = infos, order
        if self._departments is None:
            self._departments = department_infos(index)
        if self._milestones is None:
            self._milestones = milestone_infos(index)
        if self._dependencies is None:
            self._dependencies = dependencies(index)
        return GanttData(
            phases=[infos[phase_id] for phase_id in order],
            milestones=self._milestones,
            dependencies=self._dependencies,
            departments=self._departments,
            load=self._load_table(touched, everything or reordered),
            badges=badges_from(warnings),
            working_days=store.plan.working_days,
            plan_start=store.plan.start_date,
        )

    def _load_table(self, touched: set[int], all_rows: bool) -> LoadTable:
        """planner.load's table, with only the changed departments' rows redone (all of them
        when the phases' order changed: the shares are listed in that order)."""
        tracker = self._tracker
        assert tracker is not None
        rank = {phase_id: i for i, phase_id in enumerate(self._order)}
        if all_rows:
            touched = set(self._load) | touched
        for dept_id in touched:
            for week in self._share_weeks.pop(dept_id, ()):
                del self._shares[(dept_id, week)]
            weeks = tracker.department_weeks(dept_id)
            if not weeks:
                self._load.pop(dept_id, None)
                continue
            self._load[dept_id] = weeks
            for week in weeks:
                by_phase = tracker.shares(dept_id, week)
                ordered = sorted(by_phase.items(), key=lambda item: rank.get(item[0], 1 << 30))
                self._shares[(dept_id, week)] = [PhaseShare(pid, amount) for pid, amount in ordered]
            self._share_weeks[dept_id] = list(weeks)
        firsts = [next(iter(weeks)) for weeks in self._load.values()]
        lasts = [next(reversed(weeks)) for weeks in self._load.values()]
        all_weeks: list[dt.date] = []
        if firsts:
            week, last = min(firsts), max(lasts)
            while week <= last:
                all_weeks.append(week)
                week += WEEK
        departments = self._departments or []
        return LoadTable(
            weeks=all_weeks,
            capacity={d.id: d.capacity for d in departments},
            load=dict(self._load),
            shares=self._shares,  # kept up to date in place: rebuilding it costs a copy of all
        )
