"""What the rules read: the plan's index, department load and per-phase sums.

DESIGN. Neither the index nor the load is the facts' own: the engine's facts read the
store's one live index (planner/live_index.py), the same PlanIndex object the views read,
and its one live load (planner/live_load.py: effort per phase and department, load per
department and week), the same objects the Gantt view reads; both are patched from the row
changes of every edit, undo, redo and remote batch before the engine hears of them. From
what that patch touched (`Patch`: which phases' wish lists changed, the phase order before;
`LoadChange`: which departments' load changed) `apply` updates only what the facts derive
for the rules alone — the summaries of the phases whose lists changed, go-lives, phase
ranks, successors, prerequisites — and works out which subjects (phases, departments,
wishes) may have different warnings now, so the engine re-runs the rules for those only.
Moving one wish on a 10 000-wish plan recomputes two phases' summaries instead of
everything. Edits that touch everything anyway (plan settings, objectives, a department's
name) re-derive everything from the (patched) index.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from planner.baseline import Snapshot, latest_baseline, read_snapshot
from planner.benefit import departments_touched
from planner.changes import RowChange
from planner.enums import DemandKind, MilestoneKind, PhaseStatus
from planner.errors import PlanError
from planner.i18n import _
from planner.live_index import Patch
from planner.live_load import LiveLoad
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
    Prerequisite,
)
from planner.queries import PlanIndex, duration_weeks
from planner.store import PlanStore
from planner.warnings.fixes import columns, lowest_first
from planner.warnings.thresholds import Thresholds

_DATA_FIELD = DemandKind.DATA_FIELD  # enum member lookups are slow in a 10 000-row loop

# Department columns that only the department's own warnings read; other changes (its name,
# whether it is IT) show up in messages all over the plan and rebuild everything.
_DEPARTMENT_LOCAL = {"capacity", "support_contact", "head", "colour", "position"}


@dataclass
class PhaseSummary:
    """Sums over one phase's wishes, in the phase's order. `dept_effort` is the live load's
    own (planner/live_load.py), not a copy."""

    effort: float
    count: int
    by_dept: dict[int, list[Demand]]  # department -> its wishes, in first-seen order
    dept_effort: dict[int, float]
    data_fields: list[Demand]
    _ranked: list[Demand] | None = None

    @classmethod
    def of(cls, demands: Sequence[Demand], dept_effort: dict[int, float]) -> PhaseSummary:
        """`dept_effort`: the wishes' effort per department (LiveLoad.phase_efforts)."""
        by_dept: dict[int, list[Demand]] = {}
        efforts: list[float] = []
        data_fields: list[Demand] = []
        for d in demands:
            dept, effort, kind = columns(d, "department_id", "effort", "kind")
            if dept in by_dept:
                by_dept[dept].append(d)
            else:
                by_dept[dept] = [d]
            efforts.append(effort)
            if kind == _DATA_FIELD:
                data_fields.append(d)
        return cls(
            effort=math.fsum(efforts),
            count=len(demands),
            by_dept=by_dept,
            dept_effort=dept_effort,
            data_fields=data_fields,
        )

    def dept_count(self, dept_id: int) -> int:
        return len(self.by_dept.get(dept_id, ()))

    def lowest_first(self) -> list[Demand]:
        """The phase's wishes, least important first (sorted once, several rules use it)."""
        if self._ranked is None:
            self._ranked = lowest_first(d for group in self.by_dept.values() for d in group)
        return self._ranked


@dataclass
class Dirty:
    """Subjects whose warnings may have changed. `everything`: re-run every rule."""

    everything: bool = False
    dismissals: bool = False
    phases: set[int] = field(default_factory=set)
    departments: set[int] = field(default_factory=set)
    demands: set[int] = field(default_factory=set)


