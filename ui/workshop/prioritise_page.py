"""Prioritise: dot voting and MoSCoW sorting of the backlog.

Each department head gets the same number of dots (session.dots_per_head). Pick who is
voting (number key or click), pick a card, Space puts a dot on it, Backspace takes one back.
Cards are dragged between the Must / Should / Could / Won't columns, or moved with the M, S,
C, W keys. Every dot and every move is a planner command, so Ctrl+Z undoes it; each column
re-sorts by dots as the votes come in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from planner.commands import Macro, UpdateRow
from planner.enums import Priority, label
from planner.i18n import N_, _
from planner.model import Demand, Department
from ui.document import PlanDocument
from ui.guard import guarded
from ui.workshop.cards import DemandListView
from ui.workshop.demand_model import BY_VOTES, DemandListModel
from ui.workshop.departments import DepartmentPicker
from ui.workshop.page import Page
from ui.workshop.page import label as make_label
from ui.workshop.session import DotVote, WorkshopSession, dot_ledger, dots_spent
from ui.workshop.theme import Theme

PRIORITY_KEYS = {
    Qt.Key.Key_M: Priority.MUST,
    Qt.Key.Key_S: Priority.SHOULD,
    Qt.Key.Key_C: Priority.COULD,
    Qt.Key.Key_W: Priority.WONT,
}
MAX_DOTS = 20


class PrioritisePage(Page):
    title = N_("Prioritise")

    def __init__(self, document: PlanDocument, session: WorkshopSession, theme: Theme) -> None:
        super().__init__(document, session, theme)
        # The voters across the top, so the four columns get the width for whole titles.
        self.picker = DepartmentPicker(theme, columns=4, max_rows=2.5)
        self.picker.picked.connect(self._picked)
        self.budget_label = make_label("", "large")
        fewer, more = QPushButton("−"), QPushButton("+")
        fewer.clicked.connect(lambda: self.set_dots_per_head(session.dots_per_head - 1))
        more.clicked.connect(lambda: self.set_dots_per_head(session.dots_per_head + 1))
        for button in (fewer, more):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        voters = QHBoxLayout()
        voters.addWidget(make_label(_("Who is voting?"), "large"))
        voters.addStretch(1)
        voters.addWidget(fewer)
        voters.addWidget(self.budget_label)
        voters.addWidget(more)

        columns = QGridLayout()
        self.headers: dict[Priority, QLabel] = {}
        self.columns: dict[Priority, DemandListView] = {}
        for col, priority in enumerate(Priority):
            model = DemandListModel(document, phase_id=None, priority=priority, order=BY_VOTES)
            model.drop_handler = lambda ids, _before, p=priority: self.set_priority(ids, p)
            view = DemandListView(model, theme, accept_drops=True, title_lines=3)
            # Four equal columns whatever their contents (a scroll bar or none).
            view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            view.installEventFilter(self)
            self.headers[priority] = make_label("", "large")
            self.columns[priority] = view
            columns.addWidget(self.headers[priority], 0, col)
            columns.addWidget(view, 1, col)
            columns.setColumnStretch(col, 1)
        columns.setRowStretch(1, 1)
        actions = QHBoxLayout()
        for text, action in (
            (_("● Dot  Space"), lambda: self.vote(1)),
            (_("Take back  ⌫"), lambda: self.vote(-1)),
        ):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(action)
            actions.addWidget(button)
        actions.addWidget(
            make_label(
                _("1–9 voter · ←→↑↓ choose · M S C W or drag: priority"), "small", wrap=True
            ),
            1,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(voters)
        layout.addWidget(self.picker)
        layout.addLayout(columns, 1)
        layout.addLayout(actions)
        self._active = Priority.MUST
        # The dots left are read from the undo stack, which has moved only after the plan
        # changed: refresh again once it has.
        document.undo_stack.indexChanged.connect(self._stack_moved)
        self.refresh()

    def _stack_moved(self, _index: int) -> None:
        self._on_changed([])

    # --- who votes, and how much ----------------------------------------------------------

    def voter(self) -> Department | None:
        return self.document.store.find(Department, self.session.voter_department_id)

    def _picked(self, dept_id: int) -> None:
        self.session.voter_department_id = dept_id
        self.refresh()

    def set_dots_per_head(self, dots: int) -> None:
        self.session.dots_per_head = max(1, min(MAX_DOTS, dots))
        self.refresh()

    def dots_left(self, dept_id: int) -> int:
        ledger = dot_ledger(self.document.undo_stack)
        return self.session.dots_per_head - dots_spent(ledger, dept_id)

    # --- actions ---------------------------------------------------------------------------

    def current_view(self) -> DemandListView:
        return self.columns[self._active]

    def vote(self, delta: int, demand_id: int | None = None) -> bool:
        """A dot from the current voter on the selected card (or `demand_id`)."""
        voter = self.voter()
        if voter is None:
            self.message.emit(_("First pick who is voting: press a number key or click."), True)
            return False
        demand_id = demand_id if demand_id is not None else self.current_view().current_id()
        demand = self.document.store.find(Demand, demand_id)
        if demand is None:
            self.message.emit(_("Pick a wish first (arrow keys or click)."), True)
            return False
        if delta > 0 and self.dots_left(voter.id) < delta:
            self.message.emit(
                _("{name} has used all {dots_per_head} dots.").format(
                    name=voter.name, dots_per_head=self.session.dots_per_head
                ),
                True,
            )
            return False
        if delta < 0 and dot_ledger(self.document.undo_stack)[(voter.id, demand.id)] < -delta:
            self.message.emit(
                _("{name} has no dot on '{title}' to take back.").format(
                    name=voter.name, title=demand.title
                ),
                True,
            )
            return False
        if not self.push(DotVote(demand.id, voter.id, delta)):
            return False
        self.message.emit(
            _("{name}: {dots_left} dots left.").format(
                name=voter.name, dots_left=self.dots_left(voter.id)
            ),
            False,
        )
        return True

    def set_priority(self, ids: list[int], priority: Priority) -> None:
        if len(ids) == 1:
            command = UpdateRow(
                Demand,
                ids[0],
                {"priority": priority},
                label=_("Make it {label}").format(label=label(priority)),
            )
        else:
            command = Macro(
                _('Make {count} wishes {label}').format(count=len(ids), label=label(priority)),
                [UpdateRow(Demand, i, {"priority": priority}) for i in ids],
            )
        if self.push(command):
            self._active = priority
            view = self.columns[priority]
            view.select_id(ids[0])
            view.setFocus()

    # --- keyboard --------------------------------------------------------------------------

    @guarded()
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            for priority, view in self.columns.items():
                if view is watched:
                    self._active = priority
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, text = event.key(), event.text()
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        if text.isdigit() and len(text) == 1:
            self.picker.pick_number(text)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Plus):
            self.vote(1)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Minus, Qt.Key.Key_Delete):
            self.vote(-1)
        elif key in PRIORITY_KEYS:
            demand_id = self.current_view().current_id()
            if demand_id >= 0:
                self.set_priority([demand_id], PRIORITY_KEYS[key])
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._move_column(-1 if key == Qt.Key.Key_Left else 1)
        else:
            return False
        return True

    def _move_column(self, step: int) -> None:
        order = list(Priority)
        target = order[(order.index(self._active) + step) % len(order)]
        self._active = target
        view = self.columns[target]
        view.setFocus()
        if view.current_id() < 0 and view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))

    # --- Page ------------------------------------------------------------------------------

    def activate(self) -> None:
        super().activate()
        if not self.current_view().model().rowCount():
            filled = [p for p, v in self.columns.items() if v.model().rowCount()]
            self._active = filled[0] if filled else self._active
        view = self.current_view()
        view.setFocus()
        if view.current_id() < 0 and view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))

    def refresh(self) -> None:
        departments = self.document.index.departments
        if self.session.voter_department_id not in {d.id for d in departments}:
            self.session.voter_department_id = departments[0].id if departments else None
        ledger = dot_ledger(self.document.undo_stack)
        budget = self.session.dots_per_head

        def suffix(dept: Department) -> str:
            left = max(0, budget - dots_spent(ledger, dept.id))
            if budget <= 10:
                return "●" * left + "○" * (budget - left)
            # Translators: dots a department still has to vote with.
            return _("{n} left").format(n=left)

        self.picker.set_departments(departments, suffix)
        self.picker.set_current(self.session.voter_department_id)
        self.budget_label.setText(_('{budget} dots each').format(budget=budget))
        backlog = self.document.index.demands(None)
        for priority, header in self.headers.items():
            count = sum(1 for d in backlog if d.priority == priority)
            header.setText(f"{label(priority)}  ({count})")

    def apply_theme(self) -> None:
        self.refresh()
