"""The inspector: a form for the selected record, edits as undoable commands, a refused
value shown under its field; a phase's objectives and dependencies; several wishes at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit

from planner.model import Demand, Dependency, Phase, PhaseObjective

pytest_plugins = ("ui_fixtures",)
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _type(qtbot, editor, text: str) -> None:  # noqa: ANN001
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_editing_a_wish_in_the_form(qtbot, window) -> None:
    document = window.document
    demand = document.store.rows(Demand)[4]
    document.select("demand", [demand.id])
    form = window.inspector.form
    assert form is not None and form.row_id == demand.id
    title = form.editors["title"]
    assert isinstance(title, QLineEdit) and title.text() == demand.title
    _type(qtbot, title, "Log visits in one click")
    assert demand.title == "Log visits in one click"
    effort = form.editors["effort"]
    assert isinstance(effort, QDoubleSpinBox) and effort.suffix() == " pd"
    _type(qtbot, effort.lineEdit(), "3.5")
    assert demand.effort == 3.5
    priority = form.editors["priority"]
    assert isinstance(priority, QComboBox)
    priority.setFocus()
    qtbot.keyClick(priority, Qt.Key.Key_End)  # keyboard choice: the last entry, Won't
    assert demand.priority == "wont"
    assert document.undo_stack.count() == 3
    window.undo_action.trigger()
    assert form.editors["priority"].currentText() != "Won't"  # the form follows undo


def test_a_refused_value_is_shown_under_its_field(qtbot, window) -> None:
    document = window.document
    phase = document.index.phases[2]
    document.select("phase", [phase.id])
    form = window.inspector.form
    _type(qtbot, form.editors["title"], "")
    error = form.errors["title"]
    assert error.isVisible() and "cannot be empty" in error.text()
    assert document.store.get(Phase, phase.id).title
    assert document.undo_stack.count() == 0
    _type(qtbot, form.editors["title"], "Integration platform")
    assert not error.isVisible()
    assert document.store.get(Phase, phase.id).title == "Integration platform"


def test_phase_objectives_and_dependencies(qtbot, window) -> None:
    document = window.document
    phase = document.index.phases[2]  # serves no objective, waits for nothing in the sample
    document.select("phase", [phase.id])
    links = window.inspector.links
    objectives = links.objectives.list
    item = objectives.item(0)
    assert item.checkState() == Qt.CheckState.Unchecked
    item.setCheckState(Qt.CheckState.Checked)
    served = [x.objective_id for x in document.store.rows(PhaseObjective) if x.phase_id == phase.id]
    assert item.data(Qt.ItemDataRole.UserRole) in served
    assert document.undo_stack.undoText().startswith("Serve '")
    waits = links.waits_for.list
    first = waits.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    deps = {(d.predecessor_id, d.successor_id) for d in document.store.rows(Dependency)}
    assert (first.data(Qt.ItemDataRole.UserRole), phase.id) in deps
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert links.objectives.list.item(0).checkState() == Qt.CheckState.Unchecked


def test_a_dependency_circle_is_refused(qtbot, window, monkeypatch) -> None:
    document = window.document
    shown = []
    monkeypatch.setattr(
        "ui.inspector.phase_links.QMessageBox.warning", lambda *a: shown.append(a[2])
    )
    dep = document.store.rows(Dependency)[0]
    document.select("phase", [dep.predecessor_id])
    waits = window.inspector.links.waits_for.list
    item = next(
        waits.item(i) for i in range(waits.count())
        if waits.item(i).data(Qt.ItemDataRole.UserRole) == dep.successor_id
    )  # fmt: skip
    item.setCheckState(Qt.CheckState.Checked)
    assert shown and "circle" in shown[0]
    assert item.checkState() == Qt.CheckState.Unchecked


def test_several_wishes_can_be_moved_together(qtbot, window) -> None:
    document = window.document
    ids = [d.id for d in document.index.demands(None)][:3]
    document.select("demand", ids)
    inspector = window.inspector
    combo = inspector.findChild(QComboBox, "move_target")
    phase = document.index.phases[6]
    combo.setCurrentIndex(combo.findData(phase.id))
    from PySide6.QtWidgets import QPushButton

    move = next(b for b in inspector.findChildren(QPushButton) if b.text() == "&Move")
    qtbot.mouseClick(move, Qt.MouseButton.LeftButton)
    assert all(document.store.get(Demand, i).phase_id == phase.id for i in ids)
    assert document.undo_stack.count() == 1


def test_deleting_the_shown_record_empties_the_inspector(qtbot, window) -> None:
    from planner.commands import DeleteRows

    document = window.document
    demand = document.store.rows(Demand)[0]
    document.select("demand", [demand.id])
    document.push(DeleteRows(Demand, [demand.id]))
    assert window.inspector.form is None
