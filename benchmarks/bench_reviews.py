"""Reviews: comparing a plan with a baseline (DESIGN.md: large plan < 200 ms), taking a
baseline, and building the Gantt with a baseline's ghost bars against the same build without
them (the issue: no more than 20 % over), medians. Used by benchmarks/run.py; also runnable
alone:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_reviews.py [PLAN.rollout ...]

The plan is a copy; a baseline is taken on it, then a round of edits (every tenth phase
moved a week, every fiftieth wish moved to the next phase, every hundredth re-estimated) so
the comparison has real work to do.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.modules.setdefault("bench_reviews", sys.modules[__name__])
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from run import measure, measure_pair, median, row  # noqa: E402


def _edits(store) -> None:  # noqa: ANN001
    from planner.commands import MoveDemands, ShiftPhase, UpdateRow
    from planner.model import Demand
    from planner.queries import PlanIndex

    index = PlanIndex.build(store)
    for phase in index.phases[::10]:
        ShiftPhase(phase.id, 7).do(store)
    phases = [p.id for p in index.phases]
    demands = store.rows(Demand)
    moves: dict[int, list[int]] = {}
    for d in demands[::50]:
        if d.phase_id in phases:
            target = phases[(phases.index(d.phase_id) + 1) % len(phases)]
            moves.setdefault(target, []).append(d.id)
    for target, ids in moves.items():
        MoveDemands(ids, target).do(store)
    for d in demands[5::100]:
        UpdateRow(Demand, d.id, {"effort": d.effort + 1}).do(store)


def bench_plan(size: str, path: Path) -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from planner.baseline import TakeBaseline, latest_baseline, read_snapshot
    from planner.diff import plan_vs_baseline
    from planner.store import PlanStore
    from ui.gantt.chart import ChartOptions, build_chart
    from ui.gantt.data import read_plan
    from ui.gantt.ghosts import Ghosts
    from ui.gantt.scene import GanttScene

    QApplication.instance() or QApplication([])
    folder = tempfile.TemporaryDirectory()
    work = Path(folder.name) / path.name
    shutil.copyfile(path, work)
    store = PlanStore.open(work)
    repeat = 7 if size == "large" else 21
    rows: list[dict] = []

    taken: list[float] = []
    for _ in range(repeat):
        command = TakeBaseline("Steering review")
        start = time.perf_counter()
        command.do(store)
        taken.append((time.perf_counter() - start) * 1000)
        command.undo(store)
    rows.append(row("take a baseline (snapshot + warnings)", size, median(taken), None,
                    runs=repeat))
    TakeBaseline("Steering review").do(store)
    _edits(store)
    baseline = latest_baseline(store)
    diff = plan_vs_baseline(store, baseline)
    note = f"{len(diff.changes)} changes found"
    from planner import baseline as baseline_module
    from planner.warnings import WarningsEngine, evaluate

    # How loaded the machine is: all warnings of the plan, DESIGN.md target 50 ms.
    reference = median(measure(lambda: evaluate(store), repeat))
    rows.append(row("evaluate all warnings (load reference)", size, reference, 50.0,
                    runs=repeat))
    engine = WarningsEngine(store)  # what the app keeps current after every edit
    times = measure(lambda: plan_vs_baseline(store, baseline, engine.warnings), repeat)
    rows.append(row("compare plan with a baseline (app)", size, median(times), 200.0,
                    "evaluate all warnings", reference,
                    note=note + "; warnings from the live engine", runs=repeat))
    times = measure(lambda: plan_vs_baseline(store, baseline, engine.warnings), repeat,
                    baseline_module._parsed.clear)
    rows.append(row("first compare with a baseline (app)", size, median(times), 200.0,
                    "evaluate all warnings", reference,
                    note="the snapshot parsed too (later compares reuse it)", runs=repeat))
    engine.close()
    times = measure(lambda: plan_vs_baseline(store, baseline), repeat)
    rows.append(row("compare plan with a baseline (diff CLI)", size, median(times), None,
                    note="evaluates the plan's warnings too", runs=repeat))

    ghosts = Ghosts.of("Steering review", read_snapshot(baseline))
    data = read_plan(store, None)

    def build(with_ghosts: bool) -> None:
        options = ChartOptions(layout="phases", show_undated=True,
                               ghosts=ghosts if with_ghosts else None)
        GanttScene().apply(build_chart(data, options))

    mine, base = measure_pair(lambda: build(True), lambda: build(False), repeat)
    rows.append(row("gantt scene build with ghost bars", size, median(mine), None,
                    "the same build without", median(base), runs=repeat,
                    note="issue: ratio <= 1.2"))
    store.close()
    folder.cleanup()
    return rows


def run(plans: dict[str, Path]) -> list[dict]:
    out: list[dict] = []
    for size, path in plans.items():
        out += bench_plan(size, path)
    return out


if __name__ == "__main__":
    from bench_gantt import _large_plan

    chosen = {Path(p).stem: Path(p) for p in sys.argv[1:]} or {"large": _large_plan()}
    for r in run(chosen):
        base = f"  vs {r['baseline']} {r['baseline_ms']} ms ×{r['ratio']}" if r["baseline_ms"] \
            else ""
        target = f"  target {r['target_ms']}" if r["target_ms"] else ""
        print(f"{r['name']:40} {r['size']:8} {r['median_ms']:9.2f} ms{target}{base}  "
              f"{r['note']}")
