"""The Gantt view in the main window, once its tab is shown (ui/gantt/tab.py adds the tab and
the export action): File → Export → "Gantt view as PNG or SVG…", and "open in inspector"
wired to the window's inspector when it has one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner.i18n import N_, _
from ui.gantt.export import ExportError, export_chart
from ui.gantt.view import GanttView

FILTERS = N_("PNG image (*.png);;SVG drawing (*.svg)")


def make_view(window, parent: QWidget | None = None) -> GanttView:  # noqa: ANN001 - MainWindow
    """The view for the window's Gantt tab (built when the tab is first shown)."""
    view = GanttView(window.document, parent)
    window.gantt_view = view
    view.open_in_inspector.connect(lambda kind, row_id: _show_in_inspector(window, kind, row_id))
    return view


def export_with_dialog(view: GanttView, parent: QWidget) -> Path | None:
    path_text, chosen = QFileDialog.getSaveFileName(parent, _("Export the Gantt view"),
                                                    "roadmap.png", _(FILTERS))
    if not path_text:
        return None
    path = Path(path_text)
    if not path.suffix:
        path = path.with_suffix(".svg" if "*.svg" in chosen else ".png")
    try:
        export_chart(view.export_chart(), path, view.document.store.plan.title)
    except ExportError as exc:
        QMessageBox.warning(parent, _("Export the Gantt view"), str(exc))
        return None
    return path


def _show_in_inspector(window, kind: str, row_id: int) -> None:  # noqa: ANN001
    # The selection is already shared (the inspector follows it); bring its panel forward.
    dock = getattr(window, "docks", {}).get("inspector")
    if dock is not None:
        dock.show()
        dock.raise_()
