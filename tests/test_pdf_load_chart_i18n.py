"""The PDF in long languages (found on the Dutch and Finnish packs): the load chart's month
labels ran together, its axis had "12.5", a table header broke as "Kapasiteett i"."""

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


@pytest.mark.parametrize(("lang", "number"), [("en", "12.5"), ("nl", "12,5"), ("fi", "12,5")])
def test_numbers_up_the_side_have_the_languages_decimal_sign(lang, number) -> None:  # noqa: ANN001
    i18n.set_language(lang)
    chart = _chart()
    svg = chart_svg(chart, chart.series, 7.0, 2.0).decode("utf-8")
    assert f">{number}<" in svg  # a tick label's text
    if lang != "en":
        assert ">12.5<" not in svg


def test_month_labels_in_a_long_language_do_not_run_together() -> None:
    from ui.pdf.load_chart import _month_interval

    assert _month_interval(11, 3.5) == 2  # English: about six ticks, as before
    assert _month_interval(40, 3.5) == 7
    i18n.set_language("fi")  # "marras 2026": 11 characters where English has 8
    assert _month_interval(11, 3.5) >= 4
    i18n.set_language("nl")
    assert _month_interval(11, 3.5) == 3
    assert _month_interval(40, 3.5) >= 7  # never closer than the English spacing


def test_a_header_word_gets_the_width_it_needs(qapp) -> None:  # noqa: ANN001
    """Found on the Finnish pack: "Kapasiteetti" in a 12 % column broke as "Kapasiteett i"."""
    from ui.pdf.sections.html import fitted_widths

    english = ["Department", "When", "Over for", "Capacity", "Peak"]
    finnish = ["Osasto", "Milloin", "Yli ajan", "Kapasiteetti", "Huippu"]
    widths = [24, 40, 12, 12, 12]
    assert fitted_widths(english, widths) == widths  # English keeps its layout
    fitted = fitted_widths(finnish, widths)
    assert sum(fitted) == 100 and fitted[3] > 12 and fitted[1] < 40
    assert fitted_widths(["Veryveryverylongheaderword"] * 2, [50, 50]) == [50, 50]  # no room
