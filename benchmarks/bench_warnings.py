"""Warnings engine: a full evaluation, and the re-evaluation after one edit that the UI runs
after every change (DESIGN.md: all warnings on the large plan < 50 ms; after one edit
< 10 ms). Medians of repeated runs, each against a baseline measured in the same run:

- full evaluation vs. `PlanIndex.build` (the plain lookups any whole-plan pass needs);
- after one edit vs. one pass over the wishes reading a column (what any non-incremental
  re-evaluation would at least cost).

After-edit times are the engine's own update (`WarningsEngine.last_update_ms`), for the
edit and for its undo; the edit's SQLite commit is not the engine's and is not counted, nor
is the patch of the store's live index, which runs before the engine hears of the edit
(bench_edit_index.py times an edit with every listener).
The run ends by checking that the incrementally kept list equals a fresh evaluation.

    .venv/bin/python benchmarks/run.py --only warnings
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from run import OUT, measure, measure_pair, median, row

from planner.commands import Command, MoveDemands, ShiftPhase, UndoHistory, UpdateRow
from planner.model import Demand, Department
from planner.queries import PlanIndex
from planner.store import PlanStore
from planner.warnings import WarningsEngine, evaluate

FULL_TARGET_MS = 50.0
EDIT_TARGET_MS = 10.0


def _edits(store: PlanStore) -> list[tuple[str, Callable[[], Command]]]:
    """Typical single edits, on records in the middle of the plan."""
    index = PlanIndex.build(store)
    phases = [p for p in index.phases if p.start_date is not None and index.demands(p.id)]
    phase, after = phases[len(phases) // 2], phases[len(phases) // 2 + 1]
    wish = index.demands(phase.id)[0]
    dept = store.get(Department, wish.department_id)
    return [
        ("move a wish to the next phase", lambda: MoveDemands([wish.id], after.id)),
        ("change a wish's effort", lambda: UpdateRow(Demand, wish.id, {"effort": wish.effort + 3})),
        ("shift a phase by a week", lambda: ShiftPhase(phase.id, 7)),
        (
            "change a department's capacity",
            lambda: UpdateRow(Department, dept.id, {"capacity": dept.capacity + 1}),
        ),
    ]


def _signature(warnings: list) -> list:  # noqa: ANN001
    return [(w.as_dict(), w.dismissed_reason) for w in warnings]


def bench(size: str, source: Path) -> list[dict]:
    path = OUT / f"{size}-bench-warnings.rollout"  # edits are undone, but never in the cache
    shutil.copyfile(source, path)
    store = PlanStore.open(path)
    repeat = 15 if size == "large" else 41
    rows: list[dict] = []
    try:
        full, index = measure_pair(
            lambda: evaluate(store), lambda: PlanIndex.build(store), repeat
        )
        index_ms = median(index)
        count = len(evaluate(store))
        rows.append(
            row(
                "warnings: full evaluation",
                size,
                median(full),
                FULL_TARGET_MS,
                "PlanIndex.build",
                index_ms,
                note=f"{count} warnings",
                runs=repeat,
            )
        )
        start, index = measure_pair(
            lambda: WarningsEngine(store).close(), lambda: PlanIndex.build(store), repeat
        )
        rows.append(
            row(
                "warnings: engine start",
                size,
                median(start),
                None,
                "PlanIndex.build",
                median(index),
            )
        )

        demands = store.rows(Demand)
        pass_ms = median(measure(lambda: [d.effort for d in demands], repeat))
        engine = WarningsEngine(store)
        history = UndoHistory(store)
        for label, make in _edits(store):
            samples: list[float] = []
            for _ in range(repeat):
                history.push(make())
                samples.append(engine.last_update_ms)
                history.undo()
                samples.append(engine.last_update_ms)
            rows.append(
                row(
                    f"warnings after one edit: {label}",
                    size,
                    median(samples),
                    EDIT_TARGET_MS,
                    "one pass over the wishes",
                    pass_ms,
                    runs=len(samples),
                )
            )
        history.push(_edits(store)[0][1]())  # leave one edit standing for the check
        same = _signature(engine.warnings) == _signature(evaluate(store))
        history.undo()
        engine.close()
        if not same:
            rows[-1]["note"] = "MISMATCH: the engine's list differs from a fresh evaluation"
    finally:
        store.close()
        path.unlink(missing_ok=True)
    return rows


def run(plans: dict[str, Path]) -> list[dict]:
    return [r for size, path in plans.items() for r in bench(size, path)]


if __name__ == "__main__":
    import run as runner

    print(runner.table(run(runner.plans())))
