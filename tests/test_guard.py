"""ui/guard.py: an exception in an override is logged once, reported once, and answered with
a safe value; the main window shows it in a non-modal bar."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ui import guard
from ui.error_bar import SAFE

pytest_plugins = ("ui_fixtures",)
pytestmark = [pytest.mark.gui, pytest.mark.guard_failures]


class Broken(QWidget):
    shown = 0

    @guard.guarded()
    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        type(self).shown += 1
        int("not a number")


def test_the_issues_repro_no_longer_crashes(qtbot, caplog) -> None:
    # Three widgets whose showEvent raises, shown in one C++ call: without the guard
    # PySide6 dies in PepException_GetArgs (see tests/test_guard_planted.py for the proof).
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    for _ in range(3):
        layout.addWidget(Broken())
    with qtbot.waitSignal(guard.reporter().failed, timeout=2000) as signal:
        top.show()
        QApplication.processEvents()
    assert Broken.shown >= 3
    message, details, document = signal.args
    assert message == "Something went wrong in the window."
    assert "ValueError: invalid literal for int()" in details
    assert document is None
    assert guard.failure_count() >= 3
    logged = [r for r in caplog.records if r.name == "rollout_planner.guard"]
    assert len(logged) == 1  # three failures of one place: one traceback in the log


def test_the_fallback_comes_from_the_virtuals_name() -> None:
    class Model:
        @guard.guarded()
        def flags(self, index):  # noqa: ANN001, ANN202
            raise KeyError(index)

        @guard.guarded()
        def sizeHint(self):  # noqa: N802, ANN202
            raise KeyError

        @guard.guarded()
        def parent(self, index):  # noqa: ANN001, ANN202
            raise KeyError

        @guard.guarded()
        def rowCount(self, parent):  # noqa: N802, ANN001, ANN202
            raise KeyError

        @guard.guarded("chosen")
        def data(self, index, role):  # noqa: ANN001, ANN202
            raise KeyError

        @guard.guarded()
        def headerData(self, section, orientation, role):  # noqa: N802, ANN001, ANN202
            return f"column {section}"

    model = Model()
    assert model.flags(1) == Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    first, second = model.sizeHint(), model.sizeHint()
    assert first == QSize() and first is not second  # a fresh value each time
    assert model.parent(None) == QModelIndex()
    assert model.rowCount(None) == 0
    assert model.data(None, 0) == "chosen"
    assert model.headerData(3, None, role=0) == "column 3"  # no failure: the real answer
    assert Model.flags.__wrapped__.__name__ == "flags"
    assert Model.flags.__guarded__


def test_a_failure_names_the_document_of_the_view(document) -> None:  # noqa: ANN001
    from ui.models.phase_table_model import PhaseTableModel

    model = PhaseTableModel(document)
    found = []
    guard.reporter().failed.connect(lambda *args: found.append(args))
    model._ids = None  # a bug: rowCount and data now raise inside the override
    assert model.rowCount() == 0
    assert model.data(model.createIndex(0, 0)) is None
    assert len(found) == 2
    assert found[0][0] == "Something went wrong in a table."
    assert found[1][0] == "Something went wrong drawing a table."
    assert all(args[2] is document for args in found)


def test_the_excepthook_logs_and_reports_and_keeps_going(caplog) -> None:
    found = []
    guard.reporter().failed.connect(lambda *args: found.append(args))
    previous = guard.install_excepthook()
    try:
        try:
            raise LookupError("in a slot")
        except LookupError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert found and "LookupError: in a slot" in found[0][1]
    assert any("in a slot" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)


def test_the_window_shows_a_non_modal_bar(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    bar = window.error_bar
    assert not bar.isVisible()
    try:
        raise ZeroDivisionError("drawing")
    except ZeroDivisionError as exc:
        guard.report("Something went wrong drawing the Gantt.", exc, window.document)
    qtbot.waitUntil(bar.isVisible, timeout=2000)  # queued: never inside someone's paint
    assert bar.message.text() == f"Something went wrong drawing the Gantt. {SAFE}"
    assert QApplication.activeModalWidget() is None
    assert window.isEnabled() and window.pages["demand"].isEnabled()
    assert not bar.details.isVisible()
    qtbot.mouseClick(bar.details_button, Qt.MouseButton.LeftButton)
    assert bar.details.isVisible()
    assert "ZeroDivisionError: drawing" in bar.details.toPlainText()
    opened = []
    monkeypatch.setattr(
        "PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    qtbot.mouseClick(bar.log_button, Qt.MouseButton.LeftButton)
    help_action = window.findChild(type(window.undo_action), "open_log_folder")
    help_action.trigger()
    assert [u.toLocalFile().endswith("logs") for u in opened] == [True, True]
    bar.dismiss()
    assert not bar.isVisible()


def test_another_windows_failure_stays_there(qtbot, window, document) -> None:  # noqa: ANN001
    other = QWidget()
    other.document = document  # a view of another plan
    try:
        raise ValueError("elsewhere")
    except ValueError as exc:
        guard.report("Something went wrong in the outline.", exc, other)
    QApplication.processEvents()
    QApplication.processEvents()
    assert not window.error_bar.isVisible()


def test_a_failed_multidata_clears_the_span_it_was_given() -> None:
    # Views reuse one span from cell to cell: a failed cell must not show the one before.
    class RoleData:
        def __init__(self) -> None:
            self.value = "from the cell before"

        def clearData(self) -> None:  # noqa: N802
            self.value = None

    class Model:
        @guard.guarded()
        def multiData(self, index, span):  # noqa: N802, ANN001, ANN202
            raise IndexError(index)

    span = [RoleData(), RoleData()]
    assert Model().multiData(7, span) is None
    assert [r.value for r in span] == [None, None]
