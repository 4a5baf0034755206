"""The chart builder: plan data + options -> a Chart, i.e. regions and marks in chart
coordinates. The one place the roadmap's layout is decided; the view, the PNG/SVG export and
the PDF plan pack all draw what this returns.

Coordinates: x = 0 is the first date shown and grows by `px_per_day`; the label column is
at negative x. y = 0 is the top of the rows; the time header sits above it (negative y),
the load strip and the legend below the rows.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor

from planner.enums import label as enum_label
from planner.i18n import _, language
from planner.i18n.formats import Local, local_date, local_number
from planner.queries import working_days_between
from ui.gantt.arrows import ArrowMark, bounds, route
from ui.gantt.background import Band, GridMark, TodayMark
from ui.gantt.bars import BarMark
from ui.gantt.data import DepartmentInfo, GanttData, PhaseInfo
from ui.gantt.ghosts import GHOST_HEIGHT, GhostBarMark, GhostMilestoneMark, Ghosts, shift_text
from ui.gantt.header import HeaderMark
from ui.gantt.labels import RowLabelMark
from ui.gantt.legend import LegendMark
from ui.gantt.load_strip import LoadRowMark, load_cells
from ui.gantt.marks import Mark
from ui.gantt.memo import ChartMemo
from ui.gantt.milestones import MilestoneMark
from ui.gantt.palette import Palette, palette_for
from ui.gantt.rows import pack
from ui.gantt.timescale import DAY, ZOOM_PRESETS, TimeScale, month_start, next_month

LAYOUTS = ("phases", "departments")
MAX_MILESTONE_LANES = 5
MAX_OUTSIDE_LABEL = 520.0  # roadmap: a label beside its bar (nothing else shares the row)
MAX_LANE_LABEL = 220.0  # swimlanes: shorter, since it pushes other bars down


@dataclass(frozen=True)
class ChartOptions:
    layout: str = "phases"  # one row per phase, or "departments": swimlanes
    start: dt.date | None = None  # None: from the first planned date
    end: dt.date | None = None
    px_per_day: float = ZOOM_PRESETS["months"]
    show_load: bool = True
    style: str = "screen"
    today: dt.date | None = None  # None: the real today
    show_today: bool = True
    legend: bool = False
    show_undated: bool = False  # rows for phases without dates (the interactive view)
    ghosts: Ghosts | None = None  # a baseline drawn under today's bars (ui/gantt/ghosts.py)


@dataclass
class Chart:
    options: ChartOptions
    palette: Palette
    scale: TimeScale
    label_width: float
    header_rect: QRectF  # the whole header band, corner included
    body_rect: QRectF  # the rows, label column included
    load_rect: QRectF  # the load strip, label column included (empty without it)
    legend_rect: QRectF
    marks: list[Mark] = field(default_factory=list)
    bars: dict[int, list[BarMark]] = field(default_factory=dict)
    load_rows: dict[int, LoadRowMark] = field(default_factory=dict)

    @property
    def bounds(self) -> QRectF:
        return self.header_rect.united(self.body_rect).united(self.load_rect).united(
            self.legend_rect)

    @property
    def timeline_width(self) -> float:
        return self.scale.width


def chart_range(
    data: GanttData, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The dates shown: as asked, else whole months around everything planned."""
    span = data.date_span() or (dt.date.today(), dt.date.today())
    first = start or month_start(span[0] - dt.timedelta(days=7))
    last = end or next_month(span[1] + dt.timedelta(days=7)) - DAY
    return first, max(first, last)


def effort_text(days: float) -> str:
    shown = local_number(days, ".0f" if abs(days - round(days)) < 0.05 else ".1f")
    return _("{days} pd").format(days=shown)


def date_text(day: dt.date) -> str:
    return _date_text(day, language())


