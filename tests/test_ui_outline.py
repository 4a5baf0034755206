"""The outline panel: drag-and-drop of wishes through the view, selection shared with the
tables and the inspector, Insert / Delete / F2 from the keyboard."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from planner.commands import MoveDemands
from planner.model import Demand, Phase
from ui.outline.outline_model import BACKLOG

pytest_plugins = ("ui_fixtures",)
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def drop(view: QAbstractItemView, pos: QPoint, data) -> bool:  # noqa: ANN001
    """Drag `data` over `view` to `pos` and drop it, as the window system would."""
    move = Qt.DropAction.MoveAction
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    viewport = view.viewport()
    with warnings.catch_warnings():
        # PySide6 offers only the deprecated QPoint constructors for these two events.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos, move, data, button, none)
        over = QDragMoveEvent(pos, move, data, button, none)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(viewport, over)
    if not over.isAccepted():
        return False
    event = QDropEvent(QPointF(pos), move, data, button, none)
    QApplication.sendEvent(viewport, event)
    return event.isAccepted()


def test_drag_wishes_from_the_table_onto_a_phase_in_the_outline(qtbot, window) -> None:
    document = window.document
    page = window.pages["demand"]
    page.phase_filter.choose(None)  # the backlog
    ids = [page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in (0, 1, 2)]
    page.view.select_ids(ids)
    data = page.proxy.mimeData(page.view.selectionModel().selectedIndexes())
    outline = window.outline
    phase = document.index.phases[3]
    target = outline.outline.index_of(("phase", phase.id))
    outline.scrollTo(target)
    depth = document.undo_stack.count()
    assert drop(outline, outline.visualRect(target).center(), data)
    assert all(document.store.get(Demand, i).phase_id == phase.id for i in ids)
    assert document.undo_stack.count() == depth + 1
    assert page.proxy.rowCount() == len(document.index.demands(None))  # they left the backlog
    window.undo_action.trigger()
    assert all(document.store.get(Demand, i).phase_id is None for i in ids)


def test_drag_within_the_outline_back_to_the_backlog(qtbot, window) -> None:
    document = window.document
    outline = window.outline
    phase = document.index.phases[1]
    demand = document.index.demands(phase.id)[0]
    source = outline.outline.index_of(("demand", demand.id))
    outline.expand(source.parent())
    data = outline.outline.mimeData([source])
    backlog = outline.outline.index_of(BACKLOG)
    outline.collapse(backlog)
    outline.scrollTo(backlog)
    assert drop(outline, outline.visualRect(backlog).center(), data)
    assert document.store.get(Demand, demand.id).phase_id is None


def test_dropping_onto_the_phases_heading_is_refused(qtbot, window) -> None:
    outline = window.outline
    document = window.document
    demand = document.index.demands(None)[0]
    data = outline.outline.mimeData([outline.outline.index_of(("demand", demand.id))])
    heading = outline.outline.index_of(("group", "phases"))
    outline.scrollTo(heading)
    assert not drop(outline, outline.visualRect(heading).center(), data)
    assert document.store.get(Demand, demand.id).phase_id is None


def test_selection_follows_between_outline_and_tables(qtbot, window) -> None:
    document = window.document
    demand = document.index.demands(document.index.phases[2].id)[1]
    document.select("demand", [demand.id])
    assert window.outline.selected_keys() == [("demand", demand.id)]
    assert window.pages["demand"].view.selected_ids() == [demand.id]
    assert window.inspector.form.row_id == demand.id
    phase = document.index.phases[4]
    window.outline.select_keys([("phase", phase.id)])
    assert document.selection == ("phase", [phase.id])


def test_insert_in_a_phase_adds_a_wish_and_f2_renames(qtbot, window) -> None:
    outline = window.outline
    document = window.document
    phase = document.index.phases[0]
    count = len(document.index.demands(phase.id))
    outline.setFocus()
    outline.setCurrentIndex(outline.outline.index_of(("phase", phase.id)))
    qtbot.keyClick(outline, Qt.Key.Key_Insert)
    assert len(document.index.demands(phase.id)) == count + 1
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # the new wish's name is being edited
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Mobile quick entry")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.index.demands(phase.id)[-1].title == "Mobile quick entry")

    outline.setCurrentIndex(outline.outline.index_of(("phase", phase.id)))
    qtbot.keyClick(outline, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.text() == phase.title
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(outline.error_popup.isVisible, timeout=5000)
    assert "cannot be empty" in outline.error_popup.text()
    assert document.store.get(Phase, phase.id).title


def test_delete_in_the_outline_deletes_the_selected_wishes(qtbot, window) -> None:
    outline = window.outline
    document = window.document
    ids = [d.id for d in document.index.demands(None)][:2]
    outline.setFocus()
    outline.select_keys([("demand", i) for i in ids])
    qtbot.keyClick(outline, Qt.Key.Key_Delete)
    assert all(document.store.find(Demand, i) is None for i in ids)
    assert document.undo_stack.count() == 1


def test_activating_a_group_shows_its_table(qtbot, window) -> None:
    outline = window.outline
    backlog = outline.outline.index_of(BACKLOG)
    outline.activated.emit(backlog)
    page = window.pages["demand"]
    assert window.views.currentWidget() is page
    assert page.proxy.rowCount() == len(window.document.index.demands(None))


def test_selected_wishes_moved_into_a_collapsed_phase_stay_selected(qtbot, window) -> None:
    document = window.document
    outline = window.outline
    phase = document.index.phases[4]
    assert not outline.isExpanded(outline.outline.index_of(("phase", phase.id)))
    ids = [d.id for d in document.index.demands(None)][:2]
    document.select("demand", ids)
    document.push(MoveDemands(ids, phase.id))
    assert outline.isExpanded(outline.outline.index_of(("phase", phase.id)))
    assert sorted(outline.selected_keys()) == sorted(("demand", i) for i in ids)
