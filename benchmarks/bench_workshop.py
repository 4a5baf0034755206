"""Workshop mode: entering it (the full-screen window with all five pages), and serving one
wish onto the plate and taking it back with undo while the plate page is on screen (the
plan command, every list re-sorted, the plate and the warnings redrawn) — medians, against
a bare widget window shown and a bare command pushed in the same run. Used by
benchmarks/run.py; also runnable alone (offscreen):

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_workshop.py [PLAN.rollout ...]

With no plan named it uses the generated typical and large plans.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import measure, median, row  # noqa: E402

REPEAT = 7
WIDTH, HEIGHT = 1920, 1080


def _app():  # noqa: ANN202
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # layouts and repaints that a real frame would run
    QApplication.processEvents()


def _bare_window_ms() -> float:
    from PySide6.QtWidgets import QLabel

    def show() -> None:
        label = QLabel("bare")
        label.resize(WIDTH, HEIGHT)
        label.show()
        _settle()
        label.close()
        label.deleteLater()

    return median(measure(show, REPEAT))


def bench_plan(size: str, path: Path) -> list[dict]:
    from planner.commands import MoveDemands, Vote
    from planner.store import PlanStore
    from ui.document import PlanDocument
    from ui.workshop.mode import WorkshopMode

    _app()
    work = Path(tempfile.mkdtemp()) / path.name
    shutil.copy(path, work)
    store = PlanStore.open(work)
    document = PlanDocument(store)
    rows = []

    def enter_and_leave() -> None:
        mode = WorkshopMode(document)
        window = mode.enter()
        window.resize(WIDTH, HEIGHT)
        window.show_page("plate")
        _settle()
        mode.leave()
        _settle()

    bare = _bare_window_ms()
    rows.append(
        row(
            "workshop: enter, plate on screen",
            size,
            median(measure(enter_and_leave, 3)),
            None,
            "bare window shown",
            bare,
            runs=3,
        )
    )

    mode = WorkshopMode(document)
    window = mode.enter()
    window.resize(WIDTH, HEIGHT)
    window.show_page("plate")
    _settle()
    plate = window.pages["plate"]
    phase_id = plate.phase().id
    wish = document.index.demands(None)[0].id

    def serve() -> None:
        document.push(MoveDemands([wish], phase_id))
        _settle()

    def take_back() -> None:
        document.undo_stack.undo()
        _settle()

    serve_ms = measure(serve, REPEAT, setup=take_back)
    undo_ms = measure(take_back, REPEAT, setup=serve)
    # The same edit without any workshop: what the plan itself costs.
    mode.leave()
    _settle()
    bare_edit = median(
        measure(
            lambda: document.push(Vote(wish, 1)),
            REPEAT,
            setup=lambda: document.undo_stack.undo() if document.undo_stack.canUndo() else None,
        )
    )
    rows.append(
        row(
            "workshop: serve a wish onto the plate",
            size,
            median(serve_ms),
            16.0,
            "the edit with no view open",
            bare_edit,
            runs=REPEAT,
        )
    )
    rows.append(
        row(
            "workshop: undo it",
            size,
            median(undo_ms),
            16.0,
            "the edit with no view open",
            bare_edit,
            runs=REPEAT,
        )
    )
    document.close()
    return rows


def run(plans: dict[str, Path]) -> list[dict]:
    return [r for size, path in plans.items() for r in bench_plan(size, path)]


if __name__ == "__main__":
    if len(sys.argv) > 1:
        chosen = {Path(p).stem: Path(p) for p in sys.argv[1:]}
    else:
        from run import plans

        chosen = plans()
    for item in run(chosen):
        print(
            f"{item['name']:<40} {item['size']:<8} {item['median_ms']:>9.1f} ms"
            f"  (baseline {item['baseline']}: {item['baseline_ms']} ms, ×{item['ratio']})"
        )
