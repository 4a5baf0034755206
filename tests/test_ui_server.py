"""Two windows on one plan on a server: the other's edit shows up live (rows, warnings), a
conflicting edit gets the message, a refused undo leaves the undo stack where it was, and a
lost connection shows the bar until the client is back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from planner.commands import MoveDemands, UpdateRow
from planner.model import Demand, Phase, Plan
from planner.server.errors import ConnectionLost, EditConflict
from planner.server.store import LOST, ServerStore
from planner.template import fill, template_data

pytest_plugins = ("pg_fixtures", "ui_fixtures")
pytestmark = pytest.mark.gui


@pytest.fixture
def two_windows(qtbot, pg_cluster, clean_settings):  # noqa: ANN001, ANN201
    from pg_fixtures import new_plan

    from ui.app_window import window_for_store

    url = new_plan(pg_cluster, "ui").replace("postgres@", "kari@", 1)
    store = ServerStore.open(url)
    fill(store, template_data("crm"))
    store.close()
    windows = []
    for role in ("kari", "ola"):
        window = window_for_store(ServerStore.open(url.replace("kari@", f"{role}@")))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
    return windows  # qtbot closes them


def test_an_edit_in_one_window_shows_in_the_other(qtbot, two_windows):
    kari, ola = two_windows
    assert kari.windowTitle().endswith(kari.document.store.location)
    phase = next(p for p in kari.document.store.rows(Phase) if p.status == "planned")
    heard: list[list] = []
    ola.document.changed.connect(heard.append)
    kari.document.push(
        UpdateRow(Phase, phase.id, {"end_date": phase.start_date + dt.timedelta(days=365)})
    )

    def too_long_in_ola() -> bool:
        return any(
            w.code == "phase-too-long" and w.subject.id == phase.id
            for w in ola.document.warnings.warnings
        )

    qtbot.waitUntil(lambda: bool(heard) and too_long_in_ola(), timeout=1000)
    assert ola.document.store.get(Phase, phase.id).end_date == phase.end_date
    assert ola.document.index.phases  # the index followed the remote change too


def test_a_conflicting_move_is_refused_with_the_message(qtbot, two_windows):
    kari, ola = two_windows
    store = kari.document.store
    wish = next(d for d in store.rows(Demand) if d.phase_id is not None)
    others = [p for p in store.rows(Phase) if p.id != wish.phase_id]
    ola.server_follower.timer.stop()
    if ola.server_follower.notifier is not None:
        ola.server_follower.notifier.setEnabled(False)  # Ola has not seen Kari's move yet
    kari.document.push(MoveDemands([wish.id], others[0].id))
    with pytest.raises(EditConflict, match=rf"^kari moved '{wish.title}' to phase"):
        ola.document.push(MoveDemands([wish.id], others[1].id))
    assert ola.document.store.get(Demand, wish.id).phase_id == others[0].id
    assert ola.document.undo_stack.count() == 0


def test_a_refused_undo_leaves_the_stack_where_it_was(qtbot, two_windows, monkeypatch):
    kari, ola = two_windows
    messages: list[str] = []
    monkeypatch.setattr(
        "ui.window_parts.QMessageBox.critical", lambda _w, _t, text: messages.append(text)
    )
    wish = kari.document.store.rows(Demand)[0]
    kari.document.push(UpdateRow(Demand, wish.id, {"votes": 4}))
    qtbot.waitUntil(lambda: ola.document.store.get(Demand, wish.id).votes == 4, timeout=1000)
    ola.document.push(UpdateRow(Demand, wish.id, {"votes": 9}))
    qtbot.waitUntil(lambda: kari.document.store.get(Demand, wish.id).votes == 9, timeout=1000)
    stack = kari.document.undo_stack
    assert stack.index() == 1
    stack.undo()
    assert messages and messages[0].startswith("ola changed")
    qtbot.waitUntil(lambda: stack.index() == 1, timeout=1000)
    assert kari.document.store.get(Demand, wish.id).votes == 9
    assert stack.canUndo() and not stack.canRedo()


def test_a_lost_connection_shows_the_bar_and_blocks_edits_until_back(
    qtbot, two_windows, pg_cluster
):
    kari, _ola = two_windows
    follower = kari.server_follower
    wish = kari.document.store.rows(Demand)[0]
    pg_cluster.stop("fast")
    try:
        with pytest.raises(ConnectionLost, match="not applied"):
            kari.document.push(UpdateRow(Demand, wish.id, {"votes": 2}))
        qtbot.waitUntil(lambda: follower.bar.isVisible(), timeout=2000)
        assert follower.label.text() == LOST
    finally:
        pg_cluster.restart()
    qtbot.waitUntil(lambda: not follower.bar.isVisible(), timeout=15000)
    kari.document.push(UpdateRow(Demand, wish.id, {"votes": 2}))
    assert kari.document.store.get(Demand, wish.id).votes == 2


def test_a_read_only_role_gets_a_read_only_window(qtbot, pg_cluster, clean_settings, monkeypatch):
    from pg_fixtures import new_plan

    from planner.errors import PlanFileReadOnly
    from ui.server.menu import open_server_plan

    told: list[str] = []
    monkeypatch.setattr("ui.server.menu.QMessageBox.information",
                        lambda _w, _t, text: told.append(text))
    url = new_plan(pg_cluster, "ro").replace("postgres@", "reader@", 1)
    window = open_server_plan(None, url)
    qtbot.addWidget(window)
    assert told and "may only read this plan" in told[0]
    assert "[read-only]" in window.windowTitle()
    with pytest.raises(PlanFileReadOnly):
        window.document.push(UpdateRow(Plan, 1, {"title": "x"}))
    assert window.document.store.plan.title != "x"


def test_open_from_server_asks_for_a_password_and_never_stores_it(
    qtbot, pg_cluster, clean_settings, monkeypatch
):
    from pg_fixtures import new_plan

    from ui import settings
    from ui.server.menu import open_server_plan

    asked: list[str] = []

    def get_text(_parent, _title, label, *_args):  # noqa: ANN001, ANN202
        asked.append(label)
        return "open sesame", True

    monkeypatch.setattr("ui.server.menu.QInputDialog.getText", get_text)
    monkeypatch.setattr("ui.server.menu.QMessageBox.information", lambda *_a: None)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    url = new_plan(pg_cluster, "pw").replace("postgres@", "secret@", 1)
    window = open_server_plan(None, url)
    qtbot.addWidget(window)
    assert asked and "needs a password" in asked[0]
    assert settings.recent_locations()[0] == url
    from PySide6.QtCore import QSettings

    everything = " ".join(str(QSettings().value(k)) for k in QSettings().allKeys())
    assert "sesame" not in everything


def test_publish_to_server_from_the_file_menu(
    qtbot, window, pg_cluster, clean_settings, monkeypatch
):
    from planner.dump import dump

    url = pg_cluster.url("plans", user="kari", plan="published")
    monkeypatch.setattr("ui.server.menu.QInputDialog.getText",
                        lambda *_a: (url, True))
    monkeypatch.setattr("ui.server.menu.QMessageBox.question",
                        lambda *_a: QMessageBox.StandardButton.No)
    actions = {a.objectName(): a for a in window.file_menu.actions()}
    actions["publish_to_server"].trigger()
    server = ServerStore.open(url)
    try:
        assert dump(server) == dump(window.document.store)
    finally:
        server.close()
    assert "open_from_server" in actions
