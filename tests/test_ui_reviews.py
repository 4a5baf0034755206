"""Reviews in the main window: every change kind in the Changes view, its filters and the
selection of a line's subject; take, rename and delete a baseline from the panel and undo
them; the benefit checks panel; the ghost bars; File → Compare with another plan; the
review-due offer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from review_edits import EXPECTED, edit_round

from planner import benefit
from planner.baseline import TakeBaseline
from planner.model import Baseline, BenefitCheck, Demand, Phase
from planner.store import PlanStore
from planner.template import create_from_template
from ui.reviews import baselines_dock

pytest_plugins = ("ui_fixtures",)

T1 = dt.datetime(2026, 11, 30, 15, 0)


def lines(view) -> list[tuple[str, str, str, str]]:  # noqa: ANN001
    """(group, title, change, details) of every line the view shows."""
    out = []
    tree = view.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            item = top.child(j)
            out.append((top.text(0), item.text(0), item.text(1), item.text(2)))
    return out


@pytest.fixture
def reviewed(window):  # noqa: ANN001, ANN201
    """The window with a baseline taken through the panel, then a round of edits."""
    from ui.reviews.baselines_panel import take_baseline

    assert take_baseline(window.document, "Steering review 2")
    edit_round(window.document.store)
    return window


def test_the_changes_view_shows_every_change_kind(reviewed) -> None:  # noqa: ANN001
    from ui.reviews import show_changes

    view = show_changes(reviewed, baselines_dock(reviewed).widget().current_id())
    shown = lines(view)
    groups = {"phases": "Phases", "wishes": "Wishes", "milestones": "Milestones"}
    for (subject, change), title in EXPECTED.items():
        words = {"moved": ("moved", "to the backlog", "from the backlog")}.get(change, (change,))
        assert any(g.startswith(groups[subject]) and t.startswith(title[:20]) and c in words
                   for g, t, c, _ in shown), (subject, change, title)
    assert any(g.startswith("Warnings") and c == "new" and t == "No user benefit stated"
               for g, t, c, _ in shown)
    assert any(g.startswith("Warnings") and c == "resolved" for g, _, c, _ in shown)
    assert sum(1 for _, _, c, _ in shown if c == "to the backlog") == 5
    assert any(g.startswith("Effort per phase") and t == "Pipeline and Monday forecast"
               and c == "+1 person-day" for g, t, c, _ in shown)
    assert any(g.startswith("Effort per department") for g, *_ in shown)
    leads = next(d for g, t, c, d in shown if t == "Leads from web and trade fairs"
                 and c == "moved")
    assert leads.startswith("moved 14 days later")


def test_filters_scope_dates_and_department(reviewed) -> None:  # noqa: ANN001
    from ui.reviews import show_changes

    view = show_changes(reviewed, baselines_dock(reviewed).widget().current_id())
    view.scope_only.setChecked(True)
    groups = {g.split(" (")[0] for g, *_ in lines(view)}
    assert "Wishes" in groups and "Milestones" not in groups and "Warnings" not in groups
    assert all(c in ("added", "removed", "goal") for g, _, c, _ in lines(view)
               if g.startswith("Phases"))
    view.scope_only.setChecked(False)
    view.dates_only.setChecked(True)
    shown = lines(view)
    assert {g.split(" (")[0] for g, *_ in shown} == {"Phases", "Milestones"}
    assert {c for _, _, c, _ in shown} <= {"moved", "resized", "added", "removed"}
    view.dates_only.setChecked(False)
    it = view.department.findText("IT")
    view.department.setCurrentIndex(it)
    view.department.activated.emit(it)
    wishes = [t for g, t, _, _ in lines(view) if g.startswith("Wishes")]
    store = reviewed.document.store
    dept = view.department.currentData()
    ours = {d.title for d in store.rows(Demand) if d.department_id == dept}
    assert len(wishes) >= 3 and set(wishes) <= ours  # the deleted phase's IT wishes
    assert not any(t.startswith("Pipeline board") for t in wishes)  # Sales


def test_a_line_selects_its_subject(reviewed) -> None:  # noqa: ANN001
    from ui.reviews import show_changes

    view = show_changes(reviewed, baselines_dock(reviewed).widget().current_id())
    store = reviewed.document.store
    leads = next(p for p in store.rows(Phase) if p.title.startswith("Leads"))
    tree = view.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).text(0) == leads.title and top.child(j).text(1) == "moved":
                tree.setCurrentItem(top.child(j))
    assert reviewed.document.selection == ("phase", [leads.id])
    board = next(d for d in store.rows(Demand) if d.title.startswith("Pipeline board"))
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).text(0) == board.title:
                tree.setCurrentItem(top.child(j))
    assert reviewed.document.selection == ("demand", [board.id])


def test_the_view_follows_edits_and_compares_two_baselines(reviewed, qtbot) -> None:  # noqa: ANN001
    from ui.reviews import show_changes
    from ui.reviews.baselines_panel import take_baseline

    view = show_changes(reviewed, baselines_dock(reviewed).widget().current_id())
    before = len(lines(view))
    wish = next(d for d in reviewed.document.store.rows(Demand) if d.phase_id is None)
    from planner.commands import MoveDemands

    reviewed.document.push(MoveDemands([wish.id], reviewed.document.index.phases[-1].id))
    qtbot.waitUntil(lambda: len(lines(view)) > before, timeout=3000)
    assert take_baseline(reviewed.document, "Steering review 3")
    assert view.before.count() == 2 and view.after.count() == 3
    first = reviewed.document.store.rows(Baseline)[0].id
    second = reviewed.document.store.rows(Baseline)[1].id
    view.compare_with(first, second)
    assert view.diff is not None and not view.diff.unchanged
    view.compare_with(second)  # the plan now against a baseline just taken
    assert view.diff.unchanged
    assert lines(view) == [] and view.tree.topLevelItem(0).text(0) == "No changes"


def test_take_rename_delete_in_the_panel_are_undoable(window, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QInputDialog

    panel = baselines_dock(window).widget()
    stack = window.document.undo_stack
    store = window.document.store
    monkeypatch.setattr(benefit, "today", lambda: dt.date(2026, 12, 1))
    asked = {}

    def answer(parent, title, label, mode, text):  # noqa: ANN001, ANN202
        asked["default"] = text
        return "Review two", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    window.take_baseline_action.trigger()
    assert asked["default"].startswith(("Steering review", "Baseline"))
    assert [b.name for b in store.rows(Baseline)] == ["Review two"]
    assert panel.table.rowCount() == 1 and panel.table.item(0, 2).text() == "7"
    assert panel.table.item(0, 3).text() == "375.5 pd"
    assert panel.rename("Steering review 2")
    assert panel.table.item(0, 0).text() == "Steering review 2"
    assert panel.delete()
    assert panel.table.rowCount() == 0
    stack.undo()
    assert panel.table.item(0, 0).text() == "Steering review 2"
    stack.undo()
    assert store.rows(Baseline)[0].name == "Review two"
    stack.undo()
    assert store.count(Baseline) == 0 and panel.table.rowCount() == 0
    stack.redo()
    assert panel.table.rowCount() == 1


def test_an_unreadable_baseline_is_listed_and_skipped(window) -> None:  # noqa: ANN001
    from ui.reviews import show_changes

    store = window.document.store
    TakeBaseline("Good", T1).do(store)
    store.execute(lambda rec: rec.insert(Baseline, name="Broken", created_at=T1 + dt.timedelta(
        days=1), snapshot="{nope"))
    baselines_dock(window).widget().refresh()
    texts = {baselines_dock(window).widget().table.item(r, 0).text():
             baselines_dock(window).widget().table.item(r, 3).text() for r in range(2)}
    assert texts == {"Good": "375.5 pd", "Broken": "cannot be read"}
    view = show_changes(window)
    view.fill_choices()
    view.recompute()
    assert view.before.currentText().startswith("Baseline “Good”")
    assert not view.before.model().item(1).isEnabled()  # "Broken", listed, not choosable
    # Only what the broken one itself causes: the scope-creep rule says it cannot read it.
    assert [(c.subject, c.change, c.after.get("code")) for c in view.diff.changes] == [
        ("warnings", "new", "baseline-unreadable")]


def test_ghost_bars_on_the_gantt(reviewed) -> None:  # noqa: ANN001
    from ui.gantt.ghosts import GhostBarMark, GhostMilestoneMark

    panel = baselines_dock(reviewed).widget()
    panel.gantt_button.setChecked(True)
    chart = reviewed.gantt_tab.widget().chart
    ghosts = [m for m in chart.marks if isinstance(m, GhostBarMark)]
    store = reviewed.document.store
    leads = next(p for p in store.rows(Phase) if p.title.startswith("Leads"))
    ghost = next(g for g in ghosts if g.phase_id == leads.id)
    bar = chart.bars[leads.id][0]
    assert ghost.moved and ghost.rect.top() > bar.bar.bottom()
    assert ghost.rect.left() < bar.bar.left()  # it was two weeks earlier
    assert "Start moved 14 days later" in ghost.tooltip
    [slipped] = [m for m in chart.marks if isinstance(m, GhostMilestoneMark)]
    assert "14 days later" in slipped.tooltip and "baseline 'Steering review 2'" in slipped.tooltip
    panel.gantt_button.setChecked(False)
    assert not any(isinstance(m, GhostBarMark) for m in reviewed.gantt_tab.widget().chart.marks)


def test_benefit_panel_records_answers_undoably(window, monkeypatch) -> None:  # noqa: ANN001
    from ui.reviews import benefits_dock

    assert "benefits" not in window.docks  # made when first asked for
    panel = benefits_dock(window).widget()
    store = window.document.store
    panel.refresh()
    assert panel.table.rowCount() == len(panel.checks) > 0
    first = panel.checks[0]
    assert panel.table.item(0, 0).text() == "Customer overview for sellers"
    assert panel.answer(0, "not_yet")
    row = store.rows(BenefitCheck)[0]
    assert (row.phase_id, row.department_id, row.result) == (
        first.phase_id, first.department_id, "not_yet")
    panel.refresh()
    panel.table.item(0, 5).setText("Still in Excel")
    assert store.rows(BenefitCheck)[0].note == "Still in Excel"
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: said.append(a[2]))
    panel.table.item(0, 3).setText("not a date")
    assert store.rows(BenefitCheck)[0].due_date is None  # refused, nothing changed
    assert said == ["'not a date' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-15."]
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert store.count(BenefitCheck) == 0


def test_compare_with_another_plan(window, tmp_path: Path) -> None:  # noqa: ANN001
    from ui.reviews import compare_with_file

    scenario = tmp_path / "scenario.rollout"
    other = create_from_template(scenario, "crm")
    edit_round(other)
    other.close()
    diff = compare_with_file(window, scenario)
    assert diff is not None and not diff.matched_by_title
    view = window.changes_view
    assert window.views.currentWidget() is window.changes_tab
    assert any(t == "Partner portal pilot" and c == "added" for _, t, c, _ in lines(view))
    assert view.summary.text().startswith("the plan now") is False
    assert "scenario.rollout" in view.summary.text()
    unrelated = tmp_path / "blank.rollout"
    create_from_template(unrelated, "blank").close()
    bad = tmp_path / "not-a-plan.rollout"
    bad.write_text("hello")
    from PySide6.QtWidgets import QMessageBox

    shown = []
    original = QMessageBox.warning
    QMessageBox.warning = lambda *a, **k: shown.append(a[2])  # type: ignore[method-assign]
    try:
        assert compare_with_file(window, bad) is None
    finally:
        QMessageBox.warning = original  # type: ignore[method-assign]
    assert shown and "hello" not in shown[0]


def test_the_offer_to_take_a_baseline(qtbot, sample_store, clean_settings, monkeypatch) -> None:  # noqa: ANN001
    from ui.app_window import window_for_store

    monkeypatch.setattr(benefit, "today", lambda: dt.date(2026, 12, 1))
    window = window_for_store(sample_store)
    qtbot.addWidget(window)
    offer = window.review_offer
    assert not offer.isHidden()
    assert "Steering review 2" in offer.label.text()
    offer.take.click()
    assert [b.name for b in sample_store.rows(Baseline)] == ["Steering review 2"]
    assert offer.isHidden()
    window.document.undo_stack.undo()
    offer.check()  # the answer is remembered: not offered again for this review
    assert offer.isHidden()


def test_the_offer_dismissed_is_not_shown_again(qtbot, tmp_path, clean_settings,  # noqa: ANN001
                                                monkeypatch) -> None:
    """Dismissed for one plan: not offered again for it, even when the window last closed
    had the bar showing (for another plan) and restores its toolbars as they were."""
    from ui_support import show_active

    from ui.app_window import window_for_store

    monkeypatch.setattr(benefit, "today", lambda: dt.date(2026, 12, 1))
    paths = [tmp_path / "mine.rollout", tmp_path / "other.rollout"]
    for path in paths:
        create_from_template(path, "crm").close()

    def open_(path: Path):  # noqa: ANN202
        window = window_for_store(PlanStore.open(path))  # deletes itself when closed
        show_active(qtbot, window)
        return window

    mine = open_(paths[0])
    assert mine.review_offer.isVisible()
    mine.review_offer.dismiss.click()
    mine.close()
    other = open_(paths[1])
    assert other.review_offer.isVisible()  # not dismissed there
    other.close()  # its window state has the bar showing
    again = open_(paths[0])
    qtbot.wait(10)
    from ui.reviews.offer import _dismissed

    offer = again.review_offer
    assert not offer.isVisible(), (offer.milestone, _dismissed(), offer.isHidden())
    assert again.document.store.count(Baseline) == 0
    again.close()
