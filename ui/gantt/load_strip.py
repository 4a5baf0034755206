"""The department load strip under the timeline: one row per department, one cell per week,
coloured by the share of the department's weekly change capacity (planner/load.py, the same
numbers the department-overloaded warning uses). Overloaded weeks are hatched in the problem
colour and, where a cell is wide enough, say their percentage."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from planner.i18n.formats import percent_sign
from planner.load import LoadTable
from ui.gantt.marks import Z_BAR, Mark, PaintContext
from ui.gantt.palette import OVERLOAD_PATTERN, text_on
from ui.gantt.timescale import TimeScale

Cell = tuple[float, float, float, float]  # x from, x to, ratio, person-days


def load_cells(table: LoadTable, dept_id: int, scale: TimeScale) -> tuple[Cell, ...]:
    week = dt.timedelta(days=7)
    cells = []
    for monday, amount in sorted(table.load.get(dept_id, {}).items()):
        if amount <= 0 or monday + week <= scale.origin or monday > scale.end:
            continue
        x0 = max(0.0, scale.x(monday))
        x1 = min(scale.width, scale.x(monday + week))
        cells.append((x0, x1, table.ratio(dept_id, monday), amount))
    return tuple(cells)


def percent(ratio: float) -> str:
    if ratio == float("inf"):
        return "∞"  # load on a department that can absorb nothing
    return percent_sign("<1%" if 0 < ratio < 0.005 else f"{round(ratio * 100)}%")


@dataclass(slots=True, eq=True)
class LoadRowMark(Mark):
    key: tuple
    rect: QRectF  # the timeline part of the row
    dept_id: int
    cells: tuple[Cell, ...]
    capacity: float
    striped: bool

    z = Z_BAR
    partial = True

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        area = self.rect.intersected(ctx.exposed.adjusted(-1, -1, 1, 1))
        if area.isEmpty():
            return
        painter.fillRect(area, pal.alt_row if self.striped else pal.background)
        top, height = self.rect.top() + 1, self.rect.height() - 2
        painter.setFont(pal.small_font)
        text_w = pal.small_metrics.horizontalAdvance(percent_sign("100%")) + 4
        # Cells are in date order: start at the first one reaching the exposed part (a
        # ten-year plan has hundreds per row; a repaint must not walk them all).
        first = bisect_right(self.cells, area.left(), key=lambda c: c[1])
        previous = self.cells[first - 1] if first > 0 else None
        for cell_data in self.cells[first:]:
            x0, x1, ratio, _amount = cell_data
            if x0 > area.right():
                break
            # A run of weeks at the same load is labelled once, at its start: easier to read
            # than a row of identical numbers, and far fewer texts to draw.
            same_run = previous is not None and abs(previous[1] - x0) < 1 \
                and abs(previous[2] - ratio) < 0.005
            previous = cell_data
            fill = pal.load_fill(ratio)
            if fill is None:
                continue
            cell = QRectF(x0 + 0.5, top, x1 - x0 - 1, height)
            painter.fillRect(cell, fill)
            over = ratio > 1.0 + 1e-9
            if over:
                painter.fillRect(cell, QBrush(QColor("#ffffff"), OVERLOAD_PATTERN))
            if cell.width() >= text_w and (not same_run or x0 <= area.left() + 1):
                painter.setFont(pal.small_bold_font if over else pal.small_font)
                label = percent(ratio)
                if over:
                    # A solid backing keeps the number legible over the hatch.
                    back = QRectF(0, 0, pal.small_metrics.horizontalAdvance(label) + 6, height - 2)
                    back.moveCenter(cell.center())
                    painter.fillRect(back, fill)
                painter.setPen(text_on(fill))
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, label)
        painter.setPen(QPen(pal.grid, 1))
        painter.drawLine(QLineF(area.left(), self.rect.bottom() - 0.5, area.right(),
                                self.rect.bottom() - 0.5))

    def ratio_at(self, x: float) -> tuple[float, float] | None:
        """(ratio, person-days) of the week under x, for the hover."""
        for x0, x1, ratio, amount in self.cells:
            if x0 <= x < x1:
                return ratio, amount
        return None
