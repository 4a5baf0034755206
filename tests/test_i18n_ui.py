"""The window speaks the chosen language: no string in ui/ reaches a Qt text setter
unmarked, and the menus under the pseudo-language (and under each language whose
catalogue is complete) hold no English left untranslated."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner import i18n

pytest_plugins = ("ui_fixtures",)  # fixtures: window, document, clean_settings

UI = Path(__file__).resolve().parent.parent / "ui"

# Methods and constructors whose string arguments a person reads.
TEXT_SETTERS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setTitle", "setLabelText", "setInformativeText",
    "setDetailedText", "setSpecialValueText", "setSuffix", "setPrefix", "setTabText",
    "setTabToolTip", "setItemText", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
    "setHeaderLabels", "setHeaderLabel", "setEmptyLabel", "showMessage", "addMenu",
    "addAction", "addTab", "addItem", "insertItem", "addRow", "addButton", "setButtonText",
    "information", "warning", "critical", "question", "about", "getText", "getItem",
    "getInt", "getDouble", "getOpenFileName", "getSaveFileName", "getExistingDirectory",
    "setAccessibleName", "setAccessibleDescription",  # what a screen reader says
}
TEXT_CONSTRUCTORS = {
    "QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QMenu",
    "QToolButton", "QToolBar", "QMessageBox", "QCommandLinkButton", "QListWidgetItem",
    "QTreeWidgetItem", "QTableWidgetItem", "QStandardItem", "QProgressDialog", "QDockWidget",
    "label", "make_label",  # the workshop's label helpers
}
MARKERS = {"_", "N_", "ngettext", "pgettext"}
LOGGERS = {"log", "_log", "logger", "logging"}
# Strings that are no one's language: key sequences, file names, identifiers passed as
# item data, symbols.
_NOT_TEXT = re.compile(
    r"^(\s*|[^A-Za-z]*"  # symbols and numbers: "…", "%", "—", "→"
    r"|((Ctrl|Shift|Alt|Meta)\+)+\S*"  # shortcuts
    r"|[\w.-]+\.[a-z]{2,4}"  # file names: roadmap.png
    r"|[a-z_][a-z0-9_./-]*"  # identifiers used as item data: "week", "pdf_paper"
    r"|#rrggbb|A4|PDF|CSV|IT|OK|DejaVu Sans)$"
)


def _literal_texts(node: ast.expr) -> Iterator[tuple[int, str]]:
    """String literals in an argument that are not inside a marking call."""
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in MARKERS:
            return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if not _NOT_TEXT.match(node.value):
            yield node.lineno, node.value
        return
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        if re.search(r"[A-Za-z]{2,}", literal) and not _NOT_TEXT.match(literal.strip()):
            yield node.lineno, f"f-string {literal!r}"
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.expr):
            yield from _literal_texts(child)


def unmarked_texts(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in TEXT_SETTERS and name not in TEXT_CONSTRUCTORS:
            continue
        receiver = getattr(func, "value", None)
        if isinstance(receiver, ast.Name) and receiver.id in LOGGERS:
            continue  # log.warning(...): for the log, in English
        args = list(node.args) + [k.value for k in node.keywords if k.arg != "objectName"]
        for arg in args:
            found.extend(_literal_texts(arg))
    return found


def hidden_in_fstrings(source: str) -> list[tuple[int, str]]:
    """_("text") inside an f-string: Babel's extractor does not look inside f-strings,
    so the text would never reach a catalogue."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                        and call.func.id in MARKERS
                        and any(isinstance(a, ast.Constant) for a in call.args)):
                    found.append((call.lineno, ast.unparse(call)))
    return found


