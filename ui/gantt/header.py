"""The time axis above the chart: two tiers whose units follow the zoom (months over ISO
weeks, quarters over months, years over quarters). Paints only the part on screen, so a
ten-year plan costs no more than a one-month one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from planner.i18n import _, pgettext
from planner.i18n.formats import local_date, month_heading
from ui.gantt.marks import Z_LABELS, Mark, PaintContext
from ui.gantt.palette import text_on
from ui.gantt.timescale import DAY, TimeScale, month_start, next_month, quarter_start

Span = tuple[float, float, str]  # x from, x to, label


def _months(
    scale: TimeScale, first: dt.date, last: dt.date, *, wide: bool = False, year: bool = True
) -> list[Span]:
    """Month names in the chosen language: 'Dec 2026', 'des. 2026', 'joulukuu 2026'."""
    out = []
    day = month_start(first)
    while day <= last:
        nxt = next_month(day)
        out.append((scale.x(day), scale.x(nxt), month_heading(day, wide=wide, year=year)))
        day = nxt
    return out


def _quarters(scale: TimeScale, first: dt.date, last: dt.date, with_year: bool) -> list[Span]:
    out = []
    day = quarter_start(first)
    while day <= last:
        nxt = next_month(next_month(next_month(day)))
        # Translators: a calendar quarter in the chart's header, "Q4"; the year may follow.
        label = pgettext("quarter", "Q{number}").format(number=(day.month - 1) // 3 + 1) + (
            f" {day.year}" if with_year else ""
        )
        out.append((scale.x(day), scale.x(nxt), label))
        day = nxt
    return out


def _years(scale: TimeScale, first: dt.date, last: dt.date) -> list[Span]:
    return [(scale.x(dt.date(y, 1, 1)), scale.x(dt.date(y + 1, 1, 1)), str(y))
            for y in range(first.year, last.year + 1)]


def _weeks(
    scale: TimeScale, first: dt.date, last: dt.date, width_of: Callable[[str], float] | None
) -> list[Span]:
    week_px = 7 * scale.px_per_day
    out = []
    day = first - dt.timedelta(days=first.weekday())
    while day <= last:
        iso = day.isocalendar().week
        if week_px >= 120:
            # Translators: a week in the chart's header: "Week 49 · 30 Nov".
            label = _("Week {iso} · {date}").format(
                iso=iso, date=local_date(day, f"{day.day} %b", skeleton="MMMd")
            )
        elif week_px >= 34:
            # Translators: a short ISO week number in the chart's header: "W49".
            label = pgettext("week", "W{number}").format(number=iso)
            # A language's own abbreviation ("uke 49", "v. 49") may not fit the narrowest
            # weeks: the number alone then, rather than nothing.
            if width_of is not None and width_of(label) > week_px - 2:
                label = str(iso)
        elif week_px >= 18:
            label = str(iso)
        else:
            label = ""
        out.append((scale.x(day), scale.x(day + dt.timedelta(days=7)), label))
        day += dt.timedelta(days=7)
    return out


def tiers(
    scale: TimeScale, first: dt.date, last: dt.date, width_of: Callable[[str], float] | None = None
) -> tuple[list[Span], list[Span]]:
    """(upper, lower) spans covering first..last at this zoom; `width_of` measures a lower
    label in the font it is painted in (None: labels are not measured)."""
    ppd = scale.px_per_day
    if ppd >= 2.6:
        return _months(scale, first, last, wide=ppd >= 4), _weeks(scale, first, last, width_of)
    if ppd >= 0.9:
        return _quarters(scale, first, last, True), _months(scale, first, last, year=False)
    return _years(scale, first, last), _quarters(scale, first, last, False)


def _today_text() -> str:
    # Translators: the tag on today's line in the chart's header.
    return pgettext("chart", "today")


@dataclass(slots=True, eq=True)
class HeaderMark(Mark):
    key: tuple
    rect: QRectF  # the timeline part of the header band
    scale: TimeScale
    tier: float
    today_x: float | None = None

    z = Z_LABELS
    partial = True

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        area = self.rect.intersected(ctx.exposed.adjusted(-2, 0, 2, 0))
        if area.isEmpty():
            return
        painter.fillRect(area, pal.header_bg)
        first = max(self.scale.origin, self.scale.day_at(area.left()) - DAY)
        last = min(self.scale.end, self.scale.day_at(area.right()) + DAY)
        upper, lower = tiers(self.scale, first, last, ctx.palette.small_metrics.horizontalAdvance)
        top = self.rect.top()
        self._paint_tier(painter, ctx, upper, top, pal.bold_font, strong=True)
        if self.today_x is not None:
            # The today tag sits in the lower tier; the week or month it covers goes unlabelled.
            tag = self._today_tag(pal)
            lower = [(x0, x1, "" if x0 - 2 < tag.right() and x1 + 2 > tag.left() else label)
                     for x0, x1, label in lower]
        self._paint_tier(painter, ctx, lower, top + self.tier, pal.small_font, strong=False)
        painter.setPen(QPen(pal.grid_strong, 1))
        painter.drawLine(QLineF(area.left(), self.rect.bottom() - 0.5, area.right(),
                                self.rect.bottom() - 0.5))
        if self.today_x is not None:
            self._paint_today(painter, ctx)

    def _today_tag(self, pal) -> QRectF:  # noqa: ANN001
        width = pal.small_metrics.horizontalAdvance(_today_text()) + 8
        return QRectF(self.today_x - width / 2, self.rect.bottom() - self.tier + 3, width,
                      self.tier - 6)

    def _paint_today(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        label = _today_text()
        tag = self._today_tag(pal)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.today)
        painter.drawRoundedRect(tag, 3, 3)
        painter.setFont(pal.small_bold_font)
        painter.setPen(text_on(pal.today))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)
        painter.setPen(QPen(pal.today, 2))
        painter.drawLine(QLineF(self.today_x, tag.bottom(), self.today_x, self.rect.bottom()))

    def _paint_tier(self, painter: QPainter, ctx: PaintContext, spans: list[Span], y: float,
                    font, strong: bool) -> None:  # noqa: ANN001
        pal = ctx.palette
        painter.setFont(font)
        metrics = pal.bold_metrics if strong else pal.small_metrics
        for x0, x1, label in spans:
            x0 = max(x0, self.rect.left())
            x1 = min(x1, self.rect.right())
            painter.setPen(QPen(pal.grid_strong if strong else pal.grid, 1))
            painter.drawLine(QLineF(x0 + 0.5, y + (0 if strong else 4), x0 + 0.5, y + self.tier))
            if not label:
                continue
            painter.setPen(pal.text if strong else pal.muted_text)
            width = x1 - x0 - 8
            if strong:
                text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, width)
                if len(text) > 2:
                    painter.drawText(QRectF(x0 + 5, y, width, self.tier),
                                     Qt.AlignmentFlag.AlignVCenter, text)
            elif metrics.horizontalAdvance(label) <= width + 6:
                painter.drawText(QRectF(x0, y, x1 - x0, self.tier),
                                 Qt.AlignmentFlag.AlignCenter, label)
