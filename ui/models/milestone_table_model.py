"""Milestones: steering reviews, go-lives and decisions, by date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.enums import MilestoneKind
from planner.i18n import N_, _
from planner.model import Milestone, Phase
from ui.models.columns import DATE, ENUM, REF, Column
from ui.models.record_table_model import RecordTableModel


class MilestoneTableModel(RecordTableModel):
    record = Milestone
    columns = (
        Column("title", N_("Milestone")),
        Column("kind", N_("Kind"), ENUM, enum=MilestoneKind),
        Column("date", N_("Date"), DATE),
        Column("phase_id", N_("Phase"), REF, ref=Phase, none_label="—"),
    )

    natural_fields = frozenset({"date"})

    def natural_key(self, record: Any) -> tuple:
        return (record.date, record.id)

    def new_record_values(self, context: dict[str, Any]) -> dict[str, Any]:
        phase = self.document.store.find(Phase, context.get("phase_id"))
        date = (phase.end_date if phase else None) or self.document.store.plan.start_date
        values: dict[str, Any] = {"title": _("New milestone"), "date": date or dt.date.today()}
        if phase is not None:
            values["phase_id"] = phase.id
        return values
