"""Wishes (demands): the biggest table, 10 000 rows in the large plan. Rows drag out as wish
ids (to the outline's phases, the phase table, or before another wish) and accept drops."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData, Qt

from planner.commands import MoveDemands
from planner.enums import DemandKind, Priority
from planner.errors import CommandError
from planner.i18n import N_, _
from planner.model import Demand, Department, Objective, Phase
from planner.validation import MAX_EFFORT
from ui.guard import guarded
from ui.models import mime
from ui.models.columns import ENUM, INTEGER, LONG_TEXT, NUMBER, REF, Column
from ui.models.record_table_model import Index, RecordTableModel

_BACKLOG_LAST = 1 << 30


class DemandTableModel(RecordTableModel):
    record = Demand
    columns = (
        Column("title", N_("Wish")),
        Column("department_id", N_("Department"), REF, ref=Department),
        Column("phase_id", N_("Phase"), REF, ref=Phase, none_label=N_("Backlog")),
        Column("effort", N_("Effort"), NUMBER, unit="pd", maximum=MAX_EFFORT, tooltip=N_("Effort")),
        Column("priority", N_("Priority"), ENUM, enum=Priority),
        Column("kind", N_("Kind"), ENUM, enum=DemandKind),
        Column("objective_id", N_("Objective"), REF, ref=Objective, none_label="—"),
        Column("votes", N_("Votes"), INTEGER, maximum=100_000, decimals=0),
        Column("notes", N_("Notes"), LONG_TEXT),
    )
    row_flags = Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    natural_fields = frozenset({"position", "phase_id"})
    natural_depends = (Phase,)

    def natural_key(self, record: Any) -> tuple:
        # Plan order: phase by phase, the backlog last, each in its own order.
        phase = self.document.store.find(Phase, record.phase_id)
        return (phase.position if phase else _BACKLOG_LAST, record.position, record.id)

    def natural_keys(self, records: Iterable[Any]) -> dict[int, tuple]:
        position = {p.id: p.position for p in self.document.index.phases}
        return {r.id: (position.get(r.phase_id, _BACKLOG_LAST), r.position, r.id) for r in records}

    def new_record_values(self, context: dict[str, Any]) -> dict[str, Any]:
        department_id = context.get("department_id")
        if department_id is None:
            departments = self.document.index.departments
            if not departments:
                raise CommandError(_("Add a department first: every wish comes from one."))
            department_id = departments[0].id
        values: dict[str, Any] = {"title": _("New wish"), "department_id": department_id}
        for key in ("phase_id", "priority", "kind"):
            if key in context:
                values[key] = context[key]
        return values

    # --- drag and drop ----------------------------------------------------------------------

    @guarded()
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    @guarded()
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    @guarded()
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [mime.DEMAND_IDS]

    @guarded()
    def mimeData(self, indexes: list) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return mime.encode([self._ids[r] for r in rows])

    @guarded()
    def canDropMimeData(self, data: QMimeData, action, row, column, parent: Index) -> bool:  # noqa: ANN001, N802
        # Onto a wish only: the dropped wishes go into its phase, just before it.
        return parent.isValid() and bool(mime.decode(data)) and not self.document.read_only

    @guarded()
    def dropMimeData(self, data: QMimeData, action, row, column, parent: Index) -> bool:  # noqa: ANN001, N802
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = mime.decode(data)
        target = self.record_at(parent.row())
        if target.id in ids:
            return False
        return self.push_or_report(MoveDemands(ids, target.phase_id, before_id=target.id))
