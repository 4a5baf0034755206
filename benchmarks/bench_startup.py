"""Start-up: from launch to the main window's first paint, against a bare PySide6 window
measured in the same run (DESIGN.md: within 4x; issue 14: within 3x). Each sample is a fresh
process; bare and app samples alternate, so a busy machine slows both alike.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py [--repeat N]

The app is started as a user starts it: the real entry point (`python -m app`, and the
packaged `dist/rollout-planner/rollout-planner` when `make package` has built it), with
ROLLOUT_PLANNER_QUIT_AFTER_MS=0 so it quits as soon as its window's first paint is done;
the settings of a first start (a settings folder of the benchmark's own, so neither the
user's nor another run's remembered tab changes what is built); compiled bytecode (an
installed app has it; this tree may run with PYTHONDONTWRITEBYTECODE, so the children write
theirs under benchmarks/out/pycache). Rows: the sample plan and the large plan, from source
and from the bundle, and the source app with the Gantt as the remembered tab.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BUNDLE = ROOT / "dist" / "rollout-planner" / "rollout-planner"
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

# The floor with one way of reading a plan: the bare window after importing what the ORM
# read of a plan needs (SQLAlchemy, the model, the store), before any view of ours.
FLOOR = "from app.gui import import_domain; import_domain()\n" + BARE

# Which heavy modules the app imported by its first paint (one run, not timed).
REPORT = f"HEAVY = {HEAVY!r}\n" + """
import sys
from app.cli import main
main(sys.argv[1:])
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
    env["ROLLOUT_PLANNER_QUIT_AFTER_MS"] = "0"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


CPU: dict[str, list[float]] = {}  # CPU milliseconds per command, beside the wall times


def time_process(command: list[str], env: dict[str, str]) -> float:
    """Wall milliseconds; the CPU milliseconds (user + system) go to CPU, keyed by the
    command: on a shared machine they drift less than the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    CPU.setdefault(" ".join(command), []).append(cpu)
    return wall


def cpu_ratio(command: list[str], bare: list[str]) -> str:
    mine, base = CPU[" ".join(command)][1:], CPU[" ".join(bare)][1:]
    return (f"CPU {statistics.median(mine):.0f} ms vs {statistics.median(base):.0f} ms bare "
            f"(x{statistics.median(mine) / statistics.median(base):.2f})")


def heavy_modules(plan: str, env: dict[str, str]) -> str:
    return subprocess.run([sys.executable, "-c", REPORT, plan], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout.strip()


def measure(commands: dict[str, list[str]], env: dict[str, str], repeat: int
            ) -> tuple[list[float], dict[str, list[float]]]:
    """Bare-window times and each command's times, all interleaved."""
    time_process([sys.executable, "-c", BARE], env)
    for command in commands.values():  # bytecode, the user's copy of the sample plan
        time_process(command, env)
    bare: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            bare.append(time_process([sys.executable, "-c", BARE], env))
            times[name].append(time_process(command, env))
    return bare, times


def run(plans: dict[str, Path] | None = None, repeat: int = REPEAT) -> list[dict]:
    first = OUT / "startup-config" / "first"
    remembered = OUT / "startup-config" / "gantt"
    for folder in (first, remembered):
        for conf in folder.rglob("*.conf"):
            conf.unlink()
    subprocess.run([sys.executable, "-c", REMEMBER_GANTT], cwd=ROOT,
                   env=environment(remembered), check=True, capture_output=True)
    # A copy of the large plan: opening a plan for editing takes a lock beside it.
    large = None
    if plans and "large" in plans:
        large = OUT / "startup-large.rollout"
        shutil.copy(plans["large"], large)

    commands: dict[str, tuple[str, list[str]]] = {
        "floor (bare window + ORM and domain imports)": ("-", [sys.executable, "-c", FLOOR]),
        "source app (python -m app)": ("sample", [sys.executable, "-m", "app", "--sample"]),
    }
    if large is not None:
        commands["source app, large plan"] = ("large", [sys.executable, "-m", "app", str(large)])
    if BUNDLE.exists():
        commands["bundle (dist/rollout-planner)"] = ("sample", [str(BUNDLE), "--sample"])
        if large is not None:
            commands["bundle, large plan"] = ("large", [str(BUNDLE), str(large)])

    env = environment(first)
    bare, times = measure({name: cmd for name, (_, cmd) in commands.items()}, env, repeat)
    base = statistics.median(bare)
    note = f"heavy modules imported by the first paint: {heavy_modules('--sample', env) or 'none'}"
    bare_command = [sys.executable, "-c", BARE]
    rows = [_row(name, size, statistics.median(times[name]), base, repeat,
                 "; ".join(filter(None, [cpu_ratio(command, bare_command),
                                         note if name.startswith("source app (") else ""])))
            for name, (size, command) in commands.items()]
    CPU.clear()

    env = environment(remembered)
    gantt = {"source app, Gantt remembered": [sys.executable, "-m", "app", "--sample"]}
    bare, times = measure(gantt, env, repeat)
    rows.append(_row("source app, Gantt remembered", "sample",
                     statistics.median(times["source app, Gantt remembered"]),
                     statistics.median(bare), repeat,
                     f"heavy: {heavy_modules('--sample', env) or 'none'}"))
    return rows


def _row(name: str, size: str, median: float, base: float, runs: int, note: str) -> dict:
    return {
        "name": f"start to painted window: {name}",
        "size": size,
        "median_ms": round(median, 1),
        "target_ms": round(3 * base, 1),
        "baseline": "bare PySide6 window",
        "baseline_ms": round(base, 1),
        "ratio": round(median / base, 2),
        "runs": runs,
        "note": note,
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import plans as generated_plans

    count = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else REPEAT
    for result in run(generated_plans(), count):
        print(result)