@lru_cache(maxsize=4096)
def _date_text(day: dt.date, code: str) -> str:
    # Cached: strftime is slow (it imports `time` on every call) and a plan has few dates;
    # by language too, as the language can change while the app runs.
    return local_date(day, f"%a {day.day} %b %Y", skeleton="yMMMEd")


class _Builder:
    def __init__(self, data: GanttData, options: ChartOptions, memo: ChartMemo | None) -> None:
        if options.layout not in LAYOUTS:
            raise ValueError(
                _("Unknown layout '{layout}'; use one of {join}.").format(
                    layout=options.layout, join=", ".join(LAYOUTS)
                )
            )
        self.data = data
        self.o = options
        self.pal = palette_for(options.style) if memo is None else memo.palette(options.style)
        self.m = self.pal.metrics
        first, last = chart_range(data, options.start, options.end)
        self.scale = TimeScale(first, last, options.px_per_day)
        self.memo = memo
        if memo is not None:
            memo.begin((options, self.scale, tuple(data.departments), data.working_days))
        fms = (self.pal.label_metrics, self.pal.small_metrics, self.pal.bold_metrics)
        if memo is not None:
            fms = tuple(memo.metrics(fm) for fm in fms)
        self.label_fm, self.small_fm, self.bold_fm = fms
        self.width = self.scale.width
        self.marks: list[Mark] = []
        self.bars: dict[int, list[BarMark]] = {}
        self.labels: list[RowLabelMark] = []  # x fixed once the column width is known
        self.bands: list[Band] = []
        self.depts = {d.id: d for d in data.departments}
        self.incoming = {succ for _pred, succ in data.dependencies}
        self.colours = {d.id: QColor(d.colour) for d in data.departments}
        self.y = 0.0

    # --- rows ---------------------------------------------------------------------------

    def visible_phases(self) -> list[PhaseInfo]:
        out = []
        for p in self.data.phases:
            if p.dated:
                if p.end >= self.scale.origin and p.start <= self.scale.end:  # type: ignore[operator]
                    out.append(p)
            elif self.o.show_undated and self.o.layout == "phases":
                out.append(p)  # a row saying it has no dates yet
        return out

    def add_row(self, key: tuple, height: float, text: str, detail: str = "",
                swatch: QColor | None = None, lane_start: bool = False, bold: bool = False,
                tooltip: str = "") -> float:
        striped = len(self.bands) % 2 == 1
        self.bands.append(Band(self.y, height, striped, lane_start))
        self.labels.append(RowLabelMark(key, QRectF(0, self.y, 0, height), text, detail, swatch,
                                        striped, bold, lane_start, tooltip))
        top = self.y
        self.y += height
        return top

    def milestones(self) -> None:
        source, top = self.data.milestones, self.y
        if self.memo is None:
            count, marks = self.milestone_lane(top)
        else:  # the value holds `source`, so its id cannot be another list's meanwhile
            _unused, count, marks = self.memo.get("milestones", (id(source), top),
                                            lambda: (source, *self.milestone_lane(top)))
        if count:
            self.add_row(("label", "milestones"), count * self.m.milestone_lane, _("Milestones"),
                         bold=True)
            self.marks.extend(marks)

    def milestone_lane(self, top: float) -> tuple[int, list[Mark]]:
        """(lanes, marks) of the milestones row at `top`; (0, []) when none is shown."""
        shown = [m for m in self.data.milestones if self.scale.origin <= m.date <= self.scale.end]
        if not shown:
            return 0, []
        fm = self.small_fm
        lane_h = self.m.milestone_lane
        radius = lane_h * 0.3
        xs = [self.scale.x(m.date) + self.scale.px_per_day / 2 for m in shown]
        # At most 230 wide, and never past the last date shown (a page's edge clips it).
        texts = [fm.elidedText(m.title, Qt.TextElideMode.ElideRight,
                               min(230.0, self.width - x - radius - 6)) for m, x in zip(
                                   shown, xs, strict=True)]
        texts = [t if len(t) > 3 else "" for t in texts]
        extents = [(x - radius, x + radius + 4 + fm.horizontalAdvance(t))
                   for x, t in zip(xs, texts, strict=True)]
        lanes = pack(extents, gap=10, max_lanes=MAX_MILESTONE_LANES)
        count = max(1, max(lanes) + 1)
        for i, lane in enumerate(lanes):
            if lane < 0:
                lanes[i] = self.squeeze_milestone(i, xs, texts, extents, lanes, count, radius)
        marks: list[Mark] = []
        for m, x, text, lane in zip(shown, xs, texts, lanes, strict=True):
            cy = top + lane * lane_h + lane_h / 2
            label_rect = QRectF(x + radius + 4, cy - lane_h / 2,
                                fm.horizontalAdvance(text) + 2 if text else 0, lane_h)
            rect = QRectF(x - radius - 2, cy - radius - 2, 2 * radius + 4, 2 * radius + 4)
            tip = f"{enum_label(m.kind)}: {m.title}\n{date_text(m.date)}"
            marks.append(MilestoneMark(("milestone", m.id), rect.united(label_rect), m.id,
                                       QPointF(x, cy), radius, m.kind, text, label_rect, tip))
        return count, marks

    def squeeze_milestone(self, i: int, xs: list[float], texts: list[str],
                          extents: list[tuple[float, float]], lanes: list[int], count: int,
                          radius: float) -> int:
        """Milestone i found no free lane: it goes without a title (the hover has it), into
        the lane where the title it lands on loses least, and that title is shortened to end
        before it, so no diamond ever covers text."""
        fm = self.small_fm
        x = xs[i]
        texts[i] = ""
        extents[i] = (x - radius, x + radius)
        best, best_cut, victim = 0, float("inf"), None
        for lane in range(count):
            # Milestones are in date order, so the only title that can reach x in a lane
            # is the last one placed there before i.
            hit = next((j for j in range(i - 1, -1, -1) if lanes[j] == lane), None)
            cut = 0.0
            if hit is not None and extents[hit][1] + 4 >= x - radius:
                cut = extents[hit][1] - (x - radius - 6)
                if xs[hit] + radius >= x - radius - 2:  # a diamond there: never on top
                    cut = float("inf")
            if cut < best_cut:
                best, best_cut, victim = lane, cut, hit if cut > 0 else None
        if victim is not None:
            room = x - radius - 6 - (xs[victim] + radius + 4)
            texts[victim] = (fm.elidedText(texts[victim], Qt.TextElideMode.ElideRight, room)
                             if room > 24 else "")
            extents[victim] = (extents[victim][0], xs[victim] + radius + 4
                               + fm.horizontalAdvance(texts[victim]))
        return best

    def roadmap_rows(self, phases: list[PhaseInfo]) -> dict[int, QRectF]:
        rows: dict[int, QRectF] = {}
        row_h = self.m.row_height
        for p in phases:
            status = _("no dates") if not p.dated else enum_label(p.status).lower()
            top = self.add_row(
                ("label", "phase", p.id),
                row_h,
                _("Phase {number}").format(number=p.number),
                status,
                tooltip=p.title,
            )
            rows[p.id] = QRectF(0, top, self.width, row_h)
            if p.dated:
                bar = self.bar(p, top, None, MAX_OUTSIDE_LABEL)
                self.bars.setdefault(p.id, []).append(bar)
            else:
                self.marks.append(self.undated_note(p, top))
        return rows

    def department_rows(self, phases: list[PhaseInfo]) -> dict[tuple[int, int], QRectF]:
        rows: dict[tuple[int, int], QRectF] = {}
        row_h = self.m.row_height
        for dept in self.data.departments:
            serving = sorted((p for p in phases if p.dated and dept.id in p.department_ids),
                             key=lambda p: (p.start, p.number))
            # Lay out at y = 0 to learn each bar's full extent, then stack into sub-rows.
            trial = [self.bar(p, 0.0, dept.id, MAX_LANE_LABEL) for p in serving]
            lanes = pack([(b.rect.left(), b.rect.right()) for b in trial], gap=8)
            count = max(1, max(lanes, default=0) + 1)
            tip = _("{name}: can absorb {capacity:g} person-days of change a week").format(
                name=dept.name, capacity=Local(dept.capacity)
            )
            top = self.add_row(("label", "department", dept.id), count * row_h, dept.name,
                               swatch=self.colours[dept.id], lane_start=True, tooltip=tip)
            for p, lane in zip(serving, lanes, strict=True):
                bar = self.bar(p, top + lane * row_h, dept.id, MAX_LANE_LABEL)
                self.bars.setdefault(p.id, []).append(bar)
                rows[(dept.id, p.id)] = QRectF(0, top + lane * row_h, self.width, row_h)
        return rows

    # --- bars ---------------------------------------------------------------------------

    def bar(self, p: PhaseInfo, row_top: float, dept_id: int | None, max_outside: float) -> BarMark:
        if self.memo is None:
            return self.new_bar(p, row_top, dept_id, max_outside)
        # Everything new_bar reads besides the context the memo was begun with.
        key = (p, row_top, dept_id, max_outside, self.data.badges.get(p.id),
               p.id in self.incoming, bool(self.bands) and self.bands[-1].striped)
        return self.memo.get("bar", key, lambda: self.new_bar(p, row_top, dept_id, max_outside))

    def new_bar(self, p: PhaseInfo, row_top: float, dept_id: int | None,
                max_outside: float) -> BarMark:
        m, pal, fm = self.m, self.pal, self.label_fm
        x0 = self.scale.x(p.start)  # type: ignore[arg-type]
        x1 = self.scale.x(p.end + DAY)  # type: ignore[operator]
        clipped = (x0 < 0, x1 > self.width)
        x0, x1 = max(0.0, x0), min(self.width, x1)
        x1 = max(x1, x0 + 3)
        bar = QRectF(x0, row_top + (m.row_height - m.bar_height) / 2, x1 - x0, m.bar_height)
        if dept_id is None:
            fill = pal.status_fill[p.status]
            strip = tuple(self.colours[d] for d in p.department_ids if d in self.colours)
            effort = p.effort
        else:
            fill = self.colours.get(dept_id, pal.status_fill[p.status])
            strip = ()
            effort = p.effort_for(dept_id)
        badge = self.data.badges.get(p.id)
        right = bar.right()
        badge_rect = QRectF()
        if badge is not None:
            size = m.badge
            badge_rect = QRectF(bar.right() + 3, bar.center().y() - size / 2, size, size)
            right = badge_rect.right()
        inside = bar.width() - 2 * m.label_pad
        beside = min(max_outside, self.width - right - 6)
        # Left of the bar only where no dependency arrow comes in from that side.
        before = 0.0 if p.id in self.incoming else min(max_outside, bar.left() - 6)
        full = fm.horizontalAdvance(f"{p.title} · {effort_text(effort)}")
        # Where the whole label fits (inside, then right, then left); else where most of it does.
        fits = [room >= full for room in (inside, beside, before)]
        place = fits.index(True) if any(fits) else max(
            range(3), key=lambda i: (inside, beside, before)[i] + (0.5 if i == 0 else 0))
        left = bar.left()
        if place == 0:
            label = self.bar_label(p.title, effort, inside)
            label_rect = QRectF(bar.left() + m.label_pad, bar.top(), inside, bar.height())
        else:
            label = self.bar_label(p.title, effort, beside if place == 1 else before)
            width = fm.horizontalAdvance(label) + 2
            x = right + 4 if place == 1 else bar.left() - 4 - width
            label_rect = QRectF(x, bar.top() - 2, width, bar.height() + 4)
            if label and place == 1:
                right = label_rect.right()
            elif label:
                left = label_rect.left()
        rect = QRectF(left - 3, bar.top() - 4, right - left + 7, bar.height() + 8)
        label_inside = place == 0
        key = ("bar", p.id) if dept_id is None else ("bar", p.id, dept_id)
        striped = bool(self.bands) and self.bands[-1].striped
        return BarMark(key, rect, bar, p.id, p.status, fill, label, label_rect, label_inside,
                       strip, badge, badge_rect, clipped, self.bar_tooltip(p, dept_id), striped)

    def bar_label(self, title: str, effort: float, room: float) -> str:
        """'Title · 12 pd', the title shortened first so the effort stays readable."""
        fm = self.label_fm
        tail = f" · {effort_text(effort)}"
        if fm.horizontalAdvance(title + tail) <= room:
            return title + tail
        rest = room - fm.horizontalAdvance(tail)
        if rest >= fm.horizontalAdvance("Mmmm…"):
            return fm.elidedText(title, Qt.TextElideMode.ElideRight, rest) + tail
        short = effort_text(effort)
        return short if fm.horizontalAdvance(short) <= room else ""

    def bar_tooltip(self, p: PhaseInfo, dept_id: int | None) -> str:
        working = self.data.working_days
        days = working_days_between(p.start, p.end, working)  # type: ignore[arg-type]
        weeks = days / max(1, len(set(working)))
        lines = [
            _("Phase {number}: {title}").format(number=p.number, title=p.title),
            _("{date_text} – {date_text2} ({weeks:.1f} working weeks)").format(
                date_text=date_text(p.start), date_text2=date_text(p.end), weeks=Local(weeks)
            ),  # type: ignore[arg-type]
            _("Status: {lower}").format(lower=enum_label(p.status).lower()),
            _("Effort: {effort_text} (person-days)").format(effort_text=effort_text(p.effort)),
        ]
        if dept_id is not None and dept_id in self.depts:
            lines.append(
                _("For {name}: {effort_text}").format(
                    name=self.depts[dept_id].name, effort_text=effort_text(p.effort_for(dept_id))
                )
            )
        names = [self.depts[d].name for d in p.department_ids if d in self.depts]
        if names:
            lines.append(_("Delivers to: ") + ", ".join(names))
        badge = self.data.badges.get(p.id)
        if badge is not None:
            lines.append("")
            lines.extend(badge.messages)
        return "\n".join(lines)

    def undated_note(self, p: PhaseInfo, top: float) -> RowLabelMark:
        rect = QRectF(4, top, 220, self.m.row_height)
        return RowLabelMark(
            ("undated", p.id),
            rect,
            _("{title}: no dates yet").format(title=p.title),
            "",
            None,
            False,
            tooltip=_("Give the phase a start and an end in the inspector."),
        )

    # --- arrows -------------------------------------------------------------------------

    def arrows(self, rows: dict, lane_of) -> None:  # noqa: ANN001
        phases = {p.id: p for p in self.data.phases}
        # Bars by row top, so what an arrow passes is a slice, not a scan of every bar.
        stacked = sorted(((bm.bar.top(), i, bm, (bm.rect.left(), bm.rect.right()))
                          for i, bm in enumerate(b for bars in self.bars.values() for b in bars)),
                         key=lambda t: (t[0], t[1]))
        tops = [t[0] for t in stacked]
        for pred, succ in self.data.dependencies:
            for lane in lane_of(pred, succ):
                a = rows.get((lane, pred) if lane is not None else pred)
                b = rows.get((lane, succ) if lane is not None else succ)
                src = self.bar_mark(pred, lane)
                dst = self.bar_mark(succ, lane)
                if a is None or b is None or src is None or dst is None:
                    continue
                # Rows the vertical run crosses: from the source's row edge to the target's.
                lo, hi = (a.bottom(), b.bottom()) if b.top() >= a.top() else (b.top(), a.top())
                blocked = [extent
                           for _unused, _unused, bm, extent in stacked[bisect_left(tops, lo - 0.5):
                                                           bisect_right(tops, hi + 0.5)]
                           if bm is not dst and bm is not src]
                points = self.route(src.bar, (a.top(), a.bottom()), dst.bar, blocked)
                violated = phases[succ].start <= phases[pred].end  # type: ignore[operator]
                tip = _("'{title}' waits for '{title2}'").format(
                    title=phases[succ].title, title2=phases[pred].title
                ) + (_(" — but starts before it ends") if violated else "")
                key = ("dep", pred, succ) if lane is None else ("dep", pred, succ, lane)
                self.marks.append(self.arrow(key, points, violated, tip))

    def arrow(self, key: tuple, points: tuple, violated: bool, tip: str) -> ArrowMark:
        def make() -> ArrowMark:
            return ArrowMark(key, bounds(points), points, violated, tip)

        if self.memo is None:
            return make()
        return self.memo.get("arrow", (key, points, violated, tip), make)

    def route(self, source: QRectF, row: tuple[float, float], target: QRectF,
              blocked: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
        if self.memo is None:
            return route(source, row, target, blocked)
        key = (source.getRect(), row, target.getRect(), tuple(blocked))
        return self.memo.get("route", key, lambda: route(source, row, target, blocked))

    def bar_mark(self, phase_id: int, lane: int | None) -> BarMark | None:
        for bar in self.bars.get(phase_id, []):
            if lane is None or bar.key[-1] == lane:
                return bar
        return None

    # --- a baseline -----------------------------------------------------------------------

    def ghosts(self, ghosts: Ghosts) -> None:
        """Thin bars at each phase's baseline dates just under its bar(s); a hollow diamond
        at the old date of each milestone that has moved since."""
        scale, name = self.scale, ghosts.name
        phases = {p.id: p for p in self.data.phases}
        for phase_id, start, end in ghosts.phases:
            bars = self.bars.get(phase_id)
            p = phases.get(phase_id)
            if not bars or p is None or end < scale.origin or start > scale.end:
                continue
            x0 = max(0.0, scale.x(start))
            x1 = max(x0 + 2, min(self.width, scale.x(end + DAY)))
            moved = (start, end) != (p.start, p.end)
            tip = _("In baseline '{name}': {date_text} – {date_text2}").format(
                name=name, date_text=date_text(start), date_text2=date_text(end)
            )
            if moved and p.start is not None:
                tip += (
                    _("\nStart moved {shift_text}").format(
                        shift_text=shift_text((p.start - start).days)
                    )
                    if (p.start != start)
                    else _("\nSame start")
                )
                if p.end is not None and p.end != end:
                    tip += _(", end moved {shift_text}").format(
                        shift_text=shift_text((p.end - end).days)
                    )
            for bar in bars:
                lane = bar.key[2:]  # the department of a swimlane bar
                rect = QRectF(x0, bar.bar.bottom() + 1, x1 - x0, GHOST_HEIGHT)
                self.marks.append(GhostBarMark(("ghost", phase_id, *lane), rect, phase_id,
                                               moved, tip))
        old = dict(ghosts.milestones)
        current = [m for m in self.marks if isinstance(m, MilestoneMark)]
        titles = {m.id: m for m in self.data.milestones}
        for mark in current:
            was = old.get(mark.milestone_id)
            milestone = titles.get(mark.milestone_id)
            if was is None or milestone is None or was == milestone.date:
                continue
            if not scale.origin <= was <= scale.end:
                continue
            x = scale.x(was) + scale.px_per_day / 2
            center = QPointF(x, mark.center.y())
            r = mark.radius
            days = (milestone.date - was).days
            tip = _(
                "{title}\nWas {date_text} in baseline '{name}'; now {date_text2}: {shift_text}"
            ).format(
                title=milestone.title,
                date_text=date_text(was),
                name=name,
                date_text2=date_text(milestone.date),
                shift_text=shift_text(days),
            )
            colour = self.pal.milestone[mark.kind]
            self.marks.append(GhostMilestoneMark(
                ("ghost-milestone", mark.milestone_id),
                QRectF(x - r - 2, center.y() - r - 2, 2 * r + 4, 2 * r + 4),
                mark.milestone_id, center, r, colour, tip))

    # --- below the rows -----------------------------------------------------------------

    def load_strip(self) -> tuple[list[Band], dict[int, LoadRowMark]]:
        bands: list[Band] = []
        rows: dict[int, LoadRowMark] = {}
        row_h = self.m.load_row
        top = self.y + self.m.gap
        self.labels.append(
            RowLabelMark(
                ("label", "load"),
                QRectF(0, top, 0, row_h + 4),
                _("Change load"),
                # Translators: a sub-heading: "% of capacity" ({percent} is the sign "%").
                _("{percent} of capacity").format(percent="%"),
                None,
                False,
                True,
                True,
                _(
                    "Person-days of change landing on each department per "
                    "week, as a share of what it can absorb."
                ),
            )
        )
        bands.append(Band(top, row_h + 4, False, True))
        y = top + row_h + 4
        for i, dept in enumerate(self.data.departments):
            striped = i % 2 == 1
            bands.append(Band(y, row_h, striped, False))
            tip = _("{name}: capacity {capacity:g} person-days of change a week").format(
                name=dept.name, capacity=Local(dept.capacity)
            )
            self.labels.append(RowLabelMark(("label", "load", dept.id), QRectF(0, y, 0, row_h),
                                            dept.name, "", self.colours[dept.id], striped,
                                            tooltip=tip))
            rows[dept.id] = self.load_row(dept, y, row_h, striped)
            y += row_h
        return bands, rows

    def load_row(self, dept: DepartmentInfo, y: float, height: float,
                 striped: bool) -> LoadRowMark:
        def make() -> LoadRowMark:
            return LoadRowMark(("load", dept.id), QRectF(0, y, self.width, height), dept.id,
                               load_cells(self.data.load, dept.id, self.scale), dept.capacity,
                               striped)

        if self.memo is None:
            return make()
        # Keyed on the department's own week -> load dict: the live data hands back the same
        # dict while nothing changes its load (the value holds it, so its id stays unique).
        weeks = self.data.load.load.get(dept.id)
        key = (dept.id, id(weeks), dept.capacity, y, height, striped)
        return self.memo.get("load", key, lambda: (weeks, make()))[1]

    def column_width(self) -> float:
        pad = self.m.label_pad
        widest = 0.0
        for mark in self.labels:
            fm = self.bold_fm if mark.bold else self.label_fm
            w = fm.horizontalAdvance(mark.text) + 2 * pad
            if mark.detail:
                w += self.small_fm.horizontalAdvance(mark.detail) + 10
            if mark.swatch is not None:
                w += 18
            widest = max(widest, w)
        return max(120.0, min(self.m.max_label_column, widest + 4))

    def place_labels(self, width: float) -> None:
        pad = self.m.label_pad
        for mark in self.labels:
            mark.rect = QRectF(-width, mark.rect.top(), width, mark.rect.height())
            room = width - 2 * pad - (18 if mark.swatch is not None else 0)
            fm = self.bold_fm if mark.bold else self.label_fm
            if mark.detail:
                # The heading matters more than its muted sub-heading ("% of capacity"): in
                # a long language ("Veranderbelasting") the sub-heading gives way first.
                detail_room = room - fm.horizontalAdvance(mark.text) - 10
                if self.small_fm.horizontalAdvance(mark.detail) > detail_room:
                    short = self.small_fm.elidedText(
                        mark.detail, Qt.TextElideMode.ElideRight, max(0.0, detail_room)
                    )
                    mark.detail = short if len(short) > 4 else ""
                if mark.detail:
                    room -= self.small_fm.horizontalAdvance(mark.detail) + 10
            mark.text = fm.elidedText(mark.text, Qt.TextElideMode.ElideRight, room)
            self.marks.append(mark)

    # --- all of it ----------------------------------------------------------------------

    def build(self) -> Chart:
        header_h = 2 * self.m.header_tier
        self.milestones()
        phases = self.visible_phases()
        if self.o.layout == "phases":
            rows = self.roadmap_rows(phases)
            self.arrows(rows, lambda pred, succ: [None])
        else:
            rows = self.department_rows(phases)
            by_phase = {p.id: set(p.department_ids) for p in phases}
            self.arrows(rows, lambda pred, succ: sorted(
                by_phase.get(pred, set()) & by_phase.get(succ, set())))
        for bars in self.bars.values():
            self.marks.extend(bars)
        if self.o.ghosts is not None:
            self.ghosts(self.o.ghosts)
        if not self.bands:
            self.add_row(("label", "empty"), self.m.row_height, _("No phases in these dates"))
        body_h = self.y
        self.marks.append(GridMark(("grid", "body"), QRectF(0, 0, self.width, body_h),
                                   self.scale, tuple(self.bands), self.data.working_days))
        load_rows: dict[int, LoadRowMark] = {}
        bottom = body_h
        if self.o.show_load:
            load_bands, load_rows = self.load_strip()
            top = load_bands[0].top
            bottom = load_bands[-1].top + load_bands[-1].height
            self.marks.append(GridMark(("grid", "load"), QRectF(0, top, self.width, bottom - top),
                                       self.scale, tuple(load_bands), self.data.working_days))
            self.marks.extend(load_rows.values())
        label_w = self.column_width()
        corner = _("Phases") if self.o.layout == "phases" else _("Departments")
        self.labels.append(RowLabelMark(("label", "corner"), QRectF(0, -header_h, 0, header_h),
                                        corner, "", None, False, True))
        self.place_labels(label_w)
        today = self.o.today or dt.date.today()
        today_x = None
        if self.o.show_today and self.scale.origin <= today <= self.scale.end:
            today_x = self.scale.x(today) + self.scale.px_per_day / 2
            self.marks.append(TodayMark(("today",), QRectF(today_x - 2, 0, 4, bottom), today_x))
        self.marks.append(HeaderMark(("header",), QRectF(0, -header_h, self.width, header_h),
                                     self.scale, self.m.header_tier, today_x))
        legend_rect = QRectF(-label_w, bottom, 0, 0)
        if self.o.legend:
            legend = LegendMark.layout(self.pal, QPointF(-label_w, bottom + self.m.gap),
                                       label_w + self.width, self.o.show_load)
            self.marks.append(legend)
            legend_rect = legend.rect.adjusted(0, -self.m.gap, 0, 0)
        body_top = self.m.gap if self.o.show_load else 0
        return Chart(
            options=self.o,
            palette=self.pal,
            scale=self.scale,
            label_width=label_w,
            header_rect=QRectF(-label_w, -header_h, label_w + self.width, header_h),
            body_rect=QRectF(-label_w, 0, label_w + self.width, body_h),
            load_rect=QRectF(-label_w, body_h + body_top, label_w + self.width,
                             bottom - body_h - body_top) if self.o.show_load else QRectF(),
            legend_rect=legend_rect,
            marks=self.marks,
            bars=self.bars,
            load_rows=load_rows,
        )


def build_chart(data: GanttData, options: ChartOptions | None = None,
                memo: ChartMemo | None = None) -> Chart:
    """The chart of `data`. With a `memo` (the interactive view's), what the previous build
    computed from the same inputs is reused: the same result, faster."""
    builder = _Builder(data, options or ChartOptions(), memo)
    chart = builder.build()
    if memo is not None:
        memo.end()
    return chart
