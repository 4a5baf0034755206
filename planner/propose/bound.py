"""A proven upper bound on the objective of core.py, cheap enough for a 10 000-item plan.

The one big model of a large plan is too big to solve (formulation.py), so its search
(lns.py) proves nothing by itself. This bound is the value of a relaxation, so it is at
least the value of every feasible assignment, and (bound - value) / bound is a true gap:

1. Groups: a group completes at the slot of its last member, whose weight is at most the
   average of its members' weights, so v_g * w(done) <= sum over members of v_g/|g| * w(k_i)
   (weights are >= 0): each member's value is raised by its share and groups dropped.
2. Releases, prerequisites and "everything placed" are dropped (a bigger feasible set).
3. What remains is a linear programme: items placed in parts, each part earning
   value × the slot's weight, within each family's own capacity per slot (a department's
   change capacity), within every shared resource per slot (the team, the data fields),
   and — the family limit, F families a slot — within the F largest family capacities of
   each slot, and within F "tokens" a slot where an item takes its share of its family's
   capacity, or of the most value its family can deliver in one slot (each a sum of
   rows u_fk >= load / capacity, u_fk >= value / best knapsack and sum_f u_fk <= F).
4. Its shared rows are priced out (Lagrangian relaxation) with prices mu_j × w_k: any
   mu >= 0 gives a valid bound, and with prices proportional to the weights every family
   is a transportation problem whose profit per unit is (value - price)/cost × weight, so
   the best fractional plan is the obvious one: best profit per cost first, into the
   highest-weighted capacity first (rearrangement inequality). mu is then chosen by a
   subgradient search to make the bound small.
5. Penalties: when every item must be placed, each family is served in at least
   ceil(its cost / the most a slot holds) slots and at least one slot is used; those
   penalties are certain and are taken off; otherwise none is counted.

Tested against brute force and the exact model on small random problems
(tests/test_propose_bound.py).
"""

from __future__ import annotations

import math

import numpy as np

from planner.propose.core import Problem

ITERATIONS = 150  # subgradient steps (each O(items log items))


