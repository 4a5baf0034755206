"""Faults on a plan on a server (issue 15): the server stopped and restarted while clients
edit, and a client killed with SIGKILL in the middle of an edit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.commands import UndoHistory, UpdateRow
from planner.dump import dump
from planner.model import Demand
from planner.server.errors import ConnectionLost
from planner.server.store import LOST, ServerStore
from planner.template import fill, template_data

pytest_plugins = ("pg_fixtures",)
HERE = Path(__file__).parent


@pytest.fixture
def plan_url(pg_cluster) -> str:
    from pg_fixtures import new_plan

    url = new_plan(pg_cluster, "fault").replace("postgres@", "kari@", 1)
    store = ServerStore.open(url)
    fill(store, template_data("crm"))
    store.close()
    return url


def test_server_restart_mid_editing_loses_nothing_and_clients_catch_up(pg_cluster, plan_url):
    kari = ServerStore.open(plan_url)
    ola = ServerStore.open(plan_url.replace("kari@", "ola@"))
    first, second, third = kari.rows(Demand)[:3]
    history = UndoHistory(kari)
    try:
        history.push(UpdateRow(Demand, first.id, {"votes": 5}))  # committed before the stop
        pg_cluster.stop("fast")
        before = dump(kari)
        with pytest.raises(ConnectionLost, match="was not applied"):
            history.push(UpdateRow(Demand, second.id, {"votes": 6}))
        assert dump(kari) == before  # nothing half-applied in memory
        assert not kari.online and kari.status == LOST
        with pytest.raises(ConnectionLost):  # edits are blocked while offline
            history.push(UpdateRow(Demand, third.id, {"votes": 7}))
        assert kari.poll() == 0 and ola.poll() == 0  # polling never raises
        pg_cluster.restart()
        deadline = time.monotonic() + 15
        while not (kari.online and ola.online):
            assert time.monotonic() < deadline, "the clients did not reconnect"
            kari.poll(0.05)
            ola.poll(0.05)
        # Ola's edit after the restart reaches Kari, who catches up from the log.
        UndoHistory(ola).push(UpdateRow(Demand, third.id, {"votes": 8}))
        deadline = time.monotonic() + 2
        while kari.get(Demand, third.id).votes != 8:
            assert time.monotonic() < deadline
            kari.poll(0.05)
        fresh = ServerStore.open(plan_url)
        assert fresh.get(Demand, first.id).votes == 5  # the committed edit survived
        assert fresh.get(Demand, second.id).votes == second.votes  # the failed one is absent
        assert dump(fresh) == dump(kari) == dump(ola)
        fresh.close()
        # Editing goes on; undo of the edit from before the stop still works.
        history.undo()
        assert kari.get(Demand, first.id).votes == first.votes
    finally:
        kari.close()
        ola.close()


def test_a_client_killed_mid_edit_leaves_nothing_and_blocks_nobody(plan_url):
    kari = ServerStore.open(plan_url)
    target = kari.rows(Demand)[0]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent), str(HERE)]))
    child = subprocess.Popen(
        [sys.executable, str(HERE / "server_kill_child.py"), plan_url, str(target.id)],
        stdout=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert child.stdout.readline().strip() == "inside"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        # The dead client's transaction held the plan's edit lock; the server releases it.
        UndoHistory(kari).push(UpdateRow(Demand, target.id, {"effort": 13.0}))
    finally:
        if child.poll() is None:
            child.kill()
    fresh = ServerStore.open(plan_url)
    row = fresh.get(Demand, target.id)
    assert (row.votes, row.title, row.effort) == (target.votes, target.title, 13.0)
    assert dump(fresh) == dump(kari)
    fresh.close()
    kari.close()
