"""PDF plan pack: time to write the whole pack for the sample, typical and large plans
(targets in DESIGN.md: typical < 2 s, large < 15 s), medians of repeated runs, against a
baseline measured in the same run: a one-page PDF with one paragraph through the same
QPdfWriter + QTextDocument path. Used by benchmarks/run.py; also runnable alone:
    .venv/bin/python benchmarks/bench_pdf.py [PLAN.rollout ...]
The plan is opened once per size (opening is benchmarked in bench_store.py); the first run
of a process also pays for importing matplotlib, so one warm-up run is not counted.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGETS_MS = {"typical": 2000.0, "large": 15000.0}
REPEAT = {"sample": 5, "typical": 5, "large": 3}


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _baseline(folder: Path) -> Callable[[], None]:
    from PySide6.QtGui import QPainter, QPdfWriter, QTextDocument

    def one_page() -> None:
        writer = QPdfWriter(str(folder / "baseline.pdf"))
        writer.setResolution(600)
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setHtml("<h1>Plan pack</h1><p>One paragraph of text.</p>")
        painter = QPainter(writer)
        doc.drawContents(painter)
        painter.end()

    return one_page


def bench_plan(size: str, path: Path, folder: Path, baseline_ms: float) -> dict:
    from planner.store import PlanStore
    from ui.pdf.writer import export_pdf

    store = PlanStore.open(path, read_only=True)
    out = folder / f"{size}.pdf"
    try:
        pages = export_pdf(store, out)  # warm-up: imports, font database
        median = _median_ms(lambda: export_pdf(store, out), REPEAT.get(size, 3))
    finally:
        store.close()
    return {
        "name": "PDF plan pack",
        "size": size,
        "median_ms": round(median, 1),
        "target_ms": TARGETS_MS.get(size),
        "baseline": "one-page PDF, same writer",
        "baseline_ms": round(baseline_ms, 2),
        "ratio": round(median / baseline_ms, 1) if baseline_ms else None,
        "pages": pages,
    }


def run(plans: dict[str, Path]) -> list[dict]:
    from PySide6.QtGui import QGuiApplication

    from planner.sample import sample_plan_path

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - must live
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        baseline = _baseline(folder)
        baseline()
        baseline_ms = _median_ms(baseline, 25)
        rows = [bench_plan("sample", sample_plan_path(), folder, baseline_ms)]
        for size, path in plans.items():
            rows.append(bench_plan(size, path, folder, baseline_ms))
    return rows


if __name__ == "__main__":
    extra = {Path(p).stem: Path(p) for p in sys.argv[1:]}
    for r in run(extra):
        print(
            f"{r['name']:14} {r['size']:8} {r['median_ms']:9.1f} ms  {r['pages']:4} pages  "
            f"target {r['target_ms']}  baseline {r['baseline']} {r['baseline_ms']} ms  "
            f"×{r['ratio']}"
        )
