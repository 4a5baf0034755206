"""A client that dies in the middle of an edit (tests/test_server_faults.py): it changes a
wish inside the edit's transaction, says "inside", and waits to be killed."""

from __future__ import annotations

import sys
import time

from planner.model import Demand
from planner.server.store import ServerStore


def main(url: str, demand_id: int) -> None:
    store = ServerStore.open(url)

    def perform(rec) -> None:  # noqa: ANN001
        rec.update(rec.get(Demand, demand_id), votes=99, title="half-done")
        print("inside", flush=True)
        time.sleep(120)

    store.execute(perform)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
