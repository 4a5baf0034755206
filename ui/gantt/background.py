"""What lies behind the bars: row stripes, lane separators, non-working days, week and month
lines, and the today line. Painted for the exposed part only."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPen

from ui.gantt.marks import Z_BACKGROUND, Z_TODAY, Mark, PaintContext
from ui.gantt.timescale import DAY, TimeScale, next_month

# Shade weekends only when a day is at least this wide; below it they'd be noise.
SHADE_FROM = 5.0


@dataclass(frozen=True, slots=True)
class Band:
    """A horizontal band of the body: one row, or one department lane of several rows."""

    top: float
    height: float
    striped: bool
    lane_start: bool  # draw a strong separator above it


def grid_days(scale: TimeScale, first: dt.date, last: dt.date) -> tuple[list[float], list[float]]:
    """x of week starts (when a week is wide enough to show) and of month starts."""
    weeks: list[float] = []
    if 7 * scale.px_per_day >= 12:
        day = first - dt.timedelta(days=first.weekday())
        while day <= last:
            weeks.append(scale.x(day))
            day += dt.timedelta(days=7)
    months: list[float] = []
    day = first.replace(day=1)
    while day <= last:
        months.append(scale.x(day))
        day = next_month(day)
    return weeks, months


@dataclass(slots=True, eq=True)
class GridMark(Mark):
    key: tuple
    rect: QRectF
    scale: TimeScale
    bands: tuple[Band, ...]
    working_days: str

    z = Z_BACKGROUND
    partial = True

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        area = self.rect.intersected(ctx.exposed.adjusted(-1, -1, 1, 1))
        if area.isEmpty():
            return
        painter.fillRect(area, pal.background)
        # Bands are top to bottom: start at the first one reaching the exposed part.
        band0 = max(0, bisect_right(self.bands, area.top(), key=lambda b: b.top) - 1)
        for band in self.bands[band0:]:
            if band.top > area.bottom():
                break
            if band.striped and band.top + band.height > area.top():
                painter.fillRect(QRectF(area.left(), band.top, area.width(), band.height),
                                 pal.alt_row)
        first = max(self.scale.origin, self.scale.day_at(area.left()))
        last = min(self.scale.end, self.scale.day_at(area.right()))
        self._paint_non_working(painter, ctx, area, first, last)
        weeks, months = grid_days(self.scale, first, last)
        painter.setPen(QPen(pal.grid, 1))
        painter.drawLines([QLineF(x + 0.5, area.top(), x + 0.5, area.bottom()) for x in weeks])
        painter.setPen(QPen(pal.grid_strong, 1))
        painter.drawLines([QLineF(x + 0.5, area.top(), x + 0.5, area.bottom()) for x in months])
        lanes = [b.top for b in self.bands[band0:]
                 if b.lane_start and area.top() <= b.top <= area.bottom()]
        painter.drawLines([QLineF(area.left(), y + 0.5, area.right(), y + 0.5) for y in lanes])

    def _paint_non_working(self, painter: QPainter, ctx: PaintContext, area: QRectF,
                           first: dt.date, last: dt.date) -> None:
        if self.scale.px_per_day < SHADE_FROM:
            return
        working = {int(c) for c in self.working_days if c.isdigit()}
        day = first
        while day <= last:
            if day.isoweekday() not in working:
                x = self.scale.x(day)
                painter.fillRect(QRectF(x, area.top(), self.scale.px_per_day, area.height()),
                                 ctx.palette.non_working)
            day += DAY


@dataclass(slots=True, eq=True)
class TodayMark(Mark):
    """A line through the rows and the load strip; the header tags it "today"."""

    key: tuple
    rect: QRectF
    x: float

    z = Z_TODAY

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        painter.setPen(QPen(ctx.palette.today, 2))
        painter.drawLine(QLineF(self.x, self.rect.top(), self.x, self.rect.bottom()))
