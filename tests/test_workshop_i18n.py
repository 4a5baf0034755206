"""The workshop's large type in long languages (found on the Finnish screenshots): a
compound wider than a card breaks with a hyphen; the plate's status and the summary's
headings are the language's own."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from planner import i18n
from planner.enums import PhaseStatus
from ui.workshop.cards import _wrapped
from ui.workshop.plate_page import status_word

pytest_plugins = ("ui_fixtures",)  # clean_settings


@pytest.fixture(autouse=True)
def _english_after():  # noqa: ANN202
    yield
    i18n.set_language("en")


def _font() -> QFont:
    font = QFont()
    font.setPixelSize(28)
    font.setBold(True)
    return font


def test_a_word_wider_than_the_card_breaks_with_a_hyphen(qapp) -> None:  # noqa: ANN001
    font, title = _font(), "Voittotodennäköisyys myyntivaiheittain"
    width = QFontMetrics(font).horizontalAdvance("Voittotodennäk")
    lines = _wrapped(title, font, width, 2)
    assert len(lines) == 2
    assert lines[0].endswith("-") and lines[0][:-1].isalpha()
    assert title.startswith(lines[0][:-1] + lines[1].rstrip("…")[:3])  # the word goes on
    assert lines[1].endswith("…")  # the rest elided on the last line
    metrics = QFontMetrics(font)
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)


def test_words_that_fit_wrap_at_spaces_as_before(qapp) -> None:  # noqa: ANN001
    font = _font()
    width = QFontMetrics(font).horizontalAdvance("Customer overview for ") + 2
    assert _wrapped("Customer overview for sellers", font, width, 2) == [
        "Customer overview for", "sellers"
    ]
    assert _wrapped("Short", font, width, 2) == ["Short"]


def test_the_plates_status_is_the_languages_word() -> None:
    assert status_word(PhaseStatus.ACTIVE) == "active"  # English as before
    i18n.set_language("nl")
    assert status_word(PhaseStatus.PLANNED) == "gepland"
    i18n.set_language("fi")
    assert status_word(PhaseStatus.ACTIVE) == "käynnissä"


def test_the_workshop_summary_has_no_english_left_in_finnish(qtbot, sample_store) -> None:  # noqa: ANN001
    """Found on the Finnish summary page: the "Votes" heading in English."""
    from ui.document import PlanDocument
    from ui.workshop.mode import mode_for
    from ui.workshop.summary import collect, summary_html

    document = PlanDocument(sample_store)
    try:
        session = mode_for(document).session
        i18n.set_language("fi")
        summary = collect(document, session)
        html = summary_html(summary)
        assert "Votes" not in html
        assert "<h2>Äänet</h2>" in html
    finally:
        mode_for(document).leave()


def test_warning_counts_take_the_numbers_form_of_the_noun() -> None:
    """Found on the Finnish status bar: "3 ongelmat" (the heading "Ongelmat" lower-cased)
    where Finnish says "3 ongelmaa"; English said "1 problems"."""
    from planner.warnings.types import Severity
    from ui.theme import severity_count

    assert severity_count(Severity.PROBLEM, 1) == "1 problem"
    assert severity_count(Severity.INFO, 2) == "2 notes"
    i18n.set_language("fi")
    assert severity_count(Severity.PROBLEM, 3) == "3 ongelmaa"
    assert severity_count(Severity.WARNING, 12) == "12 varoitusta"


def test_finnish_warnings_keep_their_wrapped_height_on_a_720_projector(
    qtbot, tmp_path  # noqa: ANN001
) -> None:
    """Found on the 1280×720 Finnish plate: two headlines on two lines each were squeezed
    below their height, the padding of the red boxes gone."""
    from planner.template import create_from_template
    from ui.document import PlanDocument
    from ui.workshop.mode import mode_for
    from ui.workshop.window import WorkshopWindow

    i18n.set_language("fi")
    document = PlanDocument(create_from_template(tmp_path / "fi.rollout", "crm", lang="fi"))
    window = WorkshopWindow(document, mode_for(document).session, 720)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.show_page("plate")
    page = window.pages["plate"]
    for _step in range(6):  # on to phase 7: too long, too many departments
        page.step_phase(1)
    qtbot.waitUntil(lambda: len(page.warning_labels) >= 4)
    qtbot.wait(50)
    headlines = [w for w in page.warning_labels if w.property("role") == "warning"]
    assert len(headlines) >= 2
    for headline in headlines:
        assert headline.height() >= headline.heightForWidth(headline.width()), headline.text()
    mode_for(document).leave()
