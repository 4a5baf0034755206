"""A proven upper bound on the objective of core.py, cheap enough for a 10 000-item plan.

The one big model of a large plan is too big to solve (formulation.py), so its search
(lns.py) proves nothing by itself. This bound is the optimum of a relaxation, so it is at
least the value of every feasible assignment, and (bound - value) / bound is a true gap.
The relaxation, step by step (each step can only raise the optimum):

1. Groups: a group completes at the slot of its last member, whose weight is at most the
   average of its members' weights (weights are >= 0), so its term is at most its value
   shared out over its members: each member's value is raised by its share, groups dropped.
2. Releases, prerequisites and "every item placed" are dropped; so is every resource but a
   family's own (a department's capacity) and the shared ones that cost each item what its
   own does (the team's effort); an item with no family of its own resource counts as
   delivered in the best slot for free.
3. Slots are merged into blocks of consecutive slots (by weight, best first): a block holds
   the sum of their capacities and pays the best of their weights.
4. Items are divisible. Then within a family the best value per cost goes first (an exchange
   keeps every row), so what a family delivers by a point is V_f(its capacity used so far),
   a concave piecewise-linear function, bounded here from above by a few of its tangents.
5. The family limit: a family served in a slot takes one of the slot's F "tokens"; in a block
   it delivers at most its biggest slot capacity and at most its best one-slot value
   (V_f at that capacity) per token it takes.

What remains is a small linear programme (families × blocks), solved by HiGHS. Penalties:
each token taken pays the family penalty; when every item must be placed, each family
takes at least ceil(its cost / the most a slot holds) tokens, and at least
ceil(those tokens / F) slots are used, each paying the slot penalty.

Tested against brute force and the exact model on small random problems
(tests/test_propose_bound.py).
"""

from __future__ import annotations

import math

import numpy as np

from planner.propose.core import Problem
from planner.propose.formulation import Milp

BLOCKS = 48
TANGENTS = 16


def upper_bound(problem: Problem, time_limit: float = 30.0) -> float:
    """A value no feasible assignment of `problem` exceeds (+inf if the relaxation could not
    be solved within `time_limit`, a safety net: it takes well under a second)."""
    if not problem.items:
        return 0.0
    from planner.propose.backends import solve_highs

    lp, constant = relaxation(problem)
    if lp.size == 0:
        return constant - _certain_penalties(problem)
    outcome = solve_highs(lp, None, time_limit)
    if outcome.status != "optimal" or outcome.value is None:
        return math.inf
    best = outcome.value + constant
    return best - _certain_penalties(problem) + 1e-7 * (1.0 + abs(best))


