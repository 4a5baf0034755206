"""The main window as a whole: views and menus other modules plug into, undo and redo from
the Edit menu and the keyboard, the File menu (new, open, recent, save as, close, quit),
a plan another instance has open, errors as dialogs, and remembered window state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from ui_support import show_active

from planner.commands import UpdateRow
from planner.model import Demand, Phase
from planner.store import PlanStore
from ui import settings
from ui.app_window import lock_path, open_window, open_windows

pytest_plugins = ("ui_fixtures",)  # fixtures: window, document, clean_settings
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def dialogs(monkeypatch):  # noqa: ANN201
    """Record message boxes instead of showing them."""
    shown: list[tuple[str, str]] = []
    for kind in ("critical", "information", "warning"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda parent, title, text, *a, k=kind: shown.append((k, text))
        )
    return shown


@pytest.fixture
def close_new_windows():  # noqa: ANN201
    before = set(map(id, open_windows()))
    yield
    for win in open_windows():
        if id(win) not in before:
            win.close()


def test_views_and_menus_for_other_modules(qtbot, window) -> None:
    assert window.view_titles()[:6] == [
        "Wishes", "Phases", "Departments", "Objectives", "Milestones", "Change activities",
    ]  # fmt: skip
    assert window.export_menu.menuAction() in window.file_menu.actions()
    extra = QLabel("A view from elsewhere")
    action = window.add_view(extra, "&Roadmap", "Ctrl+Alt+R")
    assert window.views.indexOf(extra) >= 0
    assert action in window.view_menu.actions()
    qtbot.keyClick(
        window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert window.views.currentWidget() is extra
    assert action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentWidget() is window.pages["phase"]


def test_undo_and_redo_from_the_menu_with_labels_and_history(qtbot, window) -> None:
    document = window.document
    phase = document.index.phases[0]
    assert not window.undo_action.isEnabled()
    document.push(UpdateRow(Phase, phase.id, {"title": "Sellers' overview"}, label="Rename phase"))
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Rename phase"
    assert window.undo_view.model().rowCount() == 2  # "Plan as opened" and the edit
    window.undo_action.trigger()
    assert phase.title != "Sellers' overview"
    assert window.redo_action.text() == "&Redo Rename phase"
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert phase.title == "Sellers' overview"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert phase.title != "Sellers' overview"
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert phase.title == "Sellers' overview"


def test_f6_moves_between_panes(qtbot, window) -> None:
    window.pages["demand"].view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F6)
    first = QApplication.focusWidget()
    assert first is not None and not window.views.isAncestorOf(first)
    qtbot.keyClick(window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.views.isAncestorOf(QApplication.focusWidget())


def test_title_shows_plan_and_file(qtbot, sample_file, clean_settings, close_new_windows) -> None:
    win = open_window(sample_file)
    assert win.windowTitle() == f"CRM rollout 2026–27 — Fjordlys Elektro AS — {sample_file.name}"
    assert settings.recent_files()[0] == sample_file.resolve()
    assert open_window(sample_file) is win  # the same plan twice: the same window


def test_new_blank_and_from_template(
    qtbot, window, tmp_path, monkeypatch, close_new_windows
) -> None:
    target = tmp_path / "Blank plan"
    monkeypatch.setattr(
        "ui.menus.file_menu.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    window.file_actions.new_blank.trigger()
    created = target.with_name("Blank plan.rollout")
    assert created.exists()
    new = [w for w in open_windows() if w.document.store.path == created.resolve()]
    assert new and new[0].document.store.count(Phase) == 0
    assert "Untitled plan — Blank plan.rollout" in new[0].windowTitle()

    target = tmp_path / "crm.rollout"
    monkeypatch.setattr(
        "ui.dialogs.template_language.choose_template_language", lambda parent: "en"
    )
    window.file_actions.new_crm.trigger()
    crm = [w for w in open_windows() if w.document.store.path == target.resolve()]
    assert crm and crm[0].document.store.count(Demand) == 73


def test_open_and_open_recent(qtbot, window, sample_file, monkeypatch, close_new_windows) -> None:
    monkeypatch.setattr(
        "ui.menus.file_menu.QFileDialog.getOpenFileName", lambda *a, **k: (str(sample_file), "")
    )
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    opened = [w for w in open_windows() if w.document.store.path == sample_file.resolve()]
    assert len(opened) == 1
    opened[0].close()
    recent = window.file_actions.recent_menu
    recent.aboutToShow.emit()
    entries = [a for a in recent.actions() if a.toolTip() == str(sample_file.resolve())]
    assert entries
    entries[0].trigger()
    assert any(w.document.store.path == sample_file.resolve() for w in open_windows())


def test_errors_from_the_store_are_dialogs_with_its_message(
    qtbot, window, tmp_path, monkeypatch, dialogs
) -> None:
    junk = tmp_path / "notes.rollout"
    junk.write_text("not a plan at all")
    monkeypatch.setattr(
        "ui.menus.file_menu.QFileDialog.getOpenFileName", lambda *a, **k: (str(junk), "")
    )
    window.file_actions.open.trigger()
    assert dialogs and dialogs[0][0] == "critical"
    assert "notes.rollout" in dialogs[0][1]
    assert junk.read_text() == "not a plan at all"

    missing = tmp_path / "gone.rollout"
    settings.add_recent_file(missing)
    window.file_actions._open_recent(missing.resolve())
    assert "no longer exists" in dialogs[-1][1]
    assert missing.resolve() not in settings.recent_files()


def test_a_plan_open_elsewhere_opens_read_only(
    qtbot,
    sample_file,
    dialogs,
    clean_settings,
    close_new_windows,
) -> None:
    other = QLockFile(str(lock_path(sample_file)))  # the other instance
    assert other.tryLock(0)
    try:
        win = open_window(sample_file)
        assert win.document.read_only
        assert dialogs and "open in another Rollout Planner" in dialogs[0][1]
        assert "read-only" in win.windowTitle()
        demand = win.document.store.rows(Demand)[0]
        with pytest.raises(Exception, match="cannot be changed"):
            win.document.push(UpdateRow(Demand, demand.id, {"effort": 1.0}))
    finally:
        other.unlock()


def test_the_lock_is_released_on_close(qtbot, sample_file, clean_settings) -> None:
    win = open_window(sample_file)
    probe = QLockFile(str(lock_path(sample_file)))
    assert not probe.tryLock(0)
    win.close()
    assert probe.tryLock(0)
    probe.unlock()


def test_save_as_continues_in_the_copy(
    qtbot, sample_file, tmp_path, monkeypatch, clean_settings
) -> None:
    win = open_window(sample_file)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    target = tmp_path / "copy.rollout"
    monkeypatch.setattr(
        "ui.menus.file_menu.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    qtbot.keyClick(
        win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert target.exists()
    assert win.document.store.path == target.resolve()
    assert "copy.rollout" in win.windowTitle()
    demand = win.document.store.rows(Demand)[0]
    win.document.push(UpdateRow(Demand, demand.id, {"effort": 42.0}))
    copy = PlanStore.open(target, read_only=True)
    original = PlanStore.open(sample_file, read_only=True)
    assert copy.get(Demand, demand.id).effort == 42.0
    assert original.get(Demand, demand.id).effort != 42.0
    copy.close()
    original.close()
    probe = QLockFile(str(lock_path(sample_file)))
    assert probe.tryLock(0)  # the old file is free again
    probe.unlock()


def test_close_and_quit(qtbot, sample_file, tmp_path, clean_settings) -> None:
    first = open_window(sample_file)
    second_file = tmp_path / "second.rollout"
    sample_file_copy = second_file.write_bytes(sample_file.read_bytes())
    assert sample_file_copy
    second = open_window(second_file)
    first.show()
    second.show()
    first.file_actions.close.trigger()
    assert first not in open_windows()
    second.file_actions.quit.trigger()
    assert open_windows() == []


def test_window_state_is_remembered(qtbot, sample_store, clean_settings) -> None:
    from ui.app_window import window_for_store

    win = window_for_store(sample_store)
    show_active(qtbot, win)
    win.docks["inspector"].hide()
    win.show_view(win.pages["milestone"])
    header = win.pages["demand"].view.horizontalHeader()
    header.resizeSection(2, 333)
    header.setSortIndicator(3, Qt.SortOrder.DescendingOrder)  # sort by effort, largest first
    win.save_state()
    win.docks["inspector"].show()
    header.resizeSection(2, 100)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    win.restore_state()
    assert not win.docks["inspector"].isVisible()
    assert win.views.currentWidget() is win.pages["milestone"]
    assert header.sectionSize(2) == 333
    model = win.pages["demand"].model
    efforts = [model.record_at(r).effort for r in range(model.rowCount())]
    assert efforts == sorted(efforts, reverse=True)
    win.close()


def test_start_file_prefers_the_most_recent(sample_file, clean_settings) -> None:
    from app.gui import start_file

    settings.add_recent_file(Path("/nowhere/gone.rollout"))
    settings.add_recent_file(sample_file)
    assert start_file(None, sample=False) == sample_file.resolve()
