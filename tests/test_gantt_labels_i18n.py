"""The Gantt's label column in a long language (found on the Dutch and Finnish PDF
roadmaps: "Verander…", "Muutoskuo…"): the muted sub-heading gives way before the heading."""

from __future__ import annotations

import pytest

from planner import i18n
from ui.gantt.chart import ChartOptions, build_chart
from ui.gantt.data import read_plan
from ui.gantt.labels import RowLabelMark


@pytest.fixture(autouse=True)
def _english_after():  # noqa: ANN202
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "nl", "fi"])
@pytest.mark.parametrize("style", ["print", "screen"])
def test_the_load_strips_heading_is_never_cut(qapp, sample_store, lang: str, style: str) -> None:  # noqa: ANN001
    i18n.set_language(lang)
    heading = i18n._("Change load")
    data = read_plan(sample_store, warnings=lambda _s: [])
    chart = build_chart(data, ChartOptions(style=style, legend=style == "print"))
    label = next(
        m for m in chart.marks if isinstance(m, RowLabelMark) and m.key == ("label", "load")
    )
    assert label.text == heading
    pal = chart.palette
    used = pal.bold_metrics.horizontalAdvance(label.text) if label.bold else 0
    detail = pal.small_metrics.horizontalAdvance(label.detail) + 10 if label.detail else 0
    assert used + detail <= chart.label_width
