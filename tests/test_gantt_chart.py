"""The chart builder: what goes where, snapping, arrow routing, and that labels never
collide (the screenshot rule, checked for every zoom preset and both layouts)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import QRectF

from planner.model import Phase
from planner.warnings.types import Severity, Subject, Warning
from ui.gantt.arrows import ArrowMark, route
from ui.gantt.bars import BarMark
from ui.gantt.chart import ChartOptions, build_chart
from ui.gantt.data import badges_from, read_plan
from ui.gantt.drag import dates_after
from ui.gantt.milestones import MilestoneMark
from ui.gantt.rows import pack
from ui.gantt.timescale import ZOOM_PRESETS, snap_end, snap_start

pytestmark = pytest.mark.gui  # fonts need a Qt application

ZOOMS = [*ZOOM_PRESETS.values(), 3.3, 1.2]


@pytest.fixture
def data(qapp, sample_store):
    return read_plan(sample_store, warnings=lambda _s: [])


def overlapping(rects: list[QRectF]) -> list[tuple[QRectF, QRectF]]:
    return [(a, b) for a, b in itertools.combinations(rects, 2)
            if a.adjusted(0.5, 0.5, -0.5, -0.5).intersects(b.adjusted(0.5, 0.5, -0.5, -0.5))]


@pytest.mark.parametrize("zoom", ZOOMS)
def test_milestone_titles_never_collide_with_each_other_or_a_diamond(data, zoom):
    chart = build_chart(data, ChartOptions(px_per_day=zoom))
    marks = [m for m in chart.marks if isinstance(m, MilestoneMark)]
    assert len(marks) == len(data.milestones)
    labels = [m.label_rect for m in marks if m.label]
    assert overlapping(labels) == []
    for m in marks:
        diamond = QRectF(m.center.x() - m.radius, m.center.y() - m.radius, 2 * m.radius,
                         2 * m.radius)
        for other in marks:
            if other is not m and other.label:
                assert not diamond.intersects(other.label_rect), (m.key, other.key)
    fm = chart.palette.small_metrics
    assert all(fm.horizontalAdvance(m.label) <= m.label_rect.width() + 1 for m in marks)


@pytest.mark.parametrize("zoom", ZOOMS)
@pytest.mark.parametrize("layout", ["phases", "departments"])
def test_bars_and_their_labels_never_overlap(data, zoom, layout):
    chart = build_chart(data, ChartOptions(layout=layout, px_per_day=zoom))
    bars = [m for m in chart.marks if isinstance(m, BarMark)]
    assert overlapping([b.rect for b in bars]) == []
    fm = chart.palette.label_metrics
    for bar in bars:
        assert fm.horizontalAdvance(bar.label) <= bar.label_rect.width() + 1
        if bar.label_inside:
            assert bar.bar.contains(bar.label_rect.adjusted(0, 1, 0, -1))


def test_a_bar_runs_from_its_start_to_the_end_of_its_last_day(data):
    chart = build_chart(data, ChartOptions(px_per_day=10))
    phase = next(p for p in data.phases if p.dated)
    bar = chart.bars[phase.id][0].bar
    assert bar.left() == chart.scale.x(phase.start)
    assert bar.right() == chart.scale.x(phase.end + dt.timedelta(days=1))
    assert "pd" in chart.bars[phase.id][0].label


def test_swimlanes_stack_phases_that_land_on_a_department_at_once(data):
    chart = build_chart(data, ChartOptions(layout="departments"))
    for dept in data.departments:
        bars = [b for bars in chart.bars.values() for b in bars if b.key[-1] == dept.id]
        for a, b in itertools.combinations(bars, 2):
            pa, pb = data.phase(a.phase_id), data.phase(b.phase_id)
            if pa.start <= pb.end and pb.start <= pa.end:  # at the same time
                assert a.bar.top() != b.bar.top()


def test_the_too_early_dependency_is_marked_and_the_others_are_not(data, sample_store):
    chart = build_chart(data, ChartOptions())
    arrows = {m.key[1:3]: m for m in chart.marks if isinstance(m, ArrowMark)}
    assert len(arrows) == len(data.dependencies)
    p3 = next(p for p in sample_store.rows(Phase) if p.title.startswith("Integration"))
    p4 = next(p for p in sample_store.rows(Phase) if p.title.startswith("Service cases"))
    assert arrows[(p3.id, p4.id)].violated
    assert sum(a.violated for a in arrows.values()) == 1


def test_an_arrow_goes_down_a_free_column_and_enters_from_the_left():
    source = QRectF(0, 5, 100, 20)
    target = QRectF(300, 95, 100, 20)
    points = route(source, (0, 30), target, blocked=[(240, 296), (120, 180)])
    xs = {x for (x, _y), (x2, _y2) in zip(points, points[1:], strict=False) if x == x2}
    vertical = max(xs)
    assert not (240 <= vertical <= 296) and not (120 <= vertical <= 180)
    assert points[-1] == (300, 105) and points[-2][1] == 105  # horizontal into the start
    assert points[1][1] == 30  # along the gap under the source row, not through its label


def test_with_no_free_column_an_arrow_crosses_as_little_as_it_can():
    source = QRectF(0, 5, 100, 20)
    target = QRectF(300, 95, 100, 20)
    blocked = [(50, 320), (150, 260), (160, 330)]  # the first spans everything
    points = route(source, (0, 30), target, blocked)
    vertical = points[2][0]
    assert sum(1 for a, b in blocked if a - 2 <= vertical <= b + 2) == 1


def test_an_arrow_to_a_successor_that_starts_too_early_doubles_back():
    points = route(QRectF(0, 5, 100, 20), (0, 30), QRectF(60, 35, 100, 20), blocked=[])
    assert points[2][0] < points[1][0]  # runs left along the gap
    assert points[-1] == (60, 45)


def test_snapping_follows_the_zoom():
    monday, friday = dt.date(2027, 2, 22), dt.date(2027, 3, 19)
    assert dates_after("move", monday, friday, 3, True, "12345") == (
        monday + dt.timedelta(days=3), friday + dt.timedelta(days=3))
    assert dates_after("move", monday, friday, 10, False, "12345") == (
        monday + dt.timedelta(days=7), friday + dt.timedelta(days=7))
    assert dates_after("move", monday, friday, 2, False, "12345") == (monday, friday)
    start, end = dates_after("start", monday, friday, 9, False, "12345")
    assert start.weekday() == 0 and end == friday
    start, end = dates_after("end", monday, friday, 5, False, "12345")
    assert start == monday and end.weekday() == 4
    assert dates_after("end", monday, friday, -60, True, "12345") == (monday, monday)
    assert snap_start(dt.date(2027, 3, 5), False) == dt.date(2027, 3, 8)  # Friday -> Monday
    assert snap_end(dt.date(2027, 3, 15), False) == dt.date(2027, 3, 12)  # Monday -> Friday


def test_pack_puts_overlaps_in_new_lanes_and_reuses_free_ones():
    assert pack([(0, 10), (5, 20), (12, 25)], gap=1) == [0, 1, 0]
    assert pack([(0, 10), (1, 10), (2, 10)], gap=1, max_lanes=2) == [0, 1, -1]


def test_badges_count_open_warnings_and_keep_the_worst(qapp):
    warnings = [
        Warning("a", Severity.INFO, Subject("phase", 1), "one", "p"),
        Warning("b", Severity.PROBLEM, Subject("phase", 1), "two", "p"),
        Warning("c", Severity.WARNING, Subject("phase", 1), "gone", "p", dismissed_reason="ok"),
        Warning("d", Severity.WARNING, Subject("department", 1), "not a phase", "p"),
    ]
    badges = badges_from(warnings)
    assert list(badges) == [1]
    assert (badges[1].count, badges[1].worst) == (2, Severity.PROBLEM)
    assert badges[1].messages[0] == "Problem: two"


def test_a_date_range_keeps_only_what_it_touches(data):
    start, end = dt.date(2027, 1, 1), dt.date(2027, 2, 28)
    chart = build_chart(data, ChartOptions(start=start, end=end))
    shown = set(chart.bars)
    expected = {p.id for p in data.phases if p.dated and p.end >= start and p.start <= end}
    assert shown == expected
    assert chart.scale.origin == start and chart.scale.end == end
    for bars in chart.bars.values():
        for bar in bars:
            assert bar.bar.left() >= 0 and bar.bar.right() <= chart.timeline_width
    milestones = [m for m in chart.marks if isinstance(m, MilestoneMark)]
    assert all(start <= next(x.date for x in data.milestones if x.id == m.milestone_id) <= end
               for m in milestones)


def test_least_crossed_counts_as_a_pass_over_every_range_would():
    import random

    from ui.gantt.arrows import least_crossed

    rng = random.Random(7)
    for _ in range(300):
        blocked = []
        for _ in range(rng.randint(0, 40)):
            left = rng.choice([rng.uniform(0, 500), float(rng.randint(0, 60))])
            width = rng.choice([0.0, float(rng.randint(0, 9)), rng.uniform(0, 120)])
            blocked.append((left, left + width))
        lo, hi = sorted((float(rng.randint(0, 70)), rng.uniform(0, 520)))
        candidates = {hi, lo} | {x for left, right in blocked for x in (left - 3, right + 3)
                                 if lo <= x <= hi}
        brute = min(sorted(candidates, reverse=True),
                    key=lambda x: sum(1 for a, b in blocked if a - 2 <= x <= b + 2))
        assert least_crossed(lo, hi, blocked) == brute

