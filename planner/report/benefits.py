"""The pack's "Did the last course go down well?" section and the cover's sentence about it:
the benefit checks (planner/benefit.py) of every phase that has gone live by the pack's date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from planner.benefit import CheckView, plan_checks
from planner.enums import BenefitResult
from planner.i18n import N_, _, ngettext
from planner.model import Department, Phase
from planner.report.text import day
from planner.store import PlanStore

RESULT_LABELS = {
    BenefitResult.MET: "met",
    BenefitResult.PARTLY: "partly",
    BenefitResult.NOT_YET: "not yet",
    BenefitResult.PENDING: "not asked yet",
}


@dataclass(frozen=True)
class BenefitRow:
    department: str
    result: str  # a RESULT_LABELS value, or "overdue"
    note: str
    measured: str  # "" when nothing was measured
    checked_on: dt.date | None
    due: dt.date | None


@dataclass(frozen=True)
class BenefitPhase:
    phase: str
    go_live: dt.date
    question: str
    measure: str
    rows: list[BenefitRow]


@dataclass(frozen=True)
class Benefits:
    phases: list[BenefitPhase] = field(default_factory=list)  # the latest go-live first
    counts: dict[str, int] = field(default_factory=dict)  # per result label

    @property
    def summary(self) -> str:
        """One sentence for the cover ("" when no phase has gone live yet)."""
        if not self.phases:
            return ""
        answered = [_(_ANSWERED[k]).format(n=self.counts[k]) for k in ("met", "partly", "not yet")
                    if self.counts.get(k)]
        if answered:
            text = _(
                "Asked after go-live whether they feel the promised benefit, the departments "
                "answered: {answers}"
            ).format(answers=", ".join(answered))
        else:
            text = _("No department has been asked yet whether it feels the promised benefit")
        overdue = self.counts.get("overdue", 0)
        if overdue:
            text += ngettext(
                "; {n} check is overdue", "; {n} checks are overdue", overdue
            ).format(n=overdue)
        return text + "."


# How many departments gave each answer, in the cover's sentence (shown through _()).
_ANSWERED = {
    # Translators: "3 met": three departments feel the promised benefit.
    "met": N_("{n} met"),
    "partly": N_("{n} partly"),
    "not yet": N_("{n} not yet"),
}


def benefits(store: PlanStore, today: dt.date) -> Benefits:
    checks = [c for c in plan_checks(store) if c.go_live is not None and c.go_live <= today]
    names = {d.id: d.name for d in store.rows(Department)}
    by_phase: dict[int, list[CheckView]] = {}
    for check in checks:
        by_phase.setdefault(check.phase_id, []).append(check)
    counts: Counter[str] = Counter()
    phases: list[BenefitPhase] = []
    for phase_id, group in by_phase.items():
        phase = store.get(Phase, phase_id)
        rows = []
        for c in group:
            result = "overdue" if c.overdue(today) else RESULT_LABELS[c.result]
            counts[result] += 1
            rows.append(BenefitRow(names.get(c.department_id, "—"), result, c.note,
                                   c.measured_value, c.checked_on, c.due_date))
        first = group[0]
        assert first.go_live is not None
        phases.append(BenefitPhase(phase.title, first.go_live, first.question, first.measure,
                                   rows))
    phases.sort(key=lambda p: p.go_live, reverse=True)
    return Benefits(phases, dict(counts))


def due_text(row: BenefitRow) -> str:
    if row.checked_on is not None:
        # Translators: when a department answered its benefit check: "answered 3 Dec 2026".
        return _("answered {date}").format(date=day(row.checked_on))
    # Translators: when a benefit check is due: "due 21 Dec 2026".
    return _("due {date}").format(date=day(row.due)) if row.due else ""
