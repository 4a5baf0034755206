"""One client of the load test (tests/test_server_load.py, benchmarks/bench_server.py):
random edits to one plan on a server, then, when told, its in-memory rows.

    python server_load_child.py URL EDITS SEED OUT.json

Prints "done" after its edits, waits for a line on stdin (everybody is done), catches up
and writes what it did and the rows it holds to OUT.json.
"""

from __future__ import annotations

import json
import random
import sys
import time

from planner.commands import CreateRow, MoveDemands, UndoHistory, UpdateRow, Vote
from planner.dump import dump
from planner.errors import CommandError
from planner.model import Demand, Department, Phase
from planner.server.errors import EditConflict
from planner.server.store import ServerStore


def pick(rnd: random.Random, store: ServerStore, n: int):  # noqa: ANN201
    demands = store.rows(Demand)
    wish = rnd.choice(demands)
    roll = rnd.random()
    if roll < 0.3:
        phases = [p.id for p in store.rows(Phase)] + [None]
        return MoveDemands([wish.id], rnd.choice(phases))
    if roll < 0.5:
        return UpdateRow(Demand, wish.id, {"effort": float(rnd.randint(1, 30))})
    if roll < 0.65:
        return Vote(wish.id)
    if roll < 0.8:
        return UpdateRow(Demand, wish.id, {"title": f"{wish.title.split(' #')[0]} #{n}"})
    dept = rnd.choice(store.rows(Department))
    return CreateRow(Demand, {"title": f"Wish {n}", "department_id": dept.id, "effort": 2.0})


def main(url: str, edits: int, seed: int, out: str) -> None:
    store = ServerStore.open(url)
    history = UndoHistory(store)
    rnd = random.Random(seed)
    committed = conflicts = refused = 0
    latencies: list[float] = []
    start = time.perf_counter()
    for n in range(edits):
        store.poll(0)
        began = time.perf_counter()
        try:
            if history.can_undo and rnd.random() < 0.1:
                history.undo()
                committed += 1
            elif history.push(pick(rnd, store, n)):
                committed += 1
            latencies.append(time.perf_counter() - began)
        except EditConflict:
            conflicts += 1
        except CommandError:
            refused += 1
    elapsed = time.perf_counter() - start
    print("done", flush=True)
    sys.stdin.readline()
    store.catch_up()
    with open(out, "w") as fh:
        json.dump(
            {
                "client": store.client_id, "committed": committed, "conflicts": conflicts,
                "refused": refused, "elapsed": elapsed, "latencies": latencies,
                "rows": dump(store),
            },
            fh,
        )
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
