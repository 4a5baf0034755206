"""The PDF plan pack: Qt's own PDF writer and text layout, matplotlib for the charts.

`ui.pdf.writer.export_pdf` writes a pack; `install(window)` (called for every main window by
ui/app_window.py) adds File → Export → PDF plan pack…. Kept light: the writer, matplotlib
and QtSvg load only when a pack is made, and the dialog when it is opened, not when the app
starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.i18n import _

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """File → Export → Export PDF… (Ctrl+Shift+P); the dialog's module loads when it is used."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    action = QAction(_("Export &PDF…"), window)
    action.setObjectName("export_pdf")
    action.setShortcut("Ctrl+Shift+P")
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: _export(window))
    window.export_menu.addAction(action)
    window.export_pdf_action = action


def _export(window: MainWindow) -> None:
    from ui.pdf.dialog import export_from_window

    export_from_window(window)
