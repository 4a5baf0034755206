"""Painting the roadmap without a window: for the PDF plan pack, the PNG/SVG export and the
command line. Needs only a QGuiApplication (no QGraphicsScene, no widgets), and every mark
is drawn with vector operations, so a QPdfWriter's painter gets vector output with real,
searchable text.

Chart units: at a painter scale of 1, one unit is one point on a PDF page (one pixel on an
image); the print style's labels are 11 units high. `roadmap_size_hint` says how big the
chart is at its natural zoom, so a caller can decide how to split a long plan into date
ranges (`page_ranges` does that) before calling `render_roadmap` for each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPainter

from planner.store import PlanStore
from planner.warnings.types import Warning
from ui.gantt.chart import Chart, ChartOptions, build_chart, chart_range
from ui.gantt.data import GanttData, WarningsProvider, default_warnings, read_plan
from ui.gantt.marks import PaintContext
from ui.gantt.timescale import DAY, ZOOM_PRESETS, clamp_zoom, next_month

# The zoom a printed roadmap is laid out at unless told otherwise: a quarter per ~180 pt.
PRINT_PX_PER_DAY = ZOOM_PRESETS["quarters"]


def paint_chart(painter: QPainter, chart: Chart, target: QRectF,
                source: QRectF | None = None) -> float:
    """Paint `source` (default: the whole chart) into `target`, scaled uniformly to fit and
    aligned top-left. Returns the scale used."""
    source = QRectF(source) if source is not None else chart.bounds
    if source.isEmpty() or target.isEmpty():
        return 0.0
    scale = min(target.width() / source.width(), target.height() / source.height())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setClipRect(target)
    painter.translate(target.topLeft())
    painter.scale(scale, scale)
    painter.translate(-source.topLeft())
    painter.fillRect(source, chart.palette.background)
    ctx = PaintContext(chart.palette, source)
    for mark in sorted(chart.marks, key=lambda m: m.z):
        if mark.rect.intersects(source):
            painter.save()
            mark.paint(painter, ctx)
            painter.restore()
    painter.restore()
    return scale


def _data(store: PlanStore, warnings: WarningsProvider | Sequence[Warning] | None) -> GanttData:
    if warnings is None or callable(warnings):
        return read_plan(store, warnings=warnings if warnings is not None else default_warnings)
    fixed = list(warnings)
    return read_plan(store, warnings=lambda _store: fixed)


def _options(store_data: GanttData, start: dt.date | None, end: dt.date | None, layout: str,
             show_load: bool, style: str, px_per_day: float, today: dt.date | None,
             legend: bool) -> ChartOptions:
    first, last = chart_range(store_data, start, end)
    return ChartOptions(layout=layout, start=first, end=last, px_per_day=px_per_day,
                        show_load=show_load, style=style, today=today, legend=legend)


def render_roadmap(
    painter: QPainter,
    target: QRectF,
    store: PlanStore,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    layout: str = "phases",
    show_load: bool = True,
    style: str = "print",
    legend: bool = True,
    today: dt.date | None = None,
    warnings: WarningsProvider | Sequence[Warning] | None = None,
) -> float:
    """Draw the roadmap for start..end (default: the whole plan) into `target`.

    The zoom is chosen so the chart's proportions match the target's, then the chart is
    scaled uniformly to fit, top-left aligned. `warnings`: a provider or a list (default: the
    warnings engine). Returns the scale (chart units -> painter units), so the caller can tell
    whether the text came out readable (print labels are 11 units: 11 * scale points)."""
    data = _data(store, warnings)
    opts = _options(data, start, end, layout, show_load, style, PRINT_PX_PER_DAY, today, legend)
    first = build_chart(data, opts)
    days = first.scale.days
    wanted = target.width() / max(1e-6, target.height()) * first.bounds.height()
    ppd = clamp_zoom((wanted - first.label_width) / days)
    chart = build_chart(data, ChartOptions(**{**opts.__dict__, "px_per_day": ppd}))
    return paint_chart(painter, chart, target)


def roadmap_size_hint(
    store: PlanStore,
    start: dt.date | None = None,
    end: dt.date | None = None,
    layout: str = "phases",
    *,
    show_load: bool = True,
    style: str = "print",
    legend: bool = True,
    px_per_day: float = PRINT_PX_PER_DAY,
    warnings: WarningsProvider | Sequence[Warning] | None = None,
) -> QSizeF:
    """The chart's natural size in chart units (= points at scale 1) for the date range."""
    data = _data(store, warnings)
    opts = _options(data, start, end, layout, show_load, style, px_per_day, None, legend)
    return build_chart(data, opts).bounds.size()


def page_ranges(
    store: PlanStore,
    width: float,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    label_width: float = 180.0,
    px_per_day: float = PRINT_PX_PER_DAY,
) -> list[tuple[dt.date, dt.date]]:
    """Split start..end (default: the whole plan) into whole-month ranges that each fit
    `width` points at `px_per_day`, for one PDF page each."""
    data = read_plan(store, warnings=None)
    first, last = chart_range(data, start, end)
    days_per_page = max(28, int((width - label_width) / px_per_day))
    ranges = []
    page_start = first
    while page_start <= last:
        page_end = page_start
        candidate = next_month(page_start)
        while candidate - DAY <= last and (candidate - page_start).days <= days_per_page:
            page_end = candidate - DAY
            candidate = next_month(candidate)
        if page_end == page_start:  # not even a month fits: cut at the width
            page_end = min(last, page_start + dt.timedelta(days=days_per_page - 1))
        page_end = min(page_end, last)
        ranges.append((page_start, page_end))
        page_start = page_end + DAY
    return ranges


__all__ = ["paint_chart", "page_ranges", "render_roadmap", "roadmap_size_hint"]
