"""The Benefit checks panel: after each go-live, per department, was the promised benefit
felt? Answer (met / partly / not yet), a note and the measured value are edited in place;
each edit is one undoable step (planner.benefit.RecordBenefitCheck)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import benefit
from planner.benefit import CheckView, RecordBenefitCheck
from planner.enums import BenefitResult
from planner.errors import PlanError
from planner.i18n import N_, _, ngettext
from planner.model import (
    BenefitCheck,
    Demand,
    Department,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
    Plan,
)
from planner.validation import parse_date
from ui.guard import guarded

COLUMNS = (
    N_("Phase"),
    N_("Department"),
    N_("Live since"),
    N_("Check due"),
    N_("Answer"),
    N_("Note"),
    N_("Measured"),
    N_("Question"),
)
EDITABLE = {3: "due_date", 5: "note", 6: "measured_value", 7: "question"}
ANSWERS = ((BenefitResult.PENDING, N_("Not asked yet")), (BenefitResult.MET, N_("Met")),
           (BenefitResult.PARTLY, N_("Partly")), (BenefitResult.NOT_YET, N_("Not yet")))
_INPUTS = (BenefitCheck, Phase, Demand, Milestone, Department, Plan, Objective, PhaseObjective)


class BenefitPanel(QWidget):
    def __init__(self, document, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("benefit_panel")
        self.document = document
        self.checks: list[CheckView] = []
        self._filling = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("benefit_table")
        self.table.setAccessibleName(_("Benefit checks"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)  # one line a check; the full text is in the cell
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self.table.itemChanged.connect(self._edited)
        self.table.currentCellChanged.connect(lambda r, _c, _r, _c2: self._select(r))
        document.changed.connect(self._on_changed)
        self._stale = True  # filled when first shown: the panel starts hidden

    def _on_changed(self, changes: list) -> None:
        if any(c.model in _INPUTS for c in changes):
            if self.isVisible():
                self._timer.start()
            else:
                self._stale = True

    @guarded()
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._timer.start()  # on the next turn: nothing here may raise into Qt

    def refresh(self) -> None:
        self._stale = False
        store, index = self.document.store, self.document.index

        def measure_of(phase_id: int) -> str:
            for objective_id in index.objectives_by_phase.get(phase_id, []):
                objective = store.find(Objective, objective_id)
                if objective is not None and objective.measure.strip():
                    return objective.measure.strip()
            return ""

        self.checks = benefit.collect(store, index.phases, index.milestones,
                                      index.department_ids, measure_of=measure_of)
        today = benefit.today()
        overdue = sum(1 for c in self.checks if c.overdue(today))
        self.intro.setText(
            ngettext(
                "{count} benefit check: one per department a phase with a go-live delivers to.",
                "{count} benefit checks: one per department a phase with a go-live delivers to.",
                len(self.checks),
            ).format(count=len(self.checks))
            + (" " + _("{count} overdue.").format(count=overdue) if overdue else "")
            if self.checks
            else _(
                "No phase has a go-live milestone yet, so there is nothing "
                "to check. Add a go-live milestone to a phase to plan its benefit check."
            )
        )
        names = {d.id: d.name for d in index.departments}
        self._filling = True
        try:
            self.table.setRowCount(len(self.checks))
            for r, check in enumerate(self.checks):
                phase = store.find(Phase, check.phase_id)
                cells = [
                    phase.title if phase else f"#{check.phase_id}",
                    names.get(check.department_id, "—"),
                    _day(check.go_live),
                    _day(check.due_date),
                    "",
                    check.note,
                    check.measured_value,
                    check.question,
                ]
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c not in EDITABLE or self.document.read_only:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    if c == 6 and check.measure:
                        item.setToolTip(_('Measure: {measure}').format(measure=check.measure))
                    if c == 3 and check.overdue(today):
                        item.setToolTip(_("Overdue: nobody has answered yet."))
                        item.setForeground(Qt.GlobalColor.darkRed)
                    self.table.setItem(r, c, item)
                self.table.setCellWidget(r, 4, self._answer_box(r, check))
            self.table.resizeColumnsToContents()
            for c in (0, 5, 7):
                self.table.setColumnWidth(c, min(self.table.columnWidth(c), 320))
        finally:
            self._filling = False

    def _answer_box(self, row: int, check: CheckView) -> QComboBox:
        box = QComboBox(self.table)
        box.setObjectName(f"benefit_answer_{row}")
        for value, text in ANSWERS:
            box.addItem(_(text), value.value)
        box.setCurrentIndex(max(0, box.findData(check.result.value)))
        box.setEnabled(not self.document.read_only)
        box.activated.connect(lambda _i, r=row, b=box: self.answer(r, b.currentData()))
        return box

    # --- editing ----------------------------------------------------------------------------

    def answer(self, row: int, result: str) -> bool:
        return self._record(row, {"result": result})

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in EDITABLE:
            return
        field = EDITABLE[item.column()]
        text = item.text().strip()
        try:
            value = parse_date(text, field) if field == "due_date" else text
        except PlanError as exc:
            self.document.error.emit(exc.message)
            self._timer.start()
            return
        self._record(item.row(), {field: value})

    def _record(self, row: int, values: dict) -> bool:
        if not 0 <= row < len(self.checks):
            return False
        check = self.checks[row]
        try:
            return self.document.push(
                RecordBenefitCheck(check.phase_id, check.department_id, values))
        except PlanError as exc:
            self.document.error.emit(exc.message)
            self._timer.start()
            return False

    def _select(self, row: int) -> None:
        if 0 <= row < len(self.checks) and not self._filling:
            self.document.select("phase", [self.checks[row].phase_id])


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""
