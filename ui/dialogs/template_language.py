"""File → New → From the CRM template: which language the new plan's text is written in.

The template's titles, goals, notes and department names are ours and translated
(planner/template_text.py); the choice defaults to the language the app speaks, and a team
may pick another ("the committee reads Swedish"). People's names stay as they are."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.i18n import LANGUAGES, SOURCE_LANGUAGE, _, language


class TemplateLanguageDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("template_language_dialog")
        self.setWindowTitle(_("New plan from the CRM template"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The template's titles, goals, notes and department names can be written in "
                "another language than the app's. People's names stay as they are."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setObjectName("template_language")
        for code, name in LANGUAGES.items():
            self.combo.addItem(name, code)
        current = language() if language() in LANGUAGES else SOURCE_LANGUAGE
        self.combo.setCurrentIndex(self.combo.findData(current))
        label = QLabel(_("Template &language:"))
        label.setBuddy(self.combo)
        form.addRow(label, self.combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def chosen(self) -> str:
        return str(self.combo.currentData())


def choose_template_language(parent: QWidget | None) -> str | None:
    """The language for a new plan from the template, or None when the user cancels."""
    dialog = TemplateLanguageDialog(parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
