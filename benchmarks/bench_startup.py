"""Start-up: from `python` to a shown main window on the sample plan, against a bare PySide6
window measured in the same run (DESIGN.md: within 4x). Each sample is a fresh process;
bare and app samples alternate, so a busy machine slows both alike.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py

As a user starts it: settings of a first start (a settings folder of the benchmark's own, so
neither the user's nor another run's remembered tab changes what is built), and compiled
bytecode (an installed app has it; this tree may run with PYTHONDONTWRITEBYTECODE, so the
children write theirs under benchmarks/out/pycache). A second row starts with the Gantt as
the remembered tab, which builds the chart at start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
REPEAT = 9
HEAVY = ("matplotlib", "alembic", "pypdf", "ui.gantt.view", "ui.workshop.mode", "ui.pdf.dialog",
         "planner.report")

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1200, 800); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

APP = f"HEAVY = {HEAVY!r}\n" + """
import sys
from PySide6.QtCore import QTimer
from app.gui import make_application, start_file
from ui.app_window import open_window
app = make_application()
w = open_window(start_file(None, True)); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
if "--report" in sys.argv:
    print(",".join(m for m in HEAVY if m in sys.modules))
"""

REMEMBER_GANTT = """
from ui import settings
from app.gui import make_application
make_application()
settings.put(settings.CURRENT_VIEW, "Gantt")
"""


def environment(config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("ROLLOUT_PLANNER_DATA_DIR", str(OUT / "userdata"))
    env["XDG_CONFIG_HOME"] = str(config)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


def time_process(code: str, env: dict[str, str], *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    return (time.perf_counter() - start) * 1000


def measure(env: dict[str, str]) -> tuple[float, float, str]:
    """(bare median, app median, heavy modules the app imported)."""
    # The first runs write the bytecode and the user's copy of the sample plan.
    time_process(BARE, env)
    heavy = subprocess.run([sys.executable, "-c", APP, "--report"], cwd=ROOT, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    bare, app = [], []
    for _ in range(REPEAT):
        bare.append(time_process(BARE, env))
        app.append(time_process(APP, env))
    return statistics.median(bare), statistics.median(app), heavy


def run(plans: dict[str, Path] | None = None) -> list[dict]:
    rows = []
    first = OUT / "startup-config" / "first"
    remembered = OUT / "startup-config" / "gantt"
    for folder in (first, remembered):
        for conf in folder.rglob("*.conf"):
            conf.unlink()
    subprocess.run([sys.executable, "-c", REMEMBER_GANTT], cwd=ROOT,
                   env=environment(remembered), check=True, capture_output=True)
    for name, config in (("start to window (sample plan)", first),
                         ("start to window, Gantt remembered", remembered)):
        bare, app, heavy = measure(environment(config))
        rows.append({
            "name": name,
            "size": "sample",
            "median_ms": round(app, 1),
            "target_ms": round(4 * bare, 1),
            "baseline": "bare PySide6 window",
            "baseline_ms": round(bare, 1),
            "ratio": round(app / bare, 2),
            "note": f"heavy modules imported at start: {heavy or 'none'}",
        })
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
