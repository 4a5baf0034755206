"""One wish moved in an open document: from the edit to an up-to-date index and warnings,
as the app does it (a PlanDocument whose views read `document.index` and whose warnings
panel listens to the engine), and the memory the index and the warnings hold.

- "one wish move": `document.push(MoveDemands(...))` then `document.index` read — the
  command, its SQLite commit, every listener (index patch, warnings engine, warnings
  source) — against the commit of the same edit with no one listening (a bare store).
- "its undo": the same for undoing it.
- "index + warnings memory": bytes allocated by building the document's index and its
  warnings (engine included) and one edit, with tracemalloc, against the plan's rows.
- "... with the Gantt's data": the same with the Gantt view's live data (ui/gantt/
  live_data.py) read after each edit as the open view does — its phase bars and the load
  strip's table, from the department load the warnings read too (planner/live_load.py).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_edit_index.py
    .venv/bin/python benchmarks/run.py --only edit_index
"""

from __future__ import annotations

import gc
import os
import shutil
import tracemalloc
from pathlib import Path

from run import OUT, median, row

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _wish_and_target(store):  # noqa: ANN001, ANN202
    from planner.queries import PlanIndex

    index = PlanIndex.build(store)
    phases = [p for p in index.phases if p.start_date is not None and index.demands(p.id)]
    phase, after = phases[len(phases) // 2], phases[len(phases) // 2 + 1]
    return index.demands(phase.id)[0].id, after.id


def _document(store):  # noqa: ANN001, ANN202
    from PySide6.QtWidgets import QApplication

    from ui.document import PlanDocument

    QApplication.instance() or QApplication([])
    document = PlanDocument(store)
    document.index  # noqa: B018 - the views read it
    document.warnings  # noqa: B018 - the panel, the outline's marks
    return document


def _time(action) -> float:  # noqa: ANN001
    import time

    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def bench(size: str, source: Path, repeat: int) -> list[dict]:
    from planner.commands import MoveDemands, UndoHistory
    from planner.store import PlanStore

    rows = []
    path = OUT / f"{size}-bench-edit-index.rollout"
    bare_path = OUT / f"{size}-bench-edit-index-bare.rollout"
    shutil.copyfile(source, path)
    shutil.copyfile(source, bare_path)
    store, bare = PlanStore.open(path), PlanStore.open(bare_path)
    try:
        wish, target = _wish_and_target(store)
        document = _document(store)
        history = UndoHistory(bare)
        moves, undos, bare_moves, bare_undos, listening = [], [], [], [], []
        notify = store._notify
        spent = [0.0]

        def timed_notify(changes) -> None:  # noqa: ANN001 - every listener of the edit
            spent[0] += _time(lambda: notify(changes))

        store._notify = timed_notify
        gc.collect()
        for _ in range(repeat):
            bare_moves.append(_time(lambda: history.push(MoveDemands([wish], target))))
            bare_undos.append(_time(history.undo))
            spent[0] = 0.0
            pushed = _time(lambda: document.push(MoveDemands([wish], target)))
            read = _time(lambda: document.index)  # patched by now, or patched here (lazily)
            moves.append(pushed + read)
            listening.append(spent[0] + read)
            undos.append(_time(lambda: (document.undo_stack.undo(), document.index)))
        baseline = "the same edit on a store no one listens to"
        rows.append(row("document: one wish move", size, median(moves), None, baseline,
                        median(bare_moves), runs=repeat))
        rows.append(row("document: one wish move, listeners only", size, median(listening),
                        None, "the edit's commit, no one listening", median(bare_moves),
                        runs=repeat))
        rows.append(row("document: its undo", size, median(undos), None, baseline,
                        median(bare_undos), runs=repeat))
        gantt = _gantt(document)
        moves, undos = [], []
        gc.collect()
        for _ in range(repeat):
            moves.append(_time(lambda: (document.push(MoveDemands([wish], target)), gantt())))
            undos.append(_time(lambda: (document.undo_stack.undo(), gantt())))
        rows.append(row("document + Gantt data: one wish move", size, median(moves), None,
                        baseline, median(bare_moves), runs=repeat))
        rows.append(row("document + Gantt data: its undo", size, median(undos), None,
                        baseline, median(bare_undos), runs=repeat))
        document.close()
    finally:
        bare.close()
        path.unlink(missing_ok=True)
        bare_path.unlink(missing_ok=True)
    rows.append(_memory(size, source))
    rows.append(_memory(size, source, gantt=True))
    return rows


def _gantt(document):  # noqa: ANN001, ANN202
    """What the open Gantt view reads after an edit: its live data, with the warnings."""
    from ui.gantt.live_data import LiveGanttData

    live = LiveGanttData(document)
    source = document.warnings

    def read():  # noqa: ANN202
        return live.read(source.warnings)

    read()
    return read


def _memory(size: str, source: Path, gantt: bool = False) -> dict:
    from planner.commands import MoveDemands
    from planner.store import PlanStore

    path = OUT / f"{size}-bench-edit-index-memory.rollout"
    shutil.copyfile(source, path)
    try:
        gc.collect()
        tracemalloc.start()
        store = PlanStore.open(path)
        rows_bytes = tracemalloc.get_traced_memory()[0]
        wish, target = _wish_and_target(store)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        document = _document(store)
        read = _gantt(document) if gantt else (lambda: document.index)
        document.push(MoveDemands([wish], target))  # the first edit builds what edits need
        read()
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        document.close()
    finally:
        path.unlink(missing_ok=True)
    mib = 1024 * 1024
    name = "index + warnings" + (" + Gantt data" if gantt else "")
    return row(
        f"document: {name} memory (MiB, not ms)", size, held / mib, None,
        "the plan's rows (MiB)", rows_bytes / mib,
    )


def run(plans: dict[str, Path]) -> list[dict]:
    return [r for size, path in plans.items() for r in bench(size, path, 31)]


if __name__ == "__main__":
    import sys

    import run as runner

    import planner

    print("planner from", Path(planner.__file__).parent, file=sys.stderr)
    print(runner.table(run(runner.plans())))
