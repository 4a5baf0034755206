"""The proposer's strengthened model on department-shaped problems: every department with
its own capacity (the plan's shape, `family_resource`), objectives, a departments-per-phase
limit. The cuts (rounded-up counts for departments and for objectives complete by a phase)
must never cut off an integral answer: the relaxation stays at or above the brute-force
optimum and the solver still finds it; the neighbourhood search's re-solves on the free
part of the model give what the whole model gives."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.propose.backends import solve_highs
from planner.propose.core import Assignment, Group, Item, Problem, objective, violations
from planner.propose.formulation import build, relaxation
from planner.propose.greedy import greedy
from planner.propose.lns import _restricted, _solve_fixed
from planner.propose.solve import optimise


def brute_force(problem: Problem) -> float:
    best = -math.inf
    for slots in itertools.product([None, *range(problem.slots)], repeat=len(problem.items)):
        assignment = Assignment(list(slots))
        if not violations(problem, assignment):
            best = max(best, objective(problem, assignment))
    return best


def department_problem(costs, values, families, slots, groups, limit, place_all) -> Problem:  # noqa: ANN001
    n = len(costs)
    return Problem(
        # Department 0's capacity in resource 0, department 1's in resource 1, the team's
        # in resource 2: each wish costs its own department and the team.
        items=[Item(i, (c if f == 0 else 0.0, c if f == 1 else 0.0, c), v, f)
               for i, (c, v, f) in enumerate(zip(costs, values, families, strict=False))],
        resources=["d0", "d1", "team"],
        capacity=[[5.0, 4.0, 7.0]] * slots,
        groups=[Group(g, gv, tuple(sorted({m % n for m in members})))
                for g, (gv, members) in enumerate(groups)],  # fmt: skip
        family_limit=limit,
        family_penalty=0.5,
        slot_penalty=0.25,
        family_resource={0: 0, 1: 1},
        place_all=place_all,
    )


shaped = st.builds(
    department_problem,
    costs=st.lists(st.sampled_from([1.0, 2.0, 3.0, 4.0]), min_size=2, max_size=5),
    values=st.lists(st.sampled_from([1.0, 4.0, 10.0]), min_size=5, max_size=5),
    families=st.lists(st.integers(0, 1), min_size=5, max_size=5),
    slots=st.integers(1, 3),
    groups=st.lists(st.tuples(st.sampled_from([5.0, 20.0]), st.lists(st.integers(0, 4),
                    min_size=2, max_size=4)), min_size=1, max_size=2),  # fmt: skip
    limit=st.sampled_from([1, 2]),
    place_all=st.booleans(),
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shaped)
def test_the_cuts_keep_every_integral_answer(problem: Problem) -> None:
    best = brute_force(problem)
    assume(math.isfinite(best))  # some draws cannot place every wish
    model = build(problem)
    lp = solve_highs(relaxation(model), None, 30.0)
    assert lp.status == "optimal"
    assert lp.bound >= best - 1e-6  # a cut that removed the optimum would show here
    result = optimise(problem, time_limit=5)
    assert not violations(problem, result.assignment)
    assert result.status == "optimal"
    assert result.value == pytest.approx(best, abs=1e-6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shaped, st.integers(0, 2))
def test_a_re_solve_on_the_free_part_equals_the_whole_model(problem: Problem, slot: int) -> None:
    start = greedy(problem)
    assume(not violations(problem, start))
    model = build(problem, start)
    window = tuple(k for k in (slot, slot + 1) if k < problem.slots)
    sub = _restricted(model, start, window)
    hint = model.solution_of(start, problem)
    whole = solve_highs(sub, hint, 30.0, max_nodes=500)
    free = _solve_fixed(sub, hint, 30.0)
    assert whole.values is not None and free.values is not None
    assert len(free.values) == model.size
    value = objective(problem, sub.assignment_of(free.values, len(problem.items)))
    assert value == pytest.approx(
        objective(problem, sub.assignment_of(whole.values, len(problem.items))), abs=1e-6
    )
    # The fixed wishes stay where they were.
    found = sub.assignment_of(free.values, len(problem.items))
    for i, s in enumerate(start.slot):
        if s is not None and s not in window:
            assert found.slot[i] == s
