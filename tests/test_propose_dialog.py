"""Plan → Propose phases…: the options, the solver in a worker thread with Stop, the
preview, and accepting the first N phases as one undoable step — through real clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.dump import dump
from planner.model import Phase
from ui.dialogs.propose_dialog import ProposeDialog

pytest_plugins = ("ui_fixtures",)
pytestmark = pytest.mark.gui


def _done(dialog: ProposeDialog) -> bool:
    return dialog.worker is None and (dialog.proposal is not None or "No phase" in
                                      dialog.status.text())  # fmt: skip


def test_the_plan_menu_opens_the_dialog(qtbot, window, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(ProposeDialog, "exec", lambda self: opened.append(self) or 0)
    assert window.propose_action.text() == "Propose p&hases…"
    window.propose_action.trigger()
    assert len(opened) == 1 and opened[0].document is window.document


def test_propose_preview_and_accept_the_first_two_as_one_step(qtbot, window) -> None:
    document = window.document
    before = dump(document.store)
    phases_before = len(document.store.rows(Phase))
    dialog = ProposeDialog(document, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.include_planned.setFocus()
    qtbot.keyClick(dialog.include_planned, Qt.Key.Key_Space)
    assert dialog.include_planned.isChecked() and dialog.keep_list.isEnabled()
    assert dialog.start_edit.date().toString("yyyy-MM-dd") == "2026-11-30"  # after the active
    dialog.time_spin.setValue(1)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    assert dialog.stop_button.isEnabled()
    qtbot.waitUntil(lambda: _done(dialog), timeout=30_000)
    assert dialog.proposal is not None and len(dialog.proposal.phases) >= 2
    assert dialog.preview.isVisible()
    assert not dialog.today_chart.pixmap().isNull() and not dialog.proposed_chart.pixmap().isNull()
    assert "with the proposal" in dialog.counts.text()
    assert "1. " in dialog.explanation.toPlainText()
    assert dialog.curve_layout.count() == 1  # the matplotlib canvas
    dialog.first_spin.setValue(2)
    qtbot.mouseClick(dialog.accept_first, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.applied is not None and len(dialog.applied.phase_ids) == 2
    assert document.undo_stack.count() == 1  # one step
    assert len(document.store.rows(Phase)) >= phases_before + 2 - len(
        dialog.proposal.replaced_phase_ids
    )
    document.undo_stack.undo()
    assert dump(document.store) == before


def test_stop_keeps_the_best_found_so_far(qtbot, window) -> None:
    dialog = ProposeDialog(window.document, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.include_planned.setChecked(True)
    dialog.time_spin.setValue(60)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _done(dialog), timeout=30_000)
    assert dialog.proposal is not None and dialog.proposal.phases
    assert dialog.accept_all.isEnabled()
    qtbot.mouseClick(dialog.findChild(type(dialog.accept_all), "propose_cancel"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert window.document.undo_stack.count() == 0
