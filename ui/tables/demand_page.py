"""The wishes table with its filters: department, phase (or the backlog), priority, kind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from planner.changes import RowChange
from planner.enums import DemandKind, Priority, label
from planner.i18n import N_, _
from planner.i18n.formats import Local
from planner.model import Demand, Department, Phase
from ui import theme
from ui.document import PlanDocument
from ui.models.demand_table_model import DemandTableModel
from ui.tables.filter_combo import FilterCombo
from ui.tables.table_page import TablePage


class DemandPage(TablePage):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(
            document, DemandTableModel(document), N_("wish"), N_("wishes"), ("title", "notes"),
            parent,
        )
        index = lambda: document.index  # noqa: E731 - the index is rebuilt after each change
        self.department_filter = FilterCombo(
            _("All departments"),
            lambda: [(d.name, d.id, theme.swatch_icon(d.colour)) for d in index().departments],
            lambda v: self.proxy.set_field_filter("department_id", v),
            self,
        )
        self.phase_filter = FilterCombo(
            _("All phases"),
            lambda: (
                [(_("Backlog"), None, None)]
                + [(f"{n}. {p.title}", p.id, None) for n, p in enumerate(index().phases, 1)]
            ),
            lambda v: self.proxy.set_field_filter("phase_id", v),
            self,
        )
        self.priority_filter = FilterCombo(
            _("All priorities"),
            lambda: [(label(p), p, None) for p in Priority],
            lambda v: self.proxy.set_field_filter("priority", v),
            self,
        )
        self.kind_filter = FilterCombo(
            _("All kinds"),
            lambda: [(label(k), k, None) for k in DemandKind],
            lambda v: self.proxy.set_field_filter("kind", v),
            self,
        )
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropOverwriteMode(True)  # a drop lands on a wish: before it
        self.view.setDefaultDropAction(self.model.supportedDropActions())
        filters = (
            self.department_filter,
            self.phase_filter,
            self.priority_filter,
            self.kind_filter,
        )
        self.top_bar.removeWidget(self.filter_edit)
        self.filter_bar.addWidget(self.filter_edit, 2)
        previous = self.filter_edit
        for combo in filters:
            self.filter_bar.addWidget(combo, 1)
            self.setTabOrder(previous, combo)
            previous = combo
        self._total: float | None = None
        document.changed.connect(self._follow_total, Qt.ConnectionType.DirectConnection)
        document.changed.connect(self._refill_filters)

    def _total_effort(self) -> float:
        # Kept up to date from each change's before/after values: summing 10 000 wishes
        # after every edit would cost more than the edit.
        if getattr(self, "_total", None) is None:  # (also while the base class sets up)
            self._total = sum(r.effort for r in self.document.store.rows(Demand))
        return self._total

    def _follow_total(self, changes: list[RowChange]) -> None:
        if self._total is None:
            return
        for change in changes:
            if change.model is Demand:
                before = (change.before or {}).get("effort") if change.kind != "insert" else 0.0
                after = (change.after or {}).get("effort") if change.kind != "delete" else 0.0
                if change.kind == "update" and "effort" not in (change.after or {}):
                    continue
                if before is None or after is None:
                    self._total = None  # a snapshot without effort: count afresh
                    return
                self._total += after - before

    def _refill_filters(self, changes: list[RowChange]) -> None:
        models = {c.model for c in changes}
        if Department in models:
            self.department_filter.refill()
        if Phase in models:
            self.phase_filter.refill()

    def clear_filters(self) -> None:
        for combo in (
            self.department_filter,
            self.phase_filter,
            self.priority_filter,
            self.kind_filter,
        ):
            combo.reset()
        super().clear_filters()

    def update_summary(self) -> None:
        super().update_summary()
        rows = self.proxy.rowCount()
        if not self.proxy.is_filtered:
            effort = self._total_effort()
        else:
            source = self.model
            effort = sum(
                source.record_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()).effort
                for r in range(rows)
            )
        self.summary.setText(
            _("{text} · {effort:,.0f} person-days").format(
                text=self.summary.text(), effort=Local(effort)
            )
        )