def upper_bound(problem: Problem, lower: float | None = None) -> float:
    """A value no feasible assignment of `problem` exceeds. `lower`, the value of a known
    assignment, only steers the search for good prices (the bound is valid without it)."""
    if not problem.items:
        return 0.0
    k_count = problem.slots
    weights = np.array([max(0.0, problem.weight(k)) for k in range(k_count)])
    order = np.argsort(-weights, kind="stable")
    w_sorted = weights[order]
    w_max = float(w_sorted[0]) if k_count else 0.0
    n = len(problem.items)
    value = np.array([item.value for item in problem.items], dtype=float)
    for group in problem.groups:
        if group.members and group.value > 0:
            for i in group.members:
                value[i] += group.value / len(group.members)
    capacity = np.array(problem.capacity, dtype=float).reshape(k_count, len(problem.resources))
    costs = np.array([item.costs for item in problem.items], dtype=float).reshape(n, -1)
    own = set(problem.family_resource.values())
    # Families with their own resource: a transportation problem each.
    fam_of = [item.family for item in problem.items]
    families: dict[int, np.ndarray] = {}
    free: list[int] = []
    for f in sorted({f for f in fam_of if f is not None}):
        r = problem.family_resource.get(f)
        members = np.array([i for i in range(n) if fam_of[i] == f], dtype=int)
        if r is None:
            free.extend(members.tolist())
        else:
            families[f] = members
    free.extend(i for i in range(n) if fam_of[i] is None)
    # Shared rows: every resource that is not a family's own, and the family limit.
    shared_cost: list[np.ndarray] = []
    shared_room: list[float] = []  # sum over slots of weight × capacity
    for r in range(len(problem.resources)):
        if r not in own:
            shared_cost.append(costs[:, r])
            shared_room.append(float(np.dot(weights, capacity[:, r])))
    if problem.family_limit is not None and families:
        limit = problem.family_limit
        own_cost = np.zeros(n)
        fam_caps = []
        for f, members in families.items():
            r = problem.family_resource[f]
            own_cost[members] = costs[members, r]
            fam_caps.append(capacity[:, r])
        caps = np.sort(np.array(fam_caps), axis=0)[::-1]  # [family rank][slot]
        shared_cost.append(own_cost)
        shared_room.append(float(np.dot(weights, caps[:limit].sum(axis=0))))
        # "Tokens": a family served in a slot takes one of its F; what it delivers there is
        # at most its capacity and at most the value its best fractional knapsack holds, so
        # sum_i cost_i / capacity_f(i) x_ik <= F and sum_i value_i / best_f(i) x_ik <= F.
        by_capacity = np.zeros(n)
        by_value = np.zeros(n)
        for f, members in families.items():
            r = problem.family_resource[f]
            room = float(capacity[:, r].max())
            if room > 0:
                by_capacity[members] = costs[members, r] / room
            best = _fractional_knapsack(np.maximum(value[members], 0.0), costs[members, r], room)
            if best > 0:
                by_value[members] = np.maximum(value[members], 0.0) / best
        tokens = float(np.dot(weights, np.full(k_count, float(limit))))
        shared_cost.extend([by_capacity, by_value])
        shared_room.extend([tokens, tokens])
    # Each family's capacity stream (slots by weight, best first) as a cumulative axis and
    # the integral of the weight along it: exact for piecewise-constant weights.
    streams: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for f, members in families.items():
        r = problem.family_resource[f]
        room = np.maximum(capacity[order, r], 0.0)
        x = np.concatenate(([0.0], np.cumsum(room)))
        integral = np.concatenate(([0.0], np.cumsum(room * w_sorted)))
        streams[f] = (x, integral, costs[members, r])
    free_idx = np.array(free, dtype=int)
    a = np.array(shared_cost) if shared_cost else np.zeros((0, n))
    room_w = np.array(shared_room)

    def lagrangian(mu: np.ndarray) -> tuple[float, np.ndarray]:
        """The bound at prices mu, and a subgradient (room left per shared row)."""
        profit = value - (mu @ a if len(mu) else 0.0)
        total = float(np.dot(mu, room_w)) if len(mu) else 0.0
        placed = np.zeros(n)  # sum_k w_k x_ik of the inner optimum
        if len(free_idx):
            take = free_idx[profit[free_idx] > 0]
            placed[take] = w_max
            total += w_max * float(profit[take].sum())
        for f, members in families.items():
            x, integral, c = streams[f]
            p = profit[members]
            keep = p > 0
            if not keep.any():
                continue
            idx, p, c = members[keep], p[keep], c[keep]
            zero = c <= 1e-12
            placed[idx[zero]] = w_max  # costs nothing of the family's own
            total += w_max * float(p[zero].sum())
            idx, p, c = idx[~zero], p[~zero], c[~zero]
            if not len(p):
                continue
            rank = np.argsort(-(p / c), kind="stable")
            idx, p, c = idx[rank], p[rank], c[rank]
            ends = np.cumsum(c)
            starts = ends - c
            earned = np.interp(ends, x, integral) - np.interp(starts, x, integral)
            placed[idx] = earned / c
            total += float(np.dot(p / c, earned))
        return total, room_w - a @ placed

    # The best prices by a projected subgradient descent (the bound is convex in mu): any
    # prices give a valid bound, the search only makes it smaller.
    mu = np.zeros(len(room_w))
    best, grad = lagrangian(mu)
    current = best
    step = 1.0
    stale = 0
    target = 0.0 if lower is None else lower
    for _ in range(ITERATIONS if len(mu) else 0):
        norm = float(np.dot(grad, grad))
        if norm <= 1e-18:
            break  # every shared row exactly full: optimal prices
        mu = np.maximum(0.0, mu - step * max(current - target, 1e-9) / norm * grad)
        current, grad = lagrangian(mu)
        if current < best - 1e-9:
            best, stale = current, 0
        else:
            stale += 1
            if stale >= 5:
                step, stale = step / 2, 0
                if step < 1e-4:
                    break
    return best - _certain_penalties(problem) + 1e-9 * (1.0 + abs(best))


def _certain_penalties(problem: Problem) -> float:
    """Penalties every feasible assignment pays (only when every item must be placed)."""
    if not problem.place_all or not problem.items:
        return 0.0
    slots_needed = 1
    family_slots = 0
    for f in {item.family for item in problem.items if item.family is not None}:
        members = [item for item in problem.items if item.family == f]
        need = 1
        r = problem.family_resource.get(f)
        if r is not None:
            room = max(cap[r] for cap in problem.capacity)
            if room > 0:
                c = [item.costs[r] for item in members]
                need = max(need, math.ceil(sum(c) / room - 1e-9))
                need = max(need, sum(1 for x in c if x > room / 2 + 1e-9))
        family_slots += need
    if problem.family_limit:
        slots_needed = max(slots_needed, math.ceil(family_slots / problem.family_limit - 1e-9))
    return problem.family_penalty * family_slots + problem.slot_penalty * slots_needed


def _fractional_knapsack(values: np.ndarray, costs: np.ndarray, room: float) -> float:
    """The most value that fits `room` when items may be taken in part."""
    free = float(values[costs <= 1e-12].sum())
    paid = costs > 1e-12
    v, c = values[paid], costs[paid]
    rank = np.argsort(-(v / c), kind="stable") if len(v) else np.array([], dtype=int)
    v, c = v[rank], c[rank]
    ends = np.cumsum(c)
    starts = ends - c
    taken = np.clip((room - starts) / np.where(c > 0, c, 1.0), 0.0, 1.0)
    return free + float(np.dot(v, taken))
