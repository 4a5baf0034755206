"""Start-up: from `python` to a shown main window on the sample plan, against a bare PySide6
window measured in the same run (DESIGN.md: within 4x). Each sample is a fresh process.
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 9

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1200, 800); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

APP = """
from PySide6.QtCore import QTimer
from app.gui import make_application, start_file
from ui.app_window import open_window
app = make_application()
w = open_window(start_file(None, True)); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

IMPORTS = """
import sys, app.gui, ui.app_window
heavy = [m for m in ("matplotlib", "alembic", "pypdf") if m in sys.modules]
print(",".join(heavy))
"""


def time_process(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    return (time.perf_counter() - start) * 1000


def run(plans: dict[str, Path] | None = None) -> list[dict]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("ROLLOUT_PLANNER_DATA_DIR", str(ROOT / "benchmarks" / "out" / "userdata"))
    time_process(APP, env)  # creates the user's sample plan once, outside the timing
    bare = statistics.median(time_process(BARE, env) for _ in range(REPEAT))
    app = statistics.median(time_process(APP, env) for _ in range(REPEAT))
    heavy = subprocess.run([sys.executable, "-c", IMPORTS], cwd=ROOT, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    return [{
        "name": "start to window (sample plan)",
        "size": "sample",
        "median_ms": round(app, 1),
        "target_ms": round(4 * bare, 1),
        "baseline": "bare PySide6 window",
        "baseline_ms": round(bare, 1),
        "ratio": round(app / bare, 2),
        "note": f"heavy modules imported at start: {heavy or 'none'}",
    }]


if __name__ == "__main__":
    for row in run():
        print(row)
