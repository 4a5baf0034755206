"""The chart as a list of marks: plain objects that know their bounds and how to paint
themselves with a QPainter, in chart coordinates.

Marks are the one place the chart is drawn. The interactive view wraps each in a
QGraphicsItem (ui/gantt/scene.py); the PNG/SVG export and the PDF roadmap paint them straight
onto their painter (ui/gantt/render.py), which needs no QGraphicsScene and so no
QApplication, and stays vector output on a PDF. Marks compare by value, so after an edit
the view only touches the items whose marks changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from ui.gantt.palette import Palette

# Stacking order (higher paints on top).
Z_BACKGROUND = 0.0
Z_ARROW = 2.0
Z_BAR = 3.0
Z_MILESTONE = 4.0
Z_TODAY = 1.0  # under the bars, so it never strikes through a label
Z_LABELS = 6.0


@dataclass(slots=True)
class PaintContext:
    palette: Palette
    exposed: QRectF  # the part being painted, in chart coordinates
    selected: bool = False


class Mark:
    """Subclasses are dataclasses with at least `key` (identity across rebuilds) and `rect`
    (bounds in chart coordinates)."""

    key: tuple
    rect: QRectF
    z: float = Z_BACKGROUND
    # Marks that paint only the exposed part (long rows, the header): the view asks Qt for
    # the exposed rectangle for these.
    partial: bool = False
    selectable: bool = False
    tooltip: str = ""

    def paint(self, painter, ctx: PaintContext) -> None:  # noqa: ANN001 - QPainter
        raise NotImplementedError
