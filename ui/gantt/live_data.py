"""The chart's data kept current edit by edit, for the interactive view.

`read_plan` reads the whole plan: the effort of 10 000 wishes per phase and department and
the department load of every phase, every time. After an edit only a few phases changed.
The sums and the load are not the view's own: the store's one live load
(planner/live_load.py) keeps each phase's effort per department and the department load per
week current, patched right after the live index for every edit, undo, redo and remote
batch — the same objects the warnings engine reads. LiveGanttData follows the document's
changes and redoes only the summaries (PhaseInfo) of the phases they touched, from those
sums, and takes the load strip's table from the live load. `read()` gives a GanttData equal
to what `read_plan` would give (tests/test_gantt_live_data.py), and reuses the objects of
whatever did not change, so the chart builder's caches can tell them apart cheaply.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from planner.changes import RowChange
from planner.live_load import LiveLoad, live_load
from planner.model import Department, Dependency, Milestone, Phase, Plan
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
        # Per phase, the live load's effort dict its PhaseInfo was made from: the live load
        # makes a new one whenever the phase's wishes changed (joined, left, other effort).
        self._made_from: dict[int, dict[int, float]] = {}
        self._milestones: list[MilestoneInfo] | None = None
        self._departments: list[DepartmentInfo] | None = None
        self._dependencies: list[tuple[int, int]] | None = None
        # The store's one live load: made (and following the live index) before the first
        # change reaches this view, so it is up to date whenever the view reads.
        self.load: LiveLoad = live_load(document.store)
        document.changed.connect(self._on_changed)

    # --- following the plan ------------------------------------------------------------------

    def _on_changed(self, changes: list[RowChange]) -> None:
        for change in changes:
            model = change.model
            if model is Phase:  # its title, dates, status (its wishes: see `_made_from`)
                self._mark(change.row_id)
            elif model is Milestone:
                self._milestones = None
            elif model is Department:
                self._departments = None
            elif model is Dependency:
                self._dependencies = None
            elif model is Plan:  # working days, the plan's start: redo all
                self._dirty = _EVERYTHING

    def _mark(self, phase_id: int | None) -> None:
        if self._dirty is not _EVERYTHING and phase_id is not None:
            self._dirty.add(phase_id)

    # --- reading ----------------------------------------------------------------------------

    def read(self, warnings: Sequence[Warning]) -> GanttData:
        store, index = self.document.store, self.document.index
        efforts = self.load.phase_efforts
        dirty = self._dirty
        self._dirty = set()
        everything = dirty is _EVERYTHING
        infos: dict[int, PhaseInfo] = {}
        made_from: dict[int, dict[int, float]] = {}
        for number, phase in enumerate(index.phases, start=1):
            old = self._infos.get(phase.id)
            sums = made_from[phase.id] = efforts(phase.id)
            if (
                everything
                or old is None
                or old.number != number
                or phase.id in dirty  # type: ignore[operator]
                or sums is not self._made_from.get(phase.id)
            ):
                infos[phase.id] = phase_info(phase, number, sums)
            else:
                infos[phase.id] = old
        self._infos, self._made_from = infos, made_from
        if self._departments is None:
            self._departments = department_infos(index)
        if self._milestones is None:
            self._milestones = milestone_infos(index)
        if self._dependencies is None:
            self._dependencies = dependencies(index)
        return GanttData(
            phases=[infos[phase.id] for phase in index.phases],
            milestones=self._milestones,
            dependencies=self._dependencies,
            departments=self._departments,
            load=self.load.table(),
            badges=badges_from(warnings),
            working_days=store.plan.working_days,
            plan_start=store.plan.start_date,
        )
