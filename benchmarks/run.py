"""Run the benchmarks and print them against the DESIGN.md targets.

    .venv/bin/python benchmarks/run.py [--json] [--only NAME] [--regenerate]

Discovers every `benchmarks/bench_*.py`. Each module exposes

    run(plans: dict[str, Path]) -> list[dict]

where `plans` maps a size ("typical", "large") to a generated plan file, and each row is a
dict with `name`, `size`, `median_ms`, `target_ms` (None: no target), `baseline` (what was
measured in the same run to compare with), `baseline_ms`, `ratio` (median / baseline) and
optionally `note`. Modules may use `measure`, `measure_pair`, `median` and `row` from here
(`from run import ...`).

The plans are generated once into benchmarks/out/ and reused while the generator's VERSION
stays the same. `--only gantt` runs bench_gantt.py alone. Not part of `make test`: timings
on a shared machine are for reading, never for asserting.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SIZES = ("typical", "large")

# Bench modules import helpers with `from run import ...`; when this file is the script,
# make that import find this very module instead of loading a second copy.
sys.modules.setdefault("run", sys.modules[__name__])
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# --- helpers for bench modules ---------------------------------------------------------------


def measure(
    action: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> list[float]:
    """Milliseconds of `repeat` calls of `action`; `setup` runs untimed before each. The
    garbage collector is left on (the app runs with it) but collected before the series."""
    gc.collect()
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure_pair(
    action: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """Milliseconds of `action` and of `baseline`, run alternately, so that a neighbour
    loading the machine slows both alike and their ratio stays meaningful."""
    gc.collect()
    mine: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        for fn, out in ((baseline, base), (action, mine)):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return mine, base


def median(times: list[float]) -> float:
    return statistics.median(times)


def row(
    name: str,
    size: str,
    median_ms: float,
    target_ms: float | None = None,
    baseline: str = "",
    baseline_ms: float | None = None,
    note: str = "",
    runs: int | None = None,
) -> dict[str, Any]:
    return {
        "name": name,
        "size": size,
        "median_ms": round(median_ms, 3),
        "target_ms": target_ms,
        "baseline": baseline,
        "baseline_ms": None if baseline_ms is None else round(baseline_ms, 3),
        "ratio": round(median_ms / baseline_ms, 2) if baseline_ms else None,
        "runs": runs,
        "note": note,
    }


# --- plans -----------------------------------------------------------------------------------


def plans(regenerate: bool = False) -> dict[str, Path]:
    """The generated plans, made (or remade, when the generator changed) as needed."""
    import generate  # benchmarks/generate.py

    OUT.mkdir(exist_ok=True)
    out: dict[str, Path] = {}
    for size in SIZES:
        path = OUT / f"{size}.rollout"
        stamp = OUT / f"{size}.version"
        current = stamp.read_text().strip() if stamp.exists() else ""
        if regenerate or not path.exists() or current != str(generate.VERSION):
            started = time.perf_counter()
            generate.generate(size, path)
            stamp.write_text(str(generate.VERSION))
            took = time.perf_counter() - started
            print(f"generated {path.relative_to(HERE.parent)} in {took:.1f} s", file=sys.stderr)
        out[size] = path
    return out


# --- discovery and output --------------------------------------------------------------------


def discover(only: str | None = None) -> list[ModuleType]:
    modules = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and only not in (name, path.stem):
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
        if callable(getattr(module, "run", None)):
            modules.append(module)
    return modules


def status(item: dict[str, Any]) -> str:
    if item.get("error"):
        return "ERROR"
    target = item.get("target_ms")
    if target is None:
        return ""
    return "ok" if item["median_ms"] <= target else "SLOW"


def table(rows: list[dict[str, Any]]) -> str:
    def fmt(value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, float):
            return f"{value:.2f}" if value < 100 else f"{value:.0f}"
        return str(value)

    header = ["benchmark", "size", "median ms", "target ms", "", "baseline", "base ms", "ratio"]
    body = [
        [
            r["name"],
            r["size"],
            fmt(r.get("median_ms")),
            fmt(r.get("target_ms")),
            status(r),
            r.get("baseline") or "",
            fmt(r.get("baseline_ms")),
            "" if r.get("ratio") is None else f"×{r['ratio']}",
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    right = {2, 3, 6, 7}

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(b) for b in body]
    notes = [f"  {r['name']} ({r['size']}): {r['note']}" for r in rows if r.get("note")]
    errors = [f"  {r['name']}: {r['error']}" for r in rows if r.get("error")]
    if notes:
        lines += ["", "notes:", *notes]
    if errors:
        lines += ["", "errors:", *errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks in benchmarks/bench_*.py.")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--only", metavar="NAME", help="run one module, e.g. 'warnings'")
    parser.add_argument("--regenerate", action="store_true", help="remake the plans first")
    args = parser.parse_args(argv)
    modules = discover(args.only)
    if not modules:
        print(f"no benchmark module matches {args.only!r}", file=sys.stderr)
        return 2
    generated = plans(args.regenerate)
    rows: list[dict[str, Any]] = []
    for module in modules:
        try:
            rows += module.run(dict(generated))
        except Exception as exc:  # one broken module must not hide the others' numbers
            traceback.print_exc()
            rows.append(row(module.__name__, "-", float("nan")) | {"error": repr(exc)})
    print(json.dumps(rows, indent=2) if args.json else table(rows))
    return 1 if any(r.get("error") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
