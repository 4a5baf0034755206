"""Dates to chart x coordinates and back, zoom levels and drag snapping.

The chart is laid out in "chart units" (device-independent pixels at 100 %): zooming changes
how many units a day is wide and the chart is laid out again, so text never stretches. Dates
are inclusive, as in the plan: a phase from Monday to Friday covers x(Mon) .. x(Sat).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

DAY = dt.timedelta(days=1)

# Units per day for the toolbar presets. A week is 168 / 42 / 14 units wide.
ZOOM_PRESETS: dict[str, float] = {"weeks": 24.0, "months": 6.0, "quarters": 2.0}
MIN_PX_PER_DAY = 0.25
MAX_PX_PER_DAY = 80.0
# From this zoom on, a day is wide enough to aim at: drags snap to days, else to weeks.
DAY_SNAP_FROM = 10.0


@dataclass(frozen=True)
class TimeScale:
    origin: dt.date  # the date at x = 0
    end: dt.date  # the last date shown (inclusive)
    px_per_day: float

    @property
    def width(self) -> float:
        return self.x(self.end + DAY)

    @property
    def days(self) -> int:
        return (self.end - self.origin).days + 1

    def x(self, day: dt.date) -> float:
        return (day - self.origin).days * self.px_per_day

    def day_at(self, x: float) -> dt.date:
        """The date whose column holds x."""
        return self.origin + dt.timedelta(days=math.floor(x / self.px_per_day))

    def days_for(self, dx: float) -> int:
        """A horizontal distance as a whole number of days (rounded)."""
        return round(dx / self.px_per_day)

    @property
    def snaps_to_days(self) -> bool:
        return self.px_per_day >= DAY_SNAP_FROM

    def with_zoom(self, px_per_day: float) -> TimeScale:
        return TimeScale(self.origin, self.end, clamp_zoom(px_per_day))


def clamp_zoom(px_per_day: float) -> float:
    return min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, px_per_day))


def fit_zoom(days: int, width: float) -> float:
    return clamp_zoom(width / max(1, days))


def snap_shift(days: int, snap_days: bool) -> int:
    """A move by `days`, snapped: whole weeks when zoomed out, so a Monday-to-Friday phase
    stays Monday to Friday."""
    return days if snap_days else 7 * round(days / 7)


def snap_start(day: dt.date, snap_days: bool) -> dt.date:
    """A new start date: the nearest Monday when zoomed out."""
    if snap_days:
        return day
    monday = day - dt.timedelta(days=day.weekday())
    return monday + dt.timedelta(days=7) if day.weekday() >= 4 else monday


def snap_end(day: dt.date, snap_days: bool, working_days: str = "12345") -> dt.date:
    """A new end date: the last working day of the nearest week when zoomed out."""
    if snap_days:
        return day
    monday = day - dt.timedelta(days=day.weekday())
    if day.weekday() < 2:  # early in the week: the end of the week before
        monday -= dt.timedelta(days=7)
    last = max((int(c) for c in working_days if c.isdigit()), default=5)
    return monday + dt.timedelta(days=last - 1)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
