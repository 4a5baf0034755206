"""Departments: their colour (used for them everywhere), head, change capacity and support."""

from __future__ import annotations

from typing import Any

from planner.commands import Command, DeleteRows
from planner.i18n import N_, _
from planner.model import Demand, Department
from planner.validation import MAX_CAPACITY
from ui.document import PlanDocument
from ui.models.columns import BOOL, COLOUR, INTEGER, NUMBER, Column
from ui.models.derived import demands_per
from ui.models.record_table_model import RecordTableModel

# Distinct colours that read on light and dark backgrounds, for new departments.
NEW_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#3f51b5", "#009688", "#cddc39", "#795548",
)  # fmt: skip


def new_department_values(document: PlanDocument) -> dict[str, Any]:
    """A unique name and a colour no other department has yet."""
    rows = document.store.rows(Department)
    names = {r.name.casefold() for r in rows}
    name, n = _("New department"), 1
    while name.casefold() in names:
        n += 1
        name = _('New department {n}').format(n=n)
    used = {r.colour.lower() for r in rows}
    colour = next(
        (c for c in NEW_COLOURS if c not in used), NEW_COLOURS[len(rows) % len(NEW_COLOURS)]
    )
    return {"name": name, "colour": colour}


class DepartmentTableModel(RecordTableModel):
    record = Department
    columns = (
        Column("name", N_("Department")),
        Column("colour", N_("Colour"), COLOUR),
        Column("head", N_("Head")),
        Column(
            "capacity", N_("Capacity"), NUMBER, unit="pd/wk", maximum=MAX_CAPACITY,
            tooltip=N_("Change it can absorb per week"),
        ),
        Column("support_contact", N_("Support contact")),
        Column(
            "is_it", N_("IT"), BOOL,
            tooltip=N_("The IT department (a sponsor should not sit here)"),
        ),
        Column(
            "wishes", N_("Wishes"), INTEGER, decimals=0, depends_on=(Demand,),
            compute=lambda d, r: demands_per(d, "department_id", r.id),
            tooltip=N_("Wishes from the department"),
        ),
    )  # fmt: skip

    def new_record_values(self, context: dict[str, Any]) -> dict[str, Any]:
        return new_department_values(self.document)

    def delete_command(self, row_ids: list[int], reassign_to: int | None = None) -> Command:
        return DeleteRows(Department, list(row_ids), reassign_to=reassign_to)
