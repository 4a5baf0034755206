"""The plate: one phase at a time, filled from the backlog while the room watches.

Left the backlog (by priority, then dots), in the middle the phase's plate, right what is
on it and the warnings in big words. Drag a card onto the plate (or press Enter on it) to
serve it; drag it back (or press Delete) to take it off. Left/Right arrows go to the
previous/next phase; after the last one, N asks "one more course?": the proposer
(planner/propose) serves the next phase from the backlog, for the room to accept or change
(Ctrl+Z takes it away); Shift+N lays an empty course instead.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from planner.commands import CreateRow, MoveDemands
from planner.enums import PhaseStatus
from planner.i18n import N_, _
from planner.i18n.formats import local_date
from planner.model import Department, Phase
from planner.warnings.format import num, weeks
from ui.document import PlanDocument
from ui.guard import guarded
from ui.workshop.cards import DemandListView
from ui.workshop.demand_model import BY_PLAN, BY_PRIORITY, DemandListModel
from ui.workshop.page import Page, label
from ui.workshop.plate_warnings import plate_numbers, spoken_warnings
from ui.workshop.plate_widget import PlateWidget, Portion
from ui.workshop.session import WorkshopSession
from ui.workshop.theme import Theme


def date_range(phase: Phase) -> str:
    if phase.start_date is None or phase.end_date is None:
        return _("no dates yet")
    start, end = phase.start_date, phase.end_date
    same_year = start.year == end.year
    first = (
        local_date(start, f"{start.day} %b", skeleton="MMMd")
        if same_year
        else local_date(start, f"{start.day} %b %Y", skeleton="yMMMd")
    )
    return f"{first} – {local_date(end, f'{end.day} %b %Y', skeleton='yMMMd')}"


def next_course_dates(
    after: Phase | None, weeks_long: int
) -> tuple[dt.date | None, dt.date | None]:
    """Monday after the last phase ends, for `weeks_long` weeks (to a Friday)."""
    if after is None or after.end_date is None:
        return None, None
    start = after.end_date + dt.timedelta(days=7 - after.end_date.weekday())
    return start, start + dt.timedelta(weeks=max(1, weeks_long), days=-3)


def status_word(status: PhaseStatus) -> str:
    """'active' in English, the language's own word ('aktiv', 'aktiivinen') elsewhere."""
    from planner.enums import label
    from planner.i18n import PSEUDO, SOURCE_LANGUAGE, language

    if language() in (SOURCE_LANGUAGE, PSEUDO):
        return status.value
    return label(status).lower()


