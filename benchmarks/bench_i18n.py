"""Start-up with a translation loaded against English (issue 16: under 20 ms more).

Two measurements, each in fresh processes so nothing is warm that a user's start would not
have warm:

- what choosing the language costs inside the start: `ui.i18n.install` (our gettext
  catalogue and Qt's qtbase translator, the default QLocale) plus the first date and number
  formatted in that language (Babel loads its CLDR data then), timed around those calls in
  a child process, English and each language alternating;
- the whole start, launch to the main window's first paint on the sample plan (the same
  harness as bench_startup.py), with LANGUAGE=en and LANGUAGE=<lang> alternating. A start
  takes about a second and varies by tens of milliseconds on a shared machine, so this row
  shows that nothing else grows with the language; the first is the precise one.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_i18n.py [--repeat N] [--json]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import CPU, OUT, ROOT, environment, time_process  # noqa: E402

LANGUAGES = ("nb", "da", "sv", "fi", "nl")
REPEAT = 15

# In the child: the cost of install() and of the first date and number as the app writes them
# (English by fixed names and format(), other languages through Babel and CLDR), in ms.
CHOOSE = """
import datetime as dt, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
start = time.perf_counter()
from ui.i18n import install
from planner.i18n.formats import local_date, local_number
install(app, sys.argv[1])
local_date(dt.date(2026, 12, 1), "%d %b %Y", skeleton="yMMMd"); local_number(2.5, ".1f")
print((time.perf_counter() - start) * 1000)
"""


def choose_ms(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", CHOOSE, code], cwd=ROOT, env=environment(OUT),
                         capture_output=True, text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def start_ms(code: str) -> tuple[float, float]:
    """(wall, CPU) milliseconds from launch to the first paint of the sample plan."""
    env = environment(OUT / "startup-config" / "i18n")
    env["LANGUAGE"] = code
    command = [sys.executable, "-m", "app", "--sample"]
    wall = time_process(command, env)
    cpu = CPU.pop(" ".join(command))[-1]
    return wall, cpu


def run(plans: dict[str, Path] | None = None, repeat: int = REPEAT) -> list[dict]:
    """Rows in benchmarks/run.py's shape; `plans` is unused (the sample plan is enough)."""
    rows: list[dict] = []
    choose_ms("en")  # bytecode written once, outside the samples
    english: list[float] = []
    chosen: dict[str, list[float]] = {code: [] for code in LANGUAGES}
    for _ in range(repeat):
        for code in LANGUAGES:
            english.append(choose_ms("en"))
            chosen[code].append(choose_ms(code))
    base = statistics.median(english)
    for code in LANGUAGES:
        median = statistics.median(chosen[code])
        rows.append({
            "name": f"choose the language and format a first date: {code}",
            "median_ms": round(median, 1), "baseline": "English", "baseline_ms": round(base, 1),
            **_extra(median, base), "runs": repeat,
        })
    start_ms("en")
    walls: dict[str, list[float]] = {"en": [], "fi": []}
    cpus: dict[str, list[float]] = {"en": [], "fi": []}
    for round_ in range(repeat):
        # Each round swaps who goes first: the second of a pair ran measurably slower here.
        for code in ("en", "fi") if round_ % 2 == 0 else ("fi", "en"):
            wall, cpu = start_ms(code)
            walls[code].append(wall)
            cpus[code].append(cpu)
    for measure, values in (("wall", walls), ("CPU", cpus)):
        en, fi = statistics.median(values["en"]), statistics.median(values["fi"])
        rows.append({
            "name": f"start to painted window, sample plan, {measure}: fi",
            "median_ms": round(fi, 1), "baseline": "English", "baseline_ms": round(en, 1),
            **_extra(fi, en), "runs": repeat,
        })
    return rows


def _extra(median: float, base: float) -> dict:
    """The target is English plus 20 ms, so run.py's ok/SLOW column reads it directly."""
    return {"size": "sample", "target_ms": round(base + 20.0, 1),
            "ratio": round(median / base, 2), "extra_ms": round(median - base, 1)}


if __name__ == "__main__":
    count = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else REPEAT
    results = run(None, count)
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))
    else:
        for row in results:
            print(f"{row['name']:<58} {row['median_ms']:>7.1f} ms  English "
                  f"{row['baseline_ms']:>7.1f} ms  extra {row['extra_ms']:+6.1f} ms (target < +20)")