class BaselineState:
    """The latest baseline, read once: its snapshot or why it cannot be read."""

    def __init__(self, store: PlanStore) -> None:
        self.row: Baseline | None = latest_baseline(store)
        self.snapshot: Snapshot | None = None
        self.error = ""
        if self.row is not None:
            try:
                self.snapshot = read_snapshot(self.row)
            except PlanError as exc:
                self.error = exc.message


class Facts:
    """What the rules read. `index` is the plan's PlanIndex — for the engine the store's one
    live index (planner/live_index.py), shared with the views and patched before the engine
    hears of a change; for a one-off `evaluate` a PlanIndex built for it. The facts never
    change the index: they keep only what they derive from it for the rules (phase
    summaries, go-lives, phase ranks, successors, prerequisites). `live_load` likewise: for
    the engine the store's one live load (planner/live_load.py), the Gantt view's too; for a
    one-off `evaluate` one made here from the index. `load` is its LoadTracker."""

    def __init__(
        self, store: PlanStore, index: PlanIndex | None = None, live_load: LiveLoad | None = None
    ) -> None:
        self.store = store
        self.index = index if index is not None else PlanIndex.build(store)
        self.live_load = live_load if live_load is not None else LiveLoad(store, self.index)
        self.load = self.live_load.tracker  # the department load the capacity rules read
        self.rebuild()

    # --- building ------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Derive everything afresh from the index and the rows."""
        store = self.store
        self.plan: Plan = store.plan
        self.thresholds = Thresholds.of(self.plan)
        self.working_days = self.thresholds.working_days
        self._order_phases()
        self._successors = _successors(self.index.predecessors)
        self._summaries: dict[int, PhaseSummary] = {}
        self._go_lives = _go_lives(self.index.milestones)
        self._baseline: BaselineState | None = None
        self._dismissals: dict[tuple, str] | None = None
        self._build_prerequisites()

    def _build_prerequisites(self) -> None:
        """wish -> the wishes it needs, and wish -> the wishes that need it."""
        needs: dict[int, list[int]] = defaultdict(list)
        needed_by: dict[int, list[int]] = defaultdict(list)
        for link in self.store.rows(Prerequisite):
            needs[link.demand_id].append(link.needs_id)
            needed_by[link.needs_id].append(link.demand_id)
        self.needs: dict[int, list[int]] = dict(needs)
        self.needed_by: dict[int, list[int]] = dict(needed_by)

    def _order_phases(self) -> None:
        self._rank = {p.id: i for i, p in enumerate(self.index.phases)}

    def rank(self, phase_id: int) -> int:
        """The phase's place in the plan's order (unknown ids last)."""
        return self._rank.get(phase_id, 1 << 30)

    # --- reading -------------------------------------------------------------------------

    def phase(self, phase_id: int | None) -> Phase | None:
        return self.store.find(Phase, phase_id)

    def department(self, dept_id: int | None) -> Department | None:
        return self.store.find(Department, dept_id)

    def dept_name(self, dept_id: int) -> str:
        dept = self.department(dept_id)
        return dept.name if dept else _("department #{id}").format(id=dept_id)

    def objective_title(self, objective_id: int) -> str:
        objective = self.store.find(Objective, objective_id)
        return objective.title if objective else _("objective #{id}").format(id=objective_id)

    def demands(self, phase_id: int | None) -> list[Demand]:
        return self.index.demands(phase_id)

    def summary(self, phase_id: int) -> PhaseSummary:
        summary = self._summaries.get(phase_id)
        if summary is None:
            summary = self._summaries[phase_id] = PhaseSummary.of(
                self.index.demands(phase_id), self.live_load.phase_efforts(phase_id)
            )
        return summary

    def weeks(self, phase: Phase) -> float | None:
        return duration_weeks(phase, self.working_days)

    def next_phase(self, phase_id: int) -> Phase | None:
        rank = self._rank.get(phase_id)
        if rank is None or rank + 1 >= len(self.index.phases):
            return None
        return self.index.phases[rank + 1]

    def first_go_live(self, phase: Phase) -> dt.date | None:
        """The earliest go-live milestone of the phase inside its dates: when its users
        first get something (else they get it at the end)."""
        if phase.start_date is None or phase.end_date is None:
            return None
        for day in self._go_lives.get(phase.id, []):
            if phase.start_date < day <= phase.end_date:
                return day
        return None

    def predecessors(self, phase_id: int) -> list[int]:
        return self.index.predecessors.get(phase_id, [])

    def successors(self, phase_id: int) -> list[int]:
        return self._successors.get(phase_id, [])

    def activities(self, phase_id: int) -> list[ChangeActivity]:
        return self.index.activities_by_phase.get(phase_id, [])

    def objectives_of(self, phase_id: int) -> list[int]:
        return self.index.objectives_by_phase.get(phase_id, [])

    @staticmethod
    def is_history(phase: Phase | None) -> bool:
        """A done phase is history: nothing in it can be fixed, so it raises no warnings."""
        return phase is not None and phase.status == PhaseStatus.DONE

    @property
    def baseline(self) -> BaselineState:
        if self._baseline is None:
            self._baseline = BaselineState(self.store)
        return self._baseline

    @property
    def dismissals(self) -> dict[tuple, str]:
        if self._dismissals is None:
            self._dismissals = {
                (d.code, d.subject_kind, d.subject_id, d.week): d.reason
                for d in self.store.rows(Dismissal)
            }
        return self._dismissals

    # --- following the edits ---------------------------------------------------------------

    def apply(self, patch: Patch) -> Dirty:
        """Bring what the facts derive up to date after the index and the load were patched
        (`patch`: what that did to the index); return the subjects that may warn
        differently."""
        load = self.live_load.change_of(patch)  # made already when the load follows the index
        if patch.rebuilt or any(_touches_everything(c) for c in patch.changes):
            self.rebuild()
            return Dirty(everything=True)
        dirty = Dirty()
        by_model = patch.by_model
        self._demands_changed(by_model.get(Demand, []), dirty)
        load_phases = {g for g in patch.phase_lists if g is not None}  # summaries to redo
        if Phase in by_model:
            self._phases_changed(by_model[Phase], patch.previous_phases or [], dirty, load_phases)
        self._links_changed(by_model, dirty)
        if Department in by_model:
            dirty.departments.update(c.row_id for c in by_model[Department])
        if Milestone in by_model:
            self._go_lives = _go_lives(self.index.milestones)
            dirty.phases.update(_ids(by_model[Milestone], "phase_id", self.store, Milestone))
        if Baseline in by_model:
            self._baseline = None
        dirty.departments |= departments_touched(self.store, by_model)  # benefit checks
        if Dismissal in by_model:
            self._dismissals = None
            dirty.dismissals = True
        if Prerequisite in by_model:
            self._build_prerequisites()
            for change in by_model[Prerequisite]:
                for values in (change.before, change.after):
                    if values:
                        dirty.demands.update((values["demand_id"], values["needs_id"]))
        dirty.departments |= load.departments
        for phase_id in load_phases:
            self._summaries.pop(phase_id, None)
            # Its departments' warnings name the phase and count its wishes.
            dirty.departments |= set(self.live_load.phase_efforts(phase_id))
            dirty.phases.add(phase_id)
        # A phase's fix may move wishes to the next phase if they fit there, so the phase
        # before any changed phase is re-checked too.
        # A wish's prerequisite-later warning reads where the wishes it needs are.
        for demand_id in list(dirty.demands):
            dirty.demands.update(self.needed_by.get(demand_id, ()))
        phases = self.index.phases
        for phase_id in list(dirty.phases):
            rank = self._rank.get(phase_id)
            if rank:  # not the first (0) nor gone (None)
                dirty.phases.add(phases[rank - 1].id)
        return dirty

    def _demands_changed(self, changes: list[RowChange], dirty: Dirty) -> None:
        """A changed wish re-checks itself and the departments it asks for, then and now
        (its phases' lists were patched in the index already: `Patch.phase_lists`)."""
        for change in changes:
            dirty.demands.add(change.row_id)
            for values in (change.before, change.after):
                if values and "department_id" in values:
                    dirty.departments.add(values["department_id"])
            row = self.store.find(Demand, change.row_id)
            if row is not None:
                dirty.departments.add(row.department_id)

    def _phases_changed(
        self,
        changes: list[RowChange],
        previous_phases: Sequence[Phase],
        dirty: Dirty,
        load_phases: set[int],
    ) -> None:
        old_prev, old_next = _neighbours(previous_phases)
        self._order_phases()
        new_prev, new_next = _neighbours(self.index.phases)
        # A phase's warnings look at the phase before it (an undated phase starts after it)
        # and the one after it (wishes may move there): a new neighbour re-checks it.
        for phase_id in self._rank:
            if (old_prev.get(phase_id), old_next.get(phase_id)) != (
                new_prev.get(phase_id),
                new_next.get(phase_id),
            ):
                dirty.phases.add(phase_id)
        for change in changes:
            phase_id = change.row_id
            load_phases.add(phase_id)
            # Successors quote this phase's end, the phase after it may start after it,
            # its wishes quote its title and status.
            dirty.phases.update(self.successors(phase_id))
            for after in (old_next.get(phase_id), new_next.get(phase_id)):
                if after is not None:
                    dirty.phases.add(after)
            dirty.demands.update(d.id for d in self.index.demands(phase_id))
            if change.after is None:
                self._summaries.pop(phase_id, None)

    def _links_changed(self, by_model: dict[type, list[RowChange]], dirty: Dirty) -> None:
        store = self.store
        if ChangeActivity in by_model:
            dirty.phases.update(_ids(by_model[ChangeActivity], "phase_id", store, ChangeActivity))
        if PhaseObjective in by_model:
            phases = _ids(by_model[PhaseObjective], "phase_id", store, PhaseObjective)
            dirty.phases.update(phases)
            for phase_id in phases:  # wishes offer to link what their phase serves
                dirty.demands.update(d.id for d in self.index.demands(phase_id))
        if Dependency in by_model:
            self._successors = _successors(self.index.predecessors)
            dirty.phases.update(_ids(by_model[Dependency], "successor_id", store, Dependency))


