"""File → Export → Excel, CSV, MS Project, Calendar in the main window."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from planner.store import PlanStore

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, sample_file: Path):
    from ui.app_window import window_for_store

    win = window_for_store(PlanStore.open(sample_file))
    qtbot.addWidget(win)
    yield win
    win.close()


def test_the_export_menu_offers_every_format(window) -> None:
    names = [a.objectName() for a in window.export_menu.actions()]
    for name in ("export_xlsx", "export_csv", "export_mspdi", "export_ics", "export_pdf"):
        assert name in names
    texts = [a.text() for a in window.export_menu.actions()]
    assert "&Excel workbook…" in texts and "&MS Project XML…" in texts


def test_each_action_writes_its_file(window, tmp_path: Path, monkeypatch) -> None:
    exports = window.exchange_exports
    targets = iter([tmp_path / "a.xlsx", tmp_path / "b", tmp_path / "c.xml", tmp_path / "d.ics"])
    monkeypatch.setattr(exports, "ask_path", lambda *a: next(targets))
    monkeypatch.setattr(exports, "ask_table", lambda: "phases")
    monkeypatch.setattr(exports, "ask_backlog", lambda: False)
    for name in ("export_xlsx", "export_csv", "export_mspdi", "export_ics"):
        exports.actions[name].trigger()
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").sheetnames[0] == "Wishes"
    assert (tmp_path / "b.csv").read_text("utf-8-sig").startswith("#,Title,Goal")
    assert b"Backlog (not scheduled)" not in (tmp_path / "c.xml").read_bytes()
    assert (tmp_path / "d.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "d.ics" in window.statusBar().currentMessage()


def test_failures_and_cancels(window, tmp_path: Path, monkeypatch) -> None:
    exports = window.exchange_exports
    errors: list[str] = []
    monkeypatch.setattr(exports, "error", errors.append)
    monkeypatch.setattr(exports, "ask_path", lambda *a: tmp_path / "missing" / "x.xlsx")
    assert exports.export("export_xlsx", "", ".xlsx") is None
    assert errors and "Cannot write x.xlsx" in errors[0]
    monkeypatch.setattr(exports, "ask_path", lambda *a: window.document.store.path)
    assert exports.export("export_ics", "", ".ics") is None
    assert "plan file itself" in errors[-1]
    monkeypatch.setattr(exports, "ask_table", lambda: None)  # cancelled: nothing asked after
    monkeypatch.setattr(exports, "ask_path", lambda *a: pytest.fail("asked for a file"))
    assert exports.export("export_csv", "", ".csv") is None
    assert not list(tmp_path.glob("*.csv"))
