"""Greedy first, then the search within a budget, keeping the best feasible answer.

`optimise` never returns worse than the greedy construction: the search starts from it
and whatever it returns is checked against every hard rule (core.violations) before it is
taken.

The pipeline: the neighbourhood search (lns.py) from the construction, then the full
model from its answer with a node budget for the proven bound — or, for a model too big
for the branch and bound to pay (or a budget too small for its root), its linear
relaxation's bound; a problem too big for one model (a large plan) gets the two-slot
search alone and bound.py's bound.

Deterministic: the time limit is turned into a budget of work by fixed calibrations — a
number of re-solves (lns.py, each solved to the end) and a number of branch-and-bound
nodes (backends.py), calibrated so that a run on an idle core takes about the limit — so
the same problem and limit give the same proposal on any machine and under any load (a
loaded machine takes longer instead). The wall clock is only a safety
net (SAFETY_FACTOR × the limit + SAFETY_SLACK): when it fires the result is "stopped",
like a user's Stop, and only then may two runs differ.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.propose.backends import BACKENDS, NODE_WORK_PER_SECOND, Outcome, gap, solve_highs
from planner.propose.bound import upper_bound
from planner.propose.core import Assignment, Problem, objective, violations
from planner.propose.formulation import FULL_MODEL_LIMIT, build, relaxation
from planner.propose.greedy import greedy
from planner.propose.lns import WINDOW_WORK_PER_SECOND, improve, improve_windows

DEFAULT_SOLVER = "highs"
LNS_SHARE = 0.5  # of the budget for the neighbourhood search before the full model
# A large plan's two-slot windows are each a problem of their own (lns.improve_windows):
# re-solves per second of the limit, measured on the benchmark machine (30-60 a second).
LARGE_WINDOWS_PER_SECOND = 45
# The wall-clock safety net: a run is cut off at this many times its time limit (plus the
# slack), then reported "stopped"; below it the budget of work alone ends the search.
# Models up to this many columns get the branch and bound (the re-planned sample's 544:
# its optimum proven in about 4 s); bigger ones the linear relaxation's bound.
MILP_MAX_COLUMNS = 1_500
MIN_NODES = 1  # and only when the budget buys at least this many nodes
SAFETY_FACTOR = 3.0
SAFETY_SLACK = 3.0


@dataclass(frozen=True)
class Progress:
    stage: str  # "greedy" or "solver"
    value: float | None
    bound: float | None
    seconds: float

    @property
    def gap(self) -> float | None:
        return gap(self.value, self.bound)


@dataclass
class Result:
    assignment: Assignment
    status: str  # "optimal", "feasible" (with gap), "stopped", "greedy" (no solver run)
    value: float
    bound: float | None
    seconds: float
    greedy_value: float
    greedy_seconds: float
    restricted: bool = False  # the solver searched around the greedy answer only
    solver: str = DEFAULT_SOLVER

    @property
    def gap(self) -> float | None:
        return gap(self.value, self.bound)


def optimise(
    problem: Problem,
    time_limit: float = 10.0,
    solver: str = DEFAULT_SOLVER,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    seed: int = 0,
    start: Assignment | None = None,
) -> Result:
    """The best assignment found within a budget of work set by `time_limit` (see the
    module's docstring: the same problem and limit give the same answer on any machine)."""
    started = time.perf_counter()
    deadline = started + SAFETY_FACTOR * max(0.0, time_limit) + SAFETY_SLACK
    first = start or greedy(problem)
    problems = violations(problem, first)
    if problems:  # a bug in the construction; the solver still gets its chance
        first = Assignment([None] * len(problem.items))
    first_value = objective(problem, first)
    greedy_seconds = time.perf_counter() - started
    if on_progress is not None:
        on_progress(Progress("greedy", first_value, None, greedy_seconds))
    best = Result(first, "greedy", first_value, None, greedy_seconds, first_value, greedy_seconds,
                  solver=solver)  # fmt: skip
    if not problem.items or time_limit <= 0 or (should_stop is not None and should_stop()):
        if not problem.items:
            best.status, best.bound = "optimal", first_value
        return best
    if len(problem.items) * max(1, problem.slots) > FULL_MODEL_LIMIT:
        return _large(problem, best, time_limit, deadline, started, on_progress, should_stop)

    model = build(problem, first)
    polish = problem.slots >= 2
    budget = time_limit * (1 - LNS_SHARE) if polish else time_limit
    nodes = budget * NODE_WORK_PER_SECOND / max(1, model.size)
    milp = not polish or (model.size <= MILP_MAX_COLUMNS and nodes >= MIN_NODES)
    clock = False
    if polish:
        # First the neighbourhood search (lns.py), a counted number of re-solves (the work
        # of one grows with the model: the count is scaled by its size); with no branch
        # and bound after it, the whole budget.
        def better(value: float) -> None:
            if on_progress is not None:
                on_progress(Progress("improve", value, None, time.perf_counter() - started))

        share = LNS_SHARE if milp else 1.0
        windows = int(time_limit * share * WINDOW_WORK_PER_SECOND / max(1, model.size))
        improved, clock = improve(problem, first, max(1, windows), deadline, should_stop,
                                  better)  # fmt: skip
        value = objective(problem, improved)
        if value > best.value + 1e-9 and not violations(problem, improved):
            best.assignment, best.value = improved, value

    def progress(value: float | None, bound: float | None) -> None:
        if on_progress is not None:
            on_progress(Progress("solver", value, bound, time.perf_counter() - started))

    stopped = should_stop is not None and should_stop()
    if clock or stopped:
        outcome = Outcome(None, "time-limit" if clock else "stopped", None, None, 0.0)
    elif milp:
        # Then the full model from the best so far, for the bound (and anything better):
        # a node budget.
        hint = model.solution_of(best.assignment, problem)
        backend = BACKENDS[solver]
        if solver == "highs" and not polish:
            backend = functools.partial(solve_highs, heuristics=True)  # nothing else finds
        outcome = backend(
            model, hint, max(0.05, deadline - time.perf_counter()), progress, should_stop,
            seed, budget,
        )  # fmt: skip
    else:
        # Too big for the branch and bound to pay, or too small a budget for its root
        # (not counted, 0.6-1.8 s on the sample) to be worth it: on the typical re-plan's
        # 4 224 columns its root's cut loop ran 13 s and four nodes 21 s more, to move the
        # bound from the linear relaxation's 1 357.7 to 1 356.3. The relaxation alone
        # (1 s) does as well.
        outcome = solve_highs(relaxation(model), None,
                              max(0.05, deadline - time.perf_counter()), None, should_stop)
        outcome.values = None  # fractional
        if outcome.status != "optimal":
            outcome.bound = None  # an unfinished relaxation bounds nothing
        outcome.status = {"optimal": "budget"}.get(outcome.status, outcome.status)
        progress(best.value, outcome.bound)
    best.bound = outcome.bound
    if outcome.values is not None:
        found = model.assignment_of(outcome.values, len(problem.items))
        value = objective(problem, found)
        if not violations(problem, found) and value > best.value + 1e-9:
            best.assignment, best.value = found, value
    best.restricted = model.restricted
    best.seconds = time.perf_counter() - started
    status = outcome.status
    if should_stop is not None and should_stop() and status != "optimal":
        status = "stopped"
    if status == "optimal" and not model.restricted:
        best.status = "optimal"
        best.bound = best.value if best.bound is None else max(best.bound, best.value)
    elif status in ("stopped", "time-limit"):
        best.status = "stopped"  # by the user, or by the wall-clock safety net
    elif status == "infeasible" and problem.place_all:
        best.status = "greedy"
    else:
        best.status = "feasible"
    if best.bound is not None and not math.isfinite(best.bound):
        best.bound = None  # the solver had no bound yet
    if model.restricted or best.bound is None:
        cheap = upper_bound(problem)  # the restricted model's bound is not the problem's
        best.bound = cheap if model.restricted or best.bound is None else min(best.bound, cheap)
    if best.bound is not None and best.bound < best.value:
        best.bound = best.value  # rounding in a scaled model; the bound is at least the value
    if (best.status == "feasible" and not model.restricted and best.bound is not None
            and best.bound <= best.value + 1e-6 * max(1.0, abs(best.value))):
        best.status = "optimal"  # the budget ran out just as the bound met the value
    return best


def _large(
    problem: Problem,
    best: Result,
    time_limit: float,
    deadline: float,
    started: float,
    on_progress: Callable[[Progress], None] | None,
    should_stop: Callable[[], bool] | None,
) -> Result:
    """Too big for one model (a large plan): two slots at a time, each its own small
    problem, for a counted number of re-solves; the bound is bound.py's relaxation."""
    bound = upper_bound(problem)
    best.bound = max(bound, best.value)

    def improved_to(value: float) -> None:
        if on_progress is not None:
            on_progress(Progress("improve", value, best.bound, time.perf_counter() - started))

    if on_progress is not None:
        on_progress(Progress("bound", best.value, best.bound, time.perf_counter() - started))
    windows = int(time_limit * LARGE_WINDOWS_PER_SECOND)
    improved, clock = improve_windows(problem, best.assignment, windows, deadline, should_stop,
                                      improved_to)  # fmt: skip
    value = objective(problem, improved)
    if value > best.value + 1e-9 and not violations(problem, improved):
        best.assignment, best.value = improved, value
    stopped = clock or (should_stop is not None and should_stop())
    best.status = "stopped" if stopped else "feasible"
    best.restricted = True
    best.bound = max(bound, best.value)
    best.seconds = time.perf_counter() - started
    return best
