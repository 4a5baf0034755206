"""Closing a window, dialog or document while another view still holds it: the process
carries on, nothing raises (pytest-qt and the guard check fail the test on any exception in
a slot or an override), and the plan file is intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from planner.store import PlanStore

pytest_plugins = ("ui_fixtures",)
# The offscreen platform cannot raise windows or pass size hints; nothing of ours.
pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise"),
]


@pytest.fixture
def main(qtbot, sample_file: Path, clean_settings):  # noqa: ANN001, ANN201
    """The full main window (every view installed) over a plan file, shown."""
    from ui.app_window import window_for_store

    window = window_for_store(PlanStore.open(sample_file))
    with qtbot.waitExposed(window):
        window.show()
    yield window
    if shiboken6.isValid(window):  # the window deletes itself when closed
        window.close()
    settle()


def close_by_window_manager(widget) -> None:  # noqa: ANN001
    """What the window manager's close button does: a spontaneous close event to the
    widget's window, not a call to close()."""
    QApplication.sendEvent(widget.windowHandle(), QCloseEvent())


def settle() -> None:
    """Let deferred deletions and queued calls run, as the event loop would."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def plan_is_intact(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def enter_workshop(qtbot, window):  # noqa: ANN001, ANN201
    from ui.workshop.mode import mode_for

    action = window.findChild(QAction, "workshop_mode")
    mode = mode_for(window.document, window)
    with qtbot.waitSignal(mode.entered, timeout=3000):
        action.trigger()
    qtbot.waitExposed(mode.window)
    return mode


def test_closing_the_main_window_while_the_workshop_is_open(qtbot, main, sample_file):  # noqa: ANN001
    from planner.commands import UpdateRow
    from planner.model import Plan

    mode = enter_workshop(qtbot, main)
    workshop = mode.window
    main.document.push(UpdateRow(Plan, 1, {"title": "Renamed in the room"}))
    messages = []
    main.document.undo_stack.indexChanged.connect(
        lambda *_: messages.append(workshop.message_line.text())
    )
    page = workshop.current_page()
    field = page.findChild(QLineEdit)
    if field is not None:  # a wish half typed in the room
        field.setFocus()
        qtbot.keyClicks(field, "Half typed")
    with qtbot.waitSignal(mode.left, timeout=3000):
        close_by_window_manager(main)
    settle()
    assert not mode.active
    assert main.document.closed
    # The workshop left before the plan was closed: it never told the room that the
    # closing emptied the undo history ("Taken back: …").
    assert not any(m.startswith("Taken back") for m in messages)
    plan_is_intact(sample_file)


def test_closing_the_workshop_by_the_window_manager_returns_to_the_plan(qtbot, main):  # noqa: ANN001
    mode = enter_workshop(qtbot, main)
    with qtbot.waitSignal(mode.left, timeout=3000):
        close_by_window_manager(mode.window)
    settle()
    assert not mode.active and main.isVisible() and not main.document.closed
    again = enter_workshop(qtbot, main)  # and it comes back
    assert again.active
    again.leave()


def test_closing_before_the_workshop_has_started(qtbot, main):  # noqa: ANN001
    # `rollout-planner --workshop FILE` asks for the workshop on the next turn of the loop;
    # the window may be gone by then.
    from ui.app_window import start_workshop
    from ui.workshop.mode import existing_mode

    main.hide()
    start_workshop(main)
    document = main.document
    mode = existing_mode(document)
    main.close()
    settle()
    assert mode is None or not mode.active
    assert document.closed


def test_closing_the_main_window_in_the_middle_of_a_gantt_drag(qtbot, main, sample_file):  # noqa: ANN001
    main.show_view(main.gantt_tab)
    view = main.gantt_view
    qtbot.waitUntil(lambda: view.isVisible(), timeout=3000)
    body = view.body
    from ui.gantt.bars import BarMark

    bar = next(
        item for item in body.scene().items()
        if getattr(getattr(item, "mark", None), "__class__", None) is BarMark
    )
    start = body.mapFromScene(bar.mark.rect.center())
    qtbot.mousePress(body.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(body.viewport(), (QPointF(start) + QPointF(40, 0)).toPoint())
    close_by_window_manager(main)
    settle()
    assert main.document.closed
    plan_is_intact(sample_file)


def test_an_edit_just_before_closing_the_gantt_window(qtbot, main):  # noqa: ANN001
    from planner.commands import ShiftPhase
    from planner.model import Phase

    main.show_view(main.gantt_tab)
    qtbot.waitUntil(lambda: main.gantt_view.isVisible(), timeout=3000)
    phase = main.document.store.rows(Phase)[0]
    main.document.push(ShiftPhase(phase.id, 7))  # the chart and warnings refresh later
    close_by_window_manager(main)
    settle()
    assert main.document.closed


def test_closing_the_main_window_while_the_pdf_export_runs(qtbot, main, tmp_path, monkeypatch):  # noqa: ANN001
    from ui.pdf import progress as pdf_progress
    from ui.pdf.options import ExportOptions

    target = tmp_path / "pack.pdf"
    closed = []
    real_process_events = QApplication.processEvents

    def process_events(*args):  # noqa: ANN002, ANN202
        if not closed:  # the user closes the window while the pages are painted
            closed.append(True)
            close_by_window_manager(main)
        return real_process_events(*args)

    class App:  # the progress dialog's QApplication, with the user's click in it
        processEvents = staticmethod(process_events)

    monkeypatch.setattr(pdf_progress, "QApplication", App)
    result = pdf_progress.run_export(main, main.document.store, target, ExportOptions())
    settle()
    assert closed and result is None
    assert not target.exists()  # stopped as if cancelled: no half-written pack
    assert not shiboken6.isValid(main)  # the window went, and the process is still here


def test_closing_the_main_window_with_an_inspector_edit_pending(qtbot, main, sample_file):  # noqa: ANN001
    inspector = main.inspector
    main.document.select("phase", [main.document.index.phases[0].id])
    main.docks["inspector"].show()
    qtbot.waitUntil(lambda: inspector.isVisible(), timeout=3000)
    field = next(e for e in inspector.findChildren(QLineEdit) if e.isVisible() and e.isEnabled())
    field.setFocus()
    qtbot.keyClicks(field, " edited")  # not committed yet: that happens on focus-out
    close_by_window_manager(main)
    settle()
    assert main.document.closed
    plan_is_intact(sample_file)


def test_the_window_goes_while_the_plan_settings_dialog_is_open(qtbot, main):  # noqa: ANN001
    # A modal dialog keeps the window manager's close away, but the app quitting (logout)
    # still closes every window; the dialog is the window's child and goes with it.
    from PySide6.QtCore import QTimer

    from ui.window_parts import open_plan_settings

    seen = []

    def quit_while_open() -> None:
        seen.append(type(QApplication.activeModalWidget()).__name__)
        document = main.document
        QApplication.closeAllWindows()
        seen.append(document.closed)

    QTimer.singleShot(200, quit_while_open)
    open_plan_settings(main)  # returns when the dialog has gone
    settle()
    assert seen == ["PlanSettingsDialog", True]