def _touches_everything(change: RowChange) -> bool:
    if change.model in (Plan, Objective):
        return True
    if change.model is Department:
        if change.before is None or change.after is None:
            return True
        return not set(change.after) <= _DEPARTMENT_LOCAL
    return False


def _neighbours(phases: Sequence[Phase]) -> tuple[dict[int, int], dict[int, int]]:
    """(phase -> the one before it, phase -> the one after it), in plan order."""
    previous = {after.id: before.id for before, after in pairwise(phases)}
    following = {before.id: after.id for before, after in pairwise(phases)}
    return previous, following


def _go_lives(milestones: Iterable[Milestone]) -> dict[int, list[dt.date]]:
    out: dict[int, list[dt.date]] = defaultdict(list)
    for milestone in milestones:  # already by date
        if milestone.kind == MilestoneKind.GO_LIVE and milestone.phase_id is not None:
            out[milestone.phase_id].append(milestone.date)
    return dict(out)


def _successors(predecessors: dict[int, list[int]]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for successor, preds in predecessors.items():
        for pred in preds:
            out[pred].append(successor)
    return dict(out)


def _ids(changes: Iterable[RowChange], column: str, store: PlanStore, model: type) -> set[int]:
    """The values of `column` before, after and now for the changed rows."""
    out: set[int] = set()
    for change in changes:
        for values in (change.before, change.after):
            if values and values.get(column) is not None:
                out.add(values[column])
        row = store.find(model, change.row_id)
        if row is not None and getattr(row, column) is not None:
            out.add(getattr(row, column))
    return out
