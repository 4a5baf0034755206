"""The warnings panel: grouped by severity with the principle under each warning, live after
every edit, clicking a warning selects its subject, fixes and dismissals as undoable
commands."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_support import FakeEngine, make_warning

from planner.commands import MoveDemands, UpdateRow
from planner.model import Demand, Phase
from planner.warnings.types import Fix, Severity

pytest_plugins = ("ui_fixtures",)
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _rows(panel) -> list[str]:  # noqa: ANN001
    model = panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _click(qtbot, panel, index) -> None:  # noqa: ANN001
    tree = panel.tree
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_grouped_by_severity_with_the_principle_underneath(qtbot, window) -> None:
    document = window.document
    phase, demand = document.index.phases[0], document.store.rows(Demand)[0]
    document.warnings.set_engine(
        FakeEngine(
            [
                make_warning("phase", phase.id, Severity.PROBLEM, "Phase too full"),
                make_warning("demand", demand.id, Severity.WARNING, "No objective"),
                make_warning("demand", demand.id, Severity.INFO, "Old", dismissed_reason="Agreed"),
            ]
        )
    )
    panel = window.warnings_panel
    assert _rows(panel) == ["Problems (1)", "Warnings (1)", "Dismissed (1)"]
    problem = panel.model.index(0, 0, panel.model.index(0, 0))
    assert problem.data() == "Phase too full"
    principle = panel.model.index(0, 0, problem)
    assert principle.data().startswith("Principle: Eat French")
    dismissed = panel.model.index(0, 0, panel.model.index(2, 0))
    assert "Dismissed: Agreed" in panel.model.index(0, 0, dismissed).data()
    assert panel.summary.text() == "1 problem, 1 warning"
    counts = window.statusBar().findChild(type(panel.summary), "warning_counts")
    assert "1 problem · 1 warning" in counts.text()


def test_clicking_a_warning_selects_its_subject_everywhere(qtbot, window) -> None:
    document = window.document
    demand = document.index.demands(document.index.phases[2].id)[0]
    document.warnings.set_engine(FakeEngine([make_warning("demand", demand.id)]))
    panel = window.warnings_panel
    window.show_view(window.pages["phase"])
    _click(qtbot, panel, panel.model.index(0, 0, panel.model.index(0, 0)))
    assert document.selection == ("demand", [demand.id])
    assert window.outline.selected_keys() == [("demand", demand.id)]
    assert window.views.currentWidget() is window.pages["demand"]
    assert window.pages["demand"].view.selected_ids() == [demand.id]
    assert window.inspector.form.row_id == demand.id
    assert "Something to look at" in window.inspector._warnings_box.text()


def test_applying_a_fix_is_one_undoable_step(qtbot, window) -> None:
    document = window.document
    demand = document.index.demands(document.index.phases[5].id)[0]
    fix = Fix("Move it to the backlog", lambda: MoveDemands([demand.id], None))
    document.warnings.set_engine(FakeEngine([make_warning("demand", demand.id, fixes=(fix,))]))
    panel = window.warnings_panel
    _click(qtbot, panel, panel.model.index(0, 0, panel.model.index(0, 0)))
    assert [b.description() for b in panel.fix_buttons] == ["Move it to the backlog"]
    qtbot.mouseClick(panel.fix_buttons[0], Qt.MouseButton.LeftButton)
    assert document.store.get(Demand, demand.id).phase_id is None
    window.undo_action.trigger()
    assert document.store.get(Demand, demand.id).phase_id is not None


def test_live_with_the_real_engine(qtbot, window) -> None:
    document = window.document
    panel = window.warnings_panel
    codes = {w.code for w in document.warnings.warnings}
    assert "phase-overloaded" in codes
    phase = next(p for p in document.index.phases if p.status == "planned" and p.goal)
    before = len(document.warnings.for_subject("phase", phase.id))
    document.push(UpdateRow(Phase, phase.id, {"goal": ""}))
    empty = [w for w in document.warnings.for_subject("phase", phase.id) if w.code == "empty-goal"]
    assert empty and len(document.warnings.for_subject("phase", phase.id)) == before + 1
    messages = [
        panel.model.index(r, 0, panel.model.index(g, 0)).data()
        for g in range(panel.model.rowCount())
        for r in range(panel.model.rowCount(panel.model.index(g, 0)))
    ]
    assert empty[0].message in messages
    window.undo_action.trigger()
    assert not [
        w for w in document.warnings.for_subject("phase", phase.id) if w.code == "empty-goal"
    ]


def test_real_fix_for_the_overloaded_phase(qtbot, window) -> None:
    document = window.document
    panel = window.warnings_panel
    overloaded = next(w for w in document.warnings.warnings if w.code == "phase-overloaded")
    index = panel.model.index_of(overloaded.key)
    _click(qtbot, panel, index)
    assert panel.fix_buttons
    effort = document.index.effort(overloaded.subject.id)
    qtbot.mouseClick(panel.fix_buttons[-1], Qt.MouseButton.LeftButton)
    assert document.index.effort(overloaded.subject.id) < effort
    assert not any(
        w.code == "phase-overloaded"
        for w in document.warnings.for_subject("phase", overloaded.subject.id)
    )
    window.undo_action.trigger()
    assert document.index.effort(overloaded.subject.id) == effort


def test_dismiss_with_a_reason_and_restore(qtbot, window, monkeypatch) -> None:
    document = window.document
    panel = window.warnings_panel
    warning = next(w for w in document.warnings.warnings if w.code == "empty-goal")
    monkeypatch.setattr(
        "ui.warnings_panel.panel.QInputDialog.getMultiLineText",
        lambda *a, **k: ("The integration phase has no users of its own.", True),
    )
    _click(qtbot, panel, panel.model.index_of(warning.key))
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    dismissed = [w for w in document.warnings.warnings if w.key == warning.key]
    assert dismissed[0].dismissed_reason == "The integration phase has no users of its own."
    assert _rows(panel)[-1] == "Dismissed (1)"
    assert panel.details.text().endswith(
        "Dismissed: The integration phase has no users of its own."
    )
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)  # now "Restore"
    assert not any(w.dismissed for w in document.warnings.warnings)
    window.undo_action.trigger()
    assert any(w.dismissed for w in document.warnings.warnings)


def test_an_empty_reason_is_refused(qtbot, window, monkeypatch) -> None:
    document = window.document
    panel = window.warnings_panel
    shown = []
    monkeypatch.setattr(
        "ui.warnings_panel.panel.QInputDialog.getMultiLineText", lambda *a, **k: ("  ", True)
    )
    monkeypatch.setattr(
        "ui.warnings_panel.panel.QMessageBox.warning", lambda *a: shown.append(a[2])
    )
    warning = document.warnings.warnings[0]
    assert not panel.dismiss(warning)
    assert shown and "why" in shown[0].lower()
    assert document.undo_stack.count() == 0


def test_marks_in_the_outline_and_tables(qtbot, window) -> None:
    document = window.document
    overloaded = next(w for w in document.warnings.warnings if w.code == "phase-overloaded")
    outline = window.outline.outline
    mark = outline.index_of(("phase", overloaded.subject.id)).siblingAtColumn(1)
    assert mark.data(Qt.ItemDataRole.DecorationRole) is not None
    assert overloaded.message in mark.data(Qt.ItemDataRole.ToolTipRole)
    phases = window.pages["phase"].model
    cell = phases.index(phases.row_of(overloaded.subject.id), 0)
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
    healthy = document.index.phases[0]
    assert (
        outline.index_of(("phase", healthy.id))
        .siblingAtColumn(1)
        .data(Qt.ItemDataRole.DecorationRole)
        is None
    )
