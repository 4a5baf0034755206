"""Plan → Propose phases…: the options, the solver running in a worker thread with a
progress bar and Stop, then the preview — today's plan and the proposal on the same Gantt
scale, the value delivered over time of both, the warning counts of both and why each
proposed phase is what it is — and Accept all / Accept the first N as one undoable step.

The plan is read in the UI thread (planner.propose.plan_problem.prepare) and the proposal
is built there too; only the solving, which reads nothing from the plan, runs in the
worker thread, so the plan's session is never used from two threads.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import threading

from PySide6.QtCore import QDate, QRectF, QSize, Qt, QThread, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.enums import PhaseStatus
from planner.errors import PlanError
from planner.i18n import _, ngettext
from planner.i18n.formats import Local, local_number
from planner.propose.milestones import milestone_changes
from planner.propose.plan_problem import NoProposal, Options, Prepared, prepare
from planner.propose.proposal import (
    ApplyProposal,
    Proposal,
    build_proposal,
    proposal_curve,
    solve_prepared,
    value_curve,
)
from planner.propose.solve import Progress, Result
from planner.queries import PlanIndex
from planner.warnings import Severity
from ui.document import PlanDocument
from ui.guard import guarded

log = logging.getLogger(__name__)


class ProposeWorker(QThread):
    """Runs the constructions and the solver; never touches the plan."""

    progressed = Signal(str, object, object, float)  # stage, value, bound, seconds
    finished_with = Signal(object)  # Result
    failed = Signal(str)

    def __init__(self, prepared: Prepared, options: Options, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.prepared = prepared
        self.options = options
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @guarded()
    def run(self) -> None:
        try:
            result = solve_prepared(
                self.prepared, self.options, self._report, self._stop.is_set
            )
            self.finished_with.emit(result)
        except NoProposal as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # an override must never raise (PySide6 would abort)
            log.exception("The proposer failed")
            self.failed.emit(_('The proposer failed: {exc}').format(exc=exc))

    def _report(self, progress: Progress) -> None:
        self.progressed.emit(progress.stage, progress.value, progress.bound, progress.seconds)


def _counts(warnings) -> str:  # noqa: ANN001
    problems = sum(1 for w in warnings if w.severity == Severity.PROBLEM and not w.dismissed)
    others = sum(1 for w in warnings if w.severity == Severity.WARNING and not w.dismissed)
    # Translators: the two halves of "2 problems, 1 warning", joined by ", ".
    return (
        ngettext("{count} problem", "{count} problems", problems).format(count=problems)
        + ", "
        + ngettext("{count} warning", "{count} warnings", others).format(count=others)
    )


class ProposeDialog(QDialog):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Propose phases"))
        self.setObjectName("propose_dialog")
        self.document = document
        self.worker: ProposeWorker | None = None
        self.prepared: Prepared | None = None
        self.options: Options | None = None
        self.proposal: Proposal | None = None
        self.applied: ApplyProposal | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(self._options_box())
        self.progress = QProgressBar(self)
        self.progress.setObjectName("propose_progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(_("Choose the options and press Propose."), self)
        self.status.setObjectName("propose_status")
        self.status.setWordWrap(True)
        run_row = QHBoxLayout()
        self.propose_button = QPushButton(_("&Propose"), self)
        self.propose_button.setObjectName("propose_button")
        self.propose_button.setDefault(True)
        self.propose_button.clicked.connect(self.start)
        self.stop_button = QPushButton(_("&Stop"), self)
        self.stop_button.setObjectName("stop_button")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        run_row.addWidget(self.propose_button)
        run_row.addWidget(self.stop_button)
        run_row.addWidget(self.progress, 1)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        self.preview = self._preview_box()
        self.preview.setVisible(False)
        layout.addWidget(self.preview, 1)
        layout.addLayout(self._accept_row())
        self.resize(self.fontMetrics().averageCharWidth() * 190, self.fontMetrics().height() * 50)

    # --- parts -----------------------------------------------------------------------------

    def _options_box(self) -> QGroupBox:
        box = QGroupBox(_("Options"), self)
        form = QFormLayout(box)
        store = self.document.store
        default = prepare(store, Options(phases=1, time_limit=0)).slot_starts[0]
        self.start_edit = QDateEdit(QDate(default.year, default.month, default.day), box)
        self.start_edit.setObjectName("propose_start")
        self._start_chosen = False
        self.start_edit.userDateChanged.connect(self._on_start_chosen)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(_("&Start on or after"), self.start_edit)
        self.phases_spin = QSpinBox(box)
        self.phases_spin.setObjectName("propose_phases")
        self.phases_spin.setRange(0, 99)
        self.phases_spin.setSpecialValueText(_("until the backlog is empty"))
        form.addRow(_("&Phases"), self.phases_spin)
        self.include_planned = QCheckBox(
            _("Also re-plan the planned phases that are not pinned"), box
        )
        self.include_planned.setObjectName("propose_include_planned")
        form.addRow(_("&Wishes"), self.include_planned)
        self.keep_list = QListWidget(box)
        self.keep_list.setObjectName("propose_keep")
        self.keep_list.setMaximumHeight(self.fontMetrics().height() * 6)
        for phase in PlanIndex.build(store).phases:
            if phase.status == PhaseStatus.PLANNED and not phase.pinned:
                item = QListWidgetItem(phase.title, self.keep_list)
                item.setData(Qt.ItemDataRole.UserRole, phase.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        self.keep_list.setEnabled(False)
        self.include_planned.toggled.connect(self.keep_list.setEnabled)
        self.include_planned.toggled.connect(lambda _unused=False: self._default_start())
        self.keep_list.itemChanged.connect(lambda _unused=None: self._default_start())
        form.addRow(_("&Keep as they are"), self.keep_list)
        self.time_spin = QSpinBox(box)
        self.time_spin.setObjectName("propose_time_limit")
        self.time_spin.setRange(1, 600)
        self.time_spin.setValue(5)
        # Translators: the unit after a time limit in seconds: "5 s".
        self.time_spin.setSuffix(" " + _("s"))
        form.addRow(_("&Time limit"), self.time_spin)
        return box

    def _on_start_chosen(self, _date: QDate) -> None:
        if not getattr(self, "_setting_start", False):
            self._start_chosen = True

    def _default_start(self) -> None:
        """The first Monday after the phases that stay, unless the user picked a date."""
        if self._start_chosen:
            return
        options = Options(phases=1, time_limit=0, include_planned=self.include_planned.isChecked(),
                          keep=self._kept())  # fmt: skip
        try:
            day = prepare(self.document.store, options).slot_starts[0]
        except PlanError:
            return
        self._setting_start = True
        try:
            self.start_edit.setDate(QDate(day.year, day.month, day.day))
        finally:
            self._setting_start = False

    def _kept(self) -> frozenset[int]:
        return frozenset(
            self.keep_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.keep_list.count())
            if self.keep_list.item(i).checkState() == Qt.CheckState.Checked
        )

    def _preview_box(self) -> QWidget:
        box = QSplitter(Qt.Orientation.Horizontal, self)
        box.setObjectName("propose_preview")
        left = QWidget(box)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.today_label = QLabel(_("Today"), left)
        self.today_chart = QLabel(left)
        self.today_chart.setObjectName("today_chart")
        self.proposed_label = QLabel(_("With the proposal"), left)
        self.proposed_chart = QLabel(left)
        self.proposed_chart.setObjectName("proposed_chart")
        for widget in (self.today_label, self.today_chart, self.proposed_label,
                       self.proposed_chart):  # fmt: skip
            column.addWidget(widget)
        self.curve_host = QWidget(left)
        self.curve_host.setObjectName("value_curve")
        self.curve_layout = QVBoxLayout(self.curve_host)
        self.curve_layout.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.curve_host, 1)
        scroll = QScrollArea(box)
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        right = QWidget(box)
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        self.counts = QLabel(right)
        self.counts.setObjectName("warning_counts_compare")
        self.counts.setWordWrap(True)
        self.explanation = QTextBrowser(right)
        self.explanation.setObjectName("propose_explanation")
        side.addWidget(self.counts)
        side.addWidget(self.explanation, 1)
        box.addWidget(scroll)
        box.addWidget(right)
        box.setStretchFactor(0, 1)
        box.setStretchFactor(1, 1)
        return box

    def _accept_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.accept_all = QPushButton(_("Accept &all"), self)
        self.accept_all.setObjectName("accept_all")
        self.accept_all.clicked.connect(lambda: self.accept_phases(None))
        self.first_spin = QSpinBox(self)
        self.first_spin.setObjectName("accept_count")
        self.first_spin.setRange(1, 1)
        self.accept_first = QPushButton(_("Accept the &first"), self)
        self.accept_first.setObjectName("accept_first")
        self.accept_first.clicked.connect(lambda: self.accept_phases(self.first_spin.value()))
        close = QPushButton(_("&Cancel"), self)
        close.setObjectName("propose_cancel")
        close.clicked.connect(self.reject)
        for button in (self.accept_all, self.accept_first):
            button.setEnabled(False)
        row.addWidget(self.accept_first)
        row.addWidget(self.first_spin)
        # Translators: after "Accept the first [N]".
        row.addWidget(QLabel(_("phases"), self))
        row.addStretch(1)
        row.addWidget(self.accept_all)
        row.addWidget(close)
        return row

    # --- running ---------------------------------------------------------------------------

    def current_options(self) -> Options:
        qdate = self.start_edit.date()
        keep = self._kept()
        return Options(
            phases=self.phases_spin.value() or None,
            start=dt.date(qdate.year(), qdate.month(), qdate.day()),
            include_planned=self.include_planned.isChecked(),
            keep=keep,
            time_limit=float(self.time_spin.value()),
        )

    def start(self) -> None:
        if self.worker is not None:
            return
        self.options = self.current_options()
        try:
            self.prepared = prepare(self.document.store, self.options)
        except PlanError as exc:
            self.status.setText(exc.message)
            return
        if not self.prepared.problem.items and not self.prepared.left_out:
            self.status.setText(_("Nothing to propose: the backlog holds no wish that could be "
                                "planned."))  # fmt: skip
            return
        self.preview.setVisible(False)
        self.progress.setRange(0, 0)  # busy
        self.status.setText(_("Looking for the best phases…"))
        self.propose_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.worker = ProposeWorker(self.prepared, self.options, self)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished_with.connect(self._on_result)
        self.worker.failed.connect(self._on_failed)
        self.worker.start()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.status.setText(_("Stopping; keeping the best proposal found so far…"))

    def _on_progress(self, stage: str, value: object, bound: object, seconds: float) -> None:
        if stage == "greedy":
            self.status.setText(
                _("A first proposal after {seconds:.1f} s; improving it…").format(
                    seconds=Local(seconds)
                )
            )
            return
        text = (
            _("Best {value:.1f}").format(value=Local(value))
            if isinstance(value, float)
            else _("Searching")
        )
        if isinstance(bound, float) and isinstance(value, float):
            gap = max(0.0, bound - value) / max(abs(value), 1e-9)
            text += _(' · bound {bound:.1f} · gap {gap:.1%}').format(
                bound=Local(bound), gap=Local(gap)
            )
        self.status.setText(f"{text} · {local_number(seconds, '.1f')} s")

    def _finish_run(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.propose_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def _on_failed(self, message: str) -> None:
        self._finish_run()
        self.status.setText(message)

    def _on_result(self, result: Result) -> None:
        self._finish_run()
        if self.prepared is None:
            return
        try:
            self.proposal = build_proposal(self.document.store, self.prepared, result)
            self._show_preview(self.proposal)
        except Exception as exc:  # a slot: report, never raise into Qt
            log.exception("The preview failed")
            self.status.setText(_('The preview could not be drawn: {exc}').format(exc=exc))

    # --- the preview -----------------------------------------------------------------------

    def _show_preview(self, proposal: Proposal) -> None:
        from planner.propose.preview import with_proposal
        from planner.warnings import evaluate

        store = self.document.store
        after = with_proposal(store, proposal)
        try:
            gap = proposal.gap
            state = {"optimal": _("proven optimal"), "stopped": _("stopped early")}.get(
                proposal.status, _("the best found")
            )
            extra = (
                _(", {gap:.1%} from the proven bound").format(gap=Local(gap))
                if gap and proposal.status != "optimal"
                else ""
            )
            self.status.setText(
                _("{count} phases proposed ({state}{extra}; {seconds:.1f} s).").format(
                    count=len(proposal.phases), state=state, extra=extra,
                    seconds=Local(proposal.seconds),
                )
            )
            self.counts.setText(
                _("<b>Warnings</b> today: {counts}; with the proposal: {counts2}.").format(
                    counts=_counts(evaluate(store)), counts2=_counts(evaluate(after))
                )
            )
            self._charts(store, after)
            self._curves(value_curve(store), proposal_curve(store, proposal))
        finally:
            after.close()
        self.explanation.setHtml(self._explanation_html(proposal))
        self.first_spin.setRange(1, max(1, len(proposal.phases)))
        enabled = bool(proposal.phases) and not self.document.read_only
        self.accept_all.setEnabled(enabled)
        self.accept_first.setEnabled(enabled)
        self.preview.setVisible(True)
        self.preview.setSizes([int(self.width() * 0.6), int(self.width() * 0.4)])

    def _charts(self, store, after) -> None:  # noqa: ANN001
        """Both roadmaps over the same dates at the same zoom and drawn at the same scale,
        so a phase moved by a month moves by the same distance between the two."""
        from ui.gantt.chart import ChartOptions, build_chart, chart_range
        from ui.gantt.data import read_plan
        from ui.gantt.render import paint_chart
        from ui.gantt.timescale import ZOOM_PRESETS

        datas = [read_plan(s, warnings=None) for s in (store, after)]
        spans = [d.date_span() for d in datas]
        spans = [s for s in spans if s is not None]
        start = min(s[0] for s in spans) if spans else None
        end = max(s[1] for s in spans) if spans else None
        charts = []
        for data in datas:
            first, last = chart_range(data, start, end)
            options = ChartOptions(start=first, end=last, px_per_day=ZOOM_PRESETS["quarters"],
                                   show_load=False, style="screen", legend=False)  # fmt: skip
            charts.append(build_chart(data, options))
        # The same left edge for both (the wider label column), so dates line up too.
        left = max(c.label_width for c in charts)
        right = max(c.bounds.right() for c in charts)
        width = max(480, int(self.width() * 0.6) - 40)
        scale = width / (left + right)
        for target, chart in zip((self.today_chart, self.proposed_chart), charts, strict=True):
            source = QRectF(-left, chart.bounds.top(), left + right, chart.bounds.height())
            size = QSize(int(source.width() * scale) + 1, int(source.height() * scale) + 1)
            image = QImage(size, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            try:
                paint_chart(painter, chart, QRectF(0, 0, size.width(), size.height()), source)
            finally:
                painter.end()
            target.setPixmap(QPixmap.fromImage(image))

    def _curves(self, today, proposed) -> None:  # noqa: ANN001
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        while self.curve_layout.count():
            old = self.curve_layout.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        figure = Figure(figsize=(5, 2.6), layout="constrained")
        axes = figure.add_subplot()
        for points, label, style in ((today, _("Today"), "--"), (proposed, _("Proposal"), "-")):
            if points:
                axes.step([p[0] for p in points], [p[1] for p in points], style, where="post",
                          label=label)  # fmt: skip
        axes.set_ylabel(_("Value delivered"))
        axes.set_title(_("Value delivered over time"))
        axes.legend(loc="lower right")
        figure.autofmt_xdate()
        canvas = FigureCanvasQTAgg(figure)
        canvas.setMinimumHeight(self.fontMetrics().height() * 12)
        self.curve_layout.addWidget(canvas)

    def _explanation_html(self, proposal: Proposal) -> str:
        store = self.document.store
        from planner.model import Demand

        parts = []
        for phase in proposal.phases:
            wishes = "".join(f"<li>{html.escape(store.get(Demand, w).title)}</li>"
                             for w in phase.wish_ids)  # fmt: skip
            weeks = ngettext("{weeks} week", "{weeks} weeks", phase.weeks).format(
                weeks=phase.weeks
            )
            parts.append(
                f"<h3>{phase.number}. {html.escape(phase.title)}</h3><p><i>"
                f"{phase.start:%Y-%m-%d} → {phase.end:%Y-%m-%d}, {weeks}</i></p>"
                f"<p>{html.escape(phase.explanation)}</p><ul>{wishes}</ul>"
            )
        if proposal.left_out:
            items = "".join(
                f"<li>{html.escape(store.get(Demand, w).title)}: {html.escape(why)}</li>"
                for w, why in proposal.left_out
            )
            parts.append(_('<h3>Left in the backlog</h3><ul>{items}</ul>').format(items=items))
        changes = milestone_changes(store, proposal)
        if changes:
            titles = {p.number: p.title for p in proposal.phases}
            items = "".join(f"<li>{html.escape(c.describe(titles))}</li>" for c in changes)
            parts.append(
                _("<h3>Milestones</h3><p>When all phases are accepted:</p><ul>{items}</ul>"
                  ).format(items=items)
            )  # fmt: skip
        return "".join(parts) or _("<p>Nothing to propose.</p>")

    # --- accepting ---------------------------------------------------------------------------

    def accept_phases(self, count: int | None) -> None:
        if self.proposal is None:
            return
        command = ApplyProposal(self.proposal, count)
        try:
            pushed = self.document.push(command)
        except PlanError as exc:  # the plan changed meanwhile in a way the proposal breaks
            self.status.setText(
                _("The proposal was not applied: {message}").format(message=exc.message)
            )
            return
        if pushed:
            self.applied = command
            self.accept()

    @guarded()
    def reject(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker.wait()
            self.worker.deleteLater()
            self.worker = None
        super().reject()


def open_propose_dialog(window) -> None:  # noqa: ANN001
    if window.document.read_only:
        QMessageBox.information(window, _("Propose phases"), _("This plan is read-only."))
        return
    ProposeDialog(window.document, window).exec()
