"""File → New → From the CRM template: the template's language, chosen in a dialog that
starts at the app's language, and a plan written in it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from planner import i18n
from planner.model import Department, Phase
from ui.app_window import open_windows
from ui.dialogs.template_language import TemplateLanguageDialog, choose_template_language

pytest_plugins = ("ui_fixtures",)  # fixtures: window, document, clean_settings
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def speaking():  # noqa: ANN201
    """The app's language for one test; English again after."""
    yield i18n.set_language
    i18n.set_language("en")


@pytest.mark.parametrize("code", ["en", "fi", "nl"])
def test_the_choice_starts_at_the_apps_language(qtbot, speaking, code: str) -> None:  # noqa: ANN001
    speaking(code)
    dialog = TemplateLanguageDialog()
    qtbot.addWidget(dialog)
    assert dialog.chosen() == code
    assert [dialog.combo.itemData(i) for i in range(dialog.combo.count())] == list(i18n.LANGUAGES)
    assert dialog.combo.currentText() == i18n.LANGUAGES[code]


def test_the_pseudo_language_starts_at_english(qtbot, speaking) -> None:  # noqa: ANN001
    speaking(i18n.PSEUDO)
    dialog = TemplateLanguageDialog()
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "en"


def _answer(pick: str | None) -> None:
    """Answer the modal dialog once it shows: pick a language and OK, or Cancel."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TemplateLanguageDialog):
            QTimer.singleShot(20, act)
            return
        buttons = dialog.findChild(QDialogButtonBox)
        if pick is None:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
        else:
            dialog.combo.setCurrentIndex(dialog.combo.findData(pick))
            buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(20, act)


def test_the_dialog_answers_the_language_or_none(qtbot) -> None:  # noqa: ANN001
    _answer("sv")
    assert choose_template_language(None) == "sv"
    _answer(None)
    assert choose_template_language(None) is None


def test_new_from_the_template_in_swedish(qtbot, window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "Svensk plan.rollout"
    monkeypatch.setattr(
        "ui.menus.file_menu.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    before = set(map(id, open_windows()))
    _answer("sv")
    window.file_actions.new_crm.trigger()
    new = [w for w in open_windows() if id(w) not in before]
    try:
        assert len(new) == 1
        store = new[0].document.store
        assert store.rows(Phase)[0].title == "Kundöversikt för säljare"
        assert store.rows(Department)[0].name == "Försäljning"
        assert "CRM-införande 2026–27" in new[0].windowTitle()
    finally:
        for w in new:
            w.close()


def test_cancelling_the_language_makes_no_plan(qtbot, window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    asked = []
    monkeypatch.setattr(
        "ui.menus.file_menu.QFileDialog.getSaveFileName",
        lambda *a, **k: asked.append(a) or (str(tmp_path / "x.rollout"), ""),
    )
    _answer(None)
    window.file_actions.new_crm.trigger()
    assert asked == [] and not (tmp_path / "x.rollout").exists()
