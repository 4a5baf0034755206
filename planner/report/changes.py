"""The "changes since the last baseline" section, from planner/baseline.py's comparison."""

from __future__ import annotations

from planner.baseline import BaselineError, Snapshot, compare, latest_baseline, read_snapshot
from planner.model import Baseline, Demand, Milestone
from planner.queries import PlanIndex
from planner.report.model import Changes, DemandChange, EffortRevision, Limits, PhaseMove
from planner.store import PlanStore

BACKLOG = "backlog"


def since_baseline(
    store: PlanStore, index: PlanIndex, limits: Limits, baseline_id: int | None = None
) -> Changes | None:
    """None when the plan has no (readable) baseline: the section is then left out, and the
    warnings say why when the baseline is damaged. `baseline_id` chooses the baseline
    (default, or when it no longer exists: the latest)."""
    latest = latest_baseline(store)
    chosen = store.find(Baseline, baseline_id) if baseline_id is not None else None
    baseline = chosen or latest
    if baseline is None:
        return None
    try:
        diff = compare(store, baseline)
        then = read_snapshot(baseline)
    except BaselineError:
        return None
    names = {d.id: d.name for d in index.departments}

    def department(demand_id: int) -> str:
        row = store.find(Demand, demand_id)
        dept_id = row.department_id if row is not None else then.demands[demand_id].department_id
        return names.get(dept_id, "—")

    budget = limits.changed_demands

    def cut(items: list) -> list:
        nonlocal budget
        kept = items[: max(0, budget)]
        budget -= len(kept)
        return kept

    added = [DemandChange(d.title, department(d.demand_id), d.effort, "", d.phase_title or BACKLOG)
             for d in cut(diff.demands_added)]
    removed = [DemandChange(d.title, department(d.demand_id), d.effort,
                            d.phase_title or BACKLOG, "") for d in cut(diff.demands_removed)]
    moved = [DemandChange(m.title, department(m.demand_id), _effort(store, m.demand_id),
                          m.old_phase_title or BACKLOG, m.new_phase_title or BACKLOG)
             for m in cut(diff.demands_moved)]
    revised = [EffortRevision(e.title, e.old_effort, e.new_effort)
               for e in cut(diff.effort_changed)]
    total = (len(diff.demands_added) + len(diff.demands_removed) + len(diff.demands_moved)
             + len(diff.effort_changed))
    return Changes(
        baseline=diff.baseline_name,
        taken=diff.taken_at,
        phases_moved=[PhaseMove(m.title, (m.old_start, m.old_end), (m.new_start, m.new_end))
                      for m in diff.phases_moved],
        phases_added=[p.title for p in diff.phases_added],
        phases_removed=[p.title for p in diff.phases_removed],
        added=added,
        removed=removed,
        moved=moved,
        revised=revised,
        effort_before=diff.planned_effort_before,
        effort_after=diff.planned_effort_now,
        more=total - len(added) - len(removed) - len(moved) - len(revised),
        latest=latest is not None and baseline.id == latest.id,
        milestones_moved=_milestones_moved(store, then),
    )


def _effort(store: PlanStore, demand_id: int) -> float:
    row = store.find(Demand, demand_id)
    return row.effort if row is not None else 0.0


def _milestones_moved(store: PlanStore, then: Snapshot) -> list:
    """(title, date in the baseline, date now) of each milestone that moved, by date now."""
    out = []
    for m in sorted(store.rows(Milestone), key=lambda m: (m.date, m.id)):
        old = then.milestones.get(m.id)
        if old is not None and old.date != m.date:
            out.append((m.title, old.date, m.date))
    return out
