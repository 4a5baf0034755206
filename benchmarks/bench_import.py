"""Import 10 000 wishes into the typical and large plans, from CSV and from XLSX, preview
included: read the file by content, guess the mapping, check every row, and run the one
undoable command (then undo it, untimed, so each run starts from the same plan).

Baselines measured in the same run: for CSV, Python's csv module splitting the same bytes;
for XLSX, python-calamine reading the same workbook (when installed; it is not a dependency:
this comparison is why openpyxl was kept, see README notes in planner/exchange/tabular.py).

    .venv/bin/python benchmarks/bench_import.py            # alone
    .venv/bin/python benchmarks/run.py --only import       # with the others
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from run import measure, measure_pair, median, row  # noqa: E402

from planner.commands import UndoHistory  # noqa: E402
from planner.exchange.tabular import read_table  # noqa: E402
from planner.exchange.wish_import import (  # noqa: E402
    ImportChoices,
    ImportWishes,
    build_preview,
    default_mapping,
)
from planner.model import Department, Phase  # noqa: E402
from planner.store import PlanStore  # noqa: E402

ROWS = 10_000
REPEAT = 5
TARGETS = {"csv": 1000.0, "xlsx": 3000.0}
HEADER = ["Ønske", "Avdeling", "Fase", "Innsats (dager)", "Prioritet", "Type", "Notater"]


def _rows(departments: list[str], phases: list[str]) -> list[list[object]]:
    rng = random.Random(11)
    priorities = ["Må", "Bør", "Kan", "Skal ikke"]
    kinds = ["Funksjon", "Rapport", "Datafelt", "Integrasjon"]
    out = []
    for i in range(ROWS):
        out.append([
            f"Ønske {i}: kundekort med historikk for {rng.choice(departments)}",
            rng.choice(departments),
            rng.choice(phases) if phases and rng.random() < 0.6 else "",
            round(rng.uniform(0.5, 8), 1),
            rng.choice(priorities),
            rng.choice(kinds),
            "Fra workshop; se referat" if rng.random() < 0.3 else "",
        ])
    return out


def make_csv(rows: list[list[object]]) -> bytes:
    """As Norwegian Excel saves 'CSV (semikolondelt)': Windows-1252, semicolons, comma
    decimals, CRLF."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in rows:
        writer.writerow([str(v).replace(".", ",") if isinstance(v, float) else v for v in r])
    return text.getvalue().encode("cp1252", errors="replace")


def make_xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Ønsker")
    sheet.append(HEADER)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_once(store: PlanStore, data: bytes, name: str) -> UndoHistory:
    """Read, map, preview and import; returns the history so the caller can undo it."""
    table = read_table(data, name)
    mapping = default_mapping(store, table)
    preview = build_preview(store, table, mapping, ImportChoices(create_phases=False))
    if len(preview.wishes) != ROWS:
        raise RuntimeError(f"{name}: {len(preview.wishes)} of {ROWS} rows would be imported")
    history = UndoHistory(store)
    history.push(ImportWishes(preview))
    return history


def _timed_imports(
    store: PlanStore, data: bytes, name: str, baseline: Callable[[], object]
) -> tuple[list[float], list[float], list[float]]:
    """Import, baseline and undo milliseconds, alternately (the undo is not part of the
    import's time; it puts the plan back for the next run)."""
    mine, base, undo = [], [], []
    cpu.clear()
    for _ in range(REPEAT):
        started = time.perf_counter()
        baseline()
        base.append((time.perf_counter() - started) * 1000)
        started, started_cpu = time.perf_counter(), time.process_time()
        history = import_once(store, data, name)
        mine.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        started = time.perf_counter()
        history.undo()
        undo.append((time.perf_counter() - started) * 1000)
    return mine, base, undo


# CPU milliseconds of the last series: on a machine shared with other work the wall clock
# includes time spent waiting for a core, which the CPU time does not.
cpu: list[float] = []


def _csv_baseline(data: bytes) -> None:
    for _ in csv.reader(io.StringIO(data.decode("cp1252")), delimiter=";"):
        pass


def _calamine_baseline(data: bytes):  # noqa: ANN202
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None

    def read() -> None:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        book.get_sheet_by_index(0).to_python()

    return read


def run(plans: dict[str, Path]) -> list[dict]:
    results = []
    for size, path in plans.items():
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder) / path.name
            shutil.copyfile(path, work)
            store = PlanStore.open(work)
            try:
                departments = [d.name for d in store.rows(Department)]
                phases = [p.title for p in store.rows(Phase)]
                rows = _rows(departments, phases)
                files = {"csv": make_csv(rows), "xlsx": make_xlsx(rows)}
                for kind, data in files.items():
                    name = f"wishes.{kind}"
                    import_once(store, data, name).undo()  # warm-up, and a check
                    if kind == "csv":
                        baseline, label = (lambda d=data: _csv_baseline(d)), "csv.reader split"
                    else:
                        baseline = _calamine_baseline(data) or _openpyxl_baseline(data)
                        label = "python-calamine read" if _calamine_baseline(data) else \
                            "openpyxl read-only read"
                    mine, base, undo = _timed_imports(store, data, name, baseline)
                    results.append(row(
                        f"import 10 000 wishes from {kind.upper()}, preview included", size,
                        median(mine), TARGETS[kind], label, median(base), runs=REPEAT,
                        note=f"CPU {median(cpu):.0f} ms",
                    ))
                    results.append(row(f"undo that import ({kind})", size, median(undo),
                                       runs=REPEAT))
                results.append(_openpyxl_row(files["xlsx"], size))
            finally:
                store.close()
    return results


def _openpyxl_baseline(data: bytes) -> Callable[[], object]:
    def read() -> None:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for _ in book.active.iter_rows(values_only=True):
            pass
        book.close()

    return read


def _openpyxl_row(data: bytes, size: str) -> dict:
    """The reader comparison the choice of python-calamine rests on (same workbook)."""
    calamine = _calamine_baseline(data)
    if calamine is None:
        return row("workbook read: openpyxl read-only", size,
                   median(measure(_openpyxl_baseline(data), REPEAT)), runs=REPEAT)
    mine, base = measure_pair(calamine, _openpyxl_baseline(data), REPEAT)
    return row("workbook read: python-calamine", size, median(mine), None,
               "openpyxl read-only", median(base), runs=REPEAT)


if __name__ == "__main__":
    import run as runner

    for result in run(runner.plans()):
        ratio = f"  ×{result['ratio']} of {result['baseline']}" if result["ratio"] else ""
        target = f"  (target {result['target_ms']:.0f})" if result["target_ms"] else ""
        note = f"  [{result['note']}]" if result["note"] else ""
        print(f"{result['size']:8} {result['name']:55} {result['median_ms']:9.1f} ms"
              f"{target}{ratio}{note}")
