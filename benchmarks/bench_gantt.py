"""Gantt view: building the chart scene, and repainting after a zoom and after a scroll —
medians, against plain Qt items (400 rectangles with texts) repainted in a view of the same
size in the same run (DESIGN.md: scene < 300 ms, a zoom or scroll repaint < 16 ms). Used by
benchmarks/run.py; also runnable alone (offscreen):

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gantt.py [PLAN.rollout ...]

With no plan named it uses benchmarks/out/large.rollout, generating it if needed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WIDTH, HEIGHT = 1600, 1000
HERE = Path(__file__).resolve().parent


def median_ms(action: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
              ) -> float:
    """Median of `repeat` timed calls; `setup` runs untimed before each."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _app():  # noqa: ANN202
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _baseline_repaint() -> float:
    """Plain Qt items, no Python painting: a view of the same size full of 400 rectangles
    with a text each (about what a screenful of the chart holds), repainted the same way.
    What Qt itself costs here for a comparable picture — and it slows down with the machine
    as ours does, so the ratio stays readable on a busy machine."""
    from PySide6.QtGui import QColor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView

    _app()
    scene = QGraphicsScene(0, 0, WIDTH, HEIGHT)
    scene.setBackgroundBrush(QColor("white"))
    rects = []
    for i in range(400):
        x, y = (i % 10) * 160, (i // 10) * 25
        rects.append(scene.addRect(x + 4, y + 4, 120, 18, QColor("#0072B2"), QColor("#56B4E9")))
        text = QGraphicsSimpleTextItem(f"Phase {i} · 12 pd")
        text.setPos(x + 8, y + 5)
        scene.addItem(text)
    view = QGraphicsView(scene)
    view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)  # as ours
    view.resize(WIDTH, HEIGHT)
    view.show()
    QTest.qWaitForWindowExposed(view)
    widths = iter([120, 124] * 50)
    result = median_ms(_app().processEvents, 30,
                       lambda: rects[0].setRect(4, 4, next(widths), 18))
    view.close()
    return result


def bench_plan(size: str, path: Path, baseline: float) -> list[dict]:
    from PySide6.QtTest import QTest

    from planner.commands import ShiftPhase
    from planner.live_index import live_index
    from planner.store import PlanStore
    from ui.document import PlanDocument
    from ui.gantt.chart import ChartOptions, build_chart
    from ui.gantt.data import read_plan
    from ui.gantt.scene import GanttScene
    from ui.gantt.view import GanttView

    app = _app()
    # Edits go to a copy: the generated plans are shared by every benchmark.
    folder = tempfile.TemporaryDirectory()
    work = Path(folder.name) / path.name
    shutil.copyfile(path, work)
    store = PlanStore.open(work)
    document = PlanDocument(store)
    source = document.warnings
    repeat = 9 if size == "large" else 25
    rows: list[dict] = []

    def row(name: str, value: float, target: float | None, base: float | None = None,
            base_name: str = "") -> None:
        rows.append({
            "name": name, "size": size, "median_ms": round(value, 2), "target_ms": target,
            "baseline": base_name, "baseline_ms": round(base, 2) if base is not None else None,
            "ratio": round(value / base, 1) if base else None,
        })

    for layout in ("phases", "departments"):
        def build(layout: str = layout) -> None:
            data = read_plan(store, document.index, warnings=lambda _s: source.warnings)
            chart = build_chart(data, ChartOptions(layout=layout, show_undated=True))
            GanttScene().apply(chart)

        def fresh_index() -> None:
            live_index(store).rebuild()  # the lookups rebuilt too, as after a reload

        row(f"gantt scene build ({layout})", median_ms(build, repeat, fresh_index), 300.0)

    view = GanttView(document)
    view.resize(WIDTH, HEIGHT)
    view.show()
    QTest.qWaitForWindowExposed(view)
    app.processEvents()
    def repaint() -> None:
        # What the user waits for after a zoom or a scroll: Qt working out what changed and
        # painting it (the posted update requests of every pane), as the event loop would.
        app.processEvents()

    zooms = iter([6.0, 7.0] * 100)
    row("gantt zoom (relayout)", median_ms(lambda: view.set_zoom(next(zooms)), repeat), None)
    row("gantt repaint after zoom", median_ms(repaint, repeat,
                                              lambda: view.set_zoom(next(zooms))),
        16.0, baseline, "400 plain Qt items repaint")
    view.set_zoom("months")
    step = view.body.viewport().width() // 3

    def scroll() -> None:
        value = view.hbar.value() + step
        view.hbar.setValue(value if value < view.hbar.maximum() else 0)

    row("gantt repaint after scroll", median_ms(repaint, repeat, scroll), 16.0, baseline,
        "400 plain Qt items repaint")

    def vscroll() -> None:
        value = view.vbar.value() + view.body.viewport().height() // 3
        view.vbar.setValue(value if value < view.vbar.maximum() else 0)

    if view.vbar.maximum() > 0:  # a plan whose rows fit has nothing to scroll
        row("gantt repaint after vertical scroll", median_ms(repaint, repeat, vscroll), 16.0,
            baseline, "400 plain Qt items repaint")
    phase = document.index.phases[len(document.index.phases) // 2]
    days = iter([7, -7] * 100)

    def edit() -> None:
        document.push(ShiftPhase(phase.id, next(days)))
        view.refresh()

    row("gantt edit + update", median_ms(edit, repeat), None)
    view.close()
    document.close()
    folder.cleanup()
    return rows


def _large_plan() -> Path:
    path = HERE / "out" / "large.rollout"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--size", "large", str(path)],
                       check=True)
    return path


def run(plans: dict[str, Path]) -> list[dict]:
    baseline = _baseline_repaint()
    rows = [{"name": "400 plain Qt items repaint (baseline)", "size": "-",
             "median_ms": round(baseline, 2), "target_ms": None, "baseline": "",
             "baseline_ms": None, "ratio": None}]
    for size, path in plans.items():
        rows += bench_plan(size, path, baseline)
    return rows


if __name__ == "__main__":
    chosen = {Path(p).stem: Path(p) for p in sys.argv[1:]} or {"large": _large_plan()}
    for r in run(chosen):
        target = f"target {r['target_ms']}" if r["target_ms"] else ""
        base = f"baseline {r['baseline_ms']} ms ×{r['ratio']}" if r["baseline_ms"] else ""
        print(f"{r['name']:40} {r['size']:8} {r['median_ms']:8.2f} ms  {target:12} {base}")
