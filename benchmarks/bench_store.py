"""Plan file: open, apply one edit, undo it — medians against a raw-SQLite baseline measured
in the same run. Used by benchmarks/run.py; also runnable alone:
    .venv/bin/python benchmarks/bench_store.py [PLAN.rollout ...]
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from planner.commands import UndoHistory, UpdateRow
from planner.model import Demand
from planner.sample import sample_plan_path
from planner.store import PlanStore

REPEAT = 25


def median_ms(action: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _raw_open(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("SELECT count(*) FROM demand").fetchone()
    conn.close()


def _raw_update(path: Path) -> Callable[[], None]:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = FULL")
    row_id = conn.execute("SELECT min(id) FROM demand").fetchone()[0]

    def update() -> None:
        conn.execute("UPDATE demand SET effort = effort + 1 WHERE id = ?", (row_id,))
        conn.commit()

    return update


def bench_plan(size: str, path: Path, target_open_ms: float | None) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / path.name
        shutil.copyfile(path, work)
        repeat = REPEAT if size != "large" else 9
        baseline_open = median_ms(lambda: _raw_open(work), repeat)
        open_ms = median_ms(lambda: PlanStore.open(work).close(), repeat)

        store = PlanStore.open(work)
        history = UndoHistory(store)
        demand = store.rows(Demand)[0]
        # Values the wish never had, so every push is a real edit with something to undo.
        efforts = iter(range(5_000, 9_000))
        edit_ms = median_ms(
            lambda: history.push(UpdateRow(Demand, demand.id, {"effort": next(efforts)}))
        )
        undo_ms = median_ms(history.undo)
        redo_ms = median_ms(history.redo)
        store.close()
        baseline_edit = median_ms(_raw_update(work))

    def row(name: str, value: float, target: float | None, base: float, base_name: str) -> dict:
        return {
            "name": name,
            "size": size,
            "median_ms": round(value, 2),
            "target_ms": target,
            "baseline": base_name,
            "baseline_ms": round(base, 2),
            "ratio": round(value / base, 1) if base else None,
        }

    return [
        row("open plan", open_ms, target_open_ms, baseline_open, "sqlite3 connect+count"),
        row("apply one edit", edit_ms, 16.0, baseline_edit, "raw UPDATE+commit"),
        row("undo one edit", undo_ms, 16.0, baseline_edit, "raw UPDATE+commit"),
        row("redo one edit", redo_ms, 16.0, baseline_edit, "raw UPDATE+commit"),
    ]


def run(plans: dict[str, Path]) -> list[dict]:
    rows = bench_plan("sample", sample_plan_path(), None)
    for size, path in plans.items():
        rows += bench_plan(size, path, 300.0 if size == "large" else None)
    return rows


if __name__ == "__main__":
    extra = {Path(p).stem: Path(p) for p in sys.argv[1:]}
    for r in run(extra):
        print(
            f"{r['name']:16} {r['size']:8} {r['median_ms']:8.2f} ms  target {r['target_ms']}  "
            f"baseline {r['baseline']} {r['baseline_ms']} ms  ×{r['ratio']}"
        )
