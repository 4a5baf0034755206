"""The inspector's prerequisites for a wish: what it needs (add, untick to remove) and what
needs it, each an undoable command; a circle is refused with the wishes named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from planner.model import Demand, Prerequisite

pytest_plugins = ("ui_fixtures",)
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _by_title(store, title: str) -> Demand:  # noqa: ANN001
    return next(d for d in store.rows(Demand) if d.title == title)


def test_add_and_remove_what_a_wish_needs(qtbot, window) -> None:
    document = window.document
    store = document.store
    quote = _by_title(store, "Quote documents generated from the deal")
    deal = _by_title(store, "Register a deal with stage, value and expected close date")
    document.select("demand", [quote.id])
    links = window.inspector.wish_links
    assert links is not None and links.needs.list.count() == 0
    links.choice.setFocus()
    qtbot.keyClicks(links.choice.lineEdit(), deal.title)
    qtbot.mouseClick(links.add_button, Qt.MouseButton.LeftButton)
    assert [(p.demand_id, p.needs_id) for p in store.rows(Prerequisite)
            if p.demand_id == quote.id] == [(quote.id, deal.id)]  # fmt: skip
    links = window.inspector.wish_links
    assert links.needs.list.item(0).text() == deal.title
    # The needed wish shows it the other way round.
    document.select("demand", [deal.id])
    other = window.inspector.wish_links
    assert [other.needed_by.list.item(i).text() for i in range(other.needed_by.list.count())] \
        == [quote.title]  # fmt: skip
    other.needed_by.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not [p for p in store.rows(Prerequisite) if p.demand_id == quote.id]
    document.undo_stack.undo()
    assert [p.needs_id for p in store.rows(Prerequisite) if p.demand_id == quote.id] == [deal.id]


def test_a_circle_is_refused_with_the_wishes_named(qtbot, window, monkeypatch) -> None:
    document = window.document
    store = document.store
    connector = _by_title(store, "E-mail-to-case connector for the service mailboxes")
    cases = _by_title(store, "Service cases from the shared mailboxes (e-mail to case)")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    document.select("demand", [connector.id])
    links = window.inspector.wish_links
    links.choice.setCurrentIndex(links.choice.findText(cases.title))
    qtbot.mouseClick(links.add_button, Qt.MouseButton.LeftButton)
    assert shown and f"'{connector.title}' cannot need '{cases.title}'" in shown[0]
    assert not [p for p in store.rows(Prerequisite) if p.demand_id == connector.id]
