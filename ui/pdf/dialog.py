"""File → Export → Export PDF…: choose paper, sections and file; then the export runs
under a cancellable progress dialog (see ui/pdf/progress.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner import i18n
from planner.i18n import N_, _
from planner.report import SECTION_TITLES, Section
from ui import settings
from ui.pdf.options import ExportOptions, Paper

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PAPER = settings.Setting("pdf/paper", str, Paper.A4.value, "Paper for the plan pack")
SECTIONS = settings.Setting("pdf/sections", list, [s.value for s in Section], "Pack sections")
LANDSCAPE = settings.Setting("pdf/landscape_roadmap", bool, True, "Roadmap pages landscape")
OPEN_WHEN_DONE = settings.Setting("pdf/open_when_done", bool, True, "Open the pack when done")
# Empty: the pack is in the window's language.
PACK_LANGUAGE = settings.Setting("pdf/language", str, "", "Language of the plan pack")

_PAPERS = {Paper.A4: "A4", Paper.LETTER: N_("US Letter")}


def _flag(setting: settings.Setting) -> bool:
    # QSettings in INI files gives booleans back as "true"/"false".
    value = settings.settings().value(setting.key, setting.default)
    return value if isinstance(value, bool) else str(value).lower() == "true"


def has_baseline(store) -> bool:  # noqa: ANN001
    try:
        from planner.baseline import latest_baseline
    except ImportError:
        return False
    return latest_baseline(store) is not None


def baseline_choices(store) -> list[tuple[int, str]]:  # noqa: ANN001
    """(id, "name — date") of the readable baselines, the latest first (the default)."""
    from planner.diff import readable_baselines

    good, _unused = readable_baselines(store)
    return [(b.id, f"{b.name} — {b.created_at:%Y-%m-%d %H:%M}") for b in reversed(good)]


class ExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        default_path: Path,
        baseline: bool,
        baselines: list[tuple[int, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export PDF plan pack"))
        self.path_edit = QLineEdit(str(default_path))
        self.path_edit.setObjectName("pdf_path")
        browse = QPushButton(_("&Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.paper = QComboBox()
        self.paper.setObjectName("pdf_paper")
        for paper, text in _PAPERS.items():
            self.paper.addItem(_(text), paper.value)
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.get(PAPER))))
        self.landscape = QCheckBox(_("Roadmap pages in &landscape"))
        self.landscape.setChecked(_flag(LANDSCAPE))
        self.open_when_done = QCheckBox(_("&Open the PDF when done"))
        self.open_when_done.setObjectName("pdf_open")
        self.open_when_done.setChecked(_flag(OPEN_WHEN_DONE))

        form = QFormLayout()
        form.addRow(_("&File:"), path_row)
        form.addRow(_("&Paper:"), self.paper)
        form.addRow("", self.landscape)
        # The committee may read another language than the one who prepares the pack.
        self.language = QComboBox()
        self.language.setObjectName("pdf_language")
        self.language.addItem(_("Same as the window"), "")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        if i18n.language() == i18n.PSEUDO:
            self.language.addItem("[Þšéûđö ~~~]", i18n.PSEUDO)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(PACK_LANGUAGE))))
        form.addRow(_("&Language:"), self.language)
        # Which baseline the changes section counts from: the latest unless chosen.
        self.baseline_combo = QComboBox()
        self.baseline_combo.setObjectName("pdf_baseline")
        for baseline_id, text in baselines or []:
            self.baseline_combo.addItem(text, baseline_id)
        if baselines:
            form.addRow(_("Changes &since:"), self.baseline_combo)
        sections_box = QGroupBox(_("Sections (the cover and contents are always included)"))
        column = QVBoxLayout(sections_box)
        chosen = set(settings.get(SECTIONS))
        self.section_boxes: dict[Section, QCheckBox] = {}
        for section in Section:
            box = QCheckBox(_(SECTION_TITLES[section]))
            box.setObjectName(f"pdf_section_{section.value}")
            box.setChecked(section.value in chosen)
            if section == Section.CHANGES and not baseline:
                box.setEnabled(False)
                box.setToolTip(_("The plan has no baseline to compare with yet."))
            column.addWidget(box)
            self.section_boxes[section] = box
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(sections_box)
        layout.addWidget(self.open_when_done)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        name, _unused = QFileDialog.getSaveFileName(
            self, _("Export PDF plan pack"), self.path_edit.text(), _("PDF files (*.pdf)")
        )
        if name:
            self.path_edit.setText(name)

    @property
    def path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def options(self) -> ExportOptions:
        return ExportOptions(
            paper=Paper(self.paper.currentData()),
            sections=frozenset(s for s, box in self.section_boxes.items() if box.isChecked()),
            landscape_roadmap=self.landscape.isChecked(),
            baseline_id=self.baseline_combo.currentData() if self.baseline_combo.count() else None,
            language=self.language.currentData() or None,
        )

    def remember(self) -> None:
        options = self.options()
        previous = set(settings.get(SECTIONS))
        # A section that cannot be chosen now (no baseline yet) keeps the user's last choice.
        settings.put(SECTIONS, [
            s.value for s, box in self.section_boxes.items()
            if (box.isChecked() if box.isEnabled() else s.value in previous)
        ])
        settings.put(PAPER, options.paper.value)
        settings.put(LANDSCAPE, options.landscape_roadmap)
        settings.put(OPEN_WHEN_DONE, self.open_when_done.isChecked())
        settings.put(PACK_LANGUAGE, self.language.currentData() or "")


def default_path(window: MainWindow) -> Path:
    store = window.document.store
    folder = store.path.parent if store.path is not None else Path.home()
    stem = store.path.stem if store.path is not None else "plan"
    return folder / _('{stem} - plan pack.pdf').format(stem=stem)


def export_from_window(window: MainWindow) -> Path | None:
    """Ask, then export. Returns the written file, or None when cancelled or failed."""
    from ui.pdf.progress import run_export

    store = window.document.store
    dialog = ExportDialog(
        window, default_path(window), has_baseline(store), baseline_choices(store)
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    dialog.remember()
    return run_export(window, store, dialog.path, dialog.options(),
                      open_when_done=dialog.open_when_done.isChecked())


def install_action(window: MainWindow) -> QAction:
    """File → Export → Export PDF… (made by ui.pdf.install, which does not import this module)."""
    from ui.pdf import install

    install(window)
    return window.export_pdf_action
