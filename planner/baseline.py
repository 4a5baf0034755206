"""Baselines: a frozen copy of the phase dates and of which wish is in which phase with what
effort, so a steering review can see what changed since the last one (the PDF pack's
"changes since baseline" page) and the scope-creep warning can measure growth.

Snapshot versions: 1 held phases (title, dates, position) and wishes (title, department,
phase, effort, priority). 2 adds what a review needs besides: each phase's status and goal,
the milestones' dates, the departments' names and capacities and the warnings open at the
time. Version 1 snapshots stay readable; what they lack is empty.

A baseline is a row of the Baseline table holding a JSON snapshot; taking one is a command
like any other edit, so it can be undone. "Planned effort" is the effort of the wishes that
are in a phase; the backlog is "later", not scope.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.changes import Recorder
from planner.commands.base import Command
from planner.commands.entities import new_row
from planner.errors import PlanError, ValidationError
from planner.i18n import _
from planner.model import Baseline, Demand, Department, Milestone, Phase
from planner.store import PlanStore

SNAPSHOT_VERSION = 2
READABLE_VERSIONS = (1, 2)


class BaselineError(PlanError):
    """A stored snapshot cannot be read (written by another tool, or damaged)."""


@dataclass(frozen=True)
class PhaseState:
    id: int
    title: str
    start: dt.date | None
    end: dt.date | None
    position: int
    status: str = ""
    goal: str = ""


@dataclass(frozen=True)
class MilestoneState:
    id: int
    title: str
    kind: str
    date: dt.date
    phase_id: int | None


@dataclass(frozen=True)
class DepartmentState:
    id: int
    name: str
    capacity: float


@dataclass(frozen=True)
class WarningState:
    """An open warning when the snapshot was taken: enough to tell new from resolved."""

    code: str
    kind: str
    subject_id: int | None
    message: str
    week: str | None = None  # ISO Monday, for time-based warnings

    @property
    def key(self) -> tuple[str, str, int | None, str | None]:
        return (self.code, self.kind, self.subject_id, self.week)


@dataclass(frozen=True)
class DemandState:
    id: int
    title: str
    department_id: int
    phase_id: int | None
    effort: float
    priority: str


@dataclass(frozen=True)
class Snapshot:
    phases: dict[int, PhaseState]
    demands: dict[int, DemandState]
    milestones: dict[int, MilestoneState] = field(default_factory=dict)
    departments: dict[int, DepartmentState] = field(default_factory=dict)
    # None: not recorded (a version-1 snapshot), so no warning can be called new or resolved.
    warnings: list[WarningState] | None = None
    version: int = SNAPSHOT_VERSION

    @property
    def planned_effort(self) -> float:
        return math.fsum(d.effort for d in self.demands.values() if d.phase_id is not None)

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": SNAPSHOT_VERSION,
                "phases": [
                    {
                        "id": p.id,
                        "title": p.title,
                        "start": p.start.isoformat() if p.start else None,
                        "end": p.end.isoformat() if p.end else None,
                        "position": p.position,
                        "status": p.status,
                        "goal": p.goal,
                    }
                    for p in self.phases.values()
                ],
                "demands": [
                    {
                        "id": d.id,
                        "title": d.title,
                        "department_id": d.department_id,
                        "phase_id": d.phase_id,
                        "effort": d.effort,
                        "priority": d.priority,
                    }
                    for d in self.demands.values()
                ],
                "milestones": [
                    {
                        "id": m.id,
                        "title": m.title,
                        "kind": m.kind,
                        "date": m.date.isoformat(),
                        "phase_id": m.phase_id,
                    }
                    for m in self.milestones.values()
                ],
                "departments": [
                    {"id": d.id, "name": d.name, "capacity": d.capacity}
                    for d in self.departments.values()
                ],
                "warnings": None
                if self.warnings is None
                else [[w.code, w.kind, w.subject_id, w.message, w.week] for w in self.warnings],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


def take_snapshot(
    store: PlanStore, *, with_warnings: bool = False, warnings_now: Sequence[Any] | None = None
) -> Snapshot:
    """The plan as it is now. `with_warnings` also records its warnings: `warnings_now` when
    the caller has them current (the app's engine), else evaluated here (the scope-creep
    rule, which runs inside the evaluation, must not ask for them)."""
    warnings: list[WarningState] | None = None
    if with_warnings:
        if warnings_now is None:
            from planner.warnings.engine import evaluate  # the warnings read baselines too

            warnings_now = evaluate(store)
        warnings = [
            WarningState(
                w.code,
                w.subject.kind,
                w.subject.id,
                w.message,
                w.subject.week.isoformat() if w.subject.week else None,
            )
            for w in warnings_now
            if not w.dismissed
        ]
    return Snapshot(
        phases={
            p.id: PhaseState(
                p.id, p.title, p.start_date, p.end_date, p.position, str(p.status), p.goal or ""
            )
            for p in store.rows(Phase)
        },
        demands=_demand_states(store),
        milestones={
            m.id: MilestoneState(m.id, m.title, str(m.kind), m.date, m.phase_id)
            for m in store.rows(Milestone)
        },
        departments={
            d.id: DepartmentState(d.id, d.name, float(d.capacity)) for d in store.rows(Department)
        },
        warnings=warnings,
    )


def _demand_states(store: PlanStore) -> dict[int, DemandState]:
    # 10 000 wishes: read the loaded values straight from each row's state (as the warnings
    # do, planner/warnings/fixes.py `columns`), not through six attribute descriptors each.
    out: dict[int, DemandState] = {}
    for d in store.rows(Demand):
        state = d.__dict__
        try:
            values = (state["id"], state["title"], state["department_id"], state["phase_id"],
                      float(state["effort"]), str(state["priority"]))
        except KeyError:
            values = (d.id, d.title, d.department_id, d.phase_id, float(d.effort),
                      str(d.priority))
        out[values[0]] = DemandState(*values)
    return out


# Parsed snapshots by their JSON text: a baseline never changes its snapshot (renaming
# changes only its name), and the Changes view compares after every edit. Keyed on the text
# itself, so an edited or replaced snapshot can never be served stale.
_parsed: dict[str, Snapshot] = {}
_PARSED_KEEP = 4


def read_snapshot(baseline: Baseline) -> Snapshot:
    """The baseline's snapshot; `BaselineError` with a plain message if it is unreadable.
    The result is shared: read it, never change it."""
    text = baseline.snapshot
    cached = _parsed.get(text) if isinstance(text, str) else None
    if cached is not None:
        return cached
    snapshot = _read_snapshot(baseline)
    if len(_parsed) >= _PARSED_KEEP:
        _parsed.pop(next(iter(_parsed)))
    _parsed[text] = snapshot
    return snapshot


def _read_snapshot(baseline: Baseline) -> Snapshot:
    try:
        data = json.loads(baseline.snapshot)
        if not isinstance(data, dict):
            raise ValueError(_("it holds no snapshot"))
        version = data.get("version")
        if version not in READABLE_VERSIONS:
            raise ValueError(_("unknown snapshot version {version!r}").format(version=version))
        phases = {
            int(p["id"]): PhaseState(
                int(p["id"]),
                str(p["title"]),
                _date(p.get("start")),
                _date(p.get("end")),
                int(p.get("position", 0)),
                str(p.get("status") or ""),
                str(p.get("goal") or ""),
            )
            for p in data["phases"]
        }
        demands = {
            int(d["id"]): DemandState(
                int(d["id"]),
                str(d["title"]),
                int(d["department_id"]),
                None if d.get("phase_id") is None else int(d["phase_id"]),
                _effort(d.get("effort", 0.0)),
                str(d.get("priority", "")),
            )
            for d in data["demands"]
        }
        milestones = {
            int(m["id"]): MilestoneState(
                int(m["id"]),
                str(m["title"]),
                str(m.get("kind", "")),
                dt.date.fromisoformat(m["date"]),
                None if m.get("phase_id") is None else int(m["phase_id"]),
            )
            for m in data.get("milestones") or []
        }
        departments = {
            int(d["id"]): DepartmentState(int(d["id"]), str(d["name"]), _effort(d["capacity"]))
            for d in data.get("departments") or []
        }
        raw = data.get("warnings")
        warnings = None if raw is None else [_warning(item) for item in raw]
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise BaselineError(
            _(
                "Baseline '{name}' cannot be read: {reason}."
            ).format(name=baseline.name, reason=exc)
        ) from None
    return Snapshot(phases, demands, milestones, departments, warnings, int(version))


def _warning(item: Any) -> WarningState:
    code, kind, subject_id, message, *rest = item
    week = rest[0] if rest else None
    return WarningState(
        str(code),
        str(kind),
        None if subject_id is None else int(subject_id),
        str(message),
        None if week is None else dt.date.fromisoformat(week).isoformat(),
    )


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _effort(value: Any) -> float:
    effort = float(value)
    if not math.isfinite(effort):
        raise ValueError(_("effort {value!r} is not a number").format(value=value))
    return effort


class TakeBaseline(Command):
    """Freeze the current phase dates and wish assignment under `name`. Undo removes it."""

    def __init__(self, name: str, taken_at: dt.datetime | None = None) -> None:
        super().__init__()
        self.name = name
        self.taken_at = taken_at
        self.label = _("Take baseline '{name}'").format(name=name.strip())
        self.row_id: int | None = None

    def perform(self, rec: Recorder) -> None:
        name = (self.name or "").strip()
        if not name:
            raise ValidationError(_("Give the baseline a name, e.g. 'Steering review 2'."), "name")
        row = new_row(
            rec,
            Baseline,
            {
                "name": name,
                "created_at": self.taken_at or dt.datetime.now().replace(microsecond=0),
                "snapshot": take_snapshot(rec.store, with_warnings=True).to_json(),
            },
        )
        self.row_id = row.id


def latest_baseline(store: PlanStore) -> Baseline | None:
    rows = store.rows(Baseline)
    return max(rows, key=lambda b: (b.created_at, b.id)) if rows else None


# --- comparing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseRef:
    phase_id: int
    title: str


@dataclass(frozen=True)
class PhaseMove:
    phase_id: int
    title: str
    old_start: dt.date | None
    old_end: dt.date | None
    new_start: dt.date | None
    new_end: dt.date | None

    @property
    def start_shift_days(self) -> int | None:
        if self.old_start is None or self.new_start is None:
            return None
        return (self.new_start - self.old_start).days

    @property
    def end_shift_days(self) -> int | None:
        if self.old_end is None or self.new_end is None:
            return None
        return (self.new_end - self.old_end).days


@dataclass(frozen=True)
class DemandRef:
    demand_id: int
    title: str
    phase_id: int | None
    phase_title: str | None  # None: the backlog
    effort: float


@dataclass(frozen=True)
class DemandMove:
    demand_id: int
    title: str
    old_phase_id: int | None
    old_phase_title: str | None  # None: the backlog
    new_phase_id: int | None
    new_phase_title: str | None


@dataclass(frozen=True)
class EffortChange:
    demand_id: int
    title: str
    old_effort: float
    new_effort: float


@dataclass(frozen=True)
class BaselineDiff:
    baseline_name: str
    taken_at: dt.datetime
    phases_moved: list[PhaseMove]
    phases_added: list[PhaseRef]
    phases_removed: list[PhaseRef]
    demands_added: list[DemandRef]
    demands_removed: list[DemandRef]
    demands_moved: list[DemandMove]
    effort_changed: list[EffortChange]
    planned_effort_before: float
    planned_effort_now: float

    @property
    def effort_delta(self) -> float:
        return self.planned_effort_now - self.planned_effort_before

    @property
    def effort_delta_percent(self) -> float | None:
        """Growth of planned effort in per cent; None when the baseline planned nothing."""
        if self.planned_effort_before <= 0:
            return None
        return 100.0 * self.effort_delta / self.planned_effort_before

    @property
    def unchanged(self) -> bool:
        return not (
            self.phases_moved
            or self.phases_added
            or self.phases_removed
            or self.demands_added
            or self.demands_removed
            or self.demands_moved
            or self.effort_changed
        )


def compare(store: PlanStore, baseline: Baseline) -> BaselineDiff:
    """What changed between `baseline` and the plan as it is now. Lists are in plan order
    (phases) and id order (wishes)."""
    then = read_snapshot(baseline)
    now = take_snapshot(store)
    titles_now = {p.id: p.title for p in now.phases.values()}
    titles_then = {p.id: p.title for p in then.phases.values()}

    def title(phase_id: int | None, prefer_now: bool) -> str | None:
        if phase_id is None:
            return None
        first, second = (titles_now, titles_then) if prefer_now else (titles_then, titles_now)
        return first.get(phase_id) or second.get(phase_id) or f"phase #{phase_id}"

    ordered = sorted(now.phases.values(), key=lambda p: (p.position, p.id))
    moved = [
        PhaseMove(p.id, p.title, old.start, old.end, p.start, p.end)
        for p in ordered
        if (old := then.phases.get(p.id)) is not None and (old.start, old.end) != (p.start, p.end)
    ]
    added_phases = [PhaseRef(p.id, p.title) for p in ordered if p.id not in then.phases]
    removed_phases = [
        PhaseRef(p.id, p.title) for p in then.phases.values() if p.id not in now.phases
    ]

    demands_added: list[DemandRef] = []
    demands_removed: list[DemandRef] = []
    demands_moved: list[DemandMove] = []
    effort_changed: list[EffortChange] = []
    for demand_id in sorted(set(now.demands) | set(then.demands)):
        new, old = now.demands.get(demand_id), then.demands.get(demand_id)
        if old is not None and new is not None and not _same_wish(old, new):
            # SQLite reuses the id of a deleted last row: a different wish under an old id.
            demands_removed.append(_ref(old, title(old.phase_id, False)))
            demands_added.append(_ref(new, title(new.phase_id, True)))
        elif old is None and new is not None:
            demands_added.append(_ref(new, title(new.phase_id, True)))
        elif new is None and old is not None:
            demands_removed.append(_ref(old, title(old.phase_id, False)))
        elif old is not None and new is not None:
            if old.phase_id != new.phase_id:
                demands_moved.append(
                    DemandMove(
                        demand_id,
                        new.title,
                        old.phase_id,
                        title(old.phase_id, False),
                        new.phase_id,
                        title(new.phase_id, True),
                    )
                )
            if old.effort != new.effort:
                effort_changed.append(EffortChange(demand_id, new.title, old.effort, new.effort))
    return BaselineDiff(
        baseline_name=baseline.name,
        taken_at=baseline.created_at,
        phases_moved=moved,
        phases_added=added_phases,
        phases_removed=removed_phases,
        demands_added=demands_added,
        demands_removed=demands_removed,
        demands_moved=demands_moved,
        effort_changed=effort_changed,
        planned_effort_before=then.planned_effort,
        planned_effort_now=now.planned_effort,
    )


def _same_wish(old: DemandState, new: DemandState) -> bool:
    return old.title == new.title or old.department_id == new.department_id


def _ref(state: DemandState, phase_title: str | None) -> DemandRef:
    return DemandRef(state.id, state.title, state.phase_id, phase_title, state.effort)


class RenameBaseline(Command):
    def __init__(self, baseline_id: int, name: str) -> None:
        super().__init__()
        self.baseline_id = baseline_id
        self.name = name
        self.label = _("Rename baseline to '{name}'").format(name=name.strip())

    def perform(self, rec: Recorder) -> None:
        from planner.commands.entities import change_row

        row = rec.get(Baseline, self.baseline_id)
        change_row(rec, row, {"name": (self.name or "").strip()})


class DeleteBaseline(Command):
    """Forget a baseline (its snapshot goes too; undo brings both back)."""

    def __init__(self, baseline_id: int) -> None:
        super().__init__()
        self.baseline_id = baseline_id
        self.label = _("Delete baseline")

    def perform(self, rec: Recorder) -> None:
        row = rec.get(Baseline, self.baseline_id)
        self.label = _("Delete baseline '{name}'").format(name=row.name)
        rec.delete(row)


def next_review_name(store: PlanStore, on: dt.date | None = None) -> str:
    """A name for a new baseline: the next steering review's title up to its colon
    ("Steering review 3"), else "Baseline N"."""
    from planner.enums import MilestoneKind

    on = on or dt.date.today()
    reviews = sorted(
        (m for m in store.rows(Milestone) if m.kind == MilestoneKind.STEERING_REVIEW),
        key=lambda m: (m.date, m.id),
    )
    upcoming = [m for m in reviews if m.date >= on]
    if upcoming:
        return upcoming[0].title.split(":")[0].strip() or upcoming[0].title
    return f"Baseline {store.count(Baseline) + 1}"


def review_due(store: PlanStore, on: dt.date | None = None) -> Milestone | None:
    """The latest steering review whose date has come (up to `on`) with no baseline taken on
    or after its date: the app offers to take one."""
    from planner.enums import MilestoneKind

    on = on or dt.date.today()
    passed = [
        m for m in store.rows(Milestone)
        if m.kind == MilestoneKind.STEERING_REVIEW and m.date <= on
    ]
    if not passed:
        return None
    review = max(passed, key=lambda m: (m.date, m.id))
    if any(b.created_at.date() >= review.date for b in store.rows(Baseline)):
        return None
    return review
