"""The two solvers the proposer can use on a formulation.Milp: HiGHS (a MILP solver, the
default) and OR-Tools CP-SAT. Both are imported only when used.

Both report progress (best value, proven bound) through `on_progress`, stop when
`should_stop()` turns true (checked from the solver's own callbacks, so the caller may set
it from another thread), and keep the best solution found.

Determinism: one thread and a fixed seed, and the search's budget counted in work, not in
seconds: HiGHS gets a node limit (from `budget` seconds by a fixed calibration) with its
sub-MIP heuristics off (they run at the root, where no node is counted and only a clock
could stop them; see SUB_MIP_HEURISTICS). CP-SAT gets a
deterministic-time limit. The wall-clock `time_limit` is then only a safety net for a slow
machine: when it fires the outcome says "time-limit" (the caller reports the run as
stopped), and only then may two runs differ.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.propose.formulation import Milp

ProgressFn = Callable[[float | None, float | None], None]
StopFn = Callable[[], bool]


@dataclass
class Outcome:
    values: list[float] | None
    status: str  # "optimal", "feasible", "stopped", "time-limit", "infeasible", "unknown"
    value: float | None
    bound: float | None
    seconds: float


def gap(value: float | None, bound: float | None) -> float | None:
    """Relative gap between a found value and the proven bound (maximising)."""
    if value is None or bound is None or not math.isfinite(bound):
        return None
    return max(0.0, bound - value) / max(abs(value), 1e-9)


_BANNER_SHOWN = False
_EXTRA_OPTIONS: dict = {}  # for experiments (benchmarks), empty in the app


def _new_highs():  # noqa: ANN202
    """A Highs instance. The first one in a process prints a banner straight to the C-level
    standard output (before any option can silence it); that would corrupt
    `propose --json`, so the file descriptor is pointed at /dev/null for that call."""
    global _BANNER_SHOWN
    import highspy

    if _BANNER_SHOWN:
        return highspy.Highs()
    _BANNER_SHOWN = True
    import os
    import sys

    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:
        return highspy.Highs()
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def solve_highs(
    m: Milp,
    hint: list[float] | None,
    time_limit: float,
    on_progress: ProgressFn | None = None,
    should_stop: StopFn | None = None,
    seed: int = 0,
    budget: float | None = None,
    max_nodes: int | None = None,
    heuristics: bool = False,
) -> Outcome:
    """Solve `m` with HiGHS. With `budget` (seconds) the branch and bound stops after
    budget × NODE_WORK_PER_SECOND / columns nodes ("budget"), most sub-MIP heuristics
    off unless `heuristics` (a single-slot problem has no neighbourhood search to find its
    solutions: the root's heuristics do, for as long as they take); `max_nodes` caps the
    nodes of a small sub-problem with every heuristic on; with neither the model is solved
    to the end. `time_limit` is the wall-clock safety net."""
    import highspy
    import numpy as np

    started = time.perf_counter()
    h = _new_highs()
    h.setOptionValue("output_flag", bool(os.environ.get("H13_HIGHS_LOG")))
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", seed)
    h.setOptionValue("time_limit", max(0.01, float(time_limit)))
    h.setOptionValue("mip_rel_gap", 1e-4)
    if budget is not None:
        nodes = int(budget * NODE_WORK_PER_SECOND / max(1, m.size))
        h.setOptionValue("mip_max_nodes", max(1, nodes))
        for heuristic in SUB_MIP_HEURISTICS:
            h.setOptionValue(heuristic, heuristics)
        # Nor the restart (presolve again once the root has fixed columns by their reduced
        # costs): uncounted work as well. On the re-planned sample, with the neighbourhood
        # search's answer as the start, the root took 1.2 s with it and 0.4 s without
        # (bound 372.8 against 373.3, both within 1 % of the optimum 369.75), and with a
        # 10 s limit the optimum was proven in 4.4 s without it, not at all in 6 s with it.
        h.setOptionValue("mip_allow_restart", False)
    elif max_nodes is not None:
        h.setOptionValue("mip_max_nodes", max(1, int(max_nodes)))
    if m.restricted:
        # The windowed model of a large plan: HiGHS's presolve and probing on ~40 000
        # binaries ran 50 s before the first LP iteration and past any time limit (HiGHS
        # 1.16, large plan); without presolve the limit holds.
        h.setOptionValue("presolve", "off")
    for key, value in _EXTRA_OPTIONS.items():
        h.setOptionValue(key, value)
    n = m.size
    inf = highspy.kHighsInf
    h.addVars(n, np.array(m.lower), np.array(m.upper))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(m.cost, dtype=float))
    integer = [i for i, flag in enumerate(m.integer) if flag]
    if integer:
        h.changeColsIntegrality(
            len(integer),
            np.array(integer, dtype=np.int32),
            np.array([highspy.HighsVarType.kInteger] * len(integer)),
        )
    starts, index, coef, lower, upper = [], [], [], [], []
    for idx, cs, lo, hi in m.rows:
        starts.append(len(index))
        index.extend(idx)
        coef.extend(cs)
        lower.append(-inf if lo == -math.inf else lo)
        upper.append(inf if hi == math.inf else hi)
    if m.rows:
        h.addRows(
            len(m.rows),
            np.array(lower, dtype=float),
            np.array(upper, dtype=float),
            len(index),
            np.array(starts, dtype=np.int32),
            np.array(index, dtype=np.int32),
            np.array(coef, dtype=float),
        )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    if hint is not None:
        solution = highspy.HighsSolution()
        solution.col_value = list(hint)
        solution.value_valid = True
        h.setSolution(solution)
    stopped = False
    # The best solution as the callbacks saw it: with a start solution set, getSolution()
    # may hand back the start rather than the better one the solver reports (HiGHS 1.16).
    seen: list[tuple[float, list[float]]] = []

    def improving(event) -> None:  # noqa: ANN001
        out = event.data_out
        seen.append((out.objective_function_value, list(out.mip_solution)))
        if on_progress is not None:
            on_progress(out.objective_function_value, out.mip_dual_bound)

    deadline = started + max(0.01, float(time_limit))
    clock = False  # the wall-clock safety net fired

    def interrupt(event) -> None:  # noqa: ANN001
        nonlocal stopped, clock
        if should_stop is not None and should_stop():
            stopped = True
            event.interrupt()
        elif time.perf_counter() > deadline:
            clock = True
            # HiGHS checks its own time limit rarely inside a large root LP (a 10 s limit
            # ran 35 s on the large plan): the simplex and interior-point callbacks stop it.
            event.interrupt()

    def solution(event) -> None:  # noqa: ANN001
        out = event.data_out
        seen.append((out.objective_function_value, list(out.mip_solution)))

    h.cbMipImprovingSolution.subscribe(improving)
    h.cbMipSolution.subscribe(solution)
    h.cbMipInterrupt.subscribe(interrupt)
    h.cbSimplexInterrupt.subscribe(interrupt)
    h.cbIpmInterrupt.subscribe(interrupt)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    values = None
    value = bound = None
    if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
        values = list(h.getSolution().col_value)
        value = info.objective_function_value
        if seen:
            best_value, best_values = max(seen, key=lambda item: item[0])
            if len(best_values) == n and best_value >= _value(m, values) - 1e-9:
                values, value = best_values, best_value
        if hint is not None and value > _value(m, values) + 1e-6 and not stopped:
            # HiGHS 1.16 reports a better objective than the vector it returns when a
            # start solution was set and presolve solved the rest: solve again without it.
            left = time_limit - (time.perf_counter() - started)
            if left > 0.05:
                return solve_highs(m, None, left, on_progress, should_stop, seed, budget, max_nodes,
                                   heuristics)
        value = _value(m, values)
    if integer:
        bound = info.mip_dual_bound
    elif values is not None:
        bound = value
    name = {
        highspy.HighsModelStatus.kOptimal: "optimal",
        highspy.HighsModelStatus.kInfeasible: "infeasible",
        highspy.HighsModelStatus.kTimeLimit: "time-limit",
        highspy.HighsModelStatus.kInterrupt: "time-limit",  # our clock, unless stopped
        highspy.HighsModelStatus.kSolutionLimit: "budget",  # the node limit
    }.get(status, "unknown")
    if stopped:
        name = "stopped"
    elif clock:
        name = "time-limit"
    h.clearCallbacks() if hasattr(h, "clearCallbacks") else None
    return Outcome(values, name, value, bound, time.perf_counter() - started)


def _value(m: Milp, values: list[float]) -> float:
    return math.fsum(c * v for c, v in zip(m.cost, values, strict=True))


# Branch-and-bound nodes × model columns per second of the limit: what turns a time limit
# into a node limit. Measured on the 2-core benchmark machine, re-planned sample (544
# columns): the root (LP and cuts) 0.4-0.7 s, not counted; then the first nodes cost
# about half a second each (strong branching), later ones a few milliseconds: root and
# one node 1.0 s, two nodes 1.5 s (1 500 bought two for a 1 s share, 1.5 s of work;
# 1 000 buys one). About 30 nodes prove its optimum.
NODE_WORK_PER_SECOND = 1_000

# Off when the search has a node budget: they run at the root, uncounted, for as long as
# they take — with them on, on the re-planned sample 2 of 2.8 s went into RINS/RENS
# sub-MIPs at the root, and on the typical plan's 4 224 columns RENS alone ran 37 s. The
# neighbourhood search before the model (lns.py) finds the solutions instead.
SUB_MIP_HEURISTICS = (
    "mip_heuristic_run_rins",
    "mip_heuristic_run_rens",
    "mip_heuristic_run_root_reduced_cost",
)

SCALE_COST = 1000  # capacities and costs in thousandths of a person-day
SCALE_VALUE = 10_000


def solve_cpsat(
    m: Milp,
    hint: list[float] | None,
    time_limit: float,
    on_progress: ProgressFn | None = None,
    should_stop: StopFn | None = None,
    seed: int = 0,
    budget: float | None = None,
    workers: int = 1,
) -> Outcome:
    try:
        from ortools.sat.python import cp_model
    except ModuleNotFoundError:
        from planner.errors import PlanError
        from planner.i18n import _

        raise PlanError(
            _("The CP-SAT backend needs OR-Tools: pip install 'rollout-planner[cpsat]'.")
        ) from None

    started = time.perf_counter()
    model = cp_model.CpModel()
    xs = []
    for i in range(m.size):
        if m.integer[i]:
            xs.append(model.new_bool_var(f"v{i}"))
        else:
            # z variables: 0/1 at any optimum (bounded above by binaries), so boolean here
            xs.append(model.new_bool_var(f"z{i}"))
    for idx, cs, lo, hi in m.rows:
        # Costs rounded up and capacities down: a CP-SAT solution is feasible in floats.
        fractional = any(c != int(c) for c in cs) or (math.isfinite(hi) and hi != int(hi))
        scale = SCALE_COST if fractional else 1
        coefs = [math.ceil(c * scale - 1e-9) if c > 0 else math.floor(c * scale + 1e-9) for c in cs]
        expr = sum(c * xs[v] for c, v in zip(coefs, idx, strict=True))
        if not idx:
            if lo > 0:
                model.add_bool_or([])  # infeasible on purpose
            continue
        if math.isfinite(hi):
            model.add(expr <= math.floor(hi * scale + 1e-9))
        if math.isfinite(lo) and lo > -math.inf and lo != -math.inf and lo > -1e300:
            model.add(expr >= math.ceil(lo * scale - 1e-9))
    objective = sum(round(c * SCALE_VALUE) * xs[i] for i, c in enumerate(m.cost) if c)
    model.maximize(objective)
    if hint is not None:
        for var, value in zip(xs, hint, strict=True):
            model.add_hint(var, int(value > 0.5))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(0.01, float(time_limit))
    # CP-SAT's own deterministic clock is the budget; the wall clock only a safety net.
    work = float(time_limit) * 2 if budget is None else float(budget)
    solver.parameters.max_deterministic_time = max(0.01, work)
    stopped = False

    class Callback(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            nonlocal stopped
            if on_progress is not None:
                on_progress(
                    self.ObjectiveValue() / SCALE_VALUE, self.BestObjectiveBound() / SCALE_VALUE
                )
            if should_stop is not None and should_stop():
                stopped = True
                self.StopSearch()

    callback = Callback()
    if should_stop is not None:
        # Solutions may be rare: also poll the stop flag from a watcher thread.
        import threading

        done = threading.Event()

        def watch() -> None:
            nonlocal stopped
            while not done.wait(0.05):
                if should_stop():
                    stopped = True
                    solver.stop_search()
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    status = solver.solve(model, callback)
    if should_stop is not None:
        done.set()
        watcher.join()
    values = None
    value = bound = None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        values = [float(solver.value(x)) for x in xs]
        value = sum(c * v for c, v in zip(m.cost, values, strict=True))
        bound = solver.best_objective_bound / SCALE_VALUE
    name = {
        cp_model.OPTIMAL: "optimal",
        cp_model.FEASIBLE: "time-limit",
        cp_model.INFEASIBLE: "infeasible",
    }.get(status, "unknown")
    if stopped and name != "optimal":
        name = "stopped"
    elif name == "time-limit" and budget is not None and solver.wall_time < time_limit * 0.99:
        name = "budget"  # its deterministic clock ran out, not the wall clock
    return Outcome(values, name, value, bound, time.perf_counter() - started)


BACKENDS = {"highs": solve_highs, "cpsat": solve_cpsat}
