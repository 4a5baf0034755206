"""What changed between two states of a plan: the plan now against one of its baselines, two
baselines against each other, or two plan files (a scenario saved with Save As against the
live plan). One comparison, used by the Changes view, `rollout-planner diff` and the PDF.

Both sides are `Snapshot`s (planner/baseline.py). Rows are matched by id; two plan files that
share no ids (unrelated files) are matched by title instead, and the result says so.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from planner.baseline import (
    BaselineError,
    DemandState,
    MilestoneState,
    PhaseState,
    Snapshot,
    read_snapshot,
    take_snapshot,
)
from planner.i18n import _
from planner.model import Baseline
from planner.queries import working_days_between
from planner.store import PlanStore

# Change kinds, as `diff --json` spells them.
ADDED, REMOVED, RENAMED, MOVED, RESIZED = "added", "removed", "renamed", "moved", "resized"
EFFORT, PRIORITY, STATUS, GOAL = "effort", "priority", "status", "goal"
NEW, RESOLVED = "new", "resolved"

SUBJECTS = ("phases", "wishes", "milestones", "warnings")
# Which changes are about dates and which about scope (the view's filters).
_DATE_CHANGES = {("phases", MOVED), ("phases", RESIZED), ("milestones", MOVED),
                 ("milestones", ADDED), ("milestones", REMOVED)}
_SCOPE_SUBJECTS = {"wishes"}
_SCOPE_PHASE_CHANGES = {ADDED, REMOVED, GOAL}


@dataclass(frozen=True)
class Change:
    """One line of the comparison: `subject` is one of SUBJECTS; `id` the row's id on the
    side it exists on (the later side when both); before/after plain values."""

    subject: str
    change: str
    id: int | None
    title: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    # Departments the line concerns (for the one-department filter).
    departments: frozenset[int] = frozenset()
    # The phase the line is about or lives in (selecting it in the other views).
    phase_id: int | None = None

    @property
    def is_dates(self) -> bool:
        return (self.subject, self.change) in _DATE_CHANGES

    @property
    def is_scope(self) -> bool:
        return self.subject in _SCOPE_SUBJECTS or (
            self.subject == "phases" and self.change in _SCOPE_PHASE_CHANGES
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "id": self.id,
            "title": self.title,
            "before": _plain(self.before),
            "after": _plain(self.after),
        }


@dataclass(frozen=True)
class EffortRow:
    """Planned effort of one phase or department before and after (backlog excluded)."""

    id: int | None
    name: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class PlanDiff:
    before_label: str
    after_label: str
    changes: list[Change]
    phase_effort: list[EffortRow]
    department_effort: list[EffortRow]
    planned_before: float
    planned_after: float
    matched_by_title: bool = False
    # Plain sentences about how the comparison was made ("matched by title", "warnings were
    # not recorded in this baseline").
    notes: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not self.changes

    def of(self, subject: str) -> list[Change]:
        return [c for c in self.changes if c.subject == subject]

    def filtered(
        self, *, scope: bool = False, dates: bool = False, department: int | None = None
    ) -> list[Change]:
        """The lines the Changes view shows with its filters on."""
        out = []
        for c in self.changes:
            if scope and not c.is_scope:
                continue
            if dates and not c.is_dates:
                continue
            if department is not None and department not in c.departments:
                continue
            out.append(c)
        return out

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "before": self.before_label,
            "after": self.after_label,
            "matched_by_title": self.matched_by_title,
            "notes": list(self.notes),
        }
        for subject in SUBJECTS:
            out[subject] = [c.as_dict() for c in self.of(subject)]
        out["effort"] = {
            "planned_before": _round(self.planned_before),
            "planned_after": _round(self.planned_after),
            "phases": [_effort_dict(r) for r in self.phase_effort],
            "departments": [_effort_dict(r) for r in self.department_effort],
        }
        return out


# --- entry points ------------------------------------------------------------------------


def baseline_label(baseline: Baseline) -> str:
    return _("baseline '{name}' ({when})").format(
        name=baseline.name, when=f"{baseline.created_at:%Y-%m-%d %H:%M}"
    )


def plan_vs_baseline(
    store: PlanStore, baseline: Baseline, warnings_now: Sequence[Any] | None = None
) -> PlanDiff:
    """The plan now against `baseline`; `BaselineError` if its snapshot is unreadable.
    `warnings_now`: the plan's current warnings when the caller keeps them (the app);
    without, they are evaluated."""
    then = read_snapshot(baseline)
    now = take_snapshot(store, with_warnings=then.warnings is not None,
                        warnings_now=warnings_now)
    return compare_snapshots(
        then, now, baseline_label(baseline), _("the plan now"), store.plan.working_days
    )


def between_baselines(store: PlanStore, older: Baseline, newer: Baseline) -> PlanDiff:
    return compare_snapshots(
        read_snapshot(older),
        read_snapshot(newer),
        baseline_label(older),
        baseline_label(newer),
        store.plan.working_days,
    )


def between_plans(before: PlanStore, after: PlanStore) -> PlanDiff:
    """Two plan files: `before` (e.g. the live plan) against `after` (e.g. a scenario)."""
    then = take_snapshot(before, with_warnings=True)
    now = take_snapshot(after, with_warnings=True)
    return compare_snapshots(
        then,
        now,
        _file_label(before),
        _file_label(after),
        after.plan.working_days,
        match_titles_when_unrelated=True,
    )


def readable_baselines(store: PlanStore) -> tuple[list[Baseline], list[tuple[Baseline, str]]]:
    """(the baselines that can be read, oldest first; those that cannot, with why)."""
    good: list[Baseline] = []
    bad: list[tuple[Baseline, str]] = []
    for row in sorted(store.rows(Baseline), key=lambda b: (b.created_at, b.id)):
        try:
            read_snapshot(row)
        except BaselineError as exc:
            bad.append((row, exc.message))
        else:
            good.append(row)
    return good, bad


def _file_label(store: PlanStore) -> str:
    return store.path.name if store.path is not None else store.plan.title


# --- the comparison ----------------------------------------------------------------------


def compare_snapshots(
    then: Snapshot,
    now: Snapshot,
    before_label: str,
    after_label: str,
    working_days: str = "12345",
    *,
    match_titles_when_unrelated: bool = False,
) -> PlanDiff:
    notes: list[str] = []
    by_title = match_titles_when_unrelated and _unrelated(then, now)
    if by_title:
        then = _rematch_by_title(then, now)
        notes.append(
            _(
                "The two plans share no ids, so phases, wishes, milestones and departments were "
                "matched by title (name)."
            )
        )
    changes: list[Change] = []
    changes += _phases(then, now, working_days)
    changes += _wishes(then, now)
    changes += _milestones(then, now)
    if then.warnings is None or now.warnings is None:
        notes.append(
            _(
                "The baseline recorded no warnings (an older baseline): new and resolved "
                "warnings are not compared."
            )
        )
    else:
        changes += _warnings(then, now)
    phase_rows, dept_rows = _effort_tables(then, now)
    return PlanDiff(
        before_label=before_label,
        after_label=after_label,
        changes=changes,
        phase_effort=phase_rows,
        department_effort=dept_rows,
        planned_before=then.planned_effort,
        planned_after=now.planned_effort,
        matched_by_title=by_title,
        notes=notes,
    )


def _phase_departments(snapshot: Snapshot) -> dict[int | None, frozenset[int]]:
    found: dict[int | None, set[int]] = defaultdict(set)
    for d in snapshot.demands.values():
        found[d.phase_id].add(d.department_id)
    return {k: frozenset(v) for k, v in found.items()}


def _phases(then: Snapshot, now: Snapshot, working_days: str) -> list[Change]:
    out: list[Change] = []
    depts_then, depts_now = _phase_departments(then), _phase_departments(now)
    ordered = sorted(now.phases.values(), key=lambda p: (p.position, p.id))
    for p in ordered:
        depts = depts_now.get(p.id, frozenset()) | depts_then.get(p.id, frozenset())
        old = then.phases.get(p.id)
        if old is None:
            out.append(Change("phases", ADDED, p.id, p.title, {}, _phase_values(p, working_days),
                              depts, p.id))
            continue
        if old.title != p.title:
            out.append(Change("phases", RENAMED, p.id, p.title, {"title": old.title},
                              {"title": p.title}, depts, p.id))
        old_len, new_len = _length(old), _length(p)
        shift = _shift(old.start, p.start)
        if shift:
            out.append(Change("phases", MOVED, p.id, p.title,
                              _phase_values(old, working_days),
                              {**_phase_values(p, working_days), "shift_days": shift},
                              depts, p.id))
        if old_len != new_len and not (old_len is None and new_len is None):
            out.append(Change("phases", RESIZED, p.id, p.title,
                              _phase_values(old, working_days),
                              {**_phase_values(p, working_days),
                               "days_delta": None if old_len is None or new_len is None
                               else new_len - old_len},
                              depts, p.id))
        elif not shift and (old.start, old.end) != (p.start, p.end):
            # Dated where it was undated, or the other way round.
            out.append(Change("phases", MOVED, p.id, p.title, _phase_values(old, working_days),
                              _phase_values(p, working_days), depts, p.id))
        if old.status and p.status and old.status != p.status:
            out.append(Change("phases", STATUS, p.id, p.title, {"status": old.status},
                              {"status": p.status}, depts, p.id))
        if old.goal != p.goal and then.version >= 2 and now.version >= 2:
            out.append(Change("phases", GOAL, p.id, p.title, {"goal": old.goal},
                              {"goal": p.goal}, depts, p.id))
    for p in sorted(then.phases.values(), key=lambda p: (p.position, p.id)):
        if p.id not in now.phases:
            out.append(Change("phases", REMOVED, p.id, p.title, _phase_values(p, working_days),
                              {}, depts_then.get(p.id, frozenset()), None))
    return out


def _length(p: PhaseState) -> int | None:
    if p.start is None or p.end is None:
        return None
    return (p.end - p.start).days + 1


def _shift(old: dt.date | None, new: dt.date | None) -> int:
    if old is None or new is None:
        return 0
    return (new - old).days


def _phase_values(p: PhaseState, working_days: str) -> dict[str, Any]:
    weeks = None
    if p.start is not None and p.end is not None:
        days = working_days_between(p.start, p.end, working_days)
        weeks = round(days / max(1, len(set(working_days))), 1)
    return {"start": p.start, "end": p.end, "days": _length(p), "working_weeks": weeks}


def _wishes(then: Snapshot, now: Snapshot) -> list[Change]:
    out: list[Change] = []

    def phase_title(snapshot: Snapshot, other: Snapshot, phase_id: int | None) -> str | None:
        if phase_id is None:
            return None
        p = snapshot.phases.get(phase_id) or other.phases.get(phase_id)
        return p.title if p else f"phase #{phase_id}"

    def where(d: DemandState, snap: Snapshot, other: Snapshot) -> dict[str, Any]:
        return {"phase_id": d.phase_id, "phase": phase_title(snap, other, d.phase_id),
                "effort": d.effort, "priority": d.priority, "department_id": d.department_id}

    for demand_id in sorted(set(now.demands) | set(then.demands)):
        new, old = now.demands.get(demand_id), then.demands.get(demand_id)
        if old == new:
            continue  # most wishes: nothing to say
        if old is not None and new is not None and not _same_wish(old, new):
            # SQLite reuses the id of a deleted last row: a different wish under an old id.
            out.append(Change("wishes", REMOVED, demand_id, old.title,
                              where(old, then, now), {}, frozenset({old.department_id}),
                              old.phase_id))
            out.append(Change("wishes", ADDED, demand_id, new.title, {},
                              where(new, now, then), frozenset({new.department_id}),
                              new.phase_id))
            continue
        if old is None and new is not None:
            out.append(Change("wishes", ADDED, demand_id, new.title, {}, where(new, now, then),
                              frozenset({new.department_id}), new.phase_id))
            continue
        if new is None and old is not None:
            out.append(Change("wishes", REMOVED, demand_id, old.title, where(old, then, now),
                              {}, frozenset({old.department_id}), old.phase_id))
            continue
        assert old is not None and new is not None
        depts = frozenset({old.department_id, new.department_id})
        if old.phase_id != new.phase_id:
            out.append(Change("wishes", MOVED, demand_id, new.title,
                              {"phase_id": old.phase_id,
                               "phase": phase_title(then, now, old.phase_id)},
                              {"phase_id": new.phase_id,
                               "phase": phase_title(now, then, new.phase_id),
                               "effort": new.effort},
                              depts, new.phase_id))
        if old.effort != new.effort:
            out.append(Change("wishes", EFFORT, demand_id, new.title, {"effort": old.effort},
                              {"effort": new.effort}, depts, new.phase_id))
        if old.title != new.title:
            out.append(Change("wishes", RENAMED, demand_id, new.title, {"title": old.title},
                              {"title": new.title}, depts, new.phase_id))
        if old.priority and new.priority and old.priority != new.priority:
            out.append(Change("wishes", PRIORITY, demand_id, new.title,
                              {"priority": old.priority}, {"priority": new.priority}, depts,
                              new.phase_id))
    return out


def _same_wish(old: DemandState, new: DemandState) -> bool:
    return old.title == new.title or old.department_id == new.department_id


def _milestones(then: Snapshot, now: Snapshot) -> list[Change]:
    out: list[Change] = []

    def values(m: MilestoneState) -> dict[str, Any]:
        return {"date": m.date, "kind": m.kind, "phase_id": m.phase_id}

    for m in sorted(now.milestones.values(), key=lambda m: (m.date, m.id)):
        old = then.milestones.get(m.id)
        if old is None:
            out.append(Change("milestones", ADDED, m.id, m.title, {}, values(m),
                              phase_id=m.phase_id))
            continue
        if old.date != m.date:
            out.append(Change("milestones", MOVED, m.id, m.title, values(old),
                              {**values(m), "shift_days": (m.date - old.date).days},
                              phase_id=m.phase_id))
        if old.title != m.title:
            out.append(Change("milestones", RENAMED, m.id, m.title, {"title": old.title},
                              {"title": m.title}, phase_id=m.phase_id))
    for m in sorted(then.milestones.values(), key=lambda m: (m.date, m.id)):
        if m.id not in now.milestones:
            out.append(Change("milestones", REMOVED, m.id, m.title, values(m), {}))
    return out


def _warnings(then: Snapshot, now: Snapshot) -> list[Change]:
    before = {w.key: w for w in then.warnings or []}
    after = {w.key: w for w in now.warnings or []}
    # A time-based warning whose week moved (the same department overloaded, a week later)
    # is neither new nor resolved: pair those up by code and subject.
    gone = [k for k in before if k not in after and k[3] is not None]
    came = [k for k in after if k not in before and k[3] is not None]
    for old_key in gone:
        match = next((k for k in came if k[:3] == old_key[:3]), None)
        if match is not None:
            came.remove(match)
            after.pop(match)
            before.pop(old_key)

    def depts(kind: str, subject_id: int | None) -> frozenset[int]:
        return frozenset({subject_id}) if kind == "department" and subject_id is not None \
            else frozenset()

    from planner.warnings.types import TITLES  # the warnings package reads baselines too

    out = [
        Change("warnings", NEW, w.subject_id, TITLES.get(w.code, w.code), {},
               {"code": w.code, "subject": w.kind, "message": w.message},
               depts(w.kind, w.subject_id), w.subject_id if w.kind == "phase" else None)
        for key, w in after.items() if key not in before
    ]
    out += [
        Change("warnings", RESOLVED, w.subject_id, TITLES.get(w.code, w.code),
               {"code": w.code, "subject": w.kind, "message": w.message}, {},
               depts(w.kind, w.subject_id), w.subject_id if w.kind == "phase" else None)
        for key, w in before.items() if key not in after
    ]
    return out


def _effort_tables(then: Snapshot, now: Snapshot) -> tuple[list[EffortRow], list[EffortRow]]:
    def sums(snapshot: Snapshot) -> tuple[dict[int, float], dict[int, float]]:
        """Planned effort per phase and per department, in one pass over the wishes."""
        by_phase: dict[int, list[float]] = defaultdict(list)
        by_dept: dict[int, list[float]] = defaultdict(list)
        for d in snapshot.demands.values():
            if d.phase_id is not None:
                by_phase[d.phase_id].append(d.effort)
                by_dept[d.department_id].append(d.effort)
        return ({k: math.fsum(v) for k, v in by_phase.items()},
                {k: math.fsum(v) for k, v in by_dept.items()})

    (phase_then, dept_then), (phase_now, dept_now) = sums(then), sums(now)
    phases = sorted(now.phases.values(), key=lambda p: (p.position, p.id))
    phases += [p for p in sorted(then.phases.values(), key=lambda p: (p.position, p.id))
               if p.id not in now.phases]
    phase_rows = [EffortRow(p.id, p.title, phase_then.get(p.id, 0.0), phase_now.get(p.id, 0.0))
                  for p in phases]
    names = {d.id: d.name for d in then.departments.values()}
    names.update({d.id: d.name for d in now.departments.values()})
    dept_rows = [
        EffortRow(i, names.get(i, f"department #{i}"), dept_then.get(i, 0.0), dept_now.get(i, 0.0))
        for i in sorted(set(dept_then) | set(dept_now) | set(names), key=lambda i: (
            names.get(i, ""), i))
    ]
    return phase_rows, dept_rows


# --- two unrelated files -----------------------------------------------------------------


def _unrelated(then: Snapshot, now: Snapshot) -> bool:
    """True when the two plans share no ids: no phase or wish has the same id and title on
    both sides (files made from the same template share ids but are related)."""
    if not (then.phases or then.demands) or not (now.phases or now.demands):
        return False
    for old in then.phases.values():
        new = now.phases.get(old.id)
        if new is not None and new.title == old.title:
            return False
    for old_d in then.demands.values():
        new_d = now.demands.get(old_d.id)
        if new_d is not None and new_d.title == old_d.title:
            return False
    return True


def _rematch_by_title(then: Snapshot, now: Snapshot) -> Snapshot:
    """`then` with its ids replaced by the ids of same-titled rows of `now`; rows with no
    match get ids no row of `now` has (so they show as removed)."""
    fresh = iter(range(-1, -(10**9), -1))

    def mapper(old_items: dict[int, Any], new_items: dict[int, Any], key) -> dict[int, int]:
        wanted: dict[Any, list[int]] = defaultdict(list)
        for item in sorted(new_items.values(), key=lambda x: x.id):
            wanted[key(item)].append(item.id)
        out = {}
        for item in sorted(old_items.values(), key=lambda x: x.id):
            ids = wanted.get(key(item))
            out[item.id] = ids.pop(0) if ids else next(fresh)
        return out

    dept_map = mapper(then.departments, now.departments, lambda d: d.name.casefold())
    phase_map = mapper(then.phases, now.phases, lambda p: p.title.casefold())
    names_now = {d.id: d.name.casefold() for d in now.departments.values()}
    names_then = {d.id: d.name.casefold() for d in then.departments.values()}
    demand_map = mapper(
        then.demands,
        now.demands,
        lambda d: (d.title.casefold(),
                   names_then.get(d.department_id) or names_now.get(d.department_id)),
    )
    milestone_map = mapper(then.milestones, now.milestones, lambda m: m.title.casefold())

    def dept(i: int) -> int:
        return dept_map.get(i, i)

    def phase(i: int | None) -> int | None:
        return None if i is None else phase_map.get(i, next(fresh))

    phases = {phase_map[p.id]: replace(p, id=phase_map[p.id]) for p in then.phases.values()}
    demands = {
        demand_map[d.id]: replace(d, id=demand_map[d.id], department_id=dept(d.department_id),
                                  phase_id=phase(d.phase_id))
        for d in then.demands.values()
    }
    milestones = {
        milestone_map[m.id]: replace(m, id=milestone_map[m.id], phase_id=phase(m.phase_id))
        for m in then.milestones.values()
    }
    departments = {dept(d.id): replace(d, id=dept(d.id)) for d in then.departments.values()}
    warnings = None
    if then.warnings is not None:
        remap = {"phase": phase, "department": dept,
                 "demand": lambda i: demand_map.get(i, i)}
        warnings = [
            replace(w, subject_id=remap[w.kind](w.subject_id))
            if w.kind in remap and w.subject_id is not None else w
            for w in then.warnings
        ]
    return Snapshot(phases, demands, milestones, departments, warnings, then.version)


# --- plain values ------------------------------------------------------------------------


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _value(v) for k, v in values.items()}


def _value(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return _round(v)
    return v


def _round(v: float) -> float:
    return round(v, 3)


def _effort_dict(row: EffortRow) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "before": _round(row.before),
            "after": _round(row.after)}
