"""Greedy first, then the solver within a time limit, keeping the best feasible answer.

`optimise` never returns worse than the greedy construction: the solver starts from it (as
a hint) and whatever it returns is checked against every hard rule (core.violations)
before it is taken.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.propose.backends import BACKENDS, gap
from planner.propose.core import Assignment, Problem, objective, violations
from planner.propose.formulation import build
from planner.propose.greedy import greedy

DEFAULT_SOLVER = "highs"


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
    model = build(problem, first)
    hint = model.solution_of(first, problem)

    def progress(value: float | None, bound: float | None) -> None:
        if on_progress is not None:
            on_progress(Progress("solver", value, bound, time.perf_counter() - started))

    remaining = max(0.05, time_limit - (time.perf_counter() - started))
    outcome = BACKENDS[solver](model, hint, remaining, progress, should_stop, seed)
    best.restricted = model.restricted
    best.bound = outcome.bound
    best.seconds = time.perf_counter() - started
    if outcome.values is not None:
        found = model.assignment_of(outcome.values, len(problem.items))
        value = objective(problem, found)
        if not violations(problem, found) and value >= first_value - 1e-9:
            best.assignment, best.value = found, value
    if outcome.status == "optimal" and not model.restricted:
        best.status = "optimal"
        best.bound = best.value if best.bound is None else max(best.bound, best.value)
    elif outcome.status == "stopped":
        best.status = "stopped"
    elif outcome.status == "infeasible" and problem.place_all:
        best.status = "greedy"
    else:
        best.status = "feasible"
    if best.bound is not None and best.bound < best.value:
        best.bound = best.value  # rounding in a scaled model; the bound is at least the value
    return best
