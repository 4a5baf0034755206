"""The inspector panel: a form for the selected record (the same fields as its table, plus a
phase's objectives and dependencies), the warnings about it, a summary for several selected
wishes, and the plan's own summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.changes import RowChange
from planner.commands import MoveDemands
from planner.errors import PlanError
from planner.i18n import N_, _
from planner.i18n.formats import Local
from planner.model import ChangeActivity, Demand, Department, Milestone, Objective, Phase
from ui import theme
from ui.document import PlanDocument
from ui.inspector.phase_links import PhaseLinks
from ui.inspector.record_form import RecordForm
from ui.models.activity_table_model import ActivityTableModel
from ui.models.demand_table_model import DemandTableModel
from ui.models.department_table_model import DepartmentTableModel
from ui.models.milestone_table_model import MilestoneTableModel
from ui.models.objective_table_model import ObjectiveTableModel
from ui.models.phase_table_model import PhaseTableModel

FORMS = {
    "demand": (Demand, DemandTableModel.columns, N_("Wish")),
    "phase": (Phase, PhaseTableModel.columns, N_("Phase")),
    "department": (Department, DepartmentTableModel.columns, N_("Department")),
    "objective": (Objective, ObjectiveTableModel.columns, N_("Objective")),
    "milestone": (Milestone, MilestoneTableModel.columns, N_("Milestone")),
    "change_activity": (ChangeActivity, ActivityTableModel.columns, N_("Change activity")),
}


class Inspector(QScrollArea):
    """`settings_requested()` when the user asks for the plan settings."""

    settings_requested = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setAccessibleName(_("Inspector"))
        self.document = document
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )  # wrap, don't scroll
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.form: RecordForm | None = None
        self.links: PhaseLinks | None = None
        self._shown: tuple[str, list[int]] = ("", [])
        document.selection_changed.connect(self.show_selection)
        document.changed.connect(self._on_changed)
        document.warnings.updated.connect(self._refresh_warnings)
        self._warnings_box: QLabel | None = None
        self.show_selection("", [])

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 8, 10, 8)
        return page, layout

    def show_selection(self, kind: str, ids: list[int]) -> None:
        self._shown = (kind, list(ids))
        self.form, self.links, self._warnings_box = None, None, None
        self.wish_links = None
        page, layout = self._page()
        title = QLabel(page)
        title.setObjectName("inspector_title")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        title.setWordWrap(True)
        layout.addWidget(title)
        if kind in FORMS and len(ids) == 1 and self.document.store.find(FORMS[kind][0], ids[0]):
            model, columns, noun = FORMS[kind]
            title.setText(f"{_(noun)}: {self.document.store.get(model, ids[0]).display_name}")
            self._warnings_box = QLabel(page)
            self._warnings_box.setWordWrap(True)
            self._warnings_box.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(self._warnings_box)
            self.form = RecordForm(self.document, model, columns, ids[0], page)
            layout.addWidget(self.form)
            if kind == "phase":
                self.links = PhaseLinks(self.document, ids[0], page)
                layout.addWidget(self.links)
            if kind == "demand":  # what the wish needs first and what needs it
                from ui.inspector.wish_links import WishLinks

                self.wish_links = WishLinks(self.document, ids[0], page)
                layout.addWidget(self.wish_links)
            self._refresh_warnings()
        elif kind == "demand" and len(ids) > 1:
            self._several_demands(page, layout, title, ids)
        elif kind == "plan":
            self._plan(page, layout, title)
        else:
            title.setText(_("Nothing selected"))
            hint = QLabel(
                _("Select something in the outline or in a table to see and edit it here."), page
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addStretch(1)
        self.setWidget(page)

    def _several_demands(
        self, page: QWidget, layout: QVBoxLayout, title: QLabel, ids: list[int]
    ) -> None:
        rows = [r for r in (self.document.store.find(Demand, i) for i in ids) if r is not None]
        title.setText(_('{count} wishes selected').format(count=len(rows)))
        effort = sum(r.effort for r in rows)
        text = _("{effort:,.1f} person-days in all.").format(effort=Local(effort))
        layout.addWidget(QLabel(text, page))
        line = QHBoxLayout()
        target = QComboBox(page)
        target.setObjectName("move_target")
        target.setAccessibleName(_("Move to"))
        target.addItem(_("Backlog"), None)
        for n, phase in enumerate(self.document.index.phases, start=1):
            target.addItem(f"{n}. {phase.title}", phase.id)
        move = QPushButton(_("&Move"), page)
        move.setEnabled(not self.document.read_only)
        move.clicked.connect(lambda: self._move(ids, target.currentData()))
        line.addWidget(QLabel(_("Move to:"), page))
        line.addWidget(target, 1)
        line.addWidget(move)
        layout.addLayout(line)

    def _move(self, ids: list[int], phase_id: int | None) -> None:
        try:
            self.document.push(MoveDemands(ids, phase_id))
        except PlanError as exc:
            QMessageBox.warning(self, _("Not moved"), str(exc))

    def _plan(self, page: QWidget, layout: QVBoxLayout, title: QLabel) -> None:
        plan = self.document.store.plan
        title.setText(plan.title)
        sponsor = self.document.store.find(Department, plan.sponsor_department_id)
        lines = [
            (_("Vision"), plan.vision or _("— not stated yet —")),
            (
                _("Sponsor"),
                ", ".join(
                    x
                    for x in (plan.sponsor_name, plan.sponsor_role, sponsor.name if sponsor else "")
                    if x
                )
                or _("— none —"),
            ),
            (
                _("Lead"),
                ", ".join(x for x in (plan.lead_name, plan.lead_role) if x) or _("— none —"),
            ),
            (
                _("Team"),
                _("{team_capacity:g} person-days a week").format(
                    team_capacity=Local(plan.team_capacity)
                ),
            ),
        ]
        for caption, text in lines:
            label = QLabel(f"<b>{caption}</b>", page)
            value = QLabel(page)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setText(text)
            value.setWordWrap(True)
            layout.addWidget(label)
            layout.addWidget(value)
        button = QPushButton(_("Plan &settings…"), page)
        button.clicked.connect(self.settings_requested.emit)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)

    def _refresh_warnings(self) -> None:
        box = self._warnings_box
        kind, ids = self._shown
        if box is None or len(ids) != 1:
            return
        warnings = [w for w in self.document.warnings.for_subject(kind, ids[0]) if not w.dismissed]
        box.setText("\n".join(f"• {w.message}" for w in warnings))
        box.setVisible(bool(warnings))
        if warnings:
            colour = theme.SEVERITY_COLOURS[max(w.severity for w in warnings)]
            box.setStyleSheet(
                f"QLabel {{ border-left: 4px solid {colour.name()}; padding-left: 6px; }}"
            )

    def _on_changed(self, changes: list[RowChange]) -> None:
        kind, ids = self._shown
        if kind == "plan" or (kind == "demand" and len(ids) > 1):
            self.show_selection(kind, ids)
            return
        if self.form is None:
            return
        if self.form.record is None:  # deleted (or its creation undone)
            self.show_selection("", [])
            return
        self.form.refresh()
        if self.links is not None:
            self.links.refresh()
        if getattr(self, "wish_links", None) is not None:
            self.wish_links.refresh()
