"""The session summary (on screen and as a PDF), the card model, the theme, and how the mode
plugs into the main window (F5 and `--workshop FILE`)."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from planner.commands import CreateRow, MoveDemands
from planner.enums import PhaseStatus, Priority
from planner.model import Demand, Department
from ui.document import PlanDocument
from ui.workshop.demand_model import BY_PRIORITY, BY_VOTES, DemandListModel
from ui.workshop.mode import mode_for
from ui.workshop.session import DotVote
from ui.workshop.summary import collect, first_course_phase, summary_html
from ui.workshop.theme import MIN_PX, Theme, text_on

pytestmark = pytest.mark.gui


@pytest.fixture
def document(sample_store):
    doc = PlanDocument(sample_store)
    yield doc
    mode_for(doc).leave()


def department(document, name: str) -> Department:
    return next(d for d in document.index.departments if d.name == name)


def run_a_session(document) -> tuple[int, int]:
    """Capture two wishes (one with HTML in its title), give dots, serve one."""
    mode = mode_for(document)
    sales = department(document, "Sales")
    ids = []
    for title in ("Price lists <b>per branch</b>", "Customer birthdays"):
        command = CreateRow(Demand, {"title": title, "department_id": sales.id, "effort": 3.0})
        document.push(command)
        mode.session.captured_ids.append(command.row_id)
        ids.append(command.row_id)
    document.push(DotVote(ids[0], sales.id))
    document.push(DotVote(ids[0], department(document, "HR").id))
    first = first_course_phase(document.index.phases)
    document.push(MoveDemands([ids[0]], first.id))
    return ids[0], ids[1]


def test_summary_reports_capture_votes_and_the_first_course(qtbot, document):
    served, waiting = run_a_session(document)
    summary = collect(document, mode_for(document).session)
    sales = department(document, "Sales")
    assert [d.id for d in summary.captured[sales.id]] == [served, waiting]
    assert summary.captured_count == 2
    assert summary.dots_used == {sales.id: 1, department(document, "HR").id: 1}
    course = summary.first_course
    assert course.phase.status != PhaseStatus.DONE  # phase 1 of the sample is done already
    assert course.new_today == {served}
    assert served in [d.id for d in course.demands]

    html = summary_html(summary)
    assert "Price lists &lt;b&gt;per branch&lt;/b&gt;" in html
    assert "<b>per branch</b>" not in html
    assert "2 wishes captured from 1 department; 2 dots given" in html
    assert summary.dots_today == {served: 2}
    assert "2 <b>(+2 today)</b>" in html

    document.undo_stack.undo()  # the move
    assert collect(document, mode_for(document).session).first_course.new_today == set()


def test_summary_on_screen_and_exported_to_pdf(qtbot, document, tmp_path, monkeypatch):
    run_a_session(document)
    window = mode_for(document).enter()
    qtbot.waitExposed(window)
    window.show_page("summary")
    page = window.pages["summary"]
    assert "Customer birthdays" in page.browser.toPlainText()
    assert "Price lists <b>per branch</b>" in page.browser.toPlainText()

    target = tmp_path / "workshop.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)")
    )
    assert page.export() == target
    assert window.message_line.text() == "Saved workshop.pdf (1 page)."
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = unicodedata.normalize("NFKC", text)
    assert "Workshop summary" in text
    assert "Price lists <b>per branch</b>" in text
    assert "Fjordlys Elektro AS" in text
    assert not list(tmp_path.glob(".*partial"))

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "missing" / "x.pdf"), "")
    )
    assert page.export() is None
    assert "does not exist" in window.message_line.text()


def test_card_models_pass_the_model_tester(qtbot, qtmodeltester, document):
    backlog = DemandListModel(document, phase_id=None, order=BY_PRIORITY)
    qtmodeltester.check(backlog)
    ranks = [backlog.demand(r).priority.rank for r in range(backlog.rowCount())]
    assert ranks == sorted(ranks) and backlog.rowCount() > 3
    column = DemandListModel(document, phase_id=None, priority=Priority.COULD, order=BY_VOTES)
    qtmodeltester.check(column)
    votes = [column.demand(r).votes for r in range(column.rowCount())]
    assert votes == sorted(votes, reverse=True)
    assert {column.demand(r).priority for r in range(column.rowCount())} == {Priority.COULD}


def test_theme_sizes_never_go_below_the_back_row_minimum():
    for height in (480, 720, 1080, 2160):
        theme = Theme(screen_height=height)
        for scale in (0.1, 1.0, 10.0):
            theme.set_scale(scale)
            assert min(theme.px(r) for r in ("small", "body", "large", "title")) >= MIN_PX
    big = Theme(screen_height=1080)
    assert big.px("body") > Theme(screen_height=720).px("body")
    assert text_on("#f0e442").name() == "#000000" and text_on("#0072b2").name() == "#ffffff"


@pytest.fixture
def main_window(qtbot, sample_file):
    """A main window with only the workshop installed (the other views have their own
    tests), not shown: the offscreen plugin warns when a QMainWindow is shown."""
    from planner.store import PlanStore
    from ui.main_window import MainWindow
    from ui.workshop import install

    window = MainWindow(PlanDocument(PlanStore.open(sample_file)))
    install(window)
    qtbot.addWidget(window)
    return window


def test_f5_in_the_main_window_enters_and_esc_returns(qtbot, main_window):
    action = main_window.findChild(QAction, "workshop_mode")
    assert action in main_window.view_menu.actions()
    assert action.shortcut().toString() == "F5"
    mode = mode_for(main_window.document)
    with qtbot.waitSignal(mode.entered, timeout=2000):
        action.trigger()
    assert mode.window.isFullScreen()
    with qtbot.waitSignal(mode.left, timeout=2000):
        qtbot.keyClick(mode.window, Qt.Key.Key_Escape)
    assert not mode.active


def test_open_with_workshop_goes_full_screen_once_the_window_is_up(qtbot, main_window):
    from ui.app_window import start_workshop

    start_workshop(main_window)  # what open_window(path, workshop=True) does
    mode = mode_for(main_window.document)
    assert not mode.active  # not yet: run_gui shows the main window first
    with qtbot.waitSignal(mode.entered, timeout=2000):
        pass
    assert mode.window.isFullScreen()
    mode.leave()


def test_the_roadmap_keeps_its_smallest_type_readable(qtbot, document):
    from ui.gantt.palette import palette_for
    from ui.workshop.roadmap_page import STYLE

    window = mode_for(document).enter()
    qtbot.waitExposed(window)
    window.show_page("roadmap")
    page = window.pages["roadmap"]
    page.refresh()
    page.canvas.grab()  # paints the chart
    smallest = page.canvas.chart_scale * palette_for(STYLE).small_px
    assert smallest >= MIN_PX - 0.5
    assert page.canvas.width() <= page.scroll.viewport().width()  # nothing under the scroll bar
