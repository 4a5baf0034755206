"""The app and a damaged plan: each case of issue 10 is refused with a dialog listing the
problem, and "Open a repaired copy" opens the copy, showing what was changed (two clicks from
refused to working). Modal dialogs are not run: their exec is patched."""

from __future__ import annotations

from pathlib import Path

import pytest
from integrity_support import digest
from PySide6.QtWidgets import QDialog, QMessageBox
from test_damaged_files import CASES, damage

from ui.app_window import open_windows
from ui.dialogs import damaged_plan
from ui.menus.file_menu import FileMenu

pytest_plugins = ("ui_fixtures",)
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def seen_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[damaged_plan.DamagedPlanDialog]:
    """Each damaged-plan dialog shown, answered with "Open a repaired copy"."""
    seen: list[damaged_plan.DamagedPlanDialog] = []

    def accept(dialog: damaged_plan.DamagedPlanDialog) -> int:
        seen.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(damaged_plan.DamagedPlanDialog, "exec", accept)
    for kind in ("critical", "information", "warning"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda *a, k=kind: pytest.fail(f"unexpected {k} box: {a[2]}")
        )
    return seen


@pytest.fixture
def new_windows():  # noqa: ANN201
    before = set(map(id, open_windows()))
    opened: list = []
    yield opened
    for win in open_windows():
        if id(win) not in before:
            win.close()


def problem_texts(dialog: damaged_plan.DamagedPlanDialog) -> list[str]:
    tree = dialog.problems
    # record: what is wrong, as the command line says it
    return [
        f"{tree.topLevelItem(i).text(0)}: {tree.topLevelItem(i).text(1)}"
        for i in range(tree.topLevelItemCount())
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_app_offers_a_repaired_copy(
    qtbot, window, sample_file: Path, seen_dialogs, new_windows, case: str
) -> None:
    sql, expected = CASES[case]
    damage(sample_file, sql)
    before = digest(sample_file)
    FileMenu(window).open_path(sample_file)
    assert len(seen_dialogs) == 1
    dialog = seen_dialogs[0]
    assert dialog.repair_button is not None and dialog.repair_button.isDefault()
    assert any(expected in text for text in problem_texts(dialog)), problem_texts(dialog)
    # The repaired copy is open in a window of its own, with the list of changes beside it.
    copy = sample_file.with_name("sample (repaired).rollout").resolve()
    repaired = [w for w in open_windows() if w.document.store.path == copy]
    assert len(repaired) == 1
    report = repaired[0].repair_report
    qtbot.waitUntil(report.isVisible)
    assert expected in report.changes.toPlainText()
    assert digest(sample_file) == before


def test_cancel_opens_nothing(qtbot, window, sample_file: Path, monkeypatch, new_windows) -> None:
    damage(sample_file, CASES["priority-urgent"][0])
    monkeypatch.setattr(
        damaged_plan.DamagedPlanDialog, "exec", lambda self: QDialog.DialogCode.Rejected
    )
    count = len(open_windows())
    FileMenu(window).open_path(sample_file)
    assert len(open_windows()) == count
    assert not sample_file.with_name("sample (repaired).rollout").exists()


def test_many_problems_are_listed_and_counted(qtbot, sample_file: Path) -> None:
    from planner.errors import DamagedPlanFile
    from planner.store import PlanStore

    damage(sample_file, "UPDATE demand SET priority = 'urgent!!'")
    with pytest.raises(DamagedPlanFile) as refused:
        PlanStore.open(sample_file)
    dialog = damaged_plan.DamagedPlanDialog(sample_file, refused.value)
    qtbot.addWidget(dialog)
    count = len(refused.value.problems)
    assert count > 50
    assert dialog.problems.topLevelItemCount() == count
    assert f"holds {count} values" in dialog.intro.text()


def test_starting_the_app_with_a_damaged_plan(
    qtbot, qapp, sample_file: Path, seen_dialogs, new_windows, monkeypatch, clean_settings
) -> None:
    from app import gui

    damage(sample_file, CASES["working-week-9x9x9x9"][0])
    monkeypatch.setattr(type(qapp), "exec", lambda *args: 0)
    assert gui.run_gui(sample_file) == 0
    assert len(seen_dialogs) == 1
    copy = sample_file.with_name("sample (repaired).rollout").resolve()
    window = next(w for w in open_windows() if w.document.store.path == copy)
    assert window.document.store.plan.working_days == "12345"


def test_starting_the_app_with_a_damaged_plan_and_cancelling(
    qtbot, qapp, sample_file: Path, monkeypatch, clean_settings, capsys
) -> None:
    from app import gui

    damage(sample_file, CASES["status-bogus"][0])
    monkeypatch.setattr(
        damaged_plan.DamagedPlanDialog, "exec", lambda self: QDialog.DialogCode.Rejected
    )
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail("a second dialog"))
    assert gui.run_gui(sample_file) == 2
    assert "status 'bogus'" in capsys.readouterr().err
