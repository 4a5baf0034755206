"""File → Export → Export PDF…: the dialog, the cancellable progress, opening the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMainWindow, QProgressDialog

from planner.report import Section
from planner.store import PlanStore
from ui.document import PlanDocument
from ui.pdf import dialog as pdf_dialog
from ui.pdf import progress as pdf_progress
from ui.pdf.options import ExportOptions, Paper

pytestmark = pytest.mark.gui


class _Window(QMainWindow):
    """Just what the export needs from the main window."""

    def __init__(self, store: PlanStore) -> None:
        super().__init__()
        self.document = PlanDocument(store)
        self.export_menu = self.menuBar().addMenu("&Export")


@pytest.fixture
def window(qtbot, sample_file: Path):
    win = _Window(PlanStore.open(sample_file))
    qtbot.addWidget(win)
    yield win
    win.document.close()


def test_the_main_window_offers_export_pdf(qtbot, sample_file: Path):
    from ui.app_window import window_for_store

    main = window_for_store(PlanStore.open(sample_file))
    qtbot.addWidget(main)
    texts = [a.text() for a in main.export_menu.actions()]
    assert "Export &PDF…" in texts
    main.close()


def test_dialog_options_follow_the_choices(qtbot, window):
    dlg = pdf_dialog.ExportDialog(window, Path("/tmp/x"), baseline=False)
    qtbot.addWidget(dlg)
    assert dlg.path == Path("/tmp/x.pdf")
    dlg.paper.setCurrentIndex(dlg.paper.findData("letter"))
    dlg.section_boxes[Section.BACKLOG].setChecked(False)
    options = dlg.options()
    assert options.paper == Paper.LETTER
    assert Section.BACKLOG not in options.sections and Section.PHASES in options.sections
    # Without a baseline there is nothing to compare: the choice is offered but disabled.
    assert not dlg.section_boxes[Section.CHANGES].isEnabled()
    dlg.remember()
    again = pdf_dialog.ExportDialog(window, Path("/tmp/x"), baseline=True)
    qtbot.addWidget(again)
    assert again.paper.currentData() == "letter"
    assert not again.section_boxes[Section.BACKLOG].isChecked()
    assert again.section_boxes[Section.CHANGES].isEnabled()


def test_export_from_the_menu_writes_and_opens_the_pack(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "pack.pdf"
    opened = []
    monkeypatch.setattr(pdf_dialog.ExportDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(pdf_dialog, "default_path", lambda w: target)
    monkeypatch.setattr(pdf_progress.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    action = pdf_dialog.install_action(window)
    assert action in window.export_menu.actions()
    action.trigger()
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert opened == [str(target)]


def test_cancel_in_the_progress_dialog_leaves_no_file(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "pack.pdf"
    calls = []

    def cancelled(self) -> bool:
        calls.append(self.value())
        return len(calls) > 3  # the user presses Cancel while the pages are painted

    monkeypatch.setattr(QProgressDialog, "wasCanceled", cancelled)
    opened = []
    monkeypatch.setattr(pdf_progress.QDesktopServices, "openUrl",
                        lambda url: opened.append(url) or True)
    result = pdf_progress.run_export(window, window.document.store, target, ExportOptions(),
                                     open_when_done=True)
    assert result is None and opened == []
    assert len(calls) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["sample.rollout"]


def test_a_failed_export_says_why(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(pdf_progress.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    result = pdf_progress.run_export(window, window.document.store,
                                     tmp_path / "missing" / "pack.pdf", ExportOptions())
    assert result is None
    assert len(shown) == 1 and "does not exist" in shown[0]
