"""The Gantt view with the mouse: drag a bar, resize it by an edge, cancel with Esc, undo;
the load strip follows; selection is shared; zoom and layouts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip
from ui_support import FakeEngine

from planner.load import department_load
from planner.model import Phase
from planner.warnings.types import Severity, Subject, Warning
from ui.document import PlanDocument
from ui.gantt.timescale import ZOOM_PRESETS
from ui.gantt.view import GanttView

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform cannot resize or raise windows (fixed pane sizes, tooltips);
    # that says nothing about the view.
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)"),
]

STORY_TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def document(sample_store):
    doc = PlanDocument(sample_store)
    yield doc
    doc.undo_stack.clear()


@pytest.fixture
def view(qtbot, document):
    widget = GanttView(document, today=STORY_TODAY)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def phase_titled(store, words: str) -> Phase:
    return next(p for p in store.rows(Phase) if p.title.startswith(words))


def bar_point(view: GanttView, phase_id: int, where: str = "middle") -> QPoint:
    """Viewport point on the phase's bar, after scrolling it into sight."""
    bar = view.scene.bar_items(phase_id)[0].mark.bar
    view.body.ensureVisible(bar, 60, 10)
    QApplication.processEvents()
    bar = view.scene.bar_items(phase_id)[0].mark.bar
    x = {"middle": bar.center().x(), "start": bar.left() + 1.5, "end": bar.right() - 1.5}[where]
    return view.body.mapFromScene(QPointF(x, bar.center().y()))


def drag(view: GanttView, start: QPoint, dx: int, release: bool = True) -> None:
    viewport = view.body.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in (dx // 3, 2 * dx // 3, dx):
        QTest.mouseMove(viewport, start + QPoint(step, 0))
    if release:
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           start + QPoint(dx, 0))


def load_row(view: GanttView, dept_id: int):
    return view.chart.load_rows[dept_id]


def test_dragging_a_bar_moves_the_phase_by_whole_days_and_undo_restores(view, document):
    view.set_zoom("weeks")  # 24 units a day: drags snap to days
    phase = phase_titled(document.store, "Service cases")
    start, end = phase.start_date, phase.end_date
    drag(view, bar_point(view, phase.id), 3 * 24)
    assert (phase.start_date, phase.end_date) == (start + dt.timedelta(days=3),
                                                  end + dt.timedelta(days=3))
    assert document.undo_stack.count() == 1  # every step of the drag merged into one
    document.undo_stack.undo()
    assert (phase.start_date, phase.end_date) == (start, end)


def test_the_tooltip_shows_the_dates_while_dragging(view, document):
    view.set_zoom("weeks")
    phase = phase_titled(document.store, "Service cases")
    drag(view, bar_point(view, phase.id), 2 * 24, release=False)
    text = QToolTip.text()
    assert "Move:" in text and f"{phase.start_date.day} {phase.start_date:%b %Y}" in text
    QTest.mouseRelease(view.body.viewport(), Qt.MouseButton.LeftButton)


def test_zoomed_out_a_drag_snaps_to_whole_weeks(view, document):
    view.set_zoom("months")  # 6 units a day
    phase = phase_titled(document.store, "Delivery and credit")
    start, end = phase.start_date, phase.end_date
    drag(view, bar_point(view, phase.id), 10 * 6)  # ten days' worth
    assert phase.start_date - start == dt.timedelta(days=7)
    assert phase.end_date - end == dt.timedelta(days=7)
    assert phase.start_date.weekday() == start.weekday()


def test_dragging_the_end_edge_resizes_only_the_end(view, document):
    view.set_zoom("weeks")
    phase = phase_titled(document.store, "Delivery and credit")
    start, end = phase.start_date, phase.end_date
    drag(view, bar_point(view, phase.id, "end"), 4 * 24)
    assert phase.start_date == start
    assert phase.end_date == end + dt.timedelta(days=4)
    assert "Resize" in document.undo_stack.undoText()


def test_dragging_the_start_edge_resizes_only_the_start(view, document):
    view.set_zoom("weeks")
    phase = phase_titled(document.store, "Delivery and credit")
    start, end = phase.start_date, phase.end_date
    drag(view, bar_point(view, phase.id, "start"), -2 * 24)
    assert (phase.start_date, phase.end_date) == (start - dt.timedelta(days=2), end)


