"""Numbers as the chosen language writes them (decimal commas in nb, da, sv, fi and nl,
English exactly as before), the Gantt's short week labels, and "and N more" in the
number's form ("ja 1 muu", "ja 3 muuta")."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QLocale

from planner import i18n

pytest_plugins = ("ui_fixtures",)  # fixtures: window, document, clean_settings


@pytest.fixture(autouse=True)
def _english_after():  # noqa: ANN202
    before = QLocale()
    yield
    from ui import i18n as ui_i18n

    ui_i18n.install(None, "en")  # our catalogue and Qt's translators
    QLocale.setDefault(before)


def test_numbers_take_the_languages_signs_and_english_is_unchanged() -> None:
    from planner.i18n.formats import Local, local_number

    values = [(27.5, ".1f"), (3.0, "g"), (1234.5, ",.1f"), (12345, ",d"), (0.123, ".1%")]
    i18n.set_language("en")
    assert [local_number(v, s) for v, s in values] == [format(v, s) for v, s in values]
    assert f"{Local(2.25):.1f} · {Local(4.0)}" == f"{2.25:.1f} · {4.0}"
    i18n.set_language("fi")
    assert [local_number(v, s) for v, s in values] == ["27,5", "3", "1\u00a0234,5", "12\u00a0345",
                                                 "12,3\u00a0%"]
    assert f"{Local(2.25):.1f}" == "2,2" and f"{Local(2.5):g}" == "2,5"
    i18n.set_language("nl")
    assert local_number(1234.5, ",.1f") == "1.234,5"


def test_the_gantt_tooltips_speak_finnish_numbers(qapp, sample_store) -> None:  # noqa: ANN001
    from ui.gantt.chart import ChartOptions, build_chart, effort_text
    from ui.gantt.data import read_plan

    i18n.set_language("fi")
    assert effort_text(27.5) == "27,5 htp"
    data = read_plan(sample_store, warnings=lambda _s: [])
    chart = build_chart(data, ChartOptions(style="screen"))
    tips = [m.tooltip for m in chart.marks if getattr(m, "tooltip", "")]
    # "(4,0 työviikkoa)" in every bar's tooltip; "(4.0" was the English number.
    weeks = [t for t in tips if "työviikkoa" in t]
    assert weeks
    assert all(re.search(r"\(\d+,\d työviikkoa\)", t) for t in weeks), weeks[:3]


def test_a_table_cell_writes_a_decimal_comma_in_norwegian(document) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from planner.commands import UpdateRow
    from planner.model import Demand
    from ui.models.demand_table_model import DemandTableModel

    wish = document.store.rows(Demand)[0]
    document.push(UpdateRow(Demand, wish.id, {"effort": 1234.5}))
    model = DemandTableModel(document)
    column = model.column_named("effort")
    row = next(r for r in range(model.rowCount()) if model.record_at(r).id == wish.id)
    index = model.index(row, column)
    english = model.data(index, Qt.ItemDataRole.DisplayRole)
    assert english.startswith("1,234.5 ")
    i18n.set_language("nb")
    shown = model.data(index, Qt.ItemDataRole.DisplayRole)
    assert shown.startswith("1\u00a0234,5 ")
    # Editing still takes a number, not the text.
    assert model.data(index, Qt.ItemDataRole.EditRole) == pytest.approx(1234.5)


def test_a_finnish_spin_box_takes_a_decimal_comma(qtbot, document) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QDoubleSpinBox

    from ui import i18n as ui_i18n
    from ui.editors.factory import create_editor
    from ui.models.demand_table_model import DemandTableModel

    ui_i18n.install(None, "fi")
    model = DemandTableModel(document)
    column = model.columns[model.column_named("effort")]
    editor = create_editor(column, document, None)
    qtbot.addWidget(editor)
    assert isinstance(editor, QDoubleSpinBox)
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, "2,5")
    editor.interpretText()
    assert editor.value() == pytest.approx(2.5)


def _week_labels(language: str, px_per_day: float) -> list[str]:
    from ui.gantt.header import tiers
    from ui.gantt.palette import palette_for
    from ui.gantt.timescale import TimeScale

    i18n.set_language(language)
    scale = TimeScale(dt.date(2026, 11, 30), dt.date(2026, 12, 13), px_per_day)
    width_of = palette_for("screen").small_metrics.horizontalAdvance
    return [label for *_x, label in tiers(scale, scale.origin, scale.end, width_of)[1]]


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "W49"), ("nb", "uke 49"), ("da", "uge 49"), ("sv", "v. 49"), ("fi", "vk 49"),
     ("nl", "wk 49")],
)
def test_the_gantt_writes_a_week_as_calendars_in_the_language_do(
    qapp, language: str, label: str  # noqa: ANN001
) -> None:
    # The month zoom: 42 px a week.
    assert _week_labels(language, 6)[0] == label


def test_a_week_too_narrow_for_its_label_shows_its_number(qapp) -> None:  # noqa: ANN001
    assert _week_labels("nb", 5.2)[0] == "49"  # 'uke 49' needs ~37 px of 36
    assert _week_labels("en", 5.2)[0] == "W49"


def test_one_more_is_singular_in_finnish(sample_file) -> None:  # noqa: ANN001
    from planner.integrity.problems import Problem, summary

    def problems(n: int) -> list[Problem]:
        return [Problem("demand", i, "x", "priority", "'!'", "bad", "fix") for i in range(n)]

    i18n.set_language("fi")
    assert "(ja 1 muu)." in summary("plan.rollout", problems(2))
    assert "(ja 3 muuta)." in summary("plan.rollout", problems(4))
    from planner.warnings.format import names

    assert names([f"D{i}" for i in range(7)]).endswith("ja 3 muuta")
    i18n.set_language("en")
    assert "(and 1 more)." in summary("plan.rollout", problems(2))


def test_a_moved_milestones_shift_is_counted_in_the_language() -> None:
    from ui.pdf.sections.changes import _shift

    i18n.set_language("fi")
    assert _shift(dt.timedelta(days=14)) == "+14 päivää"
    assert _shift(dt.timedelta(days=-1)) == "-1 päivä"
    i18n.set_language("en")
    assert _shift(dt.timedelta(days=14)) == "+14 days"


def test_lang_on_the_command_line_opens_the_window_in_that_language(
    qapp, monkeypatch, tmp_path, clean_settings  # noqa: ANN001
) -> None:
    import app.gui
    from app.cli import main
    from ui import settings

    asked: list[str | None] = []
    monkeypatch.setattr(app.gui, "run_gui", lambda *_a, lang=None, **_k: asked.append(lang) or 0)
    assert main(["--lang", "fi", str(tmp_path / "plan.rollout")]) == 0
    assert asked == ["fi"]
    # For this start only: it wins over the language remembered in View → Language.
    settings.put(settings.LANGUAGE, "nb")
    assert app.gui.apply_language(qapp, "fi") == "fi"
    assert app.gui.apply_language(qapp) == "nb"


@pytest.mark.parametrize(("language", "expected"), [("en", "4 wk · 38 pd"),
                                                    ("fi", "4 vk · 38 htp")])
def test_a_phases_length_and_effort_in_the_outline_is_one_message(
    document, language: str, expected: str  # noqa: ANN001
) -> None:
    from planner.model import Phase
    from ui.outline.outline_model import OutlineModel

    i18n.set_language(language)
    model = OutlineModel(document)
    first = document.index.phases[0]
    assert document.store.find(Phase, first.id).title == "Customer overview for sellers"
    assert model._detail(("phase", first.id)) == expected
    i18n.set_language("pseudo")
    # One translated message: a single bracket pair (two pieces gave "[4 wk · ~][39 pd ~]").
    assert model._detail(("phase", first.id)).count("[") == 1


@pytest.mark.parametrize(("language", "expected"), [("en", "Add wish"), ("nl", "Wens toevoegen"),
                                                    ("fi", "Lisää toive")])
def test_the_add_button_is_one_message_per_kind_of_record(language: str, expected: str) -> None:
    from ui.tables.table_page import add_text

    i18n.set_language(language)
    assert add_text("wish") == expected  # was "wens toevoegen", "Lisää: toive"


def test_a_percentage_is_spaced_where_the_language_spaces_it() -> None:
    from planner.i18n.formats import Local
    from ui.gantt.load_strip import percent

    assert (percent(0.81), percent(0.001), f"{Local(0.5625):.0%}") == ("81%", "<1%", "56%")
    i18n.set_language("fi")
    assert (percent(0.81), percent(0.001)) == ("81\u00a0%", "<1\u00a0%")
    assert f"{Local(0.5625):.0%}" == "56\u00a0%"
    i18n.set_language("nl")
    assert percent(0.81) == "81%"
