"""Views other modules add to the main window cost nothing until used: the Gantt tab is built
when first shown, a hidden Gantt catches up with edits when shown again, and the workshop,
PDF and Gantt modules are imported only when their actions are used — yet every window has
their tabs and menu actions from the start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from planner.commands import ShiftPhase
from planner.model import Phase

pytest_plugins = ("ui_fixtures",)  # fixtures: window, document, clean_settings
pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)"),
]

ROOT = Path(__file__).resolve().parents[1]

HEAVY = ("ui.gantt.view", "ui.gantt.chart", "ui.workshop.mode", "ui.workshop.window",
         "ui.pdf.dialog", "planner.report", "matplotlib", "alembic")

OPEN_WINDOW = f"HEAVY = {HEAVY!r}\n" + """
import sys
from PySide6.QtWidgets import QApplication
from planner.store import PlanStore
from ui.app_window import window_for_store
app = QApplication([])
window = window_for_store(PlanStore.open(sys.argv[1]))
window.show()
app.processEvents()
titles = window.view_titles()
names = [a.objectName() for m in (window.export_menu, window.view_menu) for a in m.actions()]
window.close()  # closing must not load the workshop to leave it
app.processEvents()
print("|".join(titles))
print("|".join(n for n in names if n))
print("|".join(m for m in HEAVY if m in sys.modules))
"""


def test_a_new_window_has_every_tab_and_action_but_imports_no_heavy_module(sample_file, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    out = subprocess.run([sys.executable, "-c", OPEN_WINDOW, str(sample_file)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    titles, actions, heavy = (out.stdout.splitlines() + ["", "", ""])[:3]
    assert "Gantt" in titles.split("|")
    assert {"export_gantt_view", "export_pdf", "workshop_mode"} <= set(actions.split("|"))
    assert heavy == ""


def _gantt_tab(window):  # noqa: ANN001, ANN202
    return window.gantt_tab


def test_the_gantt_is_built_when_its_tab_is_first_shown(qtbot, window):
    tab = _gantt_tab(window)
    assert not tab.is_built
    window.show_view(tab)
    qtbot.waitUntil(lambda: tab.is_built, timeout=5000)
    view = window.gantt_view
    assert view.isVisible() and view.parent() is tab
    phases = window.document.index.phases
    assert len(view.scene.bar_items(phases[0].id)) == 1
    # The scroll bar under the chart pages as the rows do, built late or resized.
    for size in (None, (1000, 700)):
        if size is not None:
            window.resize(*size)
            qtbot.waitUntil(lambda: view.body.viewport().width() < 900, timeout=5000)
        body = view.body.horizontalScrollBar()
        assert (view.hbar.pageStep(), view.hbar.maximum()) == (body.pageStep(), body.maximum())


def test_a_hidden_gantt_catches_up_with_edits_when_shown(qtbot, window):
    tab = _gantt_tab(window)
    window.show_view(tab)
    view = tab.widget()
    window.show_view(window.pages["phase"])
    assert not view.isVisible()
    phase = next(p for p in window.document.store.rows(Phase) if p.start_date is not None)
    before = view.scene.bar_items(phase.id)[0].mark.bar
    refreshes = []
    original = view.refresh
    view.refresh = lambda: (refreshes.append(1), original())[1]
    window.document.push(ShiftPhase(phase.id, 14))
    qtbot.wait(20)  # a turn of the event loop: a visible view would have rebuilt by now
    assert refreshes == []
    window.show_view(tab)
    qtbot.waitUntil(lambda: refreshes != [], timeout=5000)
    after = view.scene.bar_items(phase.id)[0].mark.bar
    scale = view.chart.scale
    assert after.left() == pytest.approx(before.left() + 14 * scale.px_per_day, abs=0.5)
    assert scale.day_at(after.left() + 0.5) == phase.start_date


def test_the_gantt_export_builds_the_view_when_the_tab_was_never_shown(window, tmp_path,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    tab = _gantt_tab(window)
    target = tmp_path / "roadmap.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "SVG drawing (*.svg)"))
    window.findChild(QAction, "export_gantt_view").trigger()
    assert tab.is_built
    assert "<svg" in target.read_text(encoding="utf-8")


def test_an_export_after_a_hidden_edit_shows_the_edit(window):
    view = _gantt_tab(window).widget()  # built, but the Wishes tab stays in front
    assert not view.isVisible()
    phase = next(p for p in window.document.store.rows(Phase) if p.start_date is not None)
    window.document.push(ShiftPhase(phase.id, 7))
    chart = view.export_chart()
    bar = chart.bars[phase.id][0].bar
    assert chart.scale.day_at(bar.left() + 0.5) == phase.start_date


def test_the_pdf_and_workshop_actions_load_their_modules_when_used(qtbot, window,
                                                                     monkeypatch):
    import ui.pdf.dialog as pdf_dialog

    opened = []
    monkeypatch.setattr(pdf_dialog.ExportDialog, "exec",
                        lambda self: opened.append(self) or QDialog.DialogCode.Rejected)
    window.findChild(QAction, "export_pdf").trigger()
    assert len(opened) == 1
    from ui.workshop import mode_for

    mode = mode_for(window.document)
    with qtbot.waitSignal(mode.entered, timeout=5000):
        window.findChild(QAction, "workshop_mode").trigger()
    assert mode.active
    with qtbot.waitSignal(mode.left, timeout=5000):
        mode.leave()
