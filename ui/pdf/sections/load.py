"""Department load: a chart per department with its capacity line and the weeks over
capacity marked, then the overload periods as a table (searchable, and exact)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

from planner.i18n import N_, _, ngettext
from planner.i18n.formats import decimal_sign
from planner.report import SECTION_TITLES, Section
from planner.report.model import LoadChart
from planner.report.text import day
from ui.pdf.flow import Page, draw_block, text_document
from ui.pdf.frame import RESOLUTION, pt
from ui.pdf.layout import Context, Part
from ui.pdf.load_chart import COLUMNS, chart_svg, panels_per_page
from ui.pdf.sections.html import cell, heading, para, row, table

WEEK, DAY = dt.timedelta(days=7), dt.timedelta(days=1)

INTRO = (
    N_("Change landing on each department per week, in person-days, from the wishes its phases "
    "deliver (spread over each phase's working days; overlapping phases add up). The dashed "
    "line is what the department can absorb in a week; red marks the weeks above it.")
)


def parts(ctx: Context) -> list[Part]:
    title = _(SECTION_TITLES[Section.LOAD])
    chart = ctx.pack.load
    if chart is None or not chart.weeks or not chart.series:
        html = heading(1, title) + para(_("No dated phase puts load on any department yet."))
        return [Part(title, ctx.flow(html))]
    return [Part(title, _pages(ctx, chart, title))]


def _pages(ctx: Context, chart: LoadChart, title: str) -> list[Page]:
    """The overload summary first (what a committee acts on), then the charts: under the
    summary when it is short, from a fresh page when it is long."""
    size = ctx.size()
    head_html = heading(1, title) + para(_(INTRO)) + _overload_table(chart)
    head = text_document(head_html, ctx.device, size.width())
    later = text_document(heading(2, f"{title} (continued)"), ctx.device, size.width())
    pages: list[Page] = []
    if head.size().height() > size.height() * 0.45:
        pages = ctx.flow(head_html)
        head = later
    gap = pt(8)
    series = list(chart.series)
    while series:
        count = panels_per_page((size.height() - head.size().height() - gap) / RESOLUTION)
        pages.append(Page(_painter(chart, series[:count], head, gap)))
        series = series[count:]
        head = later
    return pages


def _painter(chart, series, head, gap):  # noqa: ANN001, ANN202 - a closure per page
    def paint(painter: QPainter, rect: QRectF) -> None:
        top = rect.top() + draw_block(painter, head, rect.left(), rect.top()) + gap
        # Rows fill the page only as far as they need (a plan with 3 departments gets a
        # short chart, not three stretched panels).
        rows = -(-len(series) // COLUMNS)
        full_rows = max(1, panels_per_page((rect.bottom() - top) / RESOLUTION) // COLUMNS)
        height = (rect.bottom() - top) * min(1.0, rows / full_rows)
        target = QRectF(rect.left(), top, rect.width(), height)
        svg = chart_svg(chart, series, target.width() / RESOLUTION, target.height() / RESOLUTION)
        QSvgRenderer(svg).render(painter, target)

    return paint


def _overload_table(chart: LoadChart) -> str:
    over = [s for s in chart.series if s.overloaded]
    if not over:
        return para(_("No department is loaded above its capacity in any week."))
    rows = []
    for s in over:
        periods = [f"{day(a)} – {day(b + WEEK - DAY)}" for a, b in s.overloaded[:3]]
        if len(s.overloaded) > 3:
            rest = len(s.overloaded) - 3
            periods.append(ngettext("and {value} more period", "and {value} more periods",
                                    rest).format(value=rest))
        rows.append(row([cell(s.department), cell("\n".join(periods)),
                         cell(ngettext("{n} week", "{n} weeks", s.weeks_over).format(
                             n=s.weeks_over), num=True),
                         cell(decimal_sign(f"{s.capacity:g}"), num=True),
                         cell(decimal_sign(f"{s.peak:.1f}"), num=True)]))
    return table(
        [_("Department"), _("When"), _("Over for"), _("Capacity"), _("Peak")], rows,
        [24, 40, 12, 12, 12], numeric=(2, 3, 4),
        caption=_("Over capacity (person-days a week)"),
    )
