"""Milestones: steering reviews, go-lives and decisions, by date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.enums import MilestoneKind
from planner.model import Milestone, Phase
from ui.models.columns import DATE, ENUM, REF, Column
from ui.models.record_table_model import RecordTableModel


class MilestoneTableModel(RecordTableModel):
    record = Milestone
    columns = (
        Column("title", "Milestone"),
        Column("kind", "Kind", ENUM, enum=MilestoneKind),
        Column("date", "Date", DATE),
        Column("phase_id", "Phase", REF, ref=Phase, none_label="—"),
    )

    natural_fields = frozenset({"date"})

    def natural_key(self, record: Any) -> tuple:
        return (record.date, record.id)

    def new_record_values(self, context: dict[str, Any]) -> dict[str, Any]:
        phase = self.document.store.find(Phase, context.get("phase_id"))
        date = (phase.end_date if phase else None) or self.document.store.plan.start_date
        values: dict[str, Any] = {"title": "New milestone", "date": date or dt.date.today()}
        if phase is not None:
            values["phase_id"] = phase.id
        return values
