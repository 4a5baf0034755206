"""Run an export from the app: a modal progress dialog the user can cancel (large plans take
seconds), a clear message when it fails, and the PDF opened when asked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from planner.i18n import _
from planner.store import PlanStore
from ui.pdf.options import ExportCancelled, ExportError, ExportOptions


def run_export(
    parent: QWidget | None,
    store: PlanStore,
    path: Path,
    options: ExportOptions,
    *,
    open_when_done: bool = False,
) -> Path | None:
    from ui.pdf.writer import export_pdf

    dialog = QProgressDialog(_("Preparing the plan pack…"), _("Cancel"), 0, 0, parent)
    dialog.setObjectName("pdf_progress")
    dialog.setWindowTitle(_("Export PDF"))
    # Modal: the plan cannot change under the export, and setValue() keeps the UI alive.
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    # The window can go while the pages are painted (the dialog is its child, the plan is
    # closed with it): then the export stops as if cancelled.
    gone: list[bool] = []
    dialog.destroyed.connect(lambda *_unused: gone.append(True))

    def progress(done: int, total: int, what: str) -> bool:
        if gone:
            return False
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setLabelText(what)
        dialog.setValue(min(done, total))
        QApplication.processEvents()
        return not gone and not dialog.wasCanceled()

    try:
        export_pdf(store, path, options, progress)
    except ExportCancelled:
        return None
    except ExportError as exc:
        QMessageBox.warning(parent, _("Export PDF"), str(exc))
        return None
    finally:
        if not gone:
            dialog.close()
            dialog.deleteLater()
    if open_when_done:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path