def test_no_marked_text_hides_inside_an_fstring() -> None:
    problems = [
        f"{path.relative_to(UI.parent)}:{line}: {text}"
        for path in sorted(UI.rglob("*.py"))
        for line, text in hidden_in_fstrings(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "Move these out of the f-string:\n" + "\n".join(problems)
    assert hidden_in_fstrings("x = f\"<b>{_('Dots')}</b>\"\ny = f\"{_(name)}\"\n") == [
        (1, "_('Dots')")
    ]


def test_no_unmarked_text_reaches_a_qt_setter() -> None:
    problems = [
        f"{path.relative_to(UI.parent)}:{line}: {text!r}"
        for path in sorted(UI.rglob("*.py"))
        for line, text in unmarked_texts(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "Mark these for translation with _() or N_():\n" + "\n".join(problems)


def test_the_scan_finds_unmarked_text() -> None:
    """The scan above can fail: plain and f-string text is found, marked text is not."""
    source = (
        "def build(w, n):\n"
        "    w.setWindowTitle('Plan settings')\n"
        "    w.setToolTip(f'{n} wishes selected')\n"
        "    QMessageBox.warning(w, _('Export'), 'Cannot write the file')\n"
        "    QPushButton(_('&Move'), w)\n"
        "    w.addItem(_('Comma'), 'week')\n"
        "    menu.addAction(ngettext('{n} wish', '{n} wishes', n).format(n=n))\n"
        "    log.warning('Cannot read %s', n)\n"
    )
    assert [line for line, _text in unmarked_texts(source)] == [2, 3, 4]


# --- the menus under a language ---------------------------------------------------------


def _actions(menu_bar) -> Iterator[tuple[str, str]]:  # noqa: ANN001
    """(path, text) of every action in the menu bar, submenus included."""

    def walk(menu, path: str) -> Iterator[tuple[str, str]]:  # noqa: ANN001
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text()
            yield f"{path} › {text}", text
            if action.menu() is not None and action.menu().objectName() not in SKIP_MENUS:
                yield from walk(action.menu(), f"{path} › {text}")

    for action in menu_bar.actions():
        yield action.text(), action.text()
        if action.menu() is not None:
            yield from walk(action.menu(), action.text())


# Menus whose entries are data, not our text: languages in their own names, recent files.
SKIP_MENUS = {"language_menu", "recent_menu"}


@pytest.fixture
def in_language(qapp, request):  # noqa: ANN001, ANN201
    from ui.i18n import install

    install(qapp, request.param)
    yield request.param
    install(qapp, i18n.SOURCE_LANGUAGE)


def _english_menus(window) -> dict[str, str]:  # noqa: ANN001
    return dict(_actions(window.menuBar()))


@pytest.mark.gui
@pytest.mark.parametrize("in_language", [i18n.PSEUDO], indirect=True)
def test_pseudo_language_leaves_no_plain_english_in_the_menus(in_language, window) -> None:  # noqa: ANN001
    texts = list(_actions(window.menuBar()))
    assert len(texts) > 40  # the walk reached the submenus
    plain = [path for path, text in texts if text.strip() and not _pseudo(text)]
    assert not plain, "Not marked for translation:\n" + "\n".join(plain)


def _pseudo(text: str) -> bool:
    return text.startswith("[") and text.endswith("]") or "~]" in text


def _catalogue(code: str):  # noqa: ANN202
    from babel.messages.pofile import read_po

    with (i18n.CATALOGUE_DIR / code / "LC_MESSAGES" / "rollout.po").open("rb") as handle:
        return read_po(handle)


def _complete(code: str) -> bool:
    """A compiled catalogue with every message translated."""
    mo = i18n.CATALOGUE_DIR / code / "LC_MESSAGES" / "rollout.mo"
    if not mo.exists():
        return False
    return all(m.string and (not isinstance(m.string, tuple) or all(m.string))
               for m in _catalogue(code) if m.id and not m.fuzzy)


def _same_on_purpose(code: str) -> set[str]:
    """Messages the translator rendered as the English ("&Plan" in Swedish, "MS Project")."""
    return {m.id for m in _catalogue(code) if isinstance(m.id, str) and m.string == m.id}


COMPLETE = [code for code in i18n.LANGUAGES if code != "en" and _complete(code)]


@pytest.mark.gui
@pytest.mark.parametrize("code", COMPLETE)
def test_menus_under_a_complete_language_have_no_english_left(
    qapp, qtbot, sample_store, clean_settings, code  # noqa: ANN001
) -> None:
    from ui.app_window import window_for_store
    from ui.i18n import install

    english_window = window_for_store(sample_store.copy_in_memory())
    qtbot.addWidget(english_window)
    english = set(_english_menus(english_window).values())
    install(qapp, code)
    try:
        translated = window_for_store(sample_store.copy_in_memory())
        qtbot.addWidget(translated)
        same = _same_on_purpose(code)
        left = [path for path, text in _actions(translated.menuBar())
                if text in english and text not in same and re.search("[A-Za-z]{3}", text)]
    finally:
        install(qapp, i18n.SOURCE_LANGUAGE)
    assert not left, f"English left in the {code} menus:\n" + "\n".join(left)


def test_every_language_is_offered_in_its_own_name(qtbot, window) -> None:  # noqa: ANN001
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "language_menu")
    assert menu is not None
    names = [a.text() for a in menu.actions()]
    for name in i18n.LANGUAGES.values():
        assert name in names
    assert not any("Þšéûđö" in n for n in names)  # the pseudo-language only on request


def test_qt_own_translations_cover_every_language() -> None:
    """Standard buttons in the language: Qt ships qtbase_<lang>.qm for all but Bokmål,
    which falls back to Nynorsk's (the button words are the same)."""
    from ui.i18n import qt_translation_for

    found = {code: qt_translation_for(code) for code in i18n.LANGUAGES if code != "en"}
    assert found == {"nb": "nn", "da": "da", "sv": "sv", "fi": "fi", "nl": "nl"}


# --- the PDF pack in another language than the window's ----------------------------------


def test_pack_is_written_in_its_own_language_and_the_window_keeps_its_own(
    qapp, sample_store, tmp_path  # noqa: ANN001
) -> None:
    import datetime as dt

    from pdf_helpers import text

    from ui.pdf.options import ExportOptions, Section
    from ui.pdf.writer import export_pdf

    sections = frozenset({Section.ROADMAP, Section.BACKLOG})
    path = tmp_path / "fi.pdf"
    assert i18n.language() == "en"
    export_pdf(sample_store, path, ExportOptions(today=dt.date(2026, 12, 1), sections=sections,
                                                 language="fi"))
    assert i18n.language() == "en"  # restored after the export
    finnish = text(path)
    assert "Sisällys" in finnish and "Tiekartta" in finnish  # contents, roadmap headings
    assert "SUUNNITELMAPAKETTI OHJAUSRYHMÄLLE" in finnish
    assert "Contents" not in finnish
    english = tmp_path / "en.pdf"
    export_pdf(sample_store, english, ExportOptions(today=dt.date(2026, 12, 1),
                                                    sections=sections))
    assert "Contents" in text(english)
