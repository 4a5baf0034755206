"""The proposer's core on the Next Release Problem instances of Xuan et al.: one release
(one slot), the budget a ratio of the total cost, customers whose profit counts when all
their requirements are in, requirement dependencies as prerequisites.

    python benchmarks/bench_nrp.py FOLDER [--ratios 0.3,0.5,0.7] [--time-limit S]
                                   [--solver highs|cpsat] [--workers N] [--json]

FOLDER holds the instance files (nrp1.txt … nrp5.txt, nrp-e1.txt … nrp-m4.txt); they are
not in this repository (no licence stated where they are published). For each instance
and ratio: the value found (greedy first, then the solver from it), the solver's proven
bound, the time, and the status (optimal / feasible / stopped).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.propose.nrp import NrpFormatError, read  # noqa: E402
from planner.propose.solve import optimise  # noqa: E402

ORDER = ["nrp1", "nrp2", "nrp3", "nrp4", "nrp5"] + [
    f"nrp-{s}{i}" for s in "egm" for i in range(1, 5)
]


def instances(folder: Path) -> list[Path]:
    files = {p.stem: p for p in folder.glob("*.txt") if re.fullmatch(r"nrp-?[a-z]?\d", p.stem)}
    return [files[name] for name in ORDER if name in files]


def run(folder: Path, ratios: list[float], time_limit: float, solver: str,
        workers: int = 1) -> list[dict]:  # fmt: skip
    rows = []
    for path in instances(folder):
        try:
            instance = read(path)
        except (OSError, NrpFormatError) as exc:
            print(f"{path.name}: {exc}", file=sys.stderr)
            continue
        for ratio in ratios:
            problem = instance.problem(ratio)
            started = time.perf_counter()
            if solver == "cpsat" and workers > 1:
                from planner.propose import backends

                original = backends.BACKENDS["cpsat"]
                backends.BACKENDS["cpsat"] = functools.partial(original, workers=workers)
                try:
                    result = optimise(problem, time_limit, solver)
                finally:
                    backends.BACKENDS["cpsat"] = original
            else:
                result = optimise(problem, time_limit, solver)
            rows.append({
                "instance": path.stem,
                "ratio": ratio,
                "requirements": len(instance.costs),
                "customers": len(instance.customers),
                "value": round(result.value, 3),
                "greedy": round(result.greedy_value, 3),
                "bound": None if result.bound is None else round(result.bound, 3),
                "gap": None if result.gap is None else round(result.gap, 5),
                "seconds": round(time.perf_counter() - started, 2),
                "status": result.status,
            })  # fmt: skip
            if not args_json:
                r = rows[-1]
                gap = "" if r["gap"] is None else f"{r['gap']:.2%}"
                print(f"{r['instance']:8} {ratio:4.1f} {r['requirements']:6} {r['customers']:5} "
                      f"{r['greedy']:>10} {r['value']:>10} {r['bound']!s:>10} {gap:>7} "
                      f"{r['seconds']:6.2f} {r['status']}", flush=True)  # fmt: skip
    return rows


args_json = False


def main(argv: list[str] | None = None) -> int:
    global args_json
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--ratios", default="0.3,0.5,0.7")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--solver", choices=("highs", "cpsat"), default="highs")
    parser.add_argument("--workers", type=int, default=1, help="CP-SAT workers")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    args_json = args.json
    try:
        ratios = [float(r) for r in args.ratios.split(",") if r.strip()]
    except ValueError:
        print(f"bench_nrp: --ratios '{args.ratios}' is not a list of numbers", file=sys.stderr)
        return 2
    if not args.folder.is_dir() or not instances(args.folder):
        print(f"bench_nrp: no NRP instance files (nrp1.txt, nrp-e1.txt, …) in {args.folder}",
              file=sys.stderr)  # fmt: skip
        return 2
    if not args.json:
        print(f"{'instance':8} ratio   reqs  cust     greedy      value      bound     gap "
              f"seconds status   ({args.solver}, limit {args.time_limit:g} s)")  # fmt: skip
    rows = run(args.folder, ratios, args.time_limit, args.solver, args.workers)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
