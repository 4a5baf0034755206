"""The plan's warnings as the pack shows them: in words, grouped by severity and code,
long groups cut short."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.i18n import N_, _
from planner.model import Demand, Department, Phase
from planner.report.model import Limits, WarningGroup, WarningRow, WarningsSummary
from planner.report.text import day
from planner.store import PlanStore

if TYPE_CHECKING:
    from planner.warnings.types import Subject, Warning


# How the pack names each kind of warning (codes are for machines and the CLI).
CODE_TITLES = {
    "phase-overloaded": N_("Phase overloaded"),
    "phase-too-long": N_("Phase too long before users get something"),
    "too-many-departments": N_("Too many departments in one phase"),
    "department-overloaded": N_("Department overloaded"),
    "no-objective": N_("Serves no business objective"),
    "no-sponsor": N_("No business sponsor"),
    "no-adoption": N_("Delivery without training or workshop"),
    "no-support": N_("No support contact"),
    "field-creep": N_("Field creep"),
    "transaction-in-crm": N_("Transaction process in the CRM"),
    "dependency-order": N_("Starts before what it depends on"),
    "prerequisite-later": N_("Planned before what it needs"),
    "empty-goal": N_("No user benefit stated"),
    "scope-creep": N_("Scope creep since the baseline"),
    "baseline-unreadable": N_("Baseline cannot be read"),
}


def code_title(code: str) -> str:
    if code in CODE_TITLES:
        return _(CODE_TITLES[code])
    from planner.warnings.types import TITLES  # each rule module names its own codes

    if code in TITLES:
        return _(TITLES[code])
    text = code.replace("-", " ")
    return text[:1].upper() + text[1:]


def evaluate_plan(store: PlanStore) -> list[Warning]:
    """All warnings, dismissed ones included (the pack lists them with their reasons)."""
    from planner.warnings import evaluate

    return list(evaluate(store))


def subject_name(store: PlanStore, subject: Subject) -> str:
    models = {"phase": Phase, "department": Department, "demand": Demand}
    if subject.kind not in models:
        return ""
    return _name(store, models[subject.kind], subject.id)


def subject_text(store: PlanStore, subject: Subject) -> str:
    if subject.kind == "phase":
        text = _("Phase “{name}”").format(name=_name(store, Phase, subject.id))
    elif subject.kind == "department":
        text = _name(store, Department, subject.id)
    elif subject.kind == "demand":
        text = _("Wish “{name}”").format(name=_name(store, Demand, subject.id))
    else:
        text = _("The plan")
    if subject.week is not None:
        text = _("{subject}, week of {date}").format(subject=text, date=day(subject.week))
    return text


def _name(store: PlanStore, model: type, row_id: int | None) -> str:
    row = store.find(model, row_id)
    return row.display_name if row is not None else f"#{row_id}"


def row(store: PlanStore, warning: Warning) -> WarningRow:
    name = subject_name(store, warning.subject)
    return WarningRow(
        severity=warning.severity.label,
        code=warning.code,
        subject=subject_text(store, warning.subject),
        message=warning.message,
        principle=warning.principle,
        dismissed_reason=warning.dismissed_reason,
        names_subject=bool(name) and name in warning.message and warning.subject.week is None,
    )


def group(
    store: PlanStore, warnings: Sequence[Warning], per_code: int
) -> list[WarningGroup]:
    """Open before dismissed, worst severity first, then by code; at most `per_code` rows
    of a code are listed and the rest counted."""
    groups: dict[tuple[bool, int, str], list[Warning]] = defaultdict(list)
    for warning in warnings:
        groups[(warning.dismissed, -int(warning.severity), warning.code)].append(warning)
    out: list[WarningGroup] = []
    for (_dismissed, _severity, code), members in sorted(groups.items()):
        shown = members[:per_code]
        out.append(
            WarningGroup(
                severity=members[0].severity.label,
                code=code,
                principle=members[0].principle,
                rows=[row(store, w) for w in shown],
                more=len(members) - len(shown),
            )
        )
    return out


def summarise(store: PlanStore, warnings: Sequence[Warning], limits: Limits) -> WarningsSummary:
    open_ = [w for w in warnings if not w.dismissed]
    counts: dict[str, int] = defaultdict(int)
    for warning in open_:
        counts[warning.severity.label] += 1
    dismissed = sorted(
        (w for w in warnings if w.dismissed), key=lambda w: (-int(w.severity), w.code)
    )
    return WarningsSummary(
        group(store, open_, limits.warnings_per_code),
        dict(counts),
        [row(store, w) for w in dismissed],
    )
