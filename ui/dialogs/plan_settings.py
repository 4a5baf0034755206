"""Plan settings: the vision, sponsor and lead, the working week, the team's capacity, the
warning thresholds and the proposer's weights. OK applies every change as one undoable
command; a refused value is shown under its field and the dialog stays open with nothing
changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.commands import UpdateRow
from planner.errors import PlanError
from planner.i18n import N_, _
from planner.i18n.formats import Local
from planner.model import Plan
from planner.propose.weights import MAX_WEIGHT, WEIGHT_COLUMNS, default_values
from planner.validation import THRESHOLDS
from ui import theme
from ui.document import PlanDocument
from ui.editors.factory import NO_DATE
from ui.inspector.record_form import FieldError
from ui.models.columns import UNIT_SHORT

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
_THRESHOLD_LABELS = {
    "team_capacity": (N_("Team capacity"), " pd/wk"),
    "weeks_to_value": (N_("Weeks to value"), " wk"),
    "max_departments_per_phase": (N_("Departments per phase"), ""),
    "field_creep_phase": (N_("New data fields per phase"), ""),
    "field_creep_plan": (N_("New data fields in the plan"), ""),
    "scope_creep_percent": (N_("Scope growth since baseline"), " %"),
}


class PlanSettingsDialog(QDialog):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Plan settings"))
        self.setObjectName("plan_settings")
        self.document = document
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        plan = document.store.plan

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._plan_page(plan), _("&Plan"))
        self.tabs.addTab(self._people_page(plan), _("P&eople"))
        self.tabs.addTab(self._schedule_page(plan), _("&Schedule and warnings"))
        self.tabs.addTab(self._proposer_page(plan), _("P&roposer"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not document.read_only)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height())

    # --- pages -----------------------------------------------------------------------------

    def _row(
        self, form: QFormLayout, field: str, label: str, editor: QWidget, help_: str = ""
    ) -> None:
        editor.setObjectName(f"field-{field}")
        error = FieldError(self)
        box = QWidget(self)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(editor)
        if help_:
            note = QLabel(help_, box)
            note.setWordWrap(True)
            note.setForegroundRole(note.foregroundRole())
            font = note.font()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            note.setFont(font)
            box_layout.addWidget(note)
        box_layout.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(editor)
        form.addRow(caption, box)
        self.fields[field] = editor
        self.errors[field] = error

    def _form_page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return page, form

    def _plan_page(self, plan: Plan) -> QWidget:
        page, form = self._form_page()
        title = QLineEdit(plan.title, page)
        self._row(form, "title", _("&Title:"), title)
        vision = QPlainTextEdit(plan.vision, page)
        vision.setTabChangesFocus(True)
        vision.setMinimumHeight(vision.fontMetrics().lineSpacing() * 7)
        self._row(
            form,
            "vision",
            _("&Vision:"),
            vision,
            _("Where the change takes the organisation, in a few sentences."),
        )
        start = QDateEdit(page)
        start.setDisplayFormat("yyyy-MM-dd")
        start.setCalendarPopup(True)
        start.setDateRange(NO_DATE, QDate(2200, 12, 31))
        start.setSpecialValueText(_("not set"))
        start.setDate(_qdate(plan.start_date))
        self._row(form, "start_date", _("St&art:"), start)
        return page

    def _people_page(self, plan: Plan) -> QWidget:
        page, form = self._form_page()
        self._row(form, "sponsor_name", _("Sponsor's &name:"), QLineEdit(plan.sponsor_name, page),
                  _("A business sponsor in top management, not in IT."))  # fmt: skip
        self._row(form, "sponsor_role", _("Sponsor's &role:"), QLineEdit(plan.sponsor_role, page))
        department = QComboBox(page)
        department.addItem("—", None)
        for d in self.document.index.departments:
            department.addItem(theme.swatch_icon(d.colour), d.name, d.id)
        department.setCurrentIndex(max(0, department.findData(plan.sponsor_department_id)))
        self._row(form, "sponsor_department_id", _("Sponsor's &department:"), department)
        self._row(form, "lead_name", _("&Lead's name:"), QLineEdit(plan.lead_name, page))
        self._row(form, "lead_role", _("Lead's r&ole:"), QLineEdit(plan.lead_role, page))
        return page

    def _schedule_page(self, plan: Plan) -> QWidget:
        page, form = self._form_page()
        week = QWidget(page)
        week_layout = QHBoxLayout(week)
        week_layout.setContentsMargins(0, 0, 0, 0)
        self.day_boxes: list[QCheckBox] = []
        for number, name in enumerate(WEEKDAYS, start=1):
            box = QCheckBox(_(name), week)
            box.setChecked(str(number) in plan.working_days)
            week_layout.addWidget(box)
            self.day_boxes.append(box)
        week_layout.addStretch(1)
        self._row(form, "working_days", _("Working &week:"), week)
        for field, (low, high, meaning) in THRESHOLDS.items():
            text, suffix = _THRESHOLD_LABELS.get(field, (field.replace("_", " ").capitalize(), ""))
            current = getattr(plan, field)
            if isinstance(current, float):
                spin: QDoubleSpinBox | QSpinBox = QDoubleSpinBox(page)
                spin.setDecimals(1)
            else:
                spin = QSpinBox(page)
            if isinstance(spin, QSpinBox):
                spin.setRange(int(low), int(high))
            else:
                spin.setRange(low, high)
            short = suffix.strip()
            spin.setSuffix(f" {_(UNIT_SHORT.get(short, short))}" if short else "")
            spin.setValue(current)
            spin.setToolTip(
                _("{meaning}: {low:g} to {high:g}").format(
                    meaning=_(meaning).capitalize(), low=Local(low), high=Local(high)
                )
            )
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            self._row(
                form, field, f"{_(text)}:", spin,
                f"{_(meaning).capitalize()} ({Local(low):g}–{Local(high):g}).",
            )
        return page

    def _proposer_page(self, plan: Plan) -> QWidget:
        page, form = self._form_page()
        intro = QLabel(
            _(
                "What Plan → Propose phases… maximises: the value of every wish delivered, "
                "counting more the sooner it lands, plus each objective completed, less the "
                "penalties. Only the proportions between the values matter."
            ),
            page,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.weight_spins: dict[str, QDoubleSpinBox] = {}
        for field, (label, meaning) in WEIGHT_COLUMNS.items():
            spin = QDoubleSpinBox(page)
            spin.setDecimals(1)
            spin.setRange(0.0, MAX_WEIGHT)
            spin.setSingleStep(0.5)
            spin.setValue(getattr(plan, field))
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setToolTip(
                _("{meaning} ({low:g} to {high:g})").format(meaning=_(meaning), low=0,
                                                            high=Local(MAX_WEIGHT))
            )  # fmt: skip
            self._row(form, field, f"{_(label)}:", spin)
            self.weight_spins[field] = spin
        restore = QPushButton(_("Restore &defaults"), page)
        restore.setObjectName("restore-weights")
        restore.setToolTip(_("Put the proposer's values back to the defaults (applied with OK)."))
        restore.clicked.connect(self.restore_weights)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(restore)
        form.addRow(row)
        return page

    def restore_weights(self) -> None:
        for field, value in default_values().items():
            self.weight_spins[field].setValue(value)

    # --- applying --------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field, editor in self.fields.items():
            if isinstance(editor, QLineEdit):
                out[field] = editor.text()
            elif isinstance(editor, QPlainTextEdit):
                out[field] = editor.toPlainText()
            elif isinstance(editor, QDateEdit):
                date = editor.date()
                out[field] = None if date == NO_DATE else date.toPython()
            elif isinstance(editor, QComboBox):
                out[field] = editor.currentData()
            elif isinstance(editor, QDoubleSpinBox | QSpinBox):
                out[field] = editor.value()
        out["working_days"] = "".join(
            str(n) for n, box in enumerate(self.day_boxes, 1) if box.isChecked()
        )
        return out

    def changed_values(self) -> dict[str, Any]:
        plan = self.document.store.plan
        out = {}
        for key, value in self.values().items():
            current = getattr(plan, key)
            editor = self.fields.get(key)
            # A value with more decimals than its box shows is not changed by opening and
            # closing the dialog: only a different shown value counts.
            shown_same = (
                isinstance(editor, QDoubleSpinBox)
                and isinstance(current, float)
                and abs(current - value) <= 0.5 * 10 ** -editor.decimals() + 1e-9
            )
            if current != value and not shown_same:
                out[key] = value
        return out

    def apply(self) -> None:
        for error in self.errors.values():
            error.clear_message()
        changes = self.changed_values()
        if not changes:
            self.accept()
            return
        try:
            self.document.push(UpdateRow(Plan, 1, changes, label=_("Update plan settings")))
        except PlanError as exc:
            self.show_error(getattr(exc, "field", None), str(exc))
            return
        self.accept()

    def show_error(self, field: str | None, message: str) -> None:
        error = self.errors.get(field or "") or self.errors["title"]
        page = error.parentWidget()
        while page is not None and self.tabs.indexOf(page) < 0:
            page = page.parentWidget()
        if page is not None:
            self.tabs.setCurrentWidget(page)
        error.show_message(message)
        editor = self.fields.get(field or "")
        if editor is not None:
            editor.setFocus()


def _qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else NO_DATE
