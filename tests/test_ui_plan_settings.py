"""The plan settings dialog: vision, sponsor, lead, working week and thresholds; OK applies
one undoable command; a refused value is shown at its field and nothing changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QSpinBox

from planner.validation import THRESHOLDS
from ui.dialogs.plan_settings import PlanSettingsDialog

pytest_plugins = ("ui_fixtures",)
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def dialog(qtbot, document):  # noqa: ANN001, ANN201
    dlg = PlanSettingsDialog(document)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _ok(qtbot, dlg) -> None:  # noqa: ANN001
    qtbot.mouseClick(
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_thresholds_have_their_ranges_and_meanings(dialog) -> None:
    for field, (low, high, meaning) in THRESHOLDS.items():
        spin = dialog.fields[field]
        assert spin.minimum() == low and spin.maximum() == high
        assert meaning.capitalize() in spin.toolTip()


def test_changing_settings_is_one_undoable_step(qtbot, dialog, document) -> None:
    plan = document.store.plan
    dialog.fields["vision"].setPlainText("One customer, one picture.")
    dialog.fields["sponsor_name"].setText("Kari Nordmann")
    dialog.day_boxes[5].setChecked(True)  # Saturday
    weeks = dialog.fields["weeks_to_value"]
    assert isinstance(weeks, QSpinBox)
    weeks.setFocus()
    qtbot.keyClick(weeks.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(weeks.lineEdit(), "6")
    _ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (plan.vision, plan.sponsor_name, plan.working_days, plan.weeks_to_value) == (
        "One customer, one picture.", "Kari Nordmann", "123456", 6,
    )  # fmt: skip
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Update plan settings"
    document.undo_stack.undo()
    assert plan.weeks_to_value == 4 and plan.working_days == "12345"


def test_a_refused_setting_is_shown_at_its_field(qtbot, dialog, document) -> None:
    for box in dialog.day_boxes:
        box.setChecked(False)
    _ok(qtbot, dialog)
    assert dialog.isVisible()  # still open: nothing applied
    error = dialog.errors["working_days"]
    assert error.isVisible() and "Working days" in error.text()
    assert dialog.tabs.currentIndex() == 2
    assert document.store.plan.working_days == "12345"
    assert document.undo_stack.count() == 0


def test_empty_title_is_refused(qtbot, dialog, document) -> None:
    dialog.fields["title"].clear()
    _ok(qtbot, dialog)
    assert "cannot be empty" in dialog.errors["title"].text()
    assert dialog.tabs.currentIndex() == 0
    assert document.store.plan.title


def test_sponsor_department_choice(qtbot, dialog, document) -> None:
    combo = dialog.fields["sponsor_department_id"]
    it = next(d for d in document.index.departments if d.is_it)
    combo.setCurrentIndex(combo.findData(it.id))
    _ok(qtbot, dialog)
    assert document.store.plan.sponsor_department_id == it.id
    codes = {w.code for w in document.warnings.warnings}
    assert "no-sponsor" in codes  # a sponsor in IT is no business sponsor


def test_opened_from_the_plan_menu(qtbot, window, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(PlanSettingsDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert opened and opened[0].document is window.document


# --- the proposer's weights ------------------------------------------------------------------


def _type_into(qtbot, spin, text: str) -> None:  # noqa: ANN001
    spin.setFocus()
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin.lineEdit(), text)


def test_the_proposer_tab_edits_the_weights_as_one_undoable_step(qtbot, dialog, document) -> None:
    from planner.propose.weights import WEIGHT_COLUMNS, Weights

    plan = document.store.plan
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # P&roposer
    assert dialog.tabs.currentIndex() == 3
    for field, (_label, meaning) in WEIGHT_COLUMNS.items():
        spin = dialog.fields[field]
        assert spin.isVisible() and meaning in spin.toolTip()
        assert (spin.minimum(), spin.maximum()) == (0, 1000)
    _type_into(qtbot, dialog.fields["weight_could"], "0")
    _type_into(qtbot, dialog.fields["weight_department"], "6")
    _ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (plan.weight_could, plan.weight_department, plan.weight_must) == (0.0, 6.0, 10.0)
    assert Weights.of(plan).could == 0.0
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert Weights.of(plan) == Weights.defaults()


def test_restore_defaults_puts_every_weight_back(qtbot, document) -> None:
    from planner.commands import UpdateRow
    from planner.model import Plan
    from planner.propose.weights import Weights, default_values

    document.push(UpdateRow(Plan, 1, {"weight_must": 25.0, "weight_phase": 3.0}))
    dialog = PlanSettingsDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    assert dialog.fields["weight_must"].value() == 25.0
    restore = dialog.findChild(QPushButton, "restore-weights")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert {f: dialog.fields[f].value() for f in default_values()} == default_values()
    assert document.store.plan.weight_must == 25.0  # nothing applied before OK
    _ok(qtbot, dialog)
    assert Weights.of(document.store.plan) == Weights.defaults()
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert document.store.plan.weight_must == 25.0


def test_opening_and_closing_changes_no_weight_it_shows_rounded(qtbot, document) -> None:
    from planner.commands import UpdateRow
    from planner.model import Plan

    document.push(UpdateRow(Plan, 1, {"weight_phase": 0.25}))
    dialog = PlanSettingsDialog(document)
    qtbot.addWidget(dialog)
    assert dialog.changed_values() == {}
    dialog.fields["weight_phase"].setValue(0.8)
    assert dialog.changed_values() == {"weight_phase": 0.8}
