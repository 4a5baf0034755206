"""Departments: deleting one that still has wishes asks who takes them over."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from planner.commands import Command, DeleteRows
from planner.i18n import N_, _, ngettext
from planner.model import Demand, Department
from ui.document import PlanDocument
from ui.models.department_table_model import DepartmentTableModel
from ui.tables.table_page import TablePage


class DepartmentPage(TablePage):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(
            document,
            DepartmentTableModel(document),
            N_("department"),
            N_("departments"),
            ("name", "head", "support_contact"),
            parent,
        )

    def delete_command(self, ids: list[int]) -> Command | None:
        return ask_reassign(self, self.document, ids)


def ask_reassign(parent: QWidget, document: PlanDocument, ids: list[int]) -> Command | None:
    """Deleting departments: if they still have wishes, ask which department takes them over
    (None when the user cancels)."""
    store = document.store
    wishes = sum(1 for d in store.rows(Demand) if d.department_id in ids)
    if not wishes:
        return DeleteRows(Department, ids)
    others = [d for d in document.index.departments if d.id not in ids]
    if not others:
        QMessageBox.information(
            parent,
            _("Delete department"),
            _("A department with wishes needs another to take them over; add one first."),
        )
        return None
    names = [d.name for d in others]
    gone = ", ".join(store.get(Department, i).name for i in ids)
    choice, ok = QInputDialog.getItem(
        parent,
        _("Delete department"),
        (
            # Translators: {gone} is one department's name.
            ngettext(
                "{gone} still has {wishes} wish.\nHand them over to:",
                "{gone} still has {wishes} wishes.\nHand them over to:",
                wishes,
            )
            if len(ids) == 1
            # Translators: {gone} is a list of departments' names.
            else ngettext(
                "{gone} still have {wishes} wish.\nHand them over to:",
                "{gone} still have {wishes} wishes.\nHand them over to:",
                wishes,
            )
        ).format(gone=gone, wishes=wishes),
        names,
        0,
        False,
    )
    if not ok:
        return None
    return DeleteRows(Department, ids, reassign_to=others[names.index(choice)].id)
