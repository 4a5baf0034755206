"""The import dialog and the ways into it: File → Import…, a dropped file, Ctrl+V in the
wishes table. Each import is one step on the window's undo stack."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QComboBox, QDialog

from planner.exchange.tabular import ReadOptions, read_table
from planner.model import Demand, Department

pytest_plugins = ("ui_fixtures",)
pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).parent / "fixtures" / "exchange"
NORDIC = FIXTURES / "nordea_plusgiro_sv_cp1252.csv"


def _dialog(qtbot, store, path: Path = NORDIC):  # noqa: ANN001, ANN202
    from ui.exchange.import_dialog import ImportDialog

    data = path.read_bytes()
    table = read_table(data, path.name)
    dialog = ImportDialog(store, table, lambda o: read_table(data, path.name, o))
    qtbot.addWidget(dialog)
    return dialog


def _choose(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())


def test_dialog_shows_how_a_real_nordic_file_was_read(qtbot, sample_store) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, sample_store)
    assert dialog.encoding_combo.currentData() == "cp1252"
    assert dialog.delimiter_combo.currentData() == ";"
    assert dialog.decimal_combo.currentData() == ","
    assert "Windows-1252" in dialog.source_label.text()
    # No department column: nothing can come in yet, and the reasons are on show.
    assert dialog.preview is not None and dialog.preview.wishes == []
    assert dialog.tabs.currentIndex() == 1
    assert dialog.problem_view.rowCount() > 0
    assert not dialog.import_button.isEnabled()


def test_mapping_and_choices_update_the_preview(qtbot, sample_store) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, sample_store)
    headers = dialog.table.headers
    _choose(dialog.column_table.cellWidget(headers.index("Belopp"), 2), "")
    _choose(dialog.column_table.cellWidget(headers.index("Meddelande"), 2), "notes")
    sales = next(d for d in sample_store.rows(Department) if d.name == "Sales")
    _choose(dialog.fallback_combo, sales.id)
    qtbot.waitUntil(lambda: dialog.preview is not None and len(dialog.preview.wishes) == 25)
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "&Import 25 wishes"
    assert dialog.wish_model.rowCount() == 25
    assert dialog.wish_model.data(dialog.wish_model.index(0, 1)) == "Lindesbergs Gummiverkstad AB"


def test_a_field_moved_to_another_column_leaves_the_first(qtbot, sample_store) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, sample_store)
    headers = dialog.table.headers
    _choose(dialog.column_table.cellWidget(headers.index("Rubrik"), 2), "title")
    assert dialog.column_table.cellWidget(headers.index("Namn"), 2).currentData() == ""
    assert dialog.mapping.columns_for("title") == [headers.index("Rubrik")]


def test_correcting_the_encoding_rereads_the_file(qtbot, sample_store) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, sample_store, FIXTURES / "nordea_plusgiro_sv.csv")
    assert "Avsändare" in dialog.table.headers
    _choose(dialog.encoding_combo, "cp1252")
    assert dialog.table.encoding == "cp1252"
    assert "AvsÃ¤ndare" in dialog.table.headers  # what the wrong choice looks like
    _choose(dialog.encoding_combo, "utf-8")
    assert "Avsändare" in dialog.table.headers


def test_unknown_values_can_be_mapped(qtbot, sample_store, tmp_path: Path) -> None:  # noqa: ANN001
    source = tmp_path / "w.csv"
    source.write_text("Title;Department;Priority\nA;Sales;Top\nB;Sales;Must\n", "utf-8")
    dialog = _dialog(qtbot, sample_store, source)
    assert not dialog.values_box.isHidden()
    assert dialog.value_table.rowCount() == 1
    _choose(dialog.value_table.cellWidget(0, 2), "must")
    qtbot.waitUntil(lambda: dialog.preview is not None and len(dialog.preview.wishes) == 2)


def test_file_menu_import_is_one_undo_step(qtbot, window, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    from ui.exchange import import_flow

    source = tmp_path / "ønsker.csv"
    source.write_bytes(
        "Ønske;Avdeling;Innsats;Prioritet\r\nFelles kundekort;Sales;2,5;Må\r\n"
        "Rapport;Marketing;1;Bør\r\n".encode("cp1252")
    )
    monkeypatch.setattr(import_flow.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(source), "")))
    monkeypatch.setattr(import_flow, "run_dialog", lambda d: QDialog.DialogCode.Accepted)
    store = window.document.store
    before = store.count(Demand)
    window.file_actions.import_wishes.trigger()
    assert store.count(Demand) == before + 2
    titles = {d.title: d for d in store.rows(Demand)}
    assert titles["Felles kundekort"].effort == 2.5
    stack = window.document.undo_stack
    assert stack.undoText() == "Import 2 wishes from ønsker.csv"
    stack.undo()
    assert store.count(Demand) == before


def test_bad_file_gets_a_message_and_changes_nothing(qtbot, window, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    from ui.exchange import import_flow

    source = tmp_path / "photo.csv"
    source.write_bytes(bytes(range(256)) * 20)
    messages: list[str] = []
    monkeypatch.setattr(import_flow, "show_error", lambda w, m: messages.append(m))
    count = window.document.store.count(Demand)
    assert not import_flow.import_path(window, source)
    assert messages and "binary data" in messages[0]
    assert window.document.store.count(Demand) == count
    assert window.document.undo_stack.count() == 0


def test_dropping_a_table_file_starts_the_import(qtbot, window, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    from ui.exchange import import_flow

    source = tmp_path / "wishes.csv"
    source.write_text("Title,Department\nDropped wish,Sales\n", "utf-8")
    opened: list[Path] = []
    monkeypatch.setattr(import_flow, "import_path", lambda w, p: opened.append(p))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert window.import_drop.eventFilter(window, event)
    qtbot.waitUntil(lambda: opened == [source])
    plan = QMimeData()
    plan.setUrls([QUrl.fromLocalFile(str(tmp_path / "other.rollout"))])
    ignored = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, plan,
                         Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert not window.import_drop.eventFilter(window, ignored)


def test_ctrl_v_in_the_wishes_table_imports_clipboard_rows(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    from ui.exchange import import_flow

    dialogs = []

    def accept(dialog):  # noqa: ANN001, ANN202
        dialogs.append(dialog)
        sales = next(d for d in window.document.store.rows(Department) if d.name == "Sales")
        _choose(dialog.fallback_combo, sales.id)
        dialog.refresh()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_flow, "run_dialog", accept)
    # What Excel puts on the clipboard: tab-separated rows, no header, decimal comma.
    QGuiApplication.clipboard().setText(
        "Kundekort for selgere\t2,5\tMust\r\nPipeline\t1\tCould\r\n"
    )
    page = window.pages["demand"]
    window.show_view(page)
    page.view.setFocus()
    store = window.document.store
    before = store.count(Demand)
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: store.count(Demand) == before + 2)
    assert dialogs and not dialogs[0].table.has_header
    wish = next(d for d in store.rows(Demand) if d.title == "Kundekort for selgere")
    assert (wish.effort, wish.priority.value) == (2.5, "must")


def test_keyboard_only(qtbot, sample_store) -> None:  # noqa: ANN001
    """Mnemonics reach every part; Enter imports (the default button)."""
    dialog = _dialog(qtbot, sample_store)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.fallback_combo
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.column_table
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.decimal_combo
    assert dialog.import_button.isDefault() or dialog.import_button.autoDefault()


def test_clipboard_read_accepts_rows_without_header() -> None:
    table = read_table(b"A\t1\r\nB\t2\r\n", "clip",
                       ReadOptions(delimiter="\t", header_optional=True))
    assert table.headers == ["Column A", "Column B"] and len(table.rows) == 2


def test_big_file_shows_progress_and_can_be_cancelled(  # noqa: ANN001
    qtbot, window, monkeypatch, tmp_path
) -> None:
    from ui.exchange import import_flow

    source = tmp_path / "big.csv"
    source.write_text("Title;Department\n" + "A wish from the workshop;Sales\n" * 45_000,
                      "utf-8")
    assert source.stat().st_size > import_flow.BIG
    shown = []
    monkeypatch.setattr(import_flow.QProgressDialog, "wasCanceled",
                        lambda self: shown.append(self.labelText()) or True)
    count = window.document.store.count(Demand)
    assert not import_flow.import_path(window, source)
    assert shown and shown[0].startswith("Reading big.csv…")
    assert window.document.store.count(Demand) == count
    assert window.document.undo_stack.count() == 0


# The offscreen platform cannot grab the keyboard for a popup; it says so, harmlessly.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_column_mapping_by_keyboard(qtbot, sample_store) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, sample_store)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.column_table
    table.setFocus()
    table.setCurrentCell(dialog.table.headers.index("Meddelande"), 0)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    combo = table.cellWidget(dialog.table.headers.index("Meddelande"), 2)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    combo.hidePopup()
    assert dialog.focusWidget() is combo
    qtbot.keyClick(combo, Qt.Key.Key_N)  # keyboard search in the closed combo: "Notes"
    assert combo.currentData() == "notes"
    assert dialog.mapping.columns_for("notes") == [dialog.table.headers.index("Meddelande")]


def test_an_unknown_department_can_be_sent_to_one_of_the_plan(  # noqa: ANN001
    qtbot, sample_store, tmp_path
) -> None:
    source = tmp_path / "w.csv"
    source.write_text("Ønske;Avdeling\nKundekort;Salg\nRapport;Salg\nFaktura;Økonomi\n", "utf-8")
    dialog = _dialog(qtbot, sample_store, source)
    rows = {dialog.value_table.item(r, 1).text(): r for r in range(dialog.value_table.rowCount())}
    assert set(rows) == {"Salg (2 rows)", "Økonomi (1 row)"}
    _choose(dialog.value_table.cellWidget(rows["Salg (2 rows)"], 2), "Sales")
    qtbot.waitUntil(lambda: dialog.preview is not None and len(dialog.preview.wishes) == 2)
    assert {w.department for w in dialog.preview.wishes} == {"Sales"}
    # The mapped name stays listed, showing its choice, so it can be changed back.
    combo = dialog.value_table.cellWidget(rows["Salg (2 rows)"], 2)
    assert combo.currentData() == "Sales"


def test_ms_project_xml_goes_to_the_mspdi_importer(  # noqa: ANN001
    qtbot, window, monkeypatch, tmp_path
) -> None:
    from ui.exchange import import_flow

    source = tmp_path / "plan.xml"
    source.write_text('<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/'
                      'project"><Tasks/></Project>', "utf-8")
    messages: list[str] = []
    monkeypatch.setattr(import_flow, "show_error", lambda w, m: messages.append(m))
    monkeypatch.setattr(import_flow.QMessageBox, "information", lambda *a: messages.append(a[2]))
    assert not import_flow.import_path(window, source)
    assert len(messages) == 1 and "no tasks" in messages[0].lower()
    assert not window.document.undo_stack.canUndo()


def test_checking_a_big_file_can_be_cancelled_too(  # noqa: ANN001
    qtbot, window, monkeypatch, tmp_path
) -> None:
    from ui.exchange import import_flow

    source = tmp_path / "big.csv"
    source.write_text("Title;Department\n" + "A wish from the workshop;Sales\n" * 45_000,
                      "utf-8")
    labels: list[str] = []

    def cancel_when_checking(self) -> bool:  # noqa: ANN001
        labels.append(self.labelText())
        return self.labelText().startswith("Checking")

    monkeypatch.setattr(import_flow.QProgressDialog, "wasCanceled", cancel_when_checking)
    opened = []
    monkeypatch.setattr(import_flow, "run_dialog", lambda d: opened.append(d))
    assert not import_flow.import_path(window, source)
    assert any(t.startswith("Reading") for t in labels)
    assert any(t.startswith("Checking big.csv…") for t in labels)
    assert opened == []  # the dialog never showed
