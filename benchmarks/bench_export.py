"""Export (XLSX, CSV, MSPDI, iCalendar) and MSPDI import times for the typical and large
plans, medians of repeated runs, against a baseline measured in the same run: the whole plan
dumped as JSON to a file (planner/dump.py + json), the least any export must do. Used by
benchmarks/run.py (`--only export`); also runnable alone:
    .venv/bin/python benchmarks/bench_export.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from run import measure_pair, median, row  # noqa: E402

REPEAT = {"typical": 5, "large": 3}


def bench_plan(size: str, path: Path, folder: Path) -> list[dict]:
    from planner.dump import dump
    from planner.exchange.csv_export import export_csv
    from planner.exchange.ical_export import export_ics
    from planner.exchange.mspdi_export import export_mspdi
    from planner.exchange.mspdi_import import import_into_plan
    from planner.exchange.xlsx_export import export_xlsx
    from planner.model import Demand
    from planner.store import PlanStore

    store = PlanStore.open(path, read_only=True)
    repeat = REPEAT.get(size, 3)
    wishes = store.count(Demand)

    def baseline() -> None:
        (folder / "dump.json").write_text(json.dumps(dump(store)), encoding="utf-8")

    xml = folder / f"{size}.xml"
    cases = [
        ("export XLSX (6 sheets)", lambda: export_xlsx(store, folder / f"{size}.xlsx"), None),
        ("export CSV (wishes)", lambda: export_csv(store, folder / f"{size}.csv"), None),
        ("export MSPDI", lambda: export_mspdi(store, xml), None),
        ("export iCalendar", lambda: export_ics(store, folder / f"{size}.ics"), None),
    ]
    rows = []
    try:
        baseline()  # warm-up: imports
        for name, action, target in cases:
            action()  # warm-up: imports (openpyxl, icalendar), caches
            mine, base = measure_pair(action, baseline, repeat)
            rows.append(row(name, size, median(mine), target, "JSON dump of the plan",
                            median(base), note=f"{wishes} wishes", runs=repeat))

        def import_back() -> None:
            scratch = PlanStore.in_memory()
            try:
                import_into_plan(scratch, xml).command.do(scratch)
            finally:
                scratch.close()

        mine, base = measure_pair(import_back, baseline, repeat)
        rows.append(row("import MSPDI into a blank plan", size, median(mine), None,
                        "JSON dump of the plan", median(base),
                        note=f"{xml.stat().st_size // 1024} kB file", runs=repeat))
    finally:
        store.close()
    return rows


def run(plans: dict[str, Path]) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size, path in plans.items():
            rows += bench_plan(size, path, Path(tmp))
    return rows


if __name__ == "__main__":
    from run import plans as generated

    for r in run(generated()):
        print(f"{r['name']:32} {r['size']:8} {r['median_ms']:9.1f} ms   baseline "
              f"{r['baseline_ms']:8.1f} ms  ×{r['ratio']}  {r['note']}")