def test_escape_cancels_a_drag_and_leaves_nothing_to_undo(view, document):
    view.set_zoom("weeks")
    phase = phase_titled(document.store, "Service cases")
    start, end = phase.start_date, phase.end_date
    drag(view, bar_point(view, phase.id), 5 * 24, release=False)
    assert phase.start_date != start  # it really moved during the drag
    QTest.keyClick(view.body, Qt.Key.Key_Escape)
    QTest.mouseRelease(view.body.viewport(), Qt.MouseButton.LeftButton)
    assert (phase.start_date, phase.end_date) == (start, end)
    assert document.undo_stack.count() == 0
    bar = view.scene.bar_items(phase.id)[0].mark.bar
    assert bar.left() == pytest.approx(view.chart.scale.x(start))


def test_two_drags_of_one_phase_are_two_undo_steps(view, document):
    view.set_zoom("weeks")
    phase = phase_titled(document.store, "Service cases")
    start = phase.start_date
    drag(view, bar_point(view, phase.id), 24)
    drag(view, bar_point(view, phase.id), 24)
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert phase.start_date == start + dt.timedelta(days=1)


def test_the_load_strip_follows_a_drag_and_its_undo(view, document):
    view.set_zoom("months")
    phase = phase_titled(document.store, "Leads from web")  # loads Marketing heavily
    marketing = next(d for d in document.index.departments if d.name == "Marketing")
    before = load_row(view, marketing.id).cells
    drag(view, bar_point(view, phase.id), 14 * 6)
    after = load_row(view, marketing.id).cells
    assert after != before
    # The strip shows the one load calculation: same weeks, same ratios.
    table = department_load(document.store)
    shown = {round(x0): ratio for x0, _x1, ratio, _amount in after}
    for week, _amount in table.load[marketing.id].items():
        assert shown[round(view.chart.scale.x(week))] == pytest.approx(
            table.ratio(marketing.id, week))
    document.undo_stack.undo()
    view.refresh()
    assert load_row(view, marketing.id).cells == before


def test_moving_before_a_predecessor_is_allowed_and_drawn_as_a_problem(view, document):
    view.set_zoom("weeks")
    p2 = phase_titled(document.store, "Pipeline and Monday")
    p6 = phase_titled(document.store, "Leads from web")
    days_back = (p6.start_date - p2.start_date).days  # start together with p2: too early
    drag(view, bar_point(view, p6.id, "middle"), -days_back * 24)
    assert p6.start_date == p2.start_date
    arrow = view.scene.items_by_key[("dep", p2.id, p6.id)].mark
    assert arrow.violated


def test_an_edit_updates_only_the_items_it_concerns(view, document):
    total = len(view.scene.items())
    phase = phase_titled(document.store, "Delivery and credit")
    from planner.commands import ShiftPhase

    document.push(ShiftPhase(phase.id, 7))
    view.refresh()
    assert 0 < view.scene.touched < total / 2


def test_double_click_selects_and_asks_for_the_inspector(view, document, qtbot):
    phase = phase_titled(document.store, "Pipeline and Monday")
    point = bar_point(view, phase.id)
    with qtbot.waitSignal(view.open_in_inspector, timeout=2000) as signal:
        QTest.mouseDClick(view.body.viewport(), Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier, point)
    assert signal.args == ["phase", phase.id]
    assert document.selection == ("phase", [phase.id])


def test_selection_is_shared_both_ways(view, document):
    phase = phase_titled(document.store, "Service cases")
    document.select("phase", [phase.id])
    assert [i.isSelected() for i in view.scene.bar_items(phase.id)] == [True]
    other = phase_titled(document.store, "Pipeline and Monday")
    QTest.mouseClick(view.body.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, bar_point(view, other.id))
    assert document.selection == ("phase", [other.id])
    assert not view.scene.bar_items(phase.id)[0].isSelected()


