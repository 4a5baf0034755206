"""The phase proposer (DESIGN.md: typical optimal or gap < 1 % in < 2 s; large first feasible
< 3 s, best within 30 s; memory < 1 GB), the solver comparison behind the choice of HiGHS,
and the value delivered over time against the greedy construction and the sample plan's
own hand-made phasing.

    python benchmarks/bench_propose.py [--quick] [--repeat 3] [--cpsat] [--json]

Each case runs in its own process (so memory is the case's own peak), --repeat times: the
row is the median run by time, and "identical" says whether every run proposed the same
phases (the same wishes, the same dates: the search is deterministic). Plans: the sample,
and benchmarks/generate.py's typical and large plans (written to benchmarks/out/ once).
"Backlog" proposes phases for the backlog after the phases that stay; "re-plan" also
re-plans the planned phases that are not pinned.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def case(path: str, include_planned: bool, time_limit: float, solver: str) -> dict:
    """One proposal, measured in this process."""
    import hashlib
    import resource
    import time

    from planner.propose.plan_problem import Options
    from planner.propose.proposal import proposal_curve, propose, value_curve
    from planner.store import PlanStore
    from planner.template import fill, template_data

    if path == "sample":
        store = PlanStore.in_memory()
        fill(store, template_data("crm"))
    else:
        store = PlanStore.open(path, read_only=True)
    seen: list[tuple[float, str, float | None]] = []
    cpu = time.process_time()
    started = time.perf_counter()
    proposal = propose(
        store,
        Options(include_planned=include_planned, time_limit=time_limit, solver=solver),
        on_progress=lambda p: seen.append((time.perf_counter() - started, p.stage, p.value)),
    )
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu  # the work, whatever else the machine runs
    # The greedy construction is a feasible proposal: the first one the user can see.
    first = next((s for s, stage, _ in seen if stage == "greedy"), None)
    today, proposed = value_curve(store), proposal_curve(store, proposal)
    days = [d for curve in (today, proposed) for d, _ in curve]
    horizon = (min(days), max(days)) if days else None
    signature = hashlib.sha256(repr([
        (p.start.isoformat(), p.end.isoformat(), sorted(p.wish_ids)) for p in proposal.phases
    ]).encode()).hexdigest()[:12]  # fmt: skip
    return {
        "signature": signature,  # the same proposal: the same wishes, phases and dates
        "status": proposal.status,
        "value": round(proposal.value, 2),
        "bound": None if proposal.bound is None else round(proposal.bound, 2),
        "gap": None if proposal.gap is None else round(proposal.gap, 4),
        "greedy": round(proposal.greedy_value, 2),
        "first_feasible_s": None if first is None else round(first, 2),
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu, 2),
        "phases": len(proposal.phases),
        "wishes": sum(len(p.wish_ids) for p in proposal.phases),
        "restricted": proposal.restricted,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "value_weeks_today": _area(today, horizon),
        "value_weeks_proposal": _area(proposed, horizon),
        "half_value_today": _half(today),
        "half_value_proposal": _half(proposed),
    }


def _area(curve: list, horizon: tuple | None) -> float:
    """The area under the value-over-time curve from the first to the last delivery of
    either plan, in value × weeks: more is value delivered sooner."""
    if not curve or horizon is None:
        return 0.0
    total = 0.0
    points = [*curve, (horizon[1], curve[-1][1])]
    for (day, value), (after, _) in zip(points, points[1:], strict=False):
        total += value * (after - day).days / 7
    return round(total, 1)


def _half(curve: list) -> str | None:
    if not curve:
        return None
    total = curve[-1][1]
    return next(d.isoformat() for d, v in curve if v >= total / 2)


def _run_case(path: str, include_planned: bool, time_limit: float, solver: str) -> dict:
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE.parent)!r}); "
        f"sys.path.insert(0, {str(HERE)!r}); from bench_propose import case; "
        f"print(json.dumps(case({path!r}, {include_planned!r}, {time_limit!r}, {solver!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=time_limit * 4 + 300)  # fmt: skip
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _plans() -> dict[str, str]:
    from generate import VERSION

    out = HERE / "out"
    out.mkdir(exist_ok=True)
    plans = {"sample": "sample"}
    for size in ("typical", "large"):
        path = out / f"{size}-v{VERSION}.rollout"
        if not path.exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--size", size,
                            str(path)], check=True)  # fmt: skip
        plans[size] = str(path)
    return plans


def _median_row(runs: list[dict]) -> dict:
    """The median run (by time) of a case's repeats, with how many gave the same proposal."""
    ok = [r for r in runs if "error" in r] or runs
    if "error" in ok[0]:
        return ok[0]
    ordered = sorted(runs, key=lambda r: r["seconds"])
    row = dict(ordered[len(ordered) // 2])
    row["runs"] = len(runs)
    row["identical"] = len({r["signature"] for r in runs}) == 1
    row["seconds_all"] = [r["seconds"] for r in runs]
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the phase proposer.")
    parser.add_argument("--quick", action="store_true", help="sample and typical only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (medians)")
    parser.add_argument("--cpsat", action="store_true", help="also the CP-SAT backend")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    plans = _plans()
    cases = [
        ("sample", False, 2.0, "highs"),
        ("sample", True, 2.0, "highs"),
        ("sample", True, 10.0, "highs"),
        ("typical", False, 2.0, "highs"),
        ("typical", True, 2.0, "highs"),
        ("typical", True, 10.0, "highs"),
    ]
    if args.cpsat:
        cases += [("sample", True, 2.0, "cpsat"), ("typical", False, 2.0, "cpsat")]
    if not args.quick:
        cases += [("large", False, 30.0, "highs"), ("large", True, 30.0, "highs")]
    rows = []
    for name, include, limit, solver in cases:
        runs = [_run_case(plans[name], include, limit, solver) for _ in range(args.repeat)]
        row = {"plan": name, "mode": "re-plan" if include else "backlog", "limit_s": limit,
               "solver": solver, **_median_row(runs)}  # fmt: skip
        rows.append(row)
        if not args.json:
            print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
