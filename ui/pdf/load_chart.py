"""The department load chart with matplotlib, as SVG with real text (not glyph outlines),
so that the PDF stays vector and its labels searchable. Small multiples: one panel per
department, each against its own capacity, because capacities differ by an order of
magnitude between departments and one shared axis would flatten the small ones."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from planner.i18n import _
from planner.i18n.formats import Local
from planner.report.model import LoadChart, LoadSeries
from ui.pdf import style

COLUMNS = 2
OVER = style.SEVERITY_COLOURS["problem"]


def panels_per_page(height_in: float) -> int:
    """How many department panels fit a page of this height, two abreast."""
    return COLUMNS * max(1, int(height_in // 1.75))


def chart_svg(
    chart: LoadChart, series: Sequence[LoadSeries], width_in: float, height_in: float
) -> bytes:
    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    rows = max(1, -(-len(series) // COLUMNS))
    rc = {
        "svg.fonttype": "none",  # text as <text>, drawn by Qt with the embedded font
        "font.family": style.FAMILY,
        "font.size": 7.0,
        "axes.titlesize": 8.0,
        "axes.edgecolor": style.RULE,
        "axes.labelcolor": style.MUTED,
        "xtick.color": style.MUTED,
        "ytick.color": style.MUTED,
        "svg.hashsalt": "rollout-planner",  # same plan, same file
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width_in, height_in))
        axes = fig.subplots(rows, COLUMNS, sharex=True, squeeze=False)
        weeks = [dt.datetime.combine(w, dt.time()) for w in chart.weeks]
        ends = weeks[1:] + [weeks[-1] + dt.timedelta(days=7)] if weeks else []
        for ax, item in zip(axes.flat, series, strict=False):
            _panel(ax, item, weeks, ends)
        for ax in list(axes.flat)[len(series):]:
            ax.set_visible(False)
        months = max(1, len(weeks) * 7 // 30)
        locator = mdates.MonthLocator(interval=_month_interval(months, width_in / COLUMNS))
        for ax in axes[-1]:
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(_month_formatter())
        # The last visible row needs its date labels when the grid is not full.
        if len(series) % COLUMNS and rows > 1:
            axes[-2][-1].xaxis.set_tick_params(labelbottom=True)
        # Fixed margins instead of tight_layout(): the labels' sizes are known, and
        # tight_layout measures every tick label of every panel (a second per page of 12).
        fig.subplots_adjust(left=0.6 / width_in, right=1 - 0.1 / width_in,
                            bottom=0.3 / height_in, top=1 - 0.22 / height_in,
                            wspace=0.18, hspace=0.45 * 1.75 / max(1.0, height_in / rows))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


# A 7 pt label's average character, and the gap between two labels, in inches.
_CHAR_IN, _GAP_IN = 0.058, 0.15


def _month_interval(months: int, panel_in: float) -> int:
    """Months between ticks: about six ticks, fewer where the language's month labels would
    run into each other ("marras 2026" is half again as long as "Nov 2026")."""
    interval = max(1, -(-months // 6))
    from planner.i18n import PSEUDO, SOURCE_LANGUAGE, language

    if language() in (SOURCE_LANGUAGE, PSEUDO):
        return interval  # English keeps its spacing
    from babel.dates import format_skeleton

    from planner.i18n.formats import babel_locale

    locale = babel_locale()
    longest = max(
        len(format_skeleton("yMMM", dt.date(2026, month, 1), locale=locale))
        for month in range(1, 13)
    )
    fits = max(1, int((panel_in - 0.4) // (longest * _CHAR_IN + _GAP_IN)))
    return max(interval, -(-months // fits))


def _local_numbers(ax) -> None:  # noqa: ANN001
    """Axis numbers with the language's decimal sign ("12,5"); English as matplotlib has it."""
    from planner.i18n import PSEUDO, SOURCE_LANGUAGE, language

    if language() in (SOURCE_LANGUAGE, PSEUDO):
        return
    from matplotlib.ticker import FuncFormatter

    from planner.i18n.formats import format_number

    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: format_number(y, 1)))


def _panel(ax, item: LoadSeries, weeks: list[dt.datetime], ends: list[dt.datetime]) -> None:  # noqa: ANN001
    colour = style.colour(item.colour)
    _local_numbers(ax)
    values = list(item.values)
    if weeks:
        xs = [x for pair in zip(weeks, ends, strict=True) for x in pair]
        ys = [v for v in values for _unused in range(2)]
        ax.fill_between(xs, ys, color=colour, alpha=0.35, linewidth=0)
        ax.plot(xs, ys, color=colour, linewidth=0.9)
        over = [max(v, item.capacity) for v in ys]
        ax.fill_between(xs, [item.capacity] * len(xs), over, where=[y > item.capacity for y in ys],
                        color=OVER, alpha=0.85, linewidth=0, interpolate=False)
        for start, last in item.overloaded:
            ax.axvspan(dt.datetime.combine(start, dt.time()),
                       dt.datetime.combine(last, dt.time()) + dt.timedelta(days=7),
                       color=OVER, alpha=0.08, linewidth=0)
        ax.set_xlim(weeks[0], ends[-1])
    ax.axhline(item.capacity, color=style.INK, linewidth=0.9, linestyle=(0, (4, 2)))
    top = max(item.peak, item.capacity, 1.0) * 1.18
    ax.set_ylim(0, top)
    title = _("{department} · capacity {capacity:g} pd/week").format(
        department=item.department, capacity=Local(item.capacity)
    )
    ax.set_title(title, loc="left", color=style.INK, fontweight="bold")
    if item.overloaded:
        ax.text(
            0.99,
            0.97,
            _("over capacity {weeks_over} wk · peak {peak:.0f}").format(
                weeks_over=item.weeks_over, peak=Local(item.peak)
            ),
            transform=ax.transAxes,
            ha="right",
            va="top",
            color=OVER,
            fontsize=6.5,
        )
    ax.tick_params(length=2)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color=style.RULE, linewidth=0.4)


def _month_formatter():  # noqa: ANN202 - a matplotlib Formatter
    """Month ticks in the pack's language ('des. 2026'), not strftime's C-locale English."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    from planner.i18n.formats import month_heading

    return FuncFormatter(lambda value, _pos: month_heading(mdates.num2date(value).date()))
