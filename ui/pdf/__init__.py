"""The PDF plan pack: Qt's own PDF writer and text layout, matplotlib for the charts.

`ui.pdf.writer.export_pdf` writes a pack; `install(window)` (called for every main window by
ui/app_window.py) adds File → Export → PDF plan pack…. Kept light: the writer, matplotlib
and QtSvg load only when a pack is made, not when the app starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    from ui.pdf.dialog import install_action

    install_action(window)
