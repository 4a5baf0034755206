"""Finish-to-start dependency arrows, routed through the gaps between rows and bars.

An arrow leaves the predecessor's end and enters the successor's start from the left. When
there is room between them, its vertical run goes down a column that no bar in the rows it
passes occupies; when the successor starts too early (the dependency-order warning), it
doubles back along the gap between rows, dashed and in the problem colour.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from ui.gantt.marks import Z_ARROW, Mark, PaintContext

STUB = 8.0  # horizontal run out of and into a bar
HEAD = 5.0


def free_column(lo: float, hi: float, blocked: Sequence[tuple[float, float]]) -> float | None:
    """The rightmost x in [lo, hi] outside every blocked interval, or None."""
    x = hi
    for left, right in sorted(blocked, key=lambda b: -b[1]):
        if x < lo:
            return None
        if left - 2 <= x <= right + 2:
            x = left - 3
    return x if x >= lo else None


def least_crossed(lo: float, hi: float, blocked: Sequence[tuple[float, float]]) -> float:
    """No free column: the x in [lo, hi] that runs through the fewest bars and labels
    (the rightmost of equals, nearest the target)."""
    candidates = {hi, lo} | {x for left, right in blocked for x in (left - 3, right + 3)
                             if lo <= x <= hi}
    # Ranges [left - 2, right + 2] holding x: those starting at or before x, less those
    # ending before it. Two bisections per candidate instead of a pass over every range
    # (an arrow down a long plan passes hundreds of bars and has as many candidates).
    starts = sorted(left - 2 for left, _ in blocked)
    ends = sorted(right + 2 for _, right in blocked)
    return min(sorted(candidates, reverse=True),
               key=lambda x: bisect_right(starts, x) - bisect_left(ends, x))


def route(
    source: QRectF,
    source_row: tuple[float, float],
    target: QRectF,
    blocked: Sequence[tuple[float, float]],
) -> tuple[tuple[float, float], ...]:
    """Points from the end of `source` (whose row spans `source_row`, top and bottom) to the
    start of `target`. The arrow drops out of the bar's end into the gap between rows (so it
    never runs through the label beside the bar), follows the gap to a column that the
    `blocked` x-ranges (bars and labels in the rows it crosses) leave free, and enters the
    target from the left. When the target starts too early, that column lies to the left
    of the source and the arrow doubles back along the gap."""
    tx, ty = target.left(), target.center().y()
    down = ty >= source.center().y()
    xs = source.right() - min(STUB, source.width() / 3)
    edge_y = source.bottom() if down else source.top()
    gap_y = source_row[1] if down else source_row[0]
    column = tx - STUB
    if column >= xs:
        free = free_column(xs, column, blocked)
        column = least_crossed(xs, column, blocked) if free is None else free
    return ((xs, edge_y), (xs, gap_y), (column, gap_y), (column, ty), (tx, ty))


@dataclass(slots=True, eq=True)
class ArrowMark(Mark):
    key: tuple
    rect: QRectF
    points: tuple[tuple[float, float], ...]
    violated: bool  # the successor starts before the predecessor ends
    tooltip: str = ""

    z = Z_ARROW

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        colour = pal.severity[2] if self.violated else pal.arrow
        pen = QPen(colour, 2.0 if self.violated else 1.3)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        if self.violated:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in self.points]))
        tx, ty = self.points[-1]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([QPointF(tx, ty), QPointF(tx - HEAD * 1.4, ty - HEAD),
                                       QPointF(tx - HEAD * 1.4, ty + HEAD)]))


def bounds(points: Sequence[tuple[float, float]]) -> QRectF:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return QRectF(min(xs) - HEAD * 2, min(ys) - HEAD * 2,
                  max(xs) - min(xs) + HEAD * 4, max(ys) - min(ys) + HEAD * 4)
