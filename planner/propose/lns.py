"""Improving a proposal by re-solving parts of it exactly (large-neighbourhood search).

The full model proves a bound but, single-threaded, HiGHS spends seconds on its own root
heuristics before it finds anything better than the construction. Re-solving a part
exactly — two consecutive slots (their wishes and the unplaced ones free within them), or,
on small models, two families over every slot — with every other wish fixed where it is,
is a small problem HiGHS solves in milliseconds; sweeping them until nothing improves
reaches the proven optimum of the re-planned sample (369.75) in about 40 re-solves. Each
step is checked against every hard rule and kept only when it is better, and the search
is counted in re-solves, not seconds, so it gives the same answer on any machine."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from planner.propose.backends import Outcome, solve_highs
from planner.propose.core import Assignment, Item, Problem, objective, violations
from planner.propose.formulation import Milp, build

WIDTH = 2  # slots re-solved together


# Window re-solves × model columns per second of the time limit (measured on the 2-core
# benchmark machine: a two-slot window of the re-planned sample, 544 columns, re-solves in
# 15-30 ms, one of the typical plan, 4 224 columns, in 90-170 ms): what turns a time
# limit into a count of re-solves, so that the search does the same work, and returns the
# same answer, on any machine and under any load.
WINDOW_WORK_PER_SECOND = 30_000
# Two families free over every slot is a bigger problem than a window: 15-30 ms on the
# re-planned sample (544 columns), 1-25 s each on the typical plan (4 224 columns), where
# eight of them took 73 s to gain 0.8 %. Only models up to this size get them.
FAMILY_MOVES_MAX_COLUMNS = 1_500
WINDOW_NODES = 500  # a re-solve that needs more is cut there (counted, so still repeatable)


def improve(
    problem: Problem,
    start: Assignment,
    windows: int,
    deadline: float | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_better: Callable[[float], None] | None = None,
) -> tuple[Assignment, bool]:
    """At most `windows` re-solves, sweeping until nothing improves: two consecutive slots
    at a time (their wishes and the unplaced ones free within them), then two families at
    a time on small models (their wishes free to go in any slot: what moves a department's
    whole rollout, which no window can — on the re-planned sample it takes 366.1 to the
    optimum 369.75).
    Each re-solve is solved to the end (or WINDOW_NODES), so the result depends on the
    count only; `deadline` (time.perf_counter()) is a safety net: True when it fired."""
    k_count = problem.slots
    if k_count < 2 or windows <= 0:
        return start, False
    model = build(problem, start)
    best = reorder(problem, start)
    best_value = objective(problem, best)
    if on_better is not None and best is not start:
        on_better(best_value)
    families = sorted({item.family for item in problem.items if item.family is not None})
    moves: list[tuple[str, tuple[int, ...]]] = [
        ("slots", tuple(range(first, min(k_count, first + WIDTH))))
        for first in range(max(1, k_count - WIDTH + 1))
    ]
    if model.size <= FAMILY_MOVES_MAX_COLUMNS:
        moves += [("families", pair) for pair in itertools.combinations(families, 2)]
    improved = True
    while improved:
        improved = False
        for kind, which in moves:
            if windows <= 0 or (should_stop is not None and should_stop()):
                return best, False
            if deadline is not None and time.perf_counter() > deadline:
                return best, True
            windows -= 1
            if kind == "slots":
                sub = _restricted(model, best, which)
            else:
                sub = _families_free(model, best, problem, set(which))
            outcome = _solve_fixed(sub, model.solution_of(best, problem), _left(deadline))
            if outcome.values is None:
                continue
            found = sub.assignment_of(outcome.values, len(problem.items))
            value = objective(problem, found)
            if value > best_value + 1e-7 and not violations(problem, found):
                best, best_value, improved = found, value, True
                again = reorder(problem, best)
                if again is not best:
                    best, best_value = again, objective(problem, again)
                if on_better is not None:
                    on_better(best_value)
    return best, False


def _solve_fixed(sub: Milp, hint: list[float], time_limit: float) -> Outcome:
    """Solve `sub` with its fixed columns (lower == upper) substituted into the rows: the
    same answer, but HiGHS gets only the free part (a few hundred of the re-planned
    sample's 544 columns and a third of its rows) — each re-solve about twice as fast,
    most of its time was loading and presolving what was fixed anyway."""
    n = sub.size
    free = [v for v in range(n) if sub.lower[v] < sub.upper[v]]
    fixed = [0.0 if sub.lower[v] < sub.upper[v] else sub.lower[v] for v in range(n)]
    new = {v: p for p, v in enumerate(free)}
    compact = Milp(
        lower=[sub.lower[v] for v in free], upper=[sub.upper[v] for v in free],
        integer=[sub.integer[v] for v in free], cost=[sub.cost[v] for v in free],
    )  # fmt: skip
    for idx, coef, lo, hi in sub.rows:
        shift = 0.0
        keep_idx: list[int] = []
        keep_coef: list[float] = []
        for v, c in zip(idx, coef, strict=True):
            if v in new:
                keep_idx.append(new[v])
                keep_coef.append(c)
            else:
                shift += c * fixed[v]
        if keep_idx:  # a row of fixed columns only holds already (the current answer)
            compact.row(keep_idx, keep_coef, lo - shift, hi - shift)
    outcome = solve_highs(compact, [hint[v] for v in free], time_limit, max_nodes=WINDOW_NODES)
    if outcome.values is not None:
        values = list(fixed)
        for p, v in enumerate(free):
            values[v] = outcome.values[p]
        outcome.values = values
    return outcome


def _bounds_copy(model: Milp) -> Milp:
    """The model sharing its rows and costs, with bounds of its own to fix wishes in."""
    return Milp(
        lower=list(model.lower), upper=list(model.upper), integer=model.integer,
        cost=model.cost, rows=model.rows, x=model.x, restricted=True,
        _derived=model._derived,
    )  # fmt: skip


def _families_free(
    model: Milp, current: Assignment, problem: Problem, families: set[int]
) -> Milp:
    """The full model with every wish fixed where it is but those of `families`."""
    sub = _bounds_copy(model)
    for (i, k), v in model.x.items():
        if problem.items[i].family in families:
            continue
        sub.lower[v] = sub.upper[v] = 1.0 if current.slot[i] == k else 0.0
    return sub


def _left(deadline: float | None) -> float:
    """The wall-clock safety net of one re-solve (never the budget: it finishes)."""
    if deadline is None:
        return 60.0
    return max(0.05, deadline - time.perf_counter())


def _restricted(model: Milp, current: Assignment, window: tuple[int, ...]) -> Milp:
    """The full model with every wish outside the window fixed where it is."""
    sub = _bounds_copy(model)
    for (i, k), v in model.x.items():
        slot = current.slot[i]
        if slot is None or slot in window:
            sub.lower[v], sub.upper[v] = 0.0, 1.0 if k in window else 0.0
        else:
            sub.lower[v] = sub.upper[v] = 1.0 if slot == k else 0.0
    return sub


def reorder(problem: Problem, current: Assignment) -> Assignment:
    """The same phases in a better order: repeatedly swap two neighbouring slots' contents
    when that is worth more and breaks no rule (with equal slots and the value discounted
    by lateness, the most valuable phase should come first, prerequisites allowing)."""
    best = current
    best_value = objective(problem, current)
    changed = True
    while changed:
        changed = False
        for k in range(problem.slots - 1):
            swap = {k: k + 1, k + 1: k}
            trial = Assignment([swap.get(s, s) if s is not None else None for s in best.slot])
            value = objective(problem, trial)
            if value > best_value + 1e-7 and not violations(problem, trial):
                best, best_value, changed = trial, value, True
    return best


def improve_windows(
    problem: Problem,
    start: Assignment,
    windows: int,
    deadline: float | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_better: Callable[[float], None] | None = None,
) -> tuple[Assignment, bool]:
    """For problems too big for one model (a large plan): each pair of slots re-solved as a
    small problem of its own — only the items in those two slots, their capacities, the
    slot weights of the big problem, and the items something later needs marked required
    — and the result kept when the big problem's objective says it is better. At most
    `windows` re-solves; `deadline` is the safety net (True when it fired)."""
    n = len(problem.items)
    slot = list(start.slot)
    needed_by: list[list[int]] = [[] for _ in range(n)]
    for i, j in problem.prerequisites:
        needed_by[j].append(i)
    members: list[list[int]] = [[] for _ in range(problem.slots)]
    for i, s in enumerate(slot):
        if s is not None:
            members[s].append(i)
    best_value = objective(problem, start)
    passes = [range(problem.slots - 1)]
    while passes:
        sweep = passes.pop()
        improved_any = False
        for first in sweep:
            if windows <= 0 or (should_stop and should_stop()):
                return Assignment(slot), False
            if deadline is not None and time.perf_counter() > deadline:
                return Assignment(slot), True
            if not members[first] and not members[first + 1]:
                continue  # nothing to re-solve: not counted
            windows -= 1
            if _window(problem, slot, members, needed_by, first, deadline, best_value):
                best_value = objective(problem, Assignment(slot))
                improved_any = True
                if on_better is not None:
                    on_better(best_value)
        if improved_any:
            passes.append(range(problem.slots - 1))
    return Assignment(slot), False


def _window(
    problem: Problem,
    slot: list[int | None],
    members: list[list[int]],
    needed_by: list[list[int]],
    first: int,
    deadline: float | None,
    best_value: float,
) -> bool:
    """Re-solve slots first and first + 1; True (and `slot` changed) when better."""
    window = (first, first + 1)
    free = members[first] + members[first + 1]
    if not free:
        return False
    index = {i: p for p, i in enumerate(free)}
    items = [
        Item(i, problem.items[i].costs, problem.items[i].value, problem.items[i].family,
             max(0, problem.items[i].release - first),
             required=problem.place_all or any(slot[d] is not None and d not in index
                                               for d in needed_by[i]))
        for i in free
    ]  # fmt: skip
    sub = Problem(
        items=items,
        resources=problem.resources,
        capacity=[problem.capacity[first], problem.capacity[first + 1]],
        prerequisites=[(index[a], index[b]) for a, b in problem.prerequisites
                       if a in index and b in index],  # fmt: skip
        family_limit=problem.family_limit,
        family_penalty=problem.family_penalty,
        slot_penalty=problem.slot_penalty,
        family_resource=problem.family_resource,
        weights=[problem.weight(first), problem.weight(first + 1)],
    )
    model = build(sub)
    outcome = solve_highs(model, None, _left(deadline), max_nodes=WINDOW_NODES)
    if outcome.values is None:
        return False
    found = model.assignment_of(outcome.values, len(items))
    trial = list(slot)
    for p, s in enumerate(found.slot):
        trial[free[p]] = None if s is None else window[s]
    candidate = Assignment(trial)
    value = objective(problem, candidate)
    if value > best_value + 1e-7 and not _window_violations(problem, candidate, free):
        slot[:] = trial
        members[first] = [i for i in free if slot[i] == first]
        members[first + 1] = [i for i in free if slot[i] == first + 1]
        return True
    return False


def _window_violations(problem: Problem, assignment: Assignment, free: list[int]) -> bool:
    """The rules an item of the window could break (the rest did not move)."""
    slots = assignment.slot
    moved = set(free)
    for i, j in problem.prerequisites:
        if (i in moved or j in moved) and slots[i] is not None and (
            slots[j] is None or slots[j] > slots[i]
        ):
            return True
    if problem.place_all and any(slots[i] is None for i in free):
        return True
    for k in {slots[i] for i in free if slots[i] is not None}:
        here = [i for i in free if slots[i] == k]
        for r in range(len(problem.resources)):
            used = sum(problem.items[i].costs[r] for i in here)
            if used > problem.capacity[k][r] + 1e-6:
                return True
        families = {problem.items[i].family for i in here} - {None}
        if problem.family_limit is not None and len(families) > problem.family_limit:
            return True
    return False
