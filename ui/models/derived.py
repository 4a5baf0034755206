"""Counts the tables show beside a record (wishes per department, per objective, …),
computed once per plan change rather than once per painted cell."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from planner.model import Demand, PhaseObjective
from planner.queries import PlanIndex

if TYPE_CHECKING:
    from ui.document import PlanDocument

_cache: dict[str, tuple[PlanIndex, Counter]] = {}


def _cached(document: PlanDocument, key: str, build) -> Counter:  # noqa: ANN001
    # The document rebuilds its PlanIndex after every change, so "same index object" means
    # "nothing changed since the count was made".
    index = document.index
    hit = _cache.get(key)
    if hit is not None and hit[0] is index:
        return hit[1]
    counts = build(document)
    _cache[key] = (index, counts)
    return counts


def demands_per(document: PlanDocument, field: str, row_id: int) -> int:
    counts = _cached(
        document,
        f"{id(document)}:demand:{field}",
        lambda d: Counter(getattr(r, field) for r in d.store.rows(Demand)),
    )
    return counts.get(row_id, 0)


def phases_per_objective(document: PlanDocument, objective_id: int) -> int:
    counts = _cached(
        document,
        f"{id(document)}:phase_objective",
        lambda d: Counter(link.objective_id for link in d.store.rows(PhaseObjective)),
    )
    return counts.get(objective_id, 0)


def phase_number(document: PlanDocument, phase_id: int) -> int:
    index = document.index
    numbers = _cached(
        document,
        f"{id(document)}:phase_number",
        lambda d: Counter({p.id: n for n, p in enumerate(index.phases, start=1)}),
    )
    return numbers.get(phase_id, 0)
