"""The warnings panel. Live: it follows the document's warnings after every edit. Clicking a
warning selects its subject in the outline and the views; its fixes are buttons (and a
context menu), each one undoable command; a warning is dismissed with a reason and can be
brought back."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.commands import Command
from planner.errors import PlanError
from planner.i18n import _
from planner.warnings.types import Severity, Warning
from ui import theme
from ui.document import PlanDocument
from ui.guard import guarded
from ui.warnings_panel.warnings_model import DISMISSED, GROUP_ROLE, WarningsModel


def dismiss_command(warning: Warning, reason: str) -> Command:
    from planner.warnings import Dismiss

    return Dismiss.warning(warning, reason)


def restore_command(warning: Warning) -> Command:
    from planner.warnings import Undismiss

    return Undismiss(warning.code, warning.subject)


class WarningsPanel(QWidget):
    """`subject_selected(kind)` after a click selected a warning's subject."""

    subject_selected = Signal(str)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warnings_panel")
        self.document = document
        self.source = document.warnings
        self.model = WarningsModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("warnings_tree")
        self.tree.setAccessibleName(_("Warnings"))
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        # One line per row, all the same height: a large plan has over a thousand warnings and
        # measuring wrapped rows after every edit would cost more than the edit. The whole
        # message and principle show below the list and in the tooltip.
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAnimated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.activated.connect(self._on_clicked)

        self.summary = QLabel(self)
        self.summary.setObjectName("warnings_summary")
        self.details = QLabel(self)
        self.details.setObjectName("warning_details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.actions_box = QWidget(self)
        self._shown_details: Warning | None = None
        self.fix_buttons: list[QCommandLinkButton] = []
        self.dismiss_button: QPushButton | None = None
        # Groups the user closed stay closed; "Dismissed" starts closed.
        self._collapsed: set[str] = {DISMISSED}
        self.tree.collapsed.connect(lambda i: self._collapsed.add(self._group_of(i)))
        self.tree.expanded.connect(lambda i: self._collapsed.discard(self._group_of(i)))

        # The list on the left, the chosen warning (message, principle, fixes) on the right.
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.tree, 1)
        from ui.warnings_panel.fix_all import add_fix_all_button  # planner/propose

        self.fix_all_button = add_fix_all_button(self, left_layout)
        right = QScrollArea(self)
        right.setWidgetResizable(True)
        right.setFrameShape(QFrame.Shape.NoFrame)
        right.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(right)
        self._actions_layout = QVBoxLayout(inner)
        self._actions_layout.setContentsMargins(8, 0, 4, 0)
        self._actions_layout.addWidget(self.details)
        self._actions_layout.addStretch(1)
        right.setWidget(inner)
        self.details.setParent(inner)
        self.actions_box.setParent(inner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("warnings_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self.source.updated.connect(self.refresh)
        self.refresh()

    def restore_split(self, state) -> bool:  # noqa: ANN001 - QByteArray
        self._split = self.splitter.restoreState(state)
        return self._split

    @guarded()
    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if not getattr(self, "_split", False):  # first showing: 60 % list, 40 % details
            self._split = True
            width = max(self.width(), 400)
            self.splitter.setSizes([width * 3 // 5, width * 2 // 5])

    # --- following the warnings ------------------------------------------------------------

    def refresh(self) -> None:
        # The model syncs row by row, so the current warning and what is open stay as they
        # were; only groups that just appeared are opened (unless the user closed them).
        shown = self._shown_details
        self.model.set_warnings(self.source.warnings)
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if self.model.group_name(row) not in self._collapsed and not self.tree.isExpanded(
                index
            ):
                self.tree.expand(index)
        self._update_summary()
        current = self.current_warning()
        if shown is not None and (current is None or current.key != shown.key):
            # The warning followed moved (e.g. dismissed: to its own group): follow it.
            index = self.model.index_of(shown.key)
            if index.isValid():
                flags = self.tree.selectionModel().SelectionFlag.ClearAndSelect
                self.tree.selectionModel().setCurrentIndex(index, flags)
                current = self.current_warning()
        if current != shown or current is None:
            self._show_details(current)

    def _group_of(self, index: QModelIndex) -> str:
        return str(index.data(GROUP_ROLE) or "")

    def _update_summary(self) -> None:
        counts = [
            (self.source.count(s), s) for s in (Severity.PROBLEM, Severity.WARNING, Severity.INFO)
        ]
        text = (
            ", ".join(theme.severity_count(s, n) for n, s in counts if n)
            or _("No warnings: the plan looks healthy.")
        )
        self.summary.setText(text)

    def current_warning(self) -> Warning | None:
        return self.model.warning(self.tree.currentIndex())

    # --- details and actions -----------------------------------------------------------------

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_details(self.model.warning(current))

    def _on_clicked(self, index: QModelIndex) -> None:
        warning = self.model.warning(index)
        if warning is not None:
            self.select_subject(warning)

    def select_subject(self, warning: Warning) -> None:
        subject = warning.subject
        if subject.kind == "plan":
            self.document.select("plan", [subject.id or 1])
        elif subject.id is not None:
            self.document.select(subject.kind, [subject.id])
        self.subject_selected.emit(subject.kind)

    def _show_details(self, warning: Warning | None) -> None:
        self._shown_details = warning
        # A fresh row of buttons for each warning: its fixes, then Dismiss or Restore.
        self._actions_layout.removeWidget(self.actions_box)
        self.actions_box.deleteLater()
        self.actions_box = QWidget(self.details.parentWidget())
        self.actions_box.setObjectName("warning_actions")
        column = QVBoxLayout(self.actions_box)
        column.setContentsMargins(0, 0, 0, 0)
        self.fix_buttons, self.dismiss_button = [], None
        self._actions_layout.insertWidget(1, self.actions_box)
        if warning is None:
            self.details.setText(_("Click a warning to select what it is about and see its fixes."))
            return
        text = f"{warning.message}\n\n{warning.principle}"
        if warning.dismissed:
            text += f"\n\nDismissed: {warning.dismissed_reason}"
        self.details.setText(text)
        writable = not self.document.read_only
        for fix in warning.fixes:
            # A command link: the fix's (long) label wraps instead of widening the panel.
            button = QCommandLinkButton(_("Fix"), fix.label, self.actions_box)
            button.setAccessibleName(fix.label)
            button.setEnabled(writable and not warning.dismissed)
            button.clicked.connect(lambda _unused=False, f=fix: self.apply_fix(f))
            column.addWidget(button)
            self.fix_buttons.append(button)
        row = QHBoxLayout()
        row.addStretch(1)
        column.addLayout(row)
        dismiss = QPushButton(
            _("Restore") if warning.dismissed else _("Dismiss…"), self.actions_box
        )
        dismiss.setToolTip(_("Accept this warning for this subject, with a reason"))
        dismiss.setEnabled(writable)
        dismiss.clicked.connect(lambda _unused=False, w=warning: self.dismiss(w))
        row.addWidget(dismiss)
        self.dismiss_button = dismiss

    def _push(self, command: Command, title: str) -> bool:
        try:
            self.document.push(command)
        except PlanError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        return True

    def apply_fix(self, fix) -> bool:  # noqa: ANN001 - planner.warnings.types.Fix
        try:
            command = fix.make()
        except PlanError as exc:
            QMessageBox.warning(self, fix.label, str(exc))
            return False
        return self._push(command, fix.label)

    def dismiss(self, warning: Warning | None) -> bool:
        if warning is None:
            return False
        if warning.dismissed:
            return self._push(restore_command(warning), _("Restore warning"))
        reason, ok = QInputDialog.getMultiLineText(
            self,
            _("Dismiss warning"),
            _("{message}\n\nWhy is this acceptable? (kept in the plan for the next reader)").format(
                message=warning.message
            ),
        )
        if not ok:
            return False
        return self._push(dismiss_command(warning, reason), _("Dismiss warning"))

    def _context_menu(self, position: QPoint) -> None:
        warning = self.model.warning(self.tree.indexAt(position))
        if warning is None:
            return
        menu = QMenu(self)
        menu.addAction(_("Select what it is about"), lambda: self.select_subject(warning))
        writable = not self.document.read_only
        if warning.fixes:
            menu.addSeparator()
        for fix in warning.fixes:
            menu.addAction(fix.label, lambda f=fix: self.apply_fix(f)).setEnabled(
                writable and not warning.dismissed
            )
        menu.addSeparator()
        text = _("Restore") if warning.dismissed else _("Dismiss…")
        menu.addAction(text, lambda: self.dismiss(warning)).setEnabled(writable)
        menu.exec(self.tree.viewport().mapToGlobal(position))
