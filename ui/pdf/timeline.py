"""The roadmap pages: the Gantt view's own chart (ui/gantt/render.py), tiled over pages.

Across: one page per run of whole months (`page_ranges`), each at a zoom that fills the
page width. Down: when a plan has more phases than a page holds, the rows are cut between
rows and the date header is repeated at the top of every page; the load strip and legend
follow the last rows. Everything is painted with the chart's vector marks, at one scale per
date range, so bars, labels and the strip line up from page to page.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTextDocument

from planner.i18n import N_, _
from planner.report import SECTION_TITLES, Section
from planner.report.text import day
from ui.pdf.flow import Page, draw_block, text_document
from ui.pdf.frame import RESOLUTION, pt
from ui.pdf.layout import Context
from ui.pdf.sections.html import heading, para

READABLE_PX_PER_DAY = 1.2
MAX_PHASE_ROWS = 40
MIN_SHRINK = 0.7  # shrink a chart this much to keep it on one page rather than cut it
CAPTION_LANES = (
    N_("With {phases} phases, the roadmap shows one lane per department: each phase is a bar in "
    "the lane of every department it delivers to. Milestones are diamonds; the strip below "
    "shows each department's change load per week. Every phase has its own page further on.")
)
UNIT = RESOLUTION / 72.0  # device units per chart unit (a chart unit is a point)
CAPTION = (
    N_("Phases as bars in plan order, milestones as diamonds, dependency arrows and today's "
    "line; the strip below shows each department's change load per week.")
)


def timeline_pages(ctx: Context, title: str) -> list[Page]:
    from ui.gantt.chart import ChartOptions, build_chart
    from ui.gantt.data import read_plan
    from ui.gantt.labels import RowLabelMark
    from ui.gantt.render import PRINT_PX_PER_DAY, page_ranges
    from ui.gantt.timescale import clamp_zoom

    landscape = ctx.options.landscape_roadmap
    size = ctx.size(landscape)
    width = size.width() / UNIT
    data = read_plan(ctx.store)
    # Past a few dozen phases a row per phase runs to dozens of pages: then the roadmap
    # shows one lane per department, and each phase's own page has its details.
    phases = len(data.phases)
    layout = "phases" if phases <= MAX_PHASE_ROWS else "departments"
    pages: list[Page] = []
    # As many months per page as stay readable (a month at least ~36 pt wide), so a plan of a
    # year or so is one picture rather than two half-empty ones.
    ranges = page_ranges(ctx.store, width, px_per_day=READABLE_PX_PER_DAY)
    for n, (start, end) in enumerate(ranges):
        options = ChartOptions(layout=layout, start=start, end=end, px_per_day=PRINT_PX_PER_DAY,
                               show_load=True, style="print", today=ctx.pack.pack_date,
                               legend=True)
        first = build_chart(data, options)
        ppd = clamp_zoom((width - first.label_width) / max(1, first.scale.days))
        chart = build_chart(data, ChartOptions(**{**options.__dict__, "px_per_day": ppd}))
        scale = min(size.width() / chart.bounds.width(), 1.6 * UNIT)
        span = f"{day(start)} – {day(end)}"
        if n == 0:
            html = heading(1, _(SECTION_TITLES[Section.ROADMAP])) + para(
                _(CAPTION) if layout == "phases" else _(CAPTION_LANES).format(phases=phases))
        else:
            html = heading(2, f"{title} (continued)")
        if len(ranges) > 1:
            html += para(
                _("Page {value} of {count} of the timeline: {span}.").format(
                    value=n + 1, count=len(ranges), span=span
                ),
                "muted",
            )
        head = text_document(html, ctx.device, size.width())
        cont = text_document(
            heading(2, _("{title}, {span} (continued)").format(title=title, span=span)),
            ctx.device,
            size.width(),
        )
        # A chart a little too tall for the page is shrunk to fit rather than cut in two.
        room = size.height() - max(head.size().height(), cont.size().height()) - pt(6)
        fit = room / chart.bounds.height()
        if fit < scale and fit >= MIN_SHRINK * scale:
            scale = fit
        cuts = _row_boundaries(chart, RowLabelMark)
        pages += _tiles(chart, scale, head, cont, cuts, size.height(), landscape)
    return pages


def _row_boundaries(chart, label_type: type) -> list[float]:  # noqa: ANN001
    """Where the body may be cut between pages: between lanes, and between the rows of bars
    inside a lane (a department's lane can be taller than a page)."""
    body = chart.body_rect
    metrics = chart.palette.metrics
    pad = (metrics.row_height - metrics.bar_height) / 2
    cuts = {m.rect.top() for m in chart.marks if isinstance(m, label_type)}
    for bars in chart.bars.values():
        for bar in bars:
            cuts.add(bar.bar.top() - pad)
            cuts.add(bar.bar.top() - pad + metrics.row_height)
    return sorted(c for c in cuts if body.top() <= c <= body.bottom())


def _tiles(chart, scale: float, head: QTextDocument, cont: QTextDocument,  # noqa: ANN001
           cuts: list[float], height: float, landscape: bool) -> list[Page]:
    """Cut the body into row bands that fit under the page heading and the date header."""
    gap = pt(6)
    header = chart.header_rect
    tail = chart.load_rect.united(chart.legend_rect) if not chart.load_rect.isEmpty() \
        else chart.legend_rect
    body = chart.body_rect
    bounds = [*cuts, body.bottom()] if cuts else [body.top(), body.bottom()]
    bands: list[list[QRectF]] = []
    top = bounds[0]
    doc = head
    while True:
        room = (height - doc.size().height() - gap) / scale - header.height()
        bottom = top
        for b in bounds:
            if b > top and b - top <= room:
                bottom = b
        if bottom == top:  # a single row taller than the page: take it anyway
            bottom = next((b for b in bounds if b > top), body.bottom())
        band = [QRectF(body.left(), top, body.width(), bottom - top)]
        top = bottom
        last = top >= body.bottom() - 1e-6
        if last and not tail.isEmpty():
            if (bottom - band[0].top()) + tail.height() <= room:
                band.append(tail)
                bands.append(band)
                break
            bands.append(band)
            bands.append([tail])
            break
        bands.append(band)
        if last:
            break
        doc = cont
    return [
        Page(_painter(chart, scale, head if i == 0 else cont, band, gap), landscape)
        for i, band in enumerate(bands)
    ]


def _painter(chart, scale: float, doc: QTextDocument, band: list[QRectF], gap: float):  # noqa: ANN001, ANN202
    from ui.gantt.render import paint_chart

    def paint(painter: QPainter, rect: QRectF) -> None:
        y = rect.top() + draw_block(painter, doc, rect.left(), rect.top()) + gap
        for source in [chart.header_rect, *band]:
            target = QRectF(rect.left(), y, source.width() * scale, source.height() * scale)
            paint_chart(painter, chart, target, source)
            y += target.height()

    return paint
