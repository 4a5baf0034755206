"""The ways an import starts: File → Import…, a CSV/XLSX file dropped on the window, and
rows pasted (Ctrl+V) into the wishes table. All three go through the same dialog and end in
one undoable command on the window's document.

Reading a big file and checking its rows shows a progress dialog that can cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QProgressDialog

from planner.errors import PlanError
from planner.exchange.tabular import ImportCancelled, Progress, ReadOptions, Table, read_table
from planner.i18n import N_, _
from ui.guard import guarded

if TYPE_CHECKING:
    from ui.main_window import MainWindow

T = TypeVar("T")
FILTER = (
    N_("Tables (*.csv *.tsv *.txt *.xlsx *.xlsm *.ods *.xls);;MS Project XML (*.xml);;"
    "All files (*)")
)
SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ods", ".xls", ".xml"}
BIG = 1024 * 1024  # bytes from which reading shows a progress dialog


def choose_and_import(window: MainWindow) -> None:
    from ui import settings

    folder = settings.get(settings.LAST_FOLDER) or ""
    name, _unused = QFileDialog.getOpenFileName(window, _("Import wishes"), folder, _(FILTER))
    if name:
        settings.put(settings.LAST_FOLDER, str(Path(name).parent))
        import_path(window, Path(name))


def import_path(window: MainWindow, path: Path) -> bool:
    from planner.exchange import sniff

    try:
        data = path.read_bytes()
    except OSError as exc:
        _error(
            window,
            _("{name} cannot be read: {value}.").format(name=path.name, value=exc.strerror or exc),
        )
        return False
    if sniff.detect_format(data) == sniff.XML:
        return _import_mspdi(window, path)
    return import_data(window, data, path.name)


def _import_mspdi(window: MainWindow, path: Path) -> bool:
    """MS Project XML goes to the MSPDI importer (planner/exchange/mspdi_import.py)."""
    from planner.exchange.mspdi_import import import_into_plan

    try:
        report = import_into_plan(window.document.store, path)
        window.document.push(report.command)
    except PlanError as exc:
        _error(window, str(exc))
        return False
    QMessageBox.information(window, _("Import from MS Project"), "\n".join(report.lines))
    return True


def import_clipboard(window: MainWindow) -> bool:
    """Rows copied from Excel or LibreOffice arrive as tab-separated text, often without
    their header row."""
    text = QGuiApplication.clipboard().text()
    if not text.strip():
        _error(window, _("The clipboard holds no text to import; copy rows from a spreadsheet."))
        return False
    return import_data(
        window,
        text.encode("utf-8"),
        _("the clipboard"),
        ReadOptions(encoding="utf-8", delimiter="\t", header_optional=True),
        can_reread=False,
    )


def import_data(
    window: MainWindow,
    data: bytes,
    name: str,
    options: ReadOptions | None = None,
    can_reread: bool = True,
) -> bool:
    """Read, let the user map and check, import. True if wishes were imported."""
    from planner.exchange.wish_import import ImportWishes
    from ui.exchange.import_dialog import ImportDialog

    document = window.document
    if document.read_only:
        _error(
            window,
            _("This plan cannot be changed: {read_only_reason}.").format(
                read_only_reason=document.store.read_only_reason
            ),
        )
        return False
    base = options or ReadOptions()

    def reread(corrected: ReadOptions) -> Table:
        merged = ReadOptions(
            corrected.encoding, corrected.delimiter, corrected.decimal, corrected.sheet,
            base.header_optional,
        )
        return _with_progress(window, name, len(data), lambda p: read_table(data, name, merged, p))

    try:
        table = _with_progress(window, name, len(data), lambda p: read_table(data, name, base, p))
        dialog = _with_progress(
            window, name, len(data),
            lambda p: ImportDialog(document.store, table, reread if can_reread else None, window,
                                   p),
            _("Checking"),
        )
    except ImportCancelled:
        return False
    except PlanError as exc:
        _error(window, str(exc))
        return False
    if dialog.cancelled:
        dialog.deleteLater()
        return False
    if run_dialog(dialog) != QDialog.DialogCode.Accepted or dialog.preview is None:
        dialog.deleteLater()
        return False
    preview = dialog.preview
    dialog.deleteLater()
    try:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            document.push(ImportWishes(preview))
        finally:
            QApplication.restoreOverrideCursor()
    except PlanError as exc:
        _error(window, str(exc))
        return False
    window.statusBar().showMessage(
        _("Imported {count} wishes from {name} (Ctrl+Z undoes it).").format(
            count=len(preview.wishes), name=name
        ),
        8000,
    )
    return True


def run_dialog(dialog: QDialog) -> int:
    """Show the dialog modally (patched in tests)."""
    return dialog.exec()


def _with_progress(
    window: MainWindow,
    name: str,
    size: int,
    work: Callable[[Progress], T],
    verb: str = N_("Reading"),
) -> T:
    if size < BIG:
        return work(lambda _rows: None)
    verb = _(verb)
    progress = QProgressDialog(f"{verb} {name}…", _("Cancel"), 0, 0, window)
    progress.setWindowTitle(_("Import wishes"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def report(rows: int) -> None:
        progress.setLabelText(
            _("{verb} {name}… {rows:,} rows").format(verb=verb, name=name, rows=rows)
        )
        QApplication.processEvents()
        if progress.wasCanceled():
            raise ImportCancelled()

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work(report)
    finally:
        QApplication.restoreOverrideCursor()
        progress.close()
        progress.deleteLater()


def _error(window: MainWindow, message: str) -> None:
    show_error(window, message)


def show_error(window: MainWindow, message: str) -> None:
    """A message box (patched in tests)."""
    QMessageBox.warning(window, _("Import wishes"), message)


# --- drop and paste --------------------------------------------------------------------------


def dropped_tables(event: QDropEvent | QEvent) -> list[Path]:
    mime = event.mimeData() if hasattr(event, "mimeData") else None
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in SUFFIXES]


class DropImporter(QObject):
    """Files dropped anywhere on the main window (the tables pass drops they cannot use up
    to the window) start an import. Only table files are accepted; a plan file dropped is
    left to whoever else handles it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    @guarded()
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        try:
            kind = event.type()
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                if dropped_tables(event):
                    event.acceptProposedAction()
                    return True
            elif kind == QEvent.Type.Drop:
                paths = dropped_tables(event)
                if paths:
                    event.acceptProposedAction()
                    # After the drop returns: a modal dialog inside a drop handler blocks
                    # the drag source (another application) until it closes.
                    from PySide6.QtCore import QTimer

                    QTimer.singleShot(0, self, lambda p=paths[0]: import_path(self.window, p))
                    return True
        except Exception:  # never let an exception leave a Qt override
            return False
        return False


def install(window: MainWindow) -> QAction:
    """File → Import…, drop on the window, paste into the wishes table."""
    action = QAction(_("&Import wishes…"), window)
    action.setObjectName("import_wishes")
    action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    action.setStatusTip(_("Import wishes from CSV, TSV, Excel or a Jira export"))
    action.triggered.connect(lambda: choose_and_import(window))
    window.import_drop = DropImporter(window)
    window.view_added.connect(lambda widget: _add_paste(window, widget))
    return action


def _add_paste(window: MainWindow, widget: object) -> None:
    from ui.tables.demand_page import DemandPage

    if not isinstance(widget, DemandPage):
        return
    paste = QAction(_("Paste wishes from a spreadsheet"), widget.view)
    paste.setObjectName("paste_wishes")
    paste.setShortcut(QKeySequence.StandardKey.Paste)
    # An open cell editor takes Ctrl+V itself (it asks for the key first).
    paste.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    paste.triggered.connect(lambda: import_clipboard(window))
    widget.view.addAction(paste)
    widget.paste_action = paste