def relaxation(problem: Problem) -> tuple[Milp, float]:
    """The linear programme of the module's docstring, and the value counted outside it."""
    k_count = problem.slots
    n = len(problem.items)
    weights = np.array([max(0.0, problem.weight(k)) for k in range(k_count)])
    order = np.argsort(-weights, kind="stable")
    w_max = float(weights[order[0]]) if k_count else 0.0
    value = np.array([max(0.0, item.value) for item in problem.items], dtype=float)
    for group in problem.groups:
        if group.members and group.value > 0:
            for i in group.members:
                value[i] += group.value / len(group.members)
    capacity = np.array(problem.capacity, dtype=float).reshape(k_count, len(problem.resources))
    costs = np.array([item.costs for item in problem.items], dtype=float).reshape(n, -1)
    own = problem.family_resource
    families: dict[int, list[int]] = {}
    constant = 0.0
    for i, item in enumerate(problem.items):
        r = own.get(item.family) if item.family is not None else None
        if r is None or costs[i, r] <= 1e-12:
            constant += w_max * value[i]  # no own capacity to wait for
        else:
            families.setdefault(item.family, []).append(i)
    own_cost = {i: costs[i, own[f]] for f, members in families.items() for i in members}
    shared = [
        r for r in range(len(problem.resources))
        if r not in set(own.values())
        and all(abs(costs[i, r] - c) <= 1e-9 for i, c in own_cost.items())
    ]  # fmt: skip
    # Blocks of consecutive slots by weight; each pays its best weight.
    size = max(1, math.ceil(k_count / BLOCKS))
    blocks = [order[s : s + size] for s in range(0, k_count, size)]
    block_w = [float(weights[b].max()) for b in blocks]
    nb = len(blocks)
    m = Milp()
    inf = math.inf
    token_rows: list[tuple[list[int], list[float]]] = [([], []) for _ in range(nb)]
    needs = _family_needs(problem)
    shared_rows = {r: [([], []) for _ in range(nb)] for r in shared}
    for f, members in sorted(families.items()):
        r = own[f]
        c = np.array([costs[i, r] for i in members])
        v = value[members]
        rank = np.argsort(-(v / c), kind="stable")
        c, v = c[rank], v[rank]
        ends = np.concatenate(([0.0], np.cumsum(c)))
        vals = np.concatenate(([0.0], np.cumsum(v)))
        total_cost, total_value = float(ends[-1]), float(vals[-1])
        slopes = v / c
        room = float(capacity[:, r].max())
        best = float(np.interp(room, ends, vals))  # V_f(one slot's capacity)
        # Tangents: the lines through a spread of segments (each lies above the concave
        # curve), and the curve's top.
        picks = sorted(set(np.linspace(0, len(c) - 1, min(TANGENTS, len(c))).astype(int)))
        lines = [(float(vals[s] - slopes[s] * ends[s]), float(slopes[s])) for s in picks]
        lines.append((total_value, 0.0))
        prev_q = prev_t = None
        tokens: list[int] = []
        for b, slots in enumerate(blocks):
            after = block_w[b + 1] if b + 1 < nb else 0.0
            q = m.var(0.0, integer=False, upper=total_cost)  # capacity used by block end
            t = m.var(block_w[b] - after, integer=False, upper=total_value)  # V_f(q)
            # Tokens taken: slots serving the family, each paying the family penalty.
            u = m.var(-problem.family_penalty, integer=False, upper=float(len(slots)))
            tokens.append(u)
            for alpha, beta in lines:
                m.row([t, q], [1.0, -beta], -inf, alpha)
            used = [q] if prev_q is None else [q, prev_q]
            sign = [1.0] if prev_q is None else [1.0, -1.0]
            m.row(used, sign, -inf, float(capacity[slots, r].sum()))  # own capacity
            if prev_q is not None:
                m.row([q, prev_q], [1.0, -1.0], 0.0, inf)  # cumulative
            if room > 0:
                m.row([*used, u], [*(s / room for s in sign), -1.0], -inf, 0.0)
            if best > 0:
                delta = [t] if prev_t is None else [t, prev_t]
                m.row([*delta, u], [*sign, -best], -inf, 0.0)
            token_rows[b][0].append(u)
            token_rows[b][1].append(1.0)
            for rr in shared:
                shared_rows[rr][b][0].extend(used)
                shared_rows[rr][b][1].extend(sign)
            prev_q, prev_t = q, t
        if needs.get(f, 0) > 1:
            m.row(tokens, [1.0] * len(tokens), float(needs[f]), inf)
    if problem.family_limit is not None:
        for b, slots in enumerate(blocks):
            idx, coef = token_rows[b]
            if idx:
                m.row(idx, coef, -inf, float(problem.family_limit * len(slots)))
    for rr in shared:
        for b, slots in enumerate(blocks):
            idx, coef = shared_rows[rr][b]
            if idx:
                m.row(idx, coef, -inf, float(capacity[slots, rr].sum()))
    return m, constant


def _family_needs(problem: Problem) -> dict[int, int]:
    """Slots each family is served in at least, when every item must be placed: one, and
    ceil(its cost / the most a slot holds), and one per item bigger than half of that."""
    if not problem.place_all:
        return {}
    out: dict[int, int] = {}
    for f in {item.family for item in problem.items if item.family is not None}:
        need = 1
        r = problem.family_resource.get(f)
        if r is not None:
            room = max(cap[r] for cap in problem.capacity)
            if room > 0:
                c = [item.costs[r] for item in problem.items if item.family == f]
                need = max(need, math.ceil(sum(c) / room - 1e-9))
                need = max(need, sum(1 for x in c if x > room / 2 + 1e-9))
        out[f] = need
    return out


def _certain_penalties(problem: Problem) -> float:
    """Penalties every feasible assignment pays that the programme does not count: the
    slots used (when every item must be placed), and the family penalties of families
    outside the programme (no own capacity)."""
    if not problem.place_all or not problem.items:
        return 0.0
    needs = _family_needs(problem)
    inside = {f for f, r in problem.family_resource.items() if r is not None}
    outside = sum(n for f, n in needs.items() if f not in inside)
    slots_needed = 1
    if problem.family_limit:
        slots_needed = max(1, math.ceil(sum(needs.values()) / problem.family_limit - 1e-9))
    return problem.family_penalty * outside + problem.slot_penalty * slots_needed
