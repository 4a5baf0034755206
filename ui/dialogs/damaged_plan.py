"""A plan refused as damaged: what is wrong with it, record by record, and the way on. "Open a
repaired copy" writes `name (repaired).rollout` beside it (planner/repair.py; the original is
never touched), opens it, and shows what was changed. Two clicks from refused to working."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import DamagedPlanFile, PlanError
from planner.i18n import N_, _, ngettext
from planner.i18n.formats import local_number
from planner.repair import RepairResult, repair_file, repaired_name

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE = N_("This plan cannot be opened as it is")
# A list longer than this is for a file, not for reading; the count says how many more.
SHOWN = 500


class DamagedPlanDialog(QDialog):
    """The problems of a refused plan, and "Open a repaired copy" when a repair can help."""

    def __init__(self, path: Path, error: DamagedPlanFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("damaged_plan_dialog")
        self.setWindowTitle(_(TITLE))
        self.resize(1080, 520)
        layout = QVBoxLayout(self)
        count = len(error.problems)
        if count:
            what = (
                _("{count:,} values that break").format(count=count)
                if count > 1
                else _("a value that breaks")
            )
            head = _("<b>{name}</b> holds {what} the plan's rules, so it was not opened.").format(
                name=path.name, what=what
            )
        else:
            head = _("<b>{name}</b> was not opened: {reason}").format(
                name=path.name, reason=_escape(error.message)
            )
        self.intro = QLabel(head + _(" The file has not been changed."))
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.intro)

        self.problems = QTreeWidget()
        self.problems.setObjectName("problems")
        self.problems.setHeaderLabels([_("Record"), _("What is wrong"), _("A repaired copy will")])
        self.problems.setRootIsDecorated(False)
        self.problems.setAlternatingRowColors(True)
        self.problems.setWordWrap(True)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for problem in error.problems[:SHOWN]:
            item = QTreeWidgetItem([problem.subject, problem.message, problem.repair])
            for column in range(3):
                item.setToolTip(column, item.text(column))
            self.problems.addTopLevelItem(item)
        if count > SHOWN:
            self.problems.addTopLevelItem(
                QTreeWidgetItem(["", ngettext("… and {value} more", "… and {value} more",
                                              count - SHOWN).format(
                    value=local_number(count - SHOWN, ",d"))])
            )
        self.problems.setColumnWidth(0, 300)
        self.problems.setColumnWidth(1, 430)
        self.problems.setVisible(bool(count))
        layout.addWidget(self.problems, 1)
        # The selected problem in full: the columns cut long names and values.
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setVisible(bool(count))
        layout.addWidget(self.detail)
        self.problems.currentItemChanged.connect(self._show_detail)
        if count:
            self.problems.setCurrentItem(self.problems.topLevelItem(0))

        buttons = QDialogButtonBox()
        self.repair_button: QPushButton | None = None
        if error.repairable:
            copy = repaired_name(path).name
            note = QLabel(
                _(
                    "A repaired copy is written beside it as <b>{copy}</b>, with each "
                    "problem mended as listed; the list of changes is kept in the copy."
                ).format(copy=_escape(copy))
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            self.repair_button = buttons.addButton(
                _("Open a &repaired copy"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.repair_button.setDefault(True)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


    def _show_detail(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        if item is None or not item.text(2):
            self.detail.clear()
            return
        self.detail.setText(
            # Translators: {record}: what is wrong. A repaired copy will (do) {repair}.
            _("{record}: {problem}. A repaired copy will {repair}.").format(
                record=item.text(0), problem=item.text(1), repair=item.text(2)
            )
        )


class RepairReportDialog(QDialog):
    """What the repair changed, shown (not modal) beside the repaired plan's window."""

    def __init__(self, result: RepairResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("repair_report_dialog")
        self.setWindowTitle(_("Opened a repaired copy"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 380)
        layout = QVBoxLayout(self)
        count = len(result.changes)
        intro = QLabel(
            ngettext(
                "This is <b>{copy}</b>, a repaired copy; <b>{source}</b> was not changed. "
                "{count} change made, kept in the copy (<i>rollout-planner info</i> lists them):",
                "This is <b>{copy}</b>, a repaired copy; <b>{source}</b> was not changed. "
                "{count} changes made, kept in the copy (<i>rollout-planner info</i> lists them):",
                count,
            ).format(
                copy=_escape(result.copy.name),
                source=_escape(result.source.name),
                count=count,
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.changes = QPlainTextEdit()
        self.changes.setObjectName("changes")
        self.changes.setReadOnly(True)
        self.changes.setPlainText("\n".join(f"• {change}" for change in result.changes))
        layout.addWidget(self.changes, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)


def offer_repair(
    parent: QWidget | None, path: Path, error: DamagedPlanFile
) -> MainWindow | None:
    """Show why `path` was refused; on "Open a repaired copy" write the copy, open it in a
    window (shown) with the list of changes beside it, and return that window."""
    from ui.app_window import open_window

    dialog = DamagedPlanDialog(path, error, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not error.repairable:
            return None
    finally:
        dialog.deleteLater()
    try:
        result = repair_file(path, on_change=lambda change: None)
        window = open_window(result.copy, parent=parent)
    except PlanError as exc:
        QMessageBox.critical(parent, _("Cannot repair the plan"), str(exc))
        return None
    window.show()
    report = RepairReportDialog(result, window)
    report.show()
    window.repair_report = report  # type: ignore[attr-defined]  # for tests and screenshots
    return window


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
