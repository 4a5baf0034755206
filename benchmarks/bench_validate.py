"""What checking every row on open costs (planner/integrity): the raw read and check alone,
and opening a plan with and without it, run alternately in the same run. Target: validation
of the large plan < 20 ms, i.e. under 20 % of opening it.

    .venv/bin/python benchmarks/run.py --only validate
    .venv/bin/python benchmarks/bench_validate.py [PLAN.rollout ...]

"with a baseline" copies a plan and takes three baselines in the copy (a baseline's JSON
snapshot of 10 000 wishes is parsed on open, to refuse an unreadable one).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from run import measure, measure_pair, median, row  # noqa: E402

import planner.store as store_module  # noqa: E402
from planner.baseline import TakeBaseline  # noqa: E402
from planner.commands import UndoHistory  # noqa: E402
from planner.integrity import find_problems, read_plan_rows  # noqa: E402
from planner.sample import sample_plan_path  # noqa: E402
from planner.store import PlanStore  # noqa: E402

TARGET_MS = 20.0


def _open_without_validation(path: Path) -> None:
    real = store_module._refuse_damaged_rows
    store_module._refuse_damaged_rows = lambda conn, name, findings: None
    try:
        PlanStore.open(path, read_only=True).close()
    finally:
        store_module._refuse_damaged_rows = real


def _with_baselines(path: Path, folder: Path, count: int = 3) -> Path:
    copy = folder / f"{path.stem}-baselines.rollout"
    shutil.copyfile(path, copy)
    store = PlanStore.open(copy)
    history = UndoHistory(store)
    for n in range(count):
        history.push(TakeBaseline(f"Review {n + 1}"))
    store.close()
    return copy


def _cpu_pair(
    action: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median process CPU milliseconds of each, alternated: on a machine shared with other
    jobs, CPU time is far steadier than wall time (which also counts waiting for a core)."""
    mine: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        for fn, out in ((baseline, base), (action, mine)):
            start = time.process_time()
            fn()
            out.append((time.process_time() - start) * 1000)
    return median(mine), median(base)


def bench(size: str, path: Path, repeat: int) -> list[dict]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    check = measure(lambda: find_problems(read_plan_rows(conn)), repeat)
    conn.close()
    opened, bare = measure_pair(
        lambda: PlanStore.open(path, read_only=True).close(),
        lambda: _open_without_validation(path),
        repeat,
    )
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    cpu_check, cpu_bare = _cpu_pair(
        lambda: find_problems(read_plan_rows(conn)), lambda: _open_without_validation(path), repeat
    )
    conn.close()
    target = TARGET_MS if size.startswith("large") else None
    return [
        row("validate, CPU time", size, cpu_check, target, "open without validation, CPU",
            cpu_bare, runs=repeat),
        row("validate every row", size, median(check), target, "open without validation",
            median(bare), runs=repeat),
        row("open, validated", size, median(opened), 300.0 if size == "large" else None,
            "open without validation", median(bare),
            note=f"+{median(opened) - median(bare):.1f} ms", runs=repeat),
    ]


def run(plans: dict[str, Path]) -> list[dict]:
    rows = bench("sample", sample_plan_path(), 25)
    with tempfile.TemporaryDirectory() as folder:
        for size, path in plans.items():
            rows += bench(size, path, 15 if size == "large" else 25)
            if size == "large":
                rows += bench("large+3 baselines", _with_baselines(path, Path(folder)), 15)
    return rows


if __name__ == "__main__":
    extra = {Path(p).stem: Path(p) for p in sys.argv[1:]}
    for r in run(extra):
        print(
            f"{r['name']:20} {r['size']:18} {r['median_ms']:8.2f} ms  target {r['target_ms']}  "
            f"vs {r['baseline']} {r['baseline_ms']} ms  ×{r['ratio']}  {r['note']}"
        )
