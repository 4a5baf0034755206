"""A plan on a PostgreSQL server against the same plan as a file (issue 15): open, one edit
committed and acknowledged, an edit seen by another client, and the load test's throughput
(8 processes editing one plan). Runs its own throwaway cluster (tests/pg_cluster.py).

    .venv/bin/python benchmarks/bench_server.py [--edits 500] [PLAN.rollout]

Used by benchmarks/run.py too (`--only server`), with the generated large plan.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from pg_cluster import Cluster, find_bin_dir  # noqa: E402
from server_load import run_clients  # noqa: E402

from planner.commands import UndoHistory, UpdateRow  # noqa: E402
from planner.model import Demand  # noqa: E402
from planner.server.store import ServerStore  # noqa: E402
from planner.server.transfer import publish  # noqa: E402
from planner.store import PlanStore  # noqa: E402

LOAD_EDITS = int(os.environ.get("ROLLOUT_LOAD_EDITS", "500"))


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 2)


def _timed(action, repeat: int) -> list[float]:  # noqa: ANN001
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def _row(name: str, size: str, value: float, target: float | None, base_name: str,
         base: float | None, note: str = "") -> dict:
    return {
        "name": name, "size": size, "median_ms": value, "target_ms": target,
        "baseline": base_name, "baseline_ms": base,
        "ratio": round(value / base, 1) if base else None, "note": note,
    }


def bench(size: str, path: Path, edits: int) -> list[dict]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL is not installed (initdb/pg_ctl not found)")
    cluster = Cluster(bin_dir, durable=True)  # commits flushed, as the file's are
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / path.name
        shutil.copyfile(path, work)
        try:
            cluster.start()
            cluster.sql("CREATE DATABASE plans")
            url = cluster.url("plans", plan="bench")
            source = PlanStore.open(work, read_only=True)
            publish(source, url)
            source.close()

            repeat = 5
            file_open = _timed(lambda: PlanStore.open(work).close(), repeat)
            server_open = _timed(lambda: ServerStore.open(url).close(), repeat)
            rows.append(_row("open plan", size, _median_ms(server_open), 1500.0,
                             "same plan as a file", _median_ms(file_open)))

            file_store, a, b = PlanStore.open(work), ServerStore.open(url), ServerStore.open(url)
            wish = a.rows(Demand)[0]
            values = iter(range(5_000, 50_000))
            file_history, history = UndoHistory(file_store), UndoHistory(a)
            file_edit = _timed(lambda: file_history.push(
                UpdateRow(Demand, wish.id, {"effort": float(next(values))})), 25)
            edit = _timed(lambda: history.push(
                UpdateRow(Demand, wish.id, {"effort": float(next(values))})), 25)
            rows.append(_row("edit committed+acknowledged", size, _median_ms(edit), 20.0,
                             "same edit on the file", _median_ms(file_edit)))

            def seen_by_other() -> None:
                value = float(next(values))
                history.push(UpdateRow(Demand, wish.id, {"effort": value}))
                while b.get(Demand, wish.id).effort != value:
                    b.poll(0.5)

            b.catch_up()
            seen = _timed(seen_by_other, 25)
            rows.append(_row("edit seen by another client", size, _median_ms(seen), 250.0,
                             "same edit on the file", _median_ms(file_edit),
                             "from before the edit to the other client's rows updated"))
            file_store.close(), a.close(), b.close()

            started = time.perf_counter()
            results = run_clients(url, 8, edits, Path(folder))
            wall = time.perf_counter() - started
            committed = sum(r["committed"] for r in results)
            conflicts = sum(r["conflicts"] for r in results)
            editing = max(r["elapsed"] for r in results)
            latencies = [t for r in results for t in r["latencies"]]
            rows.append(_row(
                "load: 8 clients, one edit", size, _median_ms(latencies), None,
                "single client edit", _median_ms(edit),
                f"{committed} edits committed, {conflicts} refused as conflicts in "
                f"{editing:.1f} s of editing: {committed / editing:.0f} edits/s "
                f"({wall:.1f} s with process start-up); {edits} edits per client",
            ))
        finally:
            cluster.destroy()
    return rows


def run(plans: dict[str, Path]) -> list[dict]:
    size = "large" if "large" in plans else next(iter(plans))
    return bench(size, plans[size], LOAD_EDITS)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("plan", nargs="?", type=Path)
    parser.add_argument("--edits", type=int, default=LOAD_EDITS)
    args = parser.parse_args()
    if args.plan is None:
        sys.path.insert(0, str(HERE))
        from run import plans as generated

        args.plan = generated()["large"]
    for r in bench(args.plan.stem, args.plan, args.edits):
        print(f"{r['name']:30} {r['median_ms']:9.2f} ms  target {r['target_ms']}  "
              f"{r['baseline']} {r['baseline_ms']} ms  x{r['ratio']}  {r['note']}")
