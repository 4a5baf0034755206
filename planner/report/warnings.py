"""The plan's warnings as the pack shows them: in words, grouped by severity and code,
long groups cut short."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.model import Demand, Department, Phase
from planner.report.model import Limits, WarningGroup, WarningRow, WarningsSummary
from planner.report.text import day
from planner.store import PlanStore

if TYPE_CHECKING:
    from planner.warnings.types import Subject, Warning


def evaluate_plan(store: PlanStore) -> list[Warning] | None:
    """All warnings, or None when this build has no warnings engine (the pack then says
    so rather than claiming the plan is clean)."""
    try:
        from planner.warnings import evaluate
    except ImportError:
        return None
    return list(evaluate(store))


def subject_text(store: PlanStore, subject: Subject) -> str:
    if subject.kind == "phase":
        text = f"Phase “{_name(store, Phase, subject.id)}”"
    elif subject.kind == "department":
        text = _name(store, Department, subject.id)
    elif subject.kind == "demand":
        text = f"Wish “{_name(store, Demand, subject.id)}”"
    else:
        text = "The plan"
    if subject.week is not None:
        text += f", week of {day(subject.week)}"
    return text


def _name(store: PlanStore, model: type, row_id: int | None) -> str:
    row = store.find(model, row_id)
    return row.display_name if row is not None else f"#{row_id}"


def row(store: PlanStore, warning: Warning) -> WarningRow:
    return WarningRow(
        severity=warning.severity.label,
        code=warning.code,
        subject=subject_text(store, warning.subject),
        message=warning.message,
        principle=warning.principle,
        dismissed_reason=warning.dismissed_reason,
    )


def summarise(
    store: PlanStore, warnings: Sequence[Warning] | None, limits: Limits
) -> WarningsSummary:
    if warnings is None:
        return WarningsSummary([], {}, [], available=False)
    open_ = [w for w in warnings if not w.dismissed]
    groups: dict[tuple[int, str], list[Warning]] = defaultdict(list)
    for warning in open_:
        groups[(-int(warning.severity), warning.code)].append(warning)
    out: list[WarningGroup] = []
    for (_, code), members in sorted(groups.items()):
        shown = members[: limits.warnings_per_code]
        out.append(
            WarningGroup(
                severity=members[0].severity.label,
                code=code,
                principle=members[0].principle,
                rows=[row(store, w) for w in shown],
                more=len(members) - len(shown),
            )
        )
    counts: dict[str, int] = defaultdict(int)
    for warning in open_:
        counts[warning.severity.label] += 1
    dismissed = sorted(
        (w for w in warnings if w.dismissed), key=lambda w: (-int(w.severity), w.code)
    )
    return WarningsSummary(out, dict(counts), [row(store, w) for w in dismissed])
