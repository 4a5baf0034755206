"""The central tables, driven like a user: typing into cells, choosing from the editors,
Insert and Delete, the colour dialog, a refused value shown at the cell, and undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
)

from planner.enums import Priority
from planner.model import Demand, Department, Phase
from ui.tables.table_page import TablePage

# Showing a main window on the offscreen platform logs this harmless note.
pytest_plugins = ("ui_fixtures",)  # fixtures: window, document, clean_settings
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _page(window, kind: str) -> TablePage:  # noqa: ANN001
    page = window.pages[kind]
    window.show_view(page)
    return page


def _go_to(page: TablePage, row_id: int, field: str):  # noqa: ANN202
    view = page.view
    row = page.proxy.proxy_row_of(row_id)
    index = page.proxy.index(row, page.model.column_named(field))
    view.setFocus()
    view.setCurrentIndex(index)
    return index


def _open_editor(qtbot, page: TablePage, row_id: int, field: str):  # noqa: ANN001, ANN202
    _go_to(page, row_id, field)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and page.view.isAncestorOf(editor)
    return editor


def _finish(qtbot, editor) -> None:  # noqa: ANN001
    """Return, then wait: Qt commits a cell editor on the next turn of the event loop."""
    view = editor.parent()
    while view is not None and not isinstance(view, QAbstractItemView):
        view = view.parent()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=5000)


def _replace_text(qtbot, editor, text: str) -> None:  # noqa: ANN001
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    _finish(qtbot, editor)


def test_typing_into_a_cell_changes_the_wish_and_undo_from_the_menu(qtbot, window) -> None:
    page = _page(window, "demand")
    demand = page.model.record_at(0)
    old = demand.title
    _go_to(page, demand.id, "title")
    qtbot.keyClicks(page.view, "S")  # typing starts editing, replacing the text
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "ales cockpit")
    _finish(qtbot, editor)
    assert demand.title == "Sales cockpit"
    assert window.undo_action.text() == "&Undo Rename to 'Sales cockpit'"
    window.undo_action.trigger()
    assert demand.title == old
    window.redo_action.trigger()
    assert demand.title == "Sales cockpit"


def test_effort_spin_box_with_units(qtbot, window) -> None:
    page = _page(window, "demand")
    demand = page.model.record_at(3)
    editor = _open_editor(qtbot, page, demand.id, "effort")
    spin = editor if isinstance(editor, QDoubleSpinBox) else editor.parent()
    assert isinstance(spin, QDoubleSpinBox)
    assert spin.suffix() == " pd"
    _replace_text(qtbot, editor, "12.5")
    assert demand.effort == 12.5
    assert page.proxy.index(page.proxy.proxy_row_of(demand.id), 3).data() == "12.5 pd"


def test_choosing_from_enum_and_record_combos(qtbot, window) -> None:
    page = _page(window, "demand")
    demand = next(d for d in page.document.store.rows(Demand) if d.priority == Priority.MUST)
    combo = _open_editor(qtbot, page, demand.id, "priority")
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Must", "Should", "Could", "Won't"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # a choice commits at once
    assert demand.priority == Priority.SHOULD
    assert not page.view.isPersistentEditorOpen(page.view.currentIndex())

    finance = next(d for d in page.document.store.rows(Department) if d.name == "Finance")
    combo = _open_editor(qtbot, page, demand.id, "department_id")
    position = combo.findText("Finance")
    combo.setCurrentIndex(position)
    combo.activated.emit(position)  # what clicking the entry in the popup does
    assert demand.department_id == finance.id

    combo = _open_editor(qtbot, page, demand.id, "phase_id")
    assert combo.itemText(0) == "Backlog"
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert demand.phase_id is None


def test_date_editor_changes_a_phase(qtbot, window) -> None:
    page = _page(window, "phase")
    phase = page.model.record_at(2)
    editor = _open_editor(qtbot, page, phase.id, "end_date")
    date_edit = editor if isinstance(editor, QDateEdit) else editor.parent()
    assert isinstance(date_edit, QDateEdit)
    assert date_edit.calendarPopup()
    new_end = phase.end_date + dt.timedelta(days=7)
    _replace_text(qtbot, editor, new_end.isoformat())
    assert phase.end_date == new_end


def test_a_refused_value_is_shown_at_the_cell_and_changes_nothing(qtbot, window) -> None:
    page = _page(window, "demand")
    demand = page.model.record_at(1)
    old = demand.title
    depth = window.document.undo_stack.count()
    editor = _open_editor(qtbot, page, demand.id, "title")
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    _finish(qtbot, editor)
    popup = page.view.error_popup
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    assert "title cannot be empty" in popup.text()
    assert demand.title == old
    assert window.document.undo_stack.count() == depth


def test_phase_that_would_end_before_it_starts_is_refused(qtbot, window) -> None:
    page = _page(window, "phase")
    phase = page.model.record_at(0)
    end = phase.end_date
    editor = _open_editor(qtbot, page, phase.id, "end_date")
    _replace_text(qtbot, editor, (phase.start_date - dt.timedelta(days=3)).isoformat())
    assert "before it starts" in page.view.error_popup.text()
    assert phase.end_date == end


def test_insert_adds_a_wish_and_opens_its_title(qtbot, window) -> None:
    page = _page(window, "demand")
    rows = page.model.rowCount()
    page.department_filter.choose(
        next(d.id for d in window.document.store.rows(Department) if d.name == "HR")
    )
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Insert)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    _replace_text(qtbot, editor, "Onboarding checklist v2")
    assert page.model.rowCount() == rows + 1
    new = page.model.record_at(rows)
    assert new.title == "Onboarding checklist v2"
    assert window.document.store.get(Department, new.department_id).name == "HR"
    assert window.document.undo_stack.count() == 2  # add, rename: each undoable


def test_delete_key_deletes_the_selected_wishes_in_one_step(qtbot, window) -> None:
    page = _page(window, "demand")
    ids = [page.model.id_at(r) for r in (0, 1, 2)]
    page.view.setFocus()
    page.view.select_ids(ids)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    store = window.document.store
    assert all(store.find(Demand, i) is None for i in ids)
    assert window.document.undo_stack.count() == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(store.find(Demand, i) is not None for i in ids)
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert all(store.find(Demand, i) is None for i in ids)


def test_deleting_a_department_with_wishes_asks_who_takes_them(qtbot, window, monkeypatch) -> None:
    page = _page(window, "department")
    store = window.document.store
    hr = next(d for d in store.rows(Department) if d.name == "HR")
    wishes = [d.id for d in store.rows(Demand) if d.department_id == hr.id]
    asked = []

    def get_item(parent, title, text, items, current, editable):  # noqa: ANN001
        asked.append(text)
        return "Sales", True

    monkeypatch.setattr("ui.tables.department_page.QInputDialog.getItem", get_item)
    page.view.setFocus()
    page.view.select_ids([hr.id])
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert asked and f"{len(wishes)} wish" in asked[0]
    assert store.find(Department, hr.id) is None
    sales = next(d for d in store.rows(Department) if d.name == "Sales")
    assert all(store.get(Demand, i).department_id == sales.id for i in wishes)


def test_colour_dialog_on_double_click(qtbot, window, monkeypatch) -> None:
    page = _page(window, "department")
    department = page.model.record_at(0)
    monkeypatch.setattr(
        "ui.editors.record_delegate.QColorDialog.getColor", lambda *a, **k: QColor("#123456")
    )
    index = _go_to(page, department.id, "colour")
    centre = page.view.visualRect(index).center()
    # A real double click: QTest's mouseDClick sends only the second press.
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert department.colour == "#123456"


def test_typing_a_bad_colour_is_refused(qtbot, window) -> None:
    page = _page(window, "department")
    department = page.model.record_at(0)
    old = department.colour
    editor = _open_editor(qtbot, page, department.id, "colour")
    _replace_text(qtbot, editor, "#12")
    assert "is not a colour" in page.view.error_popup.text()
    assert department.colour == old


def test_space_toggles_a_check_box_cell(qtbot, window) -> None:
    page = _page(window, "department")
    department = next(d for d in page.document.store.rows(Department) if not d.is_it)
    _go_to(page, department.id, "is_it")
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert department.is_it


def test_filters_and_summary(qtbot, window) -> None:
    page = _page(window, "demand")
    phase = window.document.index.phases[0]
    page.phase_filter.choose(phase.id)
    count = len(window.document.index.demands(phase.id))
    assert page.proxy.rowCount() == count
    expected = f"{count} of {page.model.rowCount()} wishes"
    qtbot.waitUntil(lambda: page.summary.text().startswith(expected), timeout=5000)
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.filter_edit
    qtbot.keyClicks(page.filter_edit, "zzz-nothing")
    assert page.proxy.rowCount() == 0
    page.clear_filters()
    assert page.proxy.rowCount() == page.model.rowCount()


def test_selecting_rows_shares_the_selection(qtbot, window) -> None:
    page = _page(window, "phase")
    phase = page.model.record_at(3)
    page.view.selectionModel().select(
        page.proxy.index(3, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert window.document.selection == ("phase", [phase.id])
    assert window.outline.selected_keys() == [("phase", phase.id)]
    assert window.inspector.form is not None and window.inspector.form.row_id == phase.id


def test_read_only_tables_do_not_edit(qtbot, sample_file, clean_settings) -> None:
    from planner.store import PlanStore
    from ui.app_window import window_for_store

    store = PlanStore.open(sample_file, read_only=True)
    win = window_for_store(store)
    qtbot.addWidget(win)
    page = win.pages["demand"]
    flags = page.model.flags(page.model.index(0, 0))
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert not page.add_action.isEnabled()
    assert "[read-only]" in win.windowTitle()
    assert store.count(Phase) > 0


def test_the_wishes_summary_follows_edits_undo_and_deletes(qtbot, window) -> None:
    from planner.commands import DeleteRows, UpdateRow

    page = _page(window, "demand")
    document = window.document

    def total() -> float:
        return sum(d.effort for d in document.store.rows(Demand))

    def shown() -> str:
        return f"{total():,.0f} person-days"

    demand = document.store.rows(Demand)[0]
    document.push(UpdateRow(Demand, demand.id, {"effort": demand.effort + 40}))
    qtbot.waitUntil(lambda: page.summary.text().endswith(shown()), timeout=5000)
    document.push(DeleteRows(Demand, [document.store.rows(Demand)[1].id]))
    qtbot.waitUntil(lambda: page.summary.text().endswith(shown()), timeout=5000)
    document.undo_stack.undo()
    document.undo_stack.undo()
    qtbot.waitUntil(
        lambda: page.summary.text() == f"73 wishes · {total():,.0f} person-days", timeout=5000
    )
