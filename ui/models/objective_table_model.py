"""Business objectives: what each is measured by and its target."""

from __future__ import annotations

from typing import Any

from planner.i18n import N_, _
from planner.model import Demand, Objective, PhaseObjective
from ui.models.columns import INTEGER, LONG_TEXT, Column
from ui.models.derived import demands_per, phases_per_objective
from ui.models.record_table_model import RecordTableModel


class ObjectiveTableModel(RecordTableModel):
    record = Objective
    columns = (
        Column("title", N_("Objective")),
        Column("measure", N_("Measure"), LONG_TEXT),
        Column("target", N_("Target"), LONG_TEXT),
        Column(
            "phases", N_("Phases"), INTEGER, decimals=0, depends_on=(PhaseObjective,),
            compute=lambda d, r: phases_per_objective(d, r.id), tooltip=N_("Phases serving it"),
        ),
        Column(
            "wishes", N_("Wishes"), INTEGER, decimals=0, depends_on=(Demand,),
            compute=lambda d, r: demands_per(d, "objective_id", r.id),
            tooltip=N_("Wishes serving it"),
        ),
    )  # fmt: skip

    def new_record_values(self, context: dict[str, Any]) -> dict[str, Any]:
        return {"title": _("New objective")}
