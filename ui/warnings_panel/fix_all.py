"""The warnings panel's "Fix all overloads…": the smallest set of wish moves that removes
every capacity warning without raising another (planner/propose/overloads.py), shown
first, applied as one undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from planner.errors import PlanError
from planner.i18n import _, ngettext
from planner.i18n.formats import Local
from planner.propose.overloads import CAPACITY_CODES, FixAllOverloads, describe, plan_fix


def add_fix_all_button(panel, layout) -> QPushButton:  # noqa: ANN001
    button = QPushButton(_("Fix all &overloads…"), panel)
    button.setObjectName("fix_all_overloads")
    button.setToolTip(_("Move the fewest wishes that remove every overload, after a preview"))
    button.clicked.connect(lambda: fix_all_overloads(panel))
    layout.addWidget(button)

    def follow(warnings) -> None:  # noqa: ANN001
        button.setEnabled(
            not panel.document.read_only
            and any(w.code in CAPACITY_CODES and not w.dismissed for w in warnings)
        )

    panel.source.updated.connect(lambda *_unused: follow(panel.source.warnings))
    follow(panel.source.warnings)
    return button


def fix_all_overloads(panel: QWidget) -> None:
    document = panel.document
    try:
        fix = plan_fix(document.store)
    except PlanError as exc:
        QMessageBox.warning(panel, _("Fix all overloads"), exc.message)
        return
    if fix.empty:
        text = _("No move of a planned wish removes the overloads.")
        if fix.left:
            text += "\n\n" + "\n".join(f"• {line}" for line in fix.left)
        QMessageBox.information(panel, _("Fix all overloads"), text)
        return
    lines = describe(document.store, fix)
    text = ngettext(
        "Move {count} wish ({effort:g} person-days) to remove every overload without "
        "raising another warning:\n\n",
        "Move {count} wishes ({effort:g} person-days) to remove every overload without "
        "raising another warning:\n\n",
        len(lines),
    ).format(count=len(lines), effort=Local(fix.effort)) + "\n".join(f"• {line}" for line in lines)
    if fix.left:
        text += _("\n\nStill overloaded (nothing that may move helps):\n") + "\n".join(
            f"• {line}" for line in fix.left
        )
    answer = QMessageBox.question(panel, _("Fix all overloads"), text)
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        document.push(FixAllOverloads(fix))
    except PlanError as exc:
        QMessageBox.warning(panel, _("Fix all overloads"), exc.message)
