"""File → Export → Excel workbook…, CSV…, MS Project XML…, Calendar…: thin dialogs over
planner/exchange/. The exchange modules (openpyxl, icalendar) load only when an export is
made, never when a window opens.

Every failure is one message box with the exporter's own words; the target file is written
beside and renamed into place, so a failed export never leaves half a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from planner.errors import PlanError
from planner.i18n import N_, _

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# (object name, menu text, shortcut or "", file filter, suffix)
EXPORTS = (
    ("export_xlsx", N_("&Excel workbook…"), "Ctrl+Shift+E", N_("Excel workbook (*.xlsx)"), ".xlsx"),
    ("export_csv", N_("&CSV or TSV table…"), "", N_("CSV (*.csv);;Tab-separated (*.tsv)"), ".csv"),
    ("export_mspdi", N_("&MS Project XML…"), "", N_("MS Project XML (*.xml)"), ".xml"),
    ("export_ics", N_("Ca&lendar (.ics)…"), "", N_("iCalendar (*.ics)"), ".ics"),
)
TABLE_LABELS = {
    "wishes": N_("Wishes"),
    "phases": N_("Phases"),
    "departments": N_("Departments (with weekly load)"),
    "milestones": N_("Milestones"),
    "objectives": N_("Objectives"),
    "warnings": N_("Warnings"),
}


class ExchangeExports:
    """The actions and what they do; dialogs are methods so tests can answer them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.actions: dict[str, QAction] = {}
        menu = window.export_menu
        for name, text, shortcut, file_filter, suffix in EXPORTS:
            action = QAction(_(text), window)
            action.setObjectName(name)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(
                lambda _unused=False, n=name, f=file_filter, s=suffix: self.export(n, _(f), s)
            )
            menu.addAction(action)
            self.actions[name] = action
        menu.addSeparator()  # the PDF pack and the Gantt image follow

    # --- dialogs (patched in tests) ---------------------------------------------------------

    def ask_path(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        name, _unused = QFileDialog.getSaveFileName(self.window, title, str(suggested), file_filter)
        return Path(name) if name else None

    def ask_table(self) -> str | None:
        labels = [_(v) for v in TABLE_LABELS.values()]
        label, ok = QInputDialog.getItem(
            self.window, _("Export CSV"), _("Which table?"), labels, 0, False
        )
        if not ok:
            return None
        return next(k for k, v in TABLE_LABELS.items() if _(v) == label)

    def ask_backlog(self) -> bool | None:
        answer = QMessageBox.question(
            self.window,
            _("Export to MS Project"),
            _("Include the backlog (wishes not in a phase) as a last, inactive summary task?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return answer == QMessageBox.StandardButton.Yes

    def error(self, message: str) -> None:
        QMessageBox.critical(self.window, _("Export"), message)

    def done(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    # --- exporting ----------------------------------------------------------------------------

    def suggested(self, stem_suffix: str, suffix: str) -> Path:
        store = self.window.document.store
        folder = store.path.parent if store.path is not None else Path.home()
        stem = store.path.stem if store.path is not None else "plan"
        return folder / f"{stem}{stem_suffix}{suffix}"

    def export(self, name: str, file_filter: str, suffix: str) -> Path | None:
        store = self.window.document.store
        table, backlog = "wishes", True
        if name == "export_csv":
            chosen = self.ask_table()
            if chosen is None:
                return None
            table = chosen
        if name == "export_mspdi":
            answer = self.ask_backlog()
            if answer is None:
                return None
            backlog = answer
        stem_suffix = f" - {table}" if name == "export_csv" else ""
        path = self.ask_path(_("Export"), self.suggested(stem_suffix, suffix), file_filter)
        if path is None:
            return None
        if not path.suffix:
            path = path.with_name(path.name + suffix)
        if store.path is not None and path.resolve() == store.path.resolve():
            self.error(_("That is the plan file itself; choose another name."))
            return None
        try:
            message = self._write(name, store, path, table, backlog)
        except PlanError as exc:
            self.error(str(exc))
            return None
        except OSError as exc:
            self.error(
                _("Cannot write {name}: {value}.").format(name=path.name, value=exc.strerror or exc)
            )
            return None
        self.done(message)
        return path

    def _write(self, name: str, store, path: Path, table: str, backlog: bool) -> str:  # noqa: ANN001
        if name == "export_xlsx":
            from planner.exchange.xlsx_export import export_xlsx

            sheets = export_xlsx(store, path)
            return _('Wrote {name} ({sheets} sheets).').format(name=path.name, sheets=sheets)
        if name == "export_csv":
            from planner.exchange.csv_export import export_csv

            rows = export_csv(store, path, table)
            return _("Wrote {name} ({lower}, {rows} rows).").format(
                name=path.name, lower=TABLE_LABELS[table].lower(), rows=rows
            )
        if name == "export_mspdi":
            from planner.exchange.mspdi_export import export_mspdi

            result = export_mspdi(store, path, include_backlog=backlog)
            return _("Wrote {name} ({tasks} tasks). ").format(
                name=path.name, tasks=result.tasks
            ) + " ".join(result.notes)
        from planner.exchange.ical_export import export_ics

        events = export_ics(store, path)
        return _('Wrote {name} ({events} events).').format(name=path.name, events=events)


def add_export_actions(window: MainWindow) -> ExchangeExports:
    exports = ExchangeExports(window)
    window.exchange_exports = exports
    return exports