class PlatePage(Page):
    title = N_("Plate")

    def __init__(self, document: PlanDocument, session: WorkshopSession, theme: Theme) -> None:
        super().__init__(document, session, theme)
        self.backlog_model = DemandListModel(document, phase_id=None, order=BY_PRIORITY)
        self.backlog_model.drop_handler = lambda ids, _before: self.take_off(ids)
        self.backlog = DemandListView(self.backlog_model, theme, accept_drops=True)
        self.served_model = DemandListModel(document, phase_id=None, order=BY_PLAN)
        self.served_model.drop_handler = self.serve
        self.served = DemandListView(self.served_model, theme, accept_drops=True)
        # The served list scrolls; when the warnings above it need the room (two in Finnish
        # on a 720 px projector), it shrinks rather than squeezing their big type.
        self.served.setMinimumHeight(theme.control_height())
        for view in (self.backlog, self.served):
            view.installEventFilter(self)
        self.plate = PlateWidget(theme)
        self.plate.dropped.connect(lambda ids: self.serve(ids, None))

        self.previous_button, self.next_button = QPushButton("◀"), QPushButton("▶")
        self.previous_button.clicked.connect(lambda: self.step_phase(-1))
        self.next_button.clicked.connect(lambda: self.step_phase(1))
        for button in (self.previous_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.heading = label("", "title", wrap=True)  # long titles and languages wrap
        self.facts = label("", wrap=True)
        self.caption = label("", "large")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.warning_box = QVBoxLayout()
        self.warning_labels: list = []
        self.served_heading = label("", "large")

        header = QHBoxLayout()
        header.addWidget(self.previous_button)
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.facts)
        header.addLayout(titles, 1)
        header.addWidget(self.next_button)

        left = QVBoxLayout()
        left.addWidget(label(_("Backlog"), "large"))
        left.addWidget(self.backlog, 1)
        left.addWidget(label(_("Drag onto the plate or Enter"), "small", wrap=True))
        middle = QVBoxLayout()
        middle.addWidget(self.plate, 1)
        middle.addWidget(self.caption)
        right = QVBoxLayout()
        right.addLayout(self.warning_box)
        right.addWidget(self.served_heading)
        right.addWidget(self.served, 1)
        right.addWidget(label(_("Drag back or Delete · ← → phase"), "small", wrap=True))
        body = QHBoxLayout()
        for box, stretch in ((left, 3), (middle, 4), (right, 3)):
            holder = QWidget()
            holder.setLayout(box)
            body.addWidget(holder, stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)

        for key, step in (("Left", -1), ("Right", 1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.step_phase(s))
        shortcut = QShortcut(QKeySequence("N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.one_more_course)
        shortcut = QShortcut(QKeySequence("Shift+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.add_course)
        self.one_more_button = QPushButton(_("One more course?"))
        self.one_more_button.setObjectName("one_more_course")
        self.one_more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.one_more_button.clicked.connect(self.one_more_course)
        header.addWidget(self.one_more_button)
        document.warnings.updated.connect(self._show_warnings)

    # --- which phase -----------------------------------------------------------------------

    def phases(self) -> list[Phase]:
        return self.document.index.phases

    def phase(self) -> Phase | None:
        phases = self.phases()
        ids = [p.id for p in phases]
        if self.session.phase_id not in ids:
            # Start with the first course still to be served, not one already eaten.
            open_ = [p for p in phases if p.status != PhaseStatus.DONE] or phases
            self.session.phase_id = open_[0].id if open_ else None
        return self.document.store.find(Phase, self.session.phase_id)

    def step_phase(self, step: int) -> None:
        phases = self.phases()
        phase = self.phase()
        if phase is None:
            return
        position = [p.id for p in phases].index(phase.id) + step
        if position >= len(phases):
            self.message.emit(
                _("That was the last course. Shall we take one more? Press N."), False
            )
            return
        if position < 0:
            self.message.emit(_("This is the first course."), False)
            return
        self.session.phase_id = phases[position].id
        self.refresh()

    # --- serving ---------------------------------------------------------------------------

    def serve(self, ids: list[int], before: int | None = None) -> bool:
        phase = self.phase()
        if phase is None:
            self.message.emit(
                _("The plan has no phase yet: press N to lay the first course."), True
            )
            return False
        if not self.push(MoveDemands(ids, phase.id, before_id=before)):
            return False
        self.served.select_id(ids[0])
        return True

    def take_off(self, ids: list[int]) -> bool:
        if not self.push(MoveDemands(ids, None)):
            return False
        self.backlog.select_id(ids[0])
        return True

    def add_course(self) -> None:
        phases = self.phases()
        last = phases[-1] if phases else None
        plan = self.document.store.plan
        start, end = next_course_dates(last, plan.weeks_to_value)
        command = CreateRow(
            Phase,
            {
                "title": _("Phase {value}").format(value=len(phases) + 1),
                "start_date": start,
                "end_date": end,
            },
        )
        if self.push(command):
            self.session.phase_id = command.row_id
            self.refresh()
            self.message.emit(_("One more course on the table (Ctrl+Z takes it away)."), False)

    def one_more_course(self) -> None:
        """Propose the next phase from the backlog and put it on the plate."""
        from planner.propose.plan_problem import NoProposal, Options
        from planner.propose.proposal import ApplyProposal, propose

        try:
            proposal = propose(self.document.store, Options(phases=1, time_limit=1.0))
        except NoProposal as exc:
            self.message.emit(exc.message, True)
            return
        if proposal.empty:
            self.message.emit(_("Nothing left in the backlog to serve: press Shift+N for an "
                              "empty course."), False)  # fmt: skip
            return
        command = ApplyProposal(proposal, 1)
        if self.push(command):
            self.session.phase_id = command.phase_ids[0]
            self.refresh()
            course = proposal.phases[0]
            who = course.title.split(":")[0]
            self.message.emit(
                _(
                    "One more course for {who}: {effort} person-days in {weeks}. Change it as you "
                    "like; Ctrl+Z takes it away."
                ).format(who=who, effort=num(course.effort), weeks=weeks(course.weeks)),
                False,
            )

    @guarded()
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.backlog and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                demand_id = self.backlog.current_id()
                if demand_id >= 0:
                    self.serve([demand_id])
                return True
            if watched is self.served and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                demand_id = self.served.current_id()
                if demand_id >= 0:
                    self.take_off([demand_id])
                return True
        return super().eventFilter(watched, event)

    # --- Page ------------------------------------------------------------------------------

    def activate(self) -> None:
        super().activate()
        self.backlog.setFocus()
        if self.backlog.current_id() < 0 and self.backlog_model.rowCount():
            self.backlog.setCurrentIndex(self.backlog_model.index(0))

    def refresh(self) -> None:
        phase = self.phase()
        phases = self.phases()
        self.served_model.set_phase(phase.id if phase else None)
        self.served.setEnabled(phase is not None)
        if phase is None:
            self.heading.setText(_("No phase yet"))
            self.facts.setText(_("Press N to lay the first course."))
            self.plate.set_plate([], None)
            self.caption.setText("")
            self.served_heading.setText("")
            self._show_warnings()
            return
        position = [p.id for p in phases].index(phase.id)
        self.previous_button.setEnabled(position > 0)
        self.heading.setText(
            _("Phase {value} of {count}: {title}").format(
                value=position + 1, count=len(phases), title=phase.title
            )
        )
        numbers = plate_numbers(self.document, phase)
        length = f" · {weeks(numbers.weeks)}" if numbers.weeks is not None else ""
        goal = f"\n{phase.goal}" if phase.goal else ""
        self.facts.setText(f"{date_range(phase)}{length} · {status_word(phase.status)}{goal}")
        self._show_plate(phase, numbers)
        self._show_warnings()

    def _show_plate(self, phase: Phase, numbers) -> None:  # noqa: ANN001
        store = self.document.store
        portions = []
        for demand in self.document.index.demands(phase.id):
            dept = store.find(Department, demand.department_id)
            portions.append(
                Portion(
                    demand.id,
                    dept.colour if dept else "#888888",
                    demand.effort,
                    dept.name if dept else "?",
                )
            )
        self.plate.set_plate(portions, numbers.capacity)
        if numbers.capacity is None:
            text = _("{effort} person-days · give the phase dates to size the plate").format(
                effort=num(numbers.effort)
            )
        else:
            text = _("{effort} of {capacity} person-days").format(
                effort=num(numbers.effort), capacity=num(numbers.capacity)
            )
        self.caption.setText(text)
        self.caption.setStyleSheet("color: #b00020;" if numbers.overflow > 0 else "")
        count = len(portions)
        self.served_heading.setText(_('On the plate ({count})').format(count=count))

    def _show_warnings(self) -> None:
        while self.warning_labels:
            widget = self.warning_labels.pop()
            self.warning_box.removeWidget(widget)
            widget.deleteLater()
        phase = self.phase()
        if phase is None:
            return
        for spoken in spoken_warnings(self.document, phase):
            headline = label(spoken.headline, "warning", wrap=True)
            headline.setObjectName(spoken.code)
            headline.setToolTip(spoken.detail)
            detail = label(spoken.detail, "small", wrap=True)
            for widget in (headline, detail):
                # Never squeezed below their wrapped height (a Finnish headline on two
                # lines lost its padding at 720 px): the served list gives way instead.
                widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
                self.warning_box.addWidget(widget)
                self.warning_labels.append(widget)

    def warning_codes(self) -> list[str]:
        return [w.objectName() for w in self.warning_labels if w.objectName()]

    def apply_theme(self) -> None:
        self.served.setMinimumHeight(self.theme.control_height())
        self.refresh()
