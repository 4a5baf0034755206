"""The "changes since the last baseline" section, from planner/baseline.py's comparison."""

from __future__ import annotations

from planner.queries import PlanIndex
from planner.report.model import Changes, Limits
from planner.store import PlanStore


def since_baseline(store: PlanStore, index: PlanIndex, limits: Limits) -> Changes | None:
    """None when the plan has no baseline (the section is then left out)."""
    try:
        from planner.baseline import compare, latest_baseline
    except ImportError:
        return None
    baseline = latest_baseline(store)
    if baseline is None:
        return None
    diff = compare(store, baseline)
    raise NotImplementedError(diff)  # adapted once planner/baseline.py has landed
