"""Child process for test_crash.py: applies edits to a plan for ever, printing the number of
each edit once `push` has returned (= committed), until it is killed."""

from __future__ import annotations

import sys
from pathlib import Path

from planner.commands import CreateRow, MoveDemands, UndoHistory, UpdateRow
from planner.model import Demand, Department, Phase, Plan
from planner.store import PlanStore


def main(path: Path) -> None:
    store = PlanStore.open(path)
    history = UndoHistory(store)
    department = store.rows(Department)[0].id
    phases = [p.id for p in store.rows(Phase)]
    n = int(sys.argv[2])
    print("ready", flush=True)
    while True:
        history.push(
            CreateRow(Demand, {"title": f"edit {n}", "department_id": department, "effort": 1})
        )
        if n % 3 == 0:  # a bigger transaction now and then: many rows in one commit
            moving = [d.id for d in store.rows(Demand)][-40:]
            history.push(MoveDemands(moving, phases[n % len(phases)]))
            history.push(UpdateRow(Plan, 1, {"title": f"after edit {n}"}))
        print(n, flush=True)
        n += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]))
