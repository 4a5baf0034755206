"""Load: 8 processes editing one plan on a server at once (issue 15). Afterwards the plan
equals the replay of its change log, every edit a client was told was committed is in the log,
and every client's in-memory rows equal a fresh read.

CI runs a short version; `benchmarks/bench_server.py` runs the full 8 x 500."""

from __future__ import annotations

import os
from collections import Counter

from server_load import read_log, replay, run_clients

from planner.dump import dump
from planner.server.store import ServerStore
from planner.template import fill, template_data

pytest_plugins = ("pg_fixtures",)
CLIENTS = 8
EDITS = int(os.environ.get("ROLLOUT_LOAD_EDITS", "20"))  # per client; the benchmark: 500


def test_eight_clients_editing_one_plan_at_once(pg_cluster, tmp_path):
    from pg_fixtures import new_plan

    url = new_plan(pg_cluster, "load").replace("postgres@", "kari@", 1)
    store = ServerStore.open(url)
    fill(store, template_data("crm"))
    store.close()
    store = ServerStore.open(url)
    start, first = dump(store), len(read_log(url))
    store.close()

    results = run_clients(url, CLIENTS, EDITS, tmp_path)

    log = read_log(url)[first:]
    fresh = ServerStore.open(url)
    now = dump(fresh)
    fresh.close()
    assert replay(start, log) == now
    per_client = Counter(client for _, client, _ in log)
    for result in results:
        assert per_client[result["client"]] == result["committed"]
        assert result["rows"] == now
    assert sum(r["committed"] for r in results) == len(log) > CLIENTS * EDITS // 2
    # Seq order is commit order: no gaps a catching-up client could skip.
    seqs = [seq for seq, _, _ in log]
    assert seqs == sorted(seqs)
