"""The plate: serving wishes onto one phase by drag and by key, the overflow warning at the
threshold, the other warnings in big words, phase by phase, and undo of each."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from planner.commands import CreateRow, UpdateRow
from planner.model import Demand, Department, Phase, Plan
from ui.document import PlanDocument
from ui.workshop.demand_model import MIME
from ui.workshop.mode import mode_for
from ui.workshop.plate_warnings import OVERLOADED, TOO_MANY

pytestmark = pytest.mark.gui

MONDAY = dt.date(2027, 3, 1)


@pytest.fixture
def document(store):
    doc = PlanDocument(store)
    doc.push(UpdateRow(Plan, 1, {"team_capacity": 10.0}))
    depts = []
    for position, (name, colour) in enumerate(
        (("Sales", "#0072b2"), ("Service", "#009e73"), ("HR", "#cc79a7"))
    ):
        command = CreateRow(Department, {"name": name, "colour": colour, "position": position})
        doc.push(command)
        depts.append(command.row_id)
    for n in range(2):  # two phases of two working weeks: plates of 20 person-days
        start = MONDAY + dt.timedelta(weeks=2 * n)
        doc.push(
            CreateRow(
                Phase,
                {
                    "title": f"Course {n + 1}",
                    "start_date": start,
                    "end_date": start + dt.timedelta(days=11),
                },
            )
        )
    for title, dept, effort in (
        ("Pipeline board", 0, 8.0),
        ("Visit log", 0, 8.0),
        ("Mail to case", 1, 4.0),
        ("One more thing", 1, 1.0),
        ("Onboarding list", 2, 1.0),
    ):
        doc.push(
            CreateRow(Demand, {"title": title, "department_id": depts[dept], "effort": effort})
        )
    doc.undo_stack.clear()
    yield doc
    mode_for(doc).leave()


@pytest.fixture
def plate_page(qtbot, document):
    window = mode_for(document).enter()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.show_page("plate")
    return window.pages["plate"]


def wish(document, title: str) -> Demand:
    return next(d for d in document.store.rows(Demand) if d.title == title)


def drag_onto_plate(qtbot, page, title: str) -> None:
    """A drop on the plate with the data the backlog list puts on a drag."""
    model = page.backlog_model
    data = model.mimeData([model.index(model.row_of(wish(page.document, title).id))])
    assert data.hasFormat(MIME)
    centre = page.plate.rect().center()
    actions = Qt.DropAction.MoveAction
    # Qt's drag-enter/move events take a QPoint, drop events a QPointF.
    enter = QDragEnterEvent(
        centre, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(page.plate, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        centre.toPointF(), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(page.plate, drop)


def settled_codes(page) -> list[str]:
    page.document.warnings.refresh()  # the shared warnings recompute on the next event loop turn
    return page.warning_codes()


def test_dragging_onto_the_plate_fills_it_live_and_undo_takes_it_off(qtbot, plate_page):
    page, document = plate_page, plate_page.document
    course = page.phase()
    assert course.title == "Course 1"
    assert page.plate.capacity == 20.0 and page.plate.effort == 0.0

    drag_onto_plate(qtbot, page, "Pipeline board")
    assert wish(document, "Pipeline board").phase_id == course.id
    assert page.plate.effort == 8.0
    assert [p.colour for p in page.plate.portions] == ["#0072b2"]
    assert page.caption.text() == "8 of 20 person-days"
    assert page.served_model.ids() == [wish(document, "Pipeline board").id]
    assert wish(document, "Pipeline board").id not in page.backlog_model.ids()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert wish(document, "Pipeline board").phase_id is None
    assert page.plate.effort == 0.0 and page.served_model.ids() == []


def test_a_drop_that_is_not_a_wish_is_ignored(qtbot, plate_page):
    data = QMimeData()
    data.setText("Pipeline board")
    drop = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(plate_page.plate, drop)
    assert plate_page.document.undo_stack.count() == 0


def test_the_overflow_warning_appears_exactly_past_the_threshold(qtbot, plate_page):
    page, document = plate_page, plate_page.document
    for title in ("Pipeline board", "Visit log", "Mail to case"):
        drag_onto_plate(qtbot, page, title)
    assert page.plate.effort == 20.0  # exactly full: not a warning
    assert OVERLOADED not in settled_codes(page)
    assert page.caption.text() == "20 of 20 person-days"

    drag_onto_plate(qtbot, page, "One more thing")  # one person-day too much
    assert OVERLOADED in settled_codes(page)
    headline = page.findChild(type(page.caption), OVERLOADED)
    assert headline.text() == "Too full: 1 person-day too much"
    assert headline.font().pixelSize() >= 18 or page.theme.px("large") >= 18

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert OVERLOADED not in settled_codes(page)
    assert document.index.effort(page.phase().id) == 20.0


def test_too_many_departments_speaks_and_keys_serve_and_take_off(qtbot, plate_page):
    page, document = plate_page, plate_page.document
    page.backlog.setFocus()
    for title in ("Pipeline board", "Mail to case", "Onboarding list"):
        page.backlog.select_id(wish(document, title).id)
        qtbot.keyClick(page.backlog, Qt.Key.Key_Return)
    assert len(document.index.department_ids(page.phase().id)) == 3
    assert TOO_MANY in settled_codes(page)
    assert page.findChild(type(page.caption), TOO_MANY).text() == "Too many departments: 3"

    page.served.setFocus()
    page.served.select_id(wish(document, "Onboarding list").id)
    qtbot.keyClick(page.served, Qt.Key.Key_Delete)
    assert wish(document, "Onboarding list").phase_id is None
    assert TOO_MANY not in settled_codes(page)


def test_arrow_keys_go_from_course_to_course_and_n_lays_one_more(qtbot, plate_page):
    page, document = plate_page, plate_page.document
    page.backlog.setFocus()
    titles = lambda: page.heading.text()  # noqa: E731
    assert titles() == "Phase 1 of 2: Course 1"
    qtbot.keyClick(page.backlog, Qt.Key.Key_Right)
    assert titles() == "Phase 2 of 2: Course 2"
    qtbot.keyClick(page.backlog, Qt.Key.Key_Right)  # there is no third yet
    assert "one more" in page.window().message_line.text()
    qtbot.keyClick(page.backlog, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)  # empty
    assert titles() == "Phase 3 of 3: Phase 3"
    added = page.phase()
    assert added.start_date == dt.date(2027, 3, 29)  # the Monday after course 2 ends
    assert (added.end_date - added.start_date).days == 4 * 7 - 3  # weeks_to_value, to a Friday
    qtbot.keyClick(page.backlog, Qt.Key.Key_Left)
    assert titles() == "Phase 2 of 3: Course 2"

    qtbot.keyClick(page.backlog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.store.count(Phase) == 2
    assert titles() == "Phase 2 of 2: Course 2"


def test_dragging_back_to_the_backlog(qtbot, plate_page):
    page, document = plate_page, plate_page.document
    drag_onto_plate(qtbot, page, "Visit log")
    served = page.served_model
    data = served.mimeData([served.index(0)])
    page.backlog_model.dropMimeData(
        data, Qt.DropAction.MoveAction, 0, 0, page.backlog_model.index(-1)
    )
    assert wish(document, "Visit log").phase_id is None
    assert page.plate.effort == 0.0


def test_an_undated_phase_has_no_plate_size(qtbot, plate_page):
    page, document = plate_page, plate_page.document
    document.push(UpdateRow(Phase, page.phase().id, {"start_date": None, "end_date": None}))
    drag_onto_plate(qtbot, page, "Visit log")
    assert page.plate.capacity is None
    assert page.caption.text() == "8 person-days · give the phase dates to size the plate"
    assert OVERLOADED not in settled_codes(page)


def test_one_more_course_proposes_the_next_phase_from_the_backlog(qtbot, plate_page):
    page, document = plate_page, plate_page.document
    page.backlog.setFocus()
    qtbot.keyClick(page.backlog, Qt.Key.Key_Right)
    qtbot.keyClick(page.backlog, Qt.Key.Key_N)
    assert document.store.count(Phase) == 3
    added = page.phase()
    assert page.heading.text().startswith("Phase 3 of 3: ")
    assert added.start_date == dt.date(2027, 3, 29)  # the Monday after course 2 ends
    served = [d for d in document.store.rows(Demand) if d.phase_id == added.id]
    assert served and page.served_model.rowCount() == len(served)
    # Small and fitting: at most two departments, no more than the team delivers.
    assert len({d.department_id for d in served}) <= 2
    assert "One more course for " in page.window().message_line.text()
    assert not [w for w in document.warnings.warnings if w.subject.id == added.id
                and w.code in ("phase-overloaded", "too-many-departments", "no-adoption")]
    qtbot.keyClick(page.backlog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.store.count(Phase) == 2
    assert all(d.phase_id is None for d in served)
