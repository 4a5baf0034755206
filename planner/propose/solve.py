"""Greedy first, then the solver within a time limit, keeping the best feasible answer.

`optimise` never returns worse than the greedy construction: the solver starts from it (as
a hint) and whatever it returns is checked against every hard rule (core.violations)
before it is taken.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.propose.backends import BACKENDS, gap
from planner.propose.core import Assignment, Problem, objective, violations
from planner.propose.formulation import FULL_MODEL_LIMIT, build
from planner.propose.greedy import greedy
from planner.propose.lns import improve, improve_windows

DEFAULT_SOLVER = "highs"
LNS_SHARE = 0.3  # of the solver's time for the two-slots-at-a-time improvement after it


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
    started = time.perf_counter()
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
        # Too big for one model (a large plan): two slots at a time, each its own small
        # problem, for the whole time limit. No bound is proven.
        def improved_to(value: float) -> None:
            if on_progress is not None:
                on_progress(Progress("improve", value, None, time.perf_counter() - started))

        left = time_limit - (time.perf_counter() - started)
        improved = improve_windows(problem, first, left, should_stop, improved_to)
        value = objective(problem, improved)
        if value > best.value + 1e-9 and not violations(problem, improved):
            best.assignment, best.value = improved, value
        best.status = "stopped" if should_stop is not None and should_stop() else "feasible"
        best.restricted = True
        best.seconds = time.perf_counter() - started
        return best
    model = build(problem, first)
    # The start goes to the solver as a hint, except to HiGHS on the full model: measured on
    # the sample plan, HiGHS given the start stays on it (357.9 after 6 s) while on its own
    # it finds 364.9 within 1.5 s; the start is kept here anyway and wins if it is better.
    give_hint = solver != "highs" or model.restricted
    hint = model.solution_of(first, problem) if give_hint else None

    def progress(value: float | None, bound: float | None) -> None:
        if on_progress is not None:
            on_progress(Progress("solver", value, bound, time.perf_counter() - started))

    polish = problem.slots >= 2 and not model.restricted
    remaining = max(0.05, time_limit - (time.perf_counter() - started))
    outcome = BACKENDS[solver](
        model, hint, remaining * (1 - LNS_SHARE) if polish else remaining, progress,
        should_stop, seed,
    )  # fmt: skip
    best.restricted = model.restricted
    best.bound = outcome.bound
    if outcome.values is not None:
        found = model.assignment_of(outcome.values, len(problem.items))
        value = objective(problem, found)
        if not violations(problem, found) and value >= best.value - 1e-9:
            best.assignment, best.value = found, value
    if polish and outcome.status != "optimal":
        # Then two slots at a time (lns.py) from the best so far, for the time left.
        def better(value: float) -> None:
            if on_progress is not None:
                on_progress(Progress("improve", value, best.bound,
                                     time.perf_counter() - started))  # fmt: skip

        left = time_limit - (time.perf_counter() - started)
        improved = improve(problem, best.assignment, left, should_stop, better)
        value = objective(problem, improved)
        if value > best.value + 1e-9:
            best.assignment, best.value = improved, value
    best.seconds = time.perf_counter() - started
    if outcome.status == "optimal" and not model.restricted:
        best.status = "optimal"
        best.bound = best.value if best.bound is None else max(best.bound, best.value)
    elif outcome.status == "stopped":
        best.status = "stopped"
    elif outcome.status == "infeasible" and problem.place_all:
        best.status = "greedy"
    else:
        best.status = "feasible"
    if best.bound is not None and not math.isfinite(best.bound):
        best.bound = None  # the solver had no bound yet
    if best.bound is not None and best.bound < best.value:
        best.bound = best.value  # rounding in a scaled model; the bound is at least the value
    return best
