"""Workshop mode by keyboard: capture, dot voting, MoSCoW, undo, leaving and coming back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.commands import CreateRow
from planner.enums import Priority
from planner.model import Demand, Department
from ui.document import PlanDocument
from ui.workshop.mode import mode_for
from ui.workshop.session import dot_ledger

pytestmark = pytest.mark.gui

DEPARTMENTS = (
    ("Sales", "#0072b2", "Kari"),
    ("Service", "#009e73", "Ola"),
    ("Finance", "#e69f00", ""),
)


@pytest.fixture
def document(qtbot, store):
    doc = PlanDocument(store)
    for position, (name, colour, head) in enumerate(DEPARTMENTS):
        doc.push(
            CreateRow(
                Department, {"name": name, "colour": colour, "head": head, "position": position}
            )
        )
    doc.undo_stack.clear()  # the room starts with nothing to undo
    yield doc
    mode = mode_for(doc)
    mode.leave()


@pytest.fixture
def window(qtbot, document):
    win = mode_for(document).enter()  # closed and deleted by the mode when it leaves
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    return win


def focus():
    widget = QApplication.focusWidget()
    assert widget is not None, "the workshop must keep the keyboard focus somewhere"
    return widget


def type_keys(qtbot, text: str) -> None:
    qtbot.keyClicks(focus(), text)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), key, modifier)


def backlog_titles(document) -> dict[str, str]:
    names = {d.id: d.name for d in document.store.rows(Department)}
    return {
        d.title: names[d.department_id] for d in document.store.rows(Demand) if d.phase_id is None
    }


WISHES = {
    "1": ["Pipeline board", "Visit log", "Quote templates", "Mobile app"],
    "2": ["Cases from mailboxes", "Service level clock", "Knowledge base"],
    "3": ["Credit status", "Invoice copies", "Payment reminders"],
}


def capture_ten(qtbot) -> None:
    for key, titles in WISHES.items():
        type_keys(qtbot, key)  # the title is empty: a number key picks who speaks
        for title in titles:
            type_keys(qtbot, title)
            press(qtbot, Qt.Key.Key_Return)


def test_ten_wishes_for_three_departments_by_keyboard_only(qtbot, document, window):
    assert window.isFullScreen()
    capture_ten(qtbot)
    expected = {t: DEPARTMENTS[int(k) - 1][0] for k, ts in WISHES.items() for t in ts}
    assert backlog_titles(document) == expected
    assert document.undo_stack.count() == 10
    page = window.pages["capture"]
    assert page.field.text() == ""
    assert [d.title for d in page.session.captured(document.store)] == [
        t for ts in WISHES.values() for t in ts
    ]

    # Undo of each, by keyboard, from inside the mode: one wish at a time, last first.
    for remaining in range(9, -1, -1):
        press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert document.store.count(Demand) == remaining
    assert page.session.captured(document.store) == []
    press(
        qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [d.title for d in document.store.rows(Demand)] == ["Pipeline board"]


def test_effort_and_priority_quick_keys(qtbot, document, window):
    type_keys(qtbot, "2")
    type_keys(qtbot, "Service level clock")
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Up)  # 0 -> 0.5 -> 1 -> 2
    press(qtbot, Qt.Key.Key_Down)  # back to 1
    press(qtbot, Qt.Key.Key_Up)  # 2
    press(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_Return)
    (wish,) = document.store.rows(Demand)
    assert (wish.effort, wish.priority, wish.phase_id) == (2.0, Priority.MUST, None)
    # The next wish starts from the defaults again.
    type_keys(qtbot, "Knowledge base")
    press(qtbot, Qt.Key.Key_Return)
    second = document.store.find(Demand, max(d.id for d in document.store.rows(Demand)))
    assert (second.effort, second.priority) == (0.0, Priority.SHOULD)


def test_digits_in_a_title_are_text_and_alt_number_picks_at_any_time(qtbot, document, window):
    type_keys(qtbot, "3")
    type_keys(qtbot, "Top 10 customers")  # digits inside a title are text
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # Alt+1: Sales, any time
    press(qtbot, Qt.Key.Key_Return)
    (wish,) = document.store.rows(Demand)
    assert wish.title == "Top 10 customers"
    assert document.store.get(Department, wish.department_id).name == "Sales"


def test_empty_title_is_refused_with_a_message_and_changes_nothing(qtbot, document, window):
    press(qtbot, Qt.Key.Key_Return)
    assert window.message_line.text() == "Type Sales's wish first, then press Enter."
    type_keys(qtbot, "   ")
    press(qtbot, Qt.Key.Key_Return)
    assert document.store.count(Demand) == 0
    assert document.undo_stack.count() == 0


def go_to(qtbot, page: str) -> None:
    number = ("capture", "prioritise", "plate", "roadmap", "summary").index(page) + 1
    press(qtbot, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)


def test_dot_voting_by_keyboard_with_a_budget_per_head_and_undo(qtbot, document, window):
    capture_ten(qtbot)
    go_to(qtbot, "prioritise")
    page = window.pages["prioritise"]
    assert window.session.page == "prioritise"
    page.set_dots_per_head(3)
    should = page.columns[Priority.SHOULD]
    assert focus() is should

    type_keys(qtbot, "2")  # Service votes
    press(qtbot, Qt.Key.Key_Down)  # the second wish in the column
    target = should.current_id()
    title = document.store.get(Demand, target).title
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Space)  # a fourth dot: over budget, refused
    assert document.store.get(Demand, target).votes == 3
    assert "used all 3 dots" in window.message_line.text()
    # The column re-sorts by dots: the wish is on top now, and still the selected card.
    assert should.list_model().demand(0).title == title
    assert should.current_id() == target

    type_keys(qtbot, "1")  # Sales votes on the same card, then takes one back
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Backspace)  # Sales has no dot left on it: refused
    assert "no dot" in window.message_line.text()
    assert document.store.get(Demand, target).votes == 3
    ledger = dot_ledger(document.undo_stack)
    sales, service = (d.id for d in document.index.departments[:2])
    assert ledger[(service, target)] == 3 and ledger[(sales, target)] == 0

    # Undo of each dot, by keyboard; an undone dot goes back to its head.
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Sales' take-back
    assert document.store.get(Demand, target).votes == 4
    for votes in (3, 2, 1, 0):
        press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert document.store.get(Demand, target).votes == votes
    assert page.dots_left(service) == 3
    assert document.store.count(Demand) == 10  # the captured wishes were not touched


def test_moscow_by_key_and_by_drop_reorders_and_undoes(qtbot, document, window):
    capture_ten(qtbot)
    go_to(qtbot, "prioritise")
    page = window.pages["prioritise"]
    should = page.columns[Priority.SHOULD]
    first = should.current_id()
    press(qtbot, Qt.Key.Key_M)
    assert document.store.get(Demand, first).priority == Priority.MUST
    assert page.columns[Priority.MUST].list_model().ids() == [first]
    assert focus() is page.columns[Priority.MUST]

    # A drop from one column onto another, through the model's drop path.
    second = should.list_model().ids()[0]
    source = should.list_model()
    data = source.mimeData([source.index(0)])
    wont = page.columns[Priority.WONT].list_model()
    wont.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, wont.index(-1))
    assert document.store.get(Demand, second).priority == Priority.WONT
    assert page.headers[Priority.WONT].text() == "Won't  (1)"

    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {d.priority for d in document.store.rows(Demand)} == {Priority.SHOULD}


def test_leave_and_come_back_with_the_state_intact(qtbot, document, window):
    mode = mode_for(document)
    capture_ten(qtbot)
    type_keys(qtbot, "2")
    window.theme.zoom(1)
    go_to(qtbot, "prioritise")
    page = window.pages["prioritise"]
    page.set_dots_per_head(4)
    type_keys(qtbot, "3")
    press(qtbot, Qt.Key.Key_Space)
    scale = window.theme.scale
    assert scale > 1.0

    with qtbot.waitSignal(mode.left, timeout=2000):
        press(qtbot, Qt.Key.Key_Escape)
    assert not mode.active
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)

    again = mode.enter()
    assert again is not window  # rebuilt from the session, not just unhidden
    assert again.session.page == "prioritise"
    assert again.stack.currentWidget() is again.pages["prioritise"]
    assert again.theme.scale == scale
    again_page = again.pages["prioritise"]
    assert again_page.voter().name == "Finance"
    assert again_page.dots_left(again_page.voter().id) == 3
    assert again.pages["capture"].department().name == "Service"
    assert len(again.session.captured(document.store)) == 10
    # Undo still reaches back past the visit.
    again.document.undo_stack.undo()
    assert sum(d.votes for d in document.store.rows(Demand)) == 0


def test_type_scale_changes_live_and_never_goes_below_18_px(qtbot, document, window):
    theme = window.theme
    before = theme.px("body")
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert theme.px("body") > before
    field = window.pages["capture"].field
    assert f"font-size: {theme.px('large')}px" in window.styleSheet()
    for _ in range(20):
        press(qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert all(theme.px(role) >= 18 for role in ("small", "body", "large", "title", "huge"))
    assert field.height() >= 18
    press(qtbot, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert theme.scale == 1.0