def test_badges_show_the_count_and_worst_warning_with_messages(view, document, qtbot):
    phase = phase_titled(document.store, "Leads from web")

    engine = FakeEngine([
        Warning("phase-overloaded", Severity.PROBLEM, Subject("phase", phase.id),
                "114 person-days in 4 weeks", "Eat French"),
        Warning("phase-too-long", Severity.WARNING, Subject("phase", phase.id),
                "Runs 6 weeks", "Eat French"),
        Warning("empty-goal", Severity.INFO, Subject("phase", phase.id), "dismissed one",
                "x", dismissed_reason="agreed"),
    ])
    document.warnings.set_engine(engine)
    qtbot.waitUntil(lambda: "Runs 6 weeks" in view.scene.bar_items(phase.id)[0].toolTip(),
                    timeout=2000)
    mark = view.scene.bar_items(phase.id)[0].mark
    assert (mark.badge.count, mark.badge.worst) == (2, Severity.PROBLEM)
    tip = view.scene.bar_items(phase.id)[0].toolTip()
    assert "114 person-days in 4 weeks" in tip and "dismissed one" not in tip


def test_department_lanes_show_each_phase_once_per_department_it_delivers_to(view, document):
    view.set_layout("departments")
    index = document.index
    expected = sum(len(index.department_ids(p.id)) for p in index.phases)
    assert len(view.scene.bar_items()) == expected
    view.set_layout("phases")
    assert len(view.scene.bar_items()) == len(index.phases)


def test_ctrl_wheel_zooms_around_the_pointer(view):
    view.set_zoom("months")
    view.scroll_to_date(dt.date(2026, 12, 1))
    x = 300.0
    day_before = view.chart.scale.day_at(view.hbar.value() + x)
    event = QWheelEvent(QPointF(x, 50), QPointF(view.body.viewport().mapToGlobal(QPoint(300, 50))),
                        QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.body.viewport(), event)
    assert view.px_per_day == pytest.approx(ZOOM_PRESETS["months"] * 1.15)
    day_after = view.chart.scale.day_at(view.hbar.value() + x)
    assert abs((day_after - day_before).days) <= 1
    assert not any(a.isChecked() for a in view.zoom_actions.values())


def test_presets_and_fit(view):
    view.zoom_actions["quarters"].trigger()
    assert view.px_per_day == ZOOM_PRESETS["quarters"]
    view.zoom_actions["fit"].trigger()
    width = view.chart.timeline_width
    assert width == pytest.approx(view.body.viewport().width() - 4, abs=view.px_per_day + 1)


def test_the_header_and_labels_stay_while_the_rows_scroll(view):
    view.set_zoom("weeks")
    view.resize(900, 300)
    QApplication.processEvents()
    assert view.vbar.maximum() > 0
    view.vbar.setValue(view.vbar.maximum())
    view.hbar.setValue(view.hbar.maximum() // 2)
    assert view.header.mapToScene(0, 0).y() == pytest.approx(view.chart.header_rect.top())
    assert view.labels.mapToScene(0, 0).y() == pytest.approx(view.body.mapToScene(0, 0).y())
    assert view.header.mapToScene(0, 0).x() == pytest.approx(view.body.mapToScene(0, 0).x())
    assert view.load.mapToScene(0, 0).x() == pytest.approx(view.body.mapToScene(0, 0).x())


def test_hovering_the_load_strip_names_the_week_and_the_numbers(view, document):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent

    view.set_zoom("months")
    marketing = next(d for d in document.index.departments if d.name == "Marketing")
    row = load_row(view, marketing.id)
    x0, x1, ratio, amount = max(row.cells, key=lambda c: c[2])
    view.scroll_to_date(view.chart.scale.day_at(x0) - dt.timedelta(days=14))
    QApplication.processEvents()
    point = view.load.mapFromScene(QPointF((x0 + x1) / 2, row.rect.center().y()))
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.load.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.load.viewport(), event)
    text = QToolTip.text()
    assert "Marketing" in text and "overloaded" in text
    assert f"{amount:.1f} person-days" in text and f"{round(ratio * 100)}%" in text


def test_the_projector_style_is_bigger(view):
    rows = view.chart.body_rect.height()
    view.set_style("projector")
    assert view.chart.palette.text_px > 13
    assert view.chart.body_rect.height() > rows


def test_alt_arrows_move_the_selected_phase_by_a_snap_step(view, document):
    phase = phase_titled(document.store, "Delivery and credit")
    start = phase.start_date
    document.select("phase", [phase.id])
    view.set_zoom("months")  # weeks
    QTest.keyClick(view.body, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert phase.start_date == start + dt.timedelta(days=7)
    view.set_zoom("weeks")  # days
    QTest.keyClick(view.body, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert phase.start_date == start + dt.timedelta(days=6)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert phase.start_date == start
