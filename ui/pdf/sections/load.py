"""Department load: a chart per department with its capacity line and the weeks over
capacity marked, then the overload periods as a table (searchable, and exact)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

from planner.report import SECTION_TITLES, Section
from planner.report.model import LoadChart
from planner.report.text import day, plural
from ui.pdf.flow import Page, draw_block, text_document
from ui.pdf.frame import RESOLUTION, pt
from ui.pdf.layout import Context, Part
from ui.pdf.load_chart import chart_svg, panels_per_page
from ui.pdf.sections.html import cell, heading, para, row, table

INTRO = (
    "Change landing on each department per week, in person-days, from the wishes its phases "
    "deliver (spread over each phase's working days; overlapping phases add up). The dashed "
    "line is what the department can absorb in a week; red marks the weeks above it."
)


def parts(ctx: Context) -> list[Part]:
    title = SECTION_TITLES[Section.LOAD]
    chart = ctx.pack.load
    if chart is None or not chart.weeks or not chart.series:
        html = heading(1, title) + para("No dated phase puts load on any department yet.")
        return [Part(title, ctx.flow(html))]
    pages = _chart_pages(ctx, chart, title)
    pages += ctx.flow(_overload_table(chart))
    return [Part(title, pages)]


def _chart_pages(ctx: Context, chart: LoadChart, title: str) -> list[Page]:
    size = ctx.size()
    first = text_document(heading(1, title) + para(INTRO), ctx.device, size.width())
    later = text_document(heading(2, f"{title} (continued)"), ctx.device, size.width())
    gap = pt(6)
    room = min(size.height() - first.size().height(), size.height() - later.size().height())
    per_page = panels_per_page((room - gap) / RESOLUTION)
    pages = []
    for start in range(0, len(chart.series), per_page):
        series = chart.series[start:start + per_page]
        head = first if start == 0 else later
        pages.append(Page(_painter(chart, series, head, gap)))
    return pages


def _painter(chart, series, head, gap):  # noqa: ANN001, ANN202 - a closure per page
    def paint(painter: QPainter, rect: QRectF) -> None:
        top = rect.top() + draw_block(painter, head, rect.left(), rect.top()) + gap
        # Rows fill the page only as far as they need (a plan with 3 departments gets a
        # short chart, not three stretched panels).
        rows = -(-len(series) // 2)
        full_rows = max(1, int(((rect.bottom() - top) / RESOLUTION) // 2.1))
        height = (rect.bottom() - top) * min(1.0, rows / full_rows)
        target = QRectF(rect.left(), top, rect.width(), height)
        svg = chart_svg(chart, series, target.width() / RESOLUTION, target.height() / RESOLUTION)
        QSvgRenderer(svg).render(painter, target)

    return paint


def _overload_table(chart: LoadChart) -> str:
    html = heading(2, "Weeks over capacity")
    rows = []
    for s in chart.series:
        for start, last in s.overloaded:
            weeks = (last - start).days // 7 + 1
            rows.append(row([cell(s.department), cell(f"{day(start)} – week of {day(last)}"),
                             cell(plural(weeks, "week"), num=True),
                             cell(f"{s.capacity:g}", num=True)]))
    if not rows:
        return html + para("No department is loaded above its capacity in any week.")
    return html + table(["Department", "Period", "Length", "Capacity (pd/wk)"], rows,
                        [30, 40, 14, 16], numeric=(2, 3))
