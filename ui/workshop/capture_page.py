"""Capture: collect wishes fast, department by department, by keyboard.

Pick who is speaking (a number key while the title is empty, Alt+number at any time, or a
click), type the wish, Enter; the next one. Up/Down set the effort, Alt+M/S/C/W the priority.
Every wish goes to the backlog through CreateRow, so Ctrl+Z takes it back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.commands import CreateRow
from planner.enums import Priority, label
from planner.i18n import N_, _
from planner.model import Demand, Department
from ui.document import PlanDocument
from ui.guard import guarded
from ui.workshop.cards import DemandListView
from ui.workshop.demand_model import BY_NEWEST, DemandListModel, effort_text
from ui.workshop.departments import DepartmentPicker
from ui.workshop.page import Page
from ui.workshop.page import label as make_label
from ui.workshop.session import WorkshopSession
from ui.workshop.theme import Theme

EFFORT_STEPS = (0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 40.0)
# Alt+letter sets the priority at once (a button mnemonic would click 100 ms later, after a
# fast typist's Enter).
PRIORITY_KEYS = {Priority.MUST: "M", Priority.SHOULD: "S", Priority.COULD: "C", Priority.WONT: "W"}


def step_effort(effort: float, steps: int) -> float:
    """The next (or previous) step of the rough estimation scale from `effort`."""
    if steps > 0:
        bigger = [s for s in EFFORT_STEPS if s > effort]
        return bigger[min(steps, len(bigger)) - 1] if bigger else EFFORT_STEPS[-1]
    smaller = [s for s in EFFORT_STEPS if s < effort]
    return smaller[-min(-steps, len(smaller))] if smaller else EFFORT_STEPS[0]


class TitleField(QLineEdit):
    """The wish's title. Keys that would do nothing in a one-line field do workshop things:
    a number key in an empty field picks the department, Up/Down change the effort, and
    Ctrl+Z with no typing to undo undoes the last edit of the plan."""

    number = Signal(str)
    effort_step = Signal(int)

    def __init__(self, document: PlanDocument) -> None:
        super().__init__()
        self.document = document

    @guarded()
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and not self.text() and text.isdigit() and len(text) == 1:
            self.number.emit(text)
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and plain:
            self.effort_step.emit(1 if event.key() == Qt.Key.Key_Up else -1)
            return
        if event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable():
            self.document.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable():
            self.document.undo_stack.redo()
            return
        super().keyPressEvent(event)


class CapturePage(Page):
    title = N_("Capture")

    def __init__(self, document: PlanDocument, session: WorkshopSession, theme: Theme) -> None:
        super().__init__(document, session, theme)
        self.effort = 0.0
        self.priority = Priority.SHOULD

        self.picker = DepartmentPicker(theme)
        self.picker.picked.connect(self._picked)
        self.heading = make_label("", "title", wrap=True)
        self.field = TitleField(document)
        self.field.setPlaceholderText(_("Type the wish and press Enter"))
        self.field.returnPressed.connect(self.add_wish)
        self.field.number.connect(self.pick_number)
        self.field.effort_step.connect(self.step_effort)

        self.effort_label = make_label("", "large")
        less, more = QPushButton("−"), QPushButton("+")
        less.clicked.connect(lambda: self.step_effort(-1))
        more.clicked.connect(lambda: self.step_effort(1))
        self.priority_group = QButtonGroup(self)
        priority_row = QHBoxLayout()
        for rank, priority in enumerate(Priority):
            button = QPushButton(label(priority))
            button.setCheckable(True)
            self.priority_group.addButton(button, rank)
            priority_row.addWidget(button)
        self.priority_group.idClicked.connect(lambda rank: self.set_priority(list(Priority)[rank]))
        add = QPushButton(_("Add to backlog  ⏎"))
        add.clicked.connect(self.add_wish)
        for button in (less, more, add, *self.priority_group.buttons()):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing never leaves the field

        options = QGridLayout()
        options.addWidget(make_label(_("Effort (↑ ↓)")), 0, 0)
        effort_row = QHBoxLayout()
        effort_row.addWidget(less)
        effort_row.addWidget(self.effort_label)
        effort_row.addWidget(more)
        effort_row.addStretch(1)
        options.addLayout(effort_row, 0, 1)
        options.addWidget(make_label(_("Priority (Alt+M S C W)")), 1, 0)
        options.addLayout(priority_row, 1, 1)
        options.setColumnStretch(1, 1)

        self.captured_model = DemandListModel(
            document, phase_id=None, order=BY_NEWEST, where=self._captured_here
        )
        self.captured = DemandListView(self.captured_model, theme)
        self.captured.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.captured_heading = make_label("", "large", wrap=True)  # ~40 % longer in fi, nl

        right = QVBoxLayout()
        right.addWidget(self.heading)
        entry = QHBoxLayout()
        entry.addWidget(self.field, 1)
        entry.addWidget(add)
        right.addLayout(entry)
        right.addLayout(options)
        right.addWidget(self.captured_heading)
        right.addWidget(self.captured, 1)
        right.addWidget(
            make_label(
                _("1–9: who speaks (empty field) or Alt+1–9 · Enter: add · Ctrl+Z: take back"),
                "small",
                wrap=True,
            )
        )
        right_box = QWidget()
        right_box.setLayout(right)

        layout = QHBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(right_box, 1)
        self.setFocusProxy(self.field)
        for priority, letter in PRIORITY_KEYS.items():
            shortcut = QShortcut(QKeySequence(f"Alt+{letter}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda p=priority: self.set_priority(p))
        for n in range(10):
            shortcut = QShortcut(QKeySequence(f"Alt+{n}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda key=str(n): self.pick_number(key))
        self._show_options()
        self.refresh()

    # --- state -----------------------------------------------------------------------------

    def department(self) -> Department | None:
        return self.document.store.find(Department, self.session.capture_department_id)

    def _captured_here(self, demand: Demand) -> bool:
        return (
            demand.department_id == self.session.capture_department_id
            and demand.id in self.session.captured_ids
        )

    def pick_number(self, key: str) -> None:
        self.picker.pick_number(key)

    def _picked(self, dept_id: int) -> None:
        self.session.capture_department_id = dept_id
        self.refresh()
        self.field.setFocus()

    def step_effort(self, steps: int) -> None:
        self.effort = step_effort(self.effort, steps)
        self._show_options()

    def set_priority(self, priority: Priority) -> None:
        self.priority = priority
        self._show_options()
        self.field.setFocus()

    def _show_options(self) -> None:
        self.effort_label.setText(effort_text(self.effort))
        # Wide enough for the longest text, so the + button does not jump as values change.
        metrics = self.effort_label.fontMetrics()
        self.effort_label.setMinimumWidth(metrics.horizontalAdvance(_("no estimate  ")))
        self.effort_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.priority_group.button(self.priority.rank).setChecked(True)

    # --- the one action --------------------------------------------------------------------

    def add_wish(self) -> None:
        title = self.field.text().strip()
        department = self.department()
        if department is None:
            self.message.emit(_("First pick who is speaking: press a number key or click."), True)
            return
        if not title:
            self.message.emit(
                _("Type {name}'s wish first, then press Enter.").format(name=department.name), True
            )
            return
        command = CreateRow(
            Demand,
            {
                "title": title,
                "department_id": department.id,
                "phase_id": None,
                "effort": self.effort,
                "priority": self.priority,
            },
        )
        if not self.push(command):
            return  # the message says why; the title stays so nothing typed is lost
        assert command.row_id is not None
        self.session.captured_ids.append(command.row_id)
        self.field.setText("")  # also clears the field's own undo, so Ctrl+Z undoes the wish
        self.effort, self.priority = 0.0, Priority.SHOULD
        self._show_options()
        self.refresh()  # the counts: the plan changed before the session knew the new id
        self.message.emit(
            _("Added for {name}: {title}  (Ctrl+Z takes it back)").format(
                name=department.name, title=title
            ),
            False,
        )

    # --- Page ------------------------------------------------------------------------------

    def activate(self) -> None:
        super().activate()
        self.field.setFocus()

    def refresh(self) -> None:
        store = self.document.store
        captured = self.session.captured(store)
        counts: dict[int, int] = {}
        for demand in captured:
            counts[demand.department_id] = counts.get(demand.department_id, 0) + 1

        def suffix(dept: Department) -> str:
            n = counts.get(dept.id, 0)
            return _('·  {n} new').format(n=n) if n else ""

        departments = self.document.index.departments
        if self.session.capture_department_id not in {d.id for d in departments}:
            self.session.capture_department_id = departments[0].id if departments else None
        self.picker.set_departments(departments, suffix)
        self.picker.set_current(self.session.capture_department_id)
        department = self.department()
        if department is None:
            self.heading.setText(_("Add a department to the plan first."))
            self.captured_heading.setText("")
        else:
            head = f" ({department.head})" if department.head else ""
            self.heading.setText(
                _("{name}{head}: what do you wish for?").format(name=department.name, head=head)
            )
            mine = counts.get(department.id, 0)
            self.captured_heading.setText(
                _("Captured today for {name}: {mine}  ·  all departments: {count}").format(
                    name=department.name, mine=mine, count=len(captured)
                )
            )
        self.captured_model.refresh()
        self.field.setEnabled(department is not None)

    def apply_theme(self) -> None:
        self.refresh()
