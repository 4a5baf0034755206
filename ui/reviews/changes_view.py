"""The Changes view: what changed between the plan and a baseline, between two baselines, or
between two plan files (planner/diff.py). One line per change, grouped by what it is about;
a click selects its subject in the other views. Filters: only scope, only dates, one
department."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.diff import Change, PlanDiff, between_baselines, plan_vs_baseline, readable_baselines
from planner.errors import PlanError
from planner.i18n import N_, _, ngettext
from planner.model import Baseline, BenefitCheck, Dismissal
from planner.text_diff import describe, title
from planner.warnings.format import pd as person_days

NOW = -1  # the "plan now" entry of the To combo
GROUPS = (("phases", N_("Phases")), ("wishes", N_("Wishes")), ("milestones", N_("Milestones")),
          ("warnings", N_("Warnings")))
# (subject of a change line) -> the table name other views select by
KINDS = {"phases": "phase", "wishes": "demand", "milestones": "milestone"}
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1
# Edits that cannot change a comparison with the plan now.
_QUIET = (Dismissal, BenefitCheck)


class ChangesView(QWidget):
    def __init__(self, document, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("changes_view")
        self.document = document
        self.diff: PlanDiff | None = None
        self.external: PlanDiff | None = None  # two plan files (File → Compare…)
        self.error = ""

        self.before = QComboBox(self)
        self.before.setObjectName("changes_before")
        self.after = QComboBox(self)
        self.after.setObjectName("changes_after")
        self.department = QComboBox(self)
        self.department.setObjectName("changes_department")
        for combo, length in ((self.before, 18), (self.after, 18), (self.department, 12)):
            # Long baseline names must not widen the window's centre (and squeeze the panels).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(length)
        self.scope_only = QCheckBox(_("Only &scope"), self)
        self.dates_only = QCheckBox(_("Only &dates"), self)
        self.summary = QLabel(self)
        self.summary.setObjectName("changes_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("changes_tree")
        self.tree.setAccessibleName(_("Changes"))
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("What"), _("Change"), _("Details")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)

        bar = QHBoxLayout()
        for text, widget in ((_("&Compare"), self.before), (_("&with"), self.after)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, 1)
        filters = QHBoxLayout()  # a row of their own: the view must fit a laptop's centre
        filters.addWidget(self.scope_only)
        filters.addWidget(self.dates_only)
        dept_label = QLabel(_("Dep&artment"), self)
        dept_label.setBuddy(self.department)
        filters.addSpacing(12)
        filters.addWidget(dept_label)
        filters.addWidget(self.department)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # typing in a table: compare once the edits settle
        self._timer.timeout.connect(self.recompute)
        self.before.activated.connect(lambda _i: self._chosen())
        self.after.activated.connect(lambda _i: self._chosen())
        for box in (self.scope_only, self.dates_only):
            box.toggled.connect(lambda _on: self.show_lines())
        self.department.activated.connect(lambda _i: self.show_lines())
        self.tree.currentItemChanged.connect(lambda item, _old: self._select(item))
        document.changed.connect(self._on_changed)
        self.fill_choices()
        self.recompute()

    # --- choosing what to compare -----------------------------------------------------------

    def fill_choices(self) -> None:
        """The baselines (latest first) in both combos; keep what was chosen."""
        store = self.document.store
        good, bad = readable_baselines(store)
        keep_before, keep_after = self.before.currentData(), self.after.currentData()
        for combo in (self.before, self.after):
            combo.blockSignals(True)
            combo.clear()
        self.after.addItem(_("The plan now"), NOW)
        for row in reversed(good):
            text = _("Baseline “{name}” — {created_at:%Y-%m-%d %H:%M}").format(
                name=row.name, created_at=row.created_at
            )
            self.before.addItem(text, row.id)
            self.after.addItem(text, row.id)
        for row, why in bad:
            self.before.addItem(_('“{name}” (cannot be read)').format(name=row.name), None)
            index = self.before.count() - 1
            self.before.model().item(index).setEnabled(False)
            self.before.setItemData(index, why, Qt.ItemDataRole.ToolTipRole)
        if not good:
            self.before.addItem(_("No baseline yet: Plan → Take baseline…"), None)
        for combo, keep in ((self.before, keep_before), (self.after, keep_after)):
            at = combo.findData(keep) if keep is not None else -1
            combo.setCurrentIndex(at if at >= 0 else 0)
            combo.blockSignals(False)
        names = [(d.name, d.id) for d in self.document.index.departments]
        keep = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(_("All departments"), None)
        for name, dept_id in names:
            self.department.addItem(name, dept_id)
        at = self.department.findData(keep) if keep is not None else 0
        self.department.setCurrentIndex(max(0, at))
        self.department.blockSignals(False)

    def compare_with(self, baseline_id: int, other: int = NOW) -> None:
        """Show the plan (or baseline `other`) against baseline `baseline_id`."""
        self.external = None
        self.fill_choices()
        self.before.setCurrentIndex(max(0, self.before.findData(baseline_id)))
        self.after.setCurrentIndex(max(0, self.after.findData(other)))
        self.recompute()

    def show_external(self, diff: PlanDiff) -> None:
        """Two plan files compared (File → Compare with another plan…)."""
        self.external = diff
        self.diff = diff
        self.error = ""
        self.show_lines()

    def _chosen(self) -> None:
        self.external = None
        self.recompute()

    def _on_changed(self, changes: list) -> None:
        if any(c.model is Baseline for c in changes):
            self.fill_choices()
        elif all(c.model in _QUIET for c in changes):
            return
        if self.external is None and (self.after.currentData() == NOW
                                      or any(c.model is Baseline for c in changes)):
            self._timer.start()

    def recompute(self) -> None:
        if self.external is not None:
            return
        store = self.document.store
        self.error = ""
        self.diff = None
        before_id, after_id = self.before.currentData(), self.after.currentData()
        before = store.find(Baseline, before_id) if before_id is not None else None
        try:
            if before is None:
                self.error = _("The plan has no readable baseline to compare with yet.")
            elif after_id == NOW or after_id is None:
                self.diff = plan_vs_baseline(store, before, self._warnings_now())
            else:
                after = store.find(Baseline, after_id)
                if after is None:
                    self.error = _("That baseline is gone.")
                else:
                    older, newer = sorted((before, after), key=lambda b: (b.created_at, b.id))
                    self.diff = between_baselines(store, older, newer)
        except PlanError as exc:
            self.error = exc.message
        self.show_lines()

    def _warnings_now(self) -> list | None:
        """The live engine's warnings, when it is up to date with the plan (it updates on
        the same edit signal this view recomputes on, a little later)."""
        source = self.document.warnings
        return list(source.warnings)

    # --- the lines ---------------------------------------------------------------------------

    def visible_changes(self) -> list[Change]:
        if self.diff is None:
            return []
        return self.diff.filtered(scope=self.scope_only.isChecked(),
                                  dates=self.dates_only.isChecked(),
                                  department=self.department.currentData())

    def show_lines(self) -> None:
        tree = self.tree
        tree.clear()
        diff = self.diff
        if diff is None:
            self.summary.setText(self.error)
            return
        changes = self.visible_changes()
        delta = diff.planned_after - diff.planned_before
        text = ngettext(
            "{before} → {after}: {count} change shown. "
            "Planned effort {effort_before} → {effort_after} ({sign}{difference}).",
            "{before} → {after}: {count} changes shown. "
            "Planned effort {effort_before} → {effort_after} ({sign}{difference}).",
            len(changes),
        ).format(
            before=diff.before_label,
            after=diff.after_label,
            count=len(changes),
            effort_before=person_days(diff.planned_before),
            effort_after=person_days(diff.planned_after),
            sign="+" if delta >= 0 else "−",
            difference=person_days(abs(delta)),
        )
        if diff.notes:
            text += " " + " ".join(diff.notes)
        self.summary.setText(text)
        for subject, heading in GROUPS:
            group = [c for c in changes if c.subject == subject]
            if not group:
                continue
            top = QTreeWidgetItem(tree, [f"{_(heading)} ({len(group)})"])
            top.setFirstColumnSpanned(True)
            for change in group:
                details = describe(change)
                if subject == "warnings":  # the Change column says new or resolved
                    details = (change.after or change.before).get("message", details)
                item = QTreeWidgetItem(top, [title(change), _change_word(change), details])
                item.setData(0, CHANGE_ROLE, change)
                item.setToolTip(2, details)
            top.setExpanded(True)
        if not changes:
            QTreeWidgetItem(tree, [_("No changes") + (_(" with these filters") if diff.changes
                                                   else "")])
        self._effort_rows()
        tree.resizeColumnToContents(1)
        tree.setColumnWidth(0, max(220, min(460, tree.sizeHintForColumn(0))))

    def _effort_rows(self) -> None:
        diff = self.diff
        assert diff is not None
        dept = self.department.currentData()
        for heading, rows in ((_("Effort per phase"), diff.phase_effort),
                              (_("Effort per department"), diff.department_effort)):
            shown = [r for r in rows if abs(r.delta) > 1e-9
                     and (dept is None or heading.endswith("phase") or r.id == dept)]
            if not shown or self.dates_only.isChecked():
                continue
            top = QTreeWidgetItem(
                self.tree,
                [_("{heading}: what changed ({count})").format(heading=heading, count=len(shown))],
            )
            top.setFirstColumnSpanned(True)
            for r in shown:
                item = QTreeWidgetItem(top, [
                    r.name, f"{'+' if r.delta >= 0 else '−'}{person_days(abs(r.delta))}",
                    f"{person_days(r.before)} → {person_days(r.after)}"])
                kind = "phase" if heading.endswith("phase") else "department"
                item.setData(0, CHANGE_ROLE, (kind, r.id))
            top.setExpanded(True)

    def _select(self, item: QTreeWidgetItem | None) -> None:
        """A line was chosen: select its subject where it still exists."""
        if item is None or self.external is not None:
            return
        data = item.data(0, CHANGE_ROLE)
        target = subject_of(data)
        if target is None:
            return
        kind, row_id = target
        from planner.model import MODEL_BY_TABLE

        model = MODEL_BY_TABLE.get(kind)
        if model is not None and self.document.store.find(model, row_id) is not None:
            self.document.select(kind, [row_id])


def subject_of(data: object) -> tuple[str, int] | None:
    """(table, id) a line of the view is about, if any."""
    if isinstance(data, tuple):
        kind, row_id = data
        return (kind, row_id) if row_id is not None else None
    if not isinstance(data, Change) or data.id is None:
        return None
    if data.subject == "warnings":
        values = data.after or data.before
        kind = values.get("subject")
        return (kind, data.id) if kind in ("phase", "department", "demand") else None
    kind = KINDS.get(data.subject)
    return (kind, data.id) if kind else None


def _change_word(change: Change) -> str:
    if change.subject == "wishes" and change.change == "moved":
        if change.after.get("phase") is None:
            return _("to the backlog")
        if change.before.get("phase") is None:
            return _("from the backlog")
    return change.change
