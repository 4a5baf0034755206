"""Phases in plan order, with what they carry: weeks, wishes, effort, the share of the
team's capacity and the departments served. Wishes dropped on a phase move into it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QMimeData, Qt

from planner.commands import MoveDemands
from planner.enums import PhaseStatus
from planner.i18n import N_, _
from planner.model import Demand, Phase, Plan
from planner.queries import duration_weeks
from ui.document import PlanDocument
from ui.guard import guarded
from ui.models import mime
from ui.models.columns import DATE, ENUM, INTEGER, LONG_TEXT, NUMBER, Column
from ui.models.derived import phase_number
from ui.models.record_table_model import Index, RecordTableModel


def _weeks(document: PlanDocument, phase: Phase) -> float | None:
    return duration_weeks(phase, document.store.plan.working_days)


def _load(document: PlanDocument, phase: Phase) -> float | None:
    weeks = _weeks(document, phase)
    capacity = document.store.plan.team_capacity * (weeks or 0)
    if not capacity:
        return None
    return 100 * document.index.effort(phase.id) / capacity


def new_phase_values(document: PlanDocument) -> dict[str, Any]:
    """A new phase starts the Monday after the last one ends and lasts as long as users may
    wait for something (the weeks-to-value limit)."""
    ends = [p.end_date for p in document.store.rows(Phase) if p.end_date]
    plan = document.store.plan
    start = max(ends) + dt.timedelta(days=1) if ends else (plan.start_date or dt.date.today())
    start += dt.timedelta(days=(7 - start.weekday()) % 7)
    end = start + dt.timedelta(weeks=plan.weeks_to_value) - dt.timedelta(days=3)
    return {"title": _("New phase"), "start_date": start, "end_date": end}


class PhaseTableModel(RecordTableModel):
    record = Phase
    row_flags = Qt.ItemFlag.ItemIsDropEnabled  # wishes dropped on a phase move into it
    columns = (
        Column(
            "number", "#", INTEGER, decimals=0, depends_on=(Phase,),
            compute=lambda d, p: phase_number(d, p.id), tooltip=N_("Place in the plan's order"),
        ),
        Column("title", N_("Phase")),
        Column("goal", N_("Goal"), LONG_TEXT, tooltip=N_("The benefit its users will feel")),
        Column("start_date", N_("Start"), DATE, none_label=N_("not set")),
        Column("end_date", N_("End"), DATE, none_label=N_("not set")),
        Column(
            "weeks", N_("Weeks"), NUMBER, unit="wk", compute=_weeks, depends_on=(Plan,),
            tooltip=N_("Length in working weeks"),
        ),
        Column("status", N_("Status"), ENUM, enum=PhaseStatus),
        Column(
            "wishes", N_("Wishes"), INTEGER, decimals=0, depends_on=(Demand,),
            compute=lambda d, p: len(d.index.demands(p.id)), tooltip=N_("Wishes in the phase"),
        ),
        Column(
            "effort", N_("Effort"), NUMBER, unit="pd", depends_on=(Demand,),
            compute=lambda d, p: d.index.effort(p.id), tooltip=N_("Effort of its wishes"),
        ),
        Column(
            "load", N_("Team load"), NUMBER, unit="%", decimals=0, depends_on=(Demand, Plan),
            compute=_load,
            tooltip=N_("Effort as a share of what the team delivers in the phase's duration"),
        ),
        Column(
            "departments", N_("Depts"), INTEGER, decimals=0, depends_on=(Demand,),
            compute=lambda d, p: len(d.index.department_ids(p.id)),
            tooltip=N_("Departments the phase delivers to"),
        ),
    )  # fmt: skip

    def new_record_values(self, context: dict[str, Any]) -> dict[str, Any]:
        return new_phase_values(self.document)

    # --- wishes dropped on a phase --------------------------------------------------------------

    @guarded()
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    @guarded()
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [mime.DEMAND_IDS]

    @guarded()
    def canDropMimeData(self, data: QMimeData, action, row, column, parent: Index) -> bool:  # noqa: ANN001, N802
        return parent.isValid() and bool(mime.decode(data)) and not self.document.read_only

    @guarded()
    def dropMimeData(self, data: QMimeData, action, row, column, parent: Index) -> bool:  # noqa: ANN001, N802
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        phase_id = self.id_at(parent.row())
        return self.push_or_report(MoveDemands(mime.decode(data), phase_id))
