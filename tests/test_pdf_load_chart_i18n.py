"""The PDF's load chart in the pack's language (found on the Dutch and Finnish packs:
"Nov 2026" under the panels and "12.5" up the side)."""

from __future__ import annotations

import datetime as dt

import pytest

from planner import i18n
from planner.report.model import LoadChart, LoadSeries
from ui.pdf.load_chart import chart_svg


@pytest.fixture(autouse=True)
def _english_after():  # noqa: ANN202
    yield
    i18n.set_language("en")


def _chart() -> LoadChart:
    weeks = [dt.date(2026, 10, 5) + dt.timedelta(weeks=n) for n in range(30)]
    values = [12.5 if n in (5, 6) else 2.5 for n in range(30)]
    series = LoadSeries("Verkoop", "#0072b2", 12.0, values, [(weeks[5], weeks[6])], 12.5)
    return LoadChart(weeks, [series])


@pytest.mark.parametrize(
    ("lang", "month", "number"),
    [("en", "Nov 2026", "12.5"), ("nl", "nov 2026", "12,5"), ("fi", "marras 2026", "12,5")],
)
def test_months_and_numbers_on_the_axes_are_the_languages(lang, month, number) -> None:  # noqa: ANN001
    i18n.set_language(lang)
    chart = _chart()
    svg = chart_svg(chart, chart.series, 7.0, 2.0).decode("utf-8")
    assert month in svg
    assert number in svg
    if lang != "en":
        assert "Nov 2026" not in svg
