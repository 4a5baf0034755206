"""Change activities: training, workshops, communication and support for a department in a
phase — what makes users take up what a phase delivers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.enums import ActivityKind
from planner.errors import CommandError
from planner.i18n import N_, _
from planner.model import ChangeActivity, Department, Phase
from ui.models.columns import DATE, ENUM, LONG_TEXT, REF, Column
from ui.models.record_table_model import RecordTableModel


class ActivityTableModel(RecordTableModel):
    record = ChangeActivity
    columns = (
        Column("kind", N_("Activity"), ENUM, enum=ActivityKind),
        Column("title", N_("Title")),
        Column("department_id", N_("Department"), REF, ref=Department),
        Column("phase_id", N_("Phase"), REF, ref=Phase),
        Column("date", N_("Date"), DATE, none_label=N_("not set")),
        Column("notes", N_("Notes"), LONG_TEXT),
    )

    natural_fields = frozenset({"phase_id", "department_id"})
    natural_depends = (Phase,)

    def natural_key(self, record: Any) -> tuple:
        phase = self.document.store.find(Phase, record.phase_id)
        return (phase.position if phase else 0, record.department_id, record.id)

    def natural_keys(self, records: Iterable[Any]) -> dict[int, tuple]:
        position = {p.id: p.position for p in self.document.index.phases}
        return {r.id: (position.get(r.phase_id, 0), r.department_id, r.id) for r in records}

    def new_record_values(self, context: dict[str, Any]) -> dict[str, Any]:
        index = self.document.index
        department_id = context.get("department_id") or (
            index.departments[0].id if index.departments else None
        )
        phase_id = context.get("phase_id") or (index.phases[0].id if index.phases else None)
        if department_id is None or phase_id is None:
            raise CommandError(_("Add a department and a phase first: an activity is for both."))
        return {
            "kind": ActivityKind.TRAINING,
            "title": _("Training"),
            "department_id": department_id,
            "phase_id": phase_id,
        }
