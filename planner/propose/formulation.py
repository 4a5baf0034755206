"""The problem of core.py as a mixed-integer linear programme, in plain sparse rows that
either solver backend loads (highs.py, cpsat.py).

Variables (all binary but z):
  x[i,k]  item i delivered in slot k, for k in the item's candidate slots
  u[f,k]  family f served in slot k (only with a family limit or penalty)
  s[k]    slot k used (only with a slot penalty)
  z[g,k]  group g complete by the end of slot k; continuous in [0, 1], integral at any
          optimum because it is only bounded from above by sums of binaries
Rows:
  sum_k x[i,k] <= 1 (= 1 when every item must be placed)
  sum_i cost[i,r] x[i,k] <= capacity[k][r]               per slot and resource
  x[i,k] <= sum_{k' <= k} x[j,k']                         i needs j
  x[i,k] <= u[f(i),k];  sum_f u[f,k] <= family_limit;  u[f,k] <= s[k]
  z[g,k] <= sum_{k' <= k} x[i,k']                         each member i of g

Candidate slots: every slot from the item's release on, unless items × slots is large; then
a window of +-`window` slots around the greedy slot (the neighbourhood the solver improves
in). The greedy assignment is always a solution of the restricted model, so the solver's
answer is never worse than the greedy one; the bound it proves is then the bound of the
restricted model (said in the result).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from planner.propose.core import Assignment, Problem

FULL_MODEL_LIMIT = 60_000  # x variables before the model is restricted to windows


@dataclass
class Milp:
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)  # maximised
    rows: list[tuple[list[int], list[float], float, float]] = field(default_factory=list)
    x: dict[tuple[int, int], int] = field(default_factory=dict)
    restricted: bool = False

    def var(self, cost: float, integer: bool = True, upper: float = 1.0) -> int:
        self.lower.append(0.0)
        self.upper.append(upper)
        self.integer.append(integer)
        self.cost.append(cost)
        return len(self.cost) - 1

    def row(self, idx: list[int], coef: list[float], lo: float, hi: float) -> None:
        self.rows.append((idx, coef, lo, hi))

    @property
    def size(self) -> int:
        return len(self.cost)

    def solution_of(self, assignment: Assignment, problem: Problem) -> list[float]:
        """The full variable vector of an assignment (for the solver's hint)."""
        values = [0.0] * self.size
        for (i, k), v in self.x.items():
            if assignment.slot[i] == k:
                values[v] = 1.0
        for v, rule in self._derived:
            values[v] = rule(values)
        return values

    def assignment_of(self, values: list[float], n: int) -> Assignment:
        slot: list[int | None] = [None] * n
        for (i, k), v in self.x.items():
            if values[v] > 0.5:
                slot[i] = k
        return Assignment(slot)

    _derived: list = field(default_factory=list)


INF = float("inf")


def relaxation(m: Milp) -> Milp:
    """The same model with every variable continuous: its optimum bounds the model's."""
    return Milp(lower=m.lower, upper=m.upper, integer=[False] * m.size, cost=m.cost,
                rows=m.rows, x=m.x, restricted=m.restricted)  # fmt: skip


def candidate_slots(problem: Problem, start: Assignment | None, window: int = 2) -> list[range]:
    k_count = problem.slots
    n = len(problem.items)
    if start is None or n * k_count <= FULL_MODEL_LIMIT:
        return [range(min(item.release, k_count), k_count) for item in problem.items]
    out = []
    for item, s in zip(problem.items, start.slot, strict=True):
        centre = s if s is not None else k_count - 1
        low = max(item.release, centre - window)
        out.append(range(min(low, k_count), min(k_count, centre + window + 1)))
    return out


def build(
    problem: Problem, start: Assignment | None = None, window: int = 2, strong: bool = True
) -> Milp:
    m = Milp()
    k_count = problem.slots
    n = len(problem.items)
    cands = candidate_slots(problem, start, window)
    m.restricted = start is not None and n * k_count > FULL_MODEL_LIMIT
    for i, item in enumerate(problem.items):
        for k in cands[i]:
            m.x[(i, k)] = m.var(item.value * problem.weight(k))
    # each item at most once (exactly once when all must be placed)
    for i in range(n):
        idx = [m.x[(i, k)] for k in cands[i]]
        if idx:
            must = problem.place_all or problem.items[i].required
            m.row(idx, [1.0] * len(idx), 1.0 if must else 0.0, 1.0)
        elif problem.place_all or problem.items[i].required:
            m.row([], [], 1.0, 1.0)  # impossible: said by the caller before solving
    # capacity per slot and resource
    by_slot: list[list[int]] = [[] for _ in range(k_count)]
    for (i, k) in m.x:
        by_slot[k].append(i)
    use_families = problem.family_limit is not None or problem.family_penalty > 0
    linked = set(problem.family_resource.values()) if use_families else set()
    capacity_rows: dict[tuple[int, int], int] = {}
    for k in range(k_count):
        for r in range(len(problem.resources)):
            idx, coef = [], []
            for i in by_slot[k]:
                c = problem.items[i].costs[r]
                if c:
                    idx.append(m.x[(i, k)])
                    coef.append(c)
            if idx:
                if r in linked:  # completed with "- capacity * u[f,k]" below
                    capacity_rows[(r, k)] = len(m.rows)
                    m.row(idx, coef, -INF, 0.0)
                else:
                    m.row(idx, coef, -INF, problem.capacity[k][r])

    def by_then(i: int, k: int) -> tuple[list[int], list[float]]:
        idx = [m.x[(i, kk)] for kk in cands[i] if kk <= k]
        return idx, [1.0] * len(idx)

    # prerequisites
    for i, j in problem.prerequisites:
        for k in cands[i]:
            idx, coef = by_then(j, k)
            m.row([m.x[(i, k)], *idx], [1.0, *[-c for c in coef]], -INF, 0.0)
    # families
    families = sorted({it.family for it in problem.items if it.family is not None})
    slot_vars: dict[int, int] = {}
    u: dict[tuple[int, int], int] = {}
    if problem.slot_penalty > 0 and use_families:
        for k in range(k_count):
            if by_slot[k]:
                slot_vars[k] = m.var(-problem.slot_penalty)
    if use_families and families:
        u_members: dict[tuple[int, int], list[int]] = {}
        for (i, k), v in m.x.items():
            f = problem.items[i].family
            if f is None:
                continue
            u_members.setdefault((f, k), []).append(v)
            if (f, k) not in u:
                u[(f, k)] = m.var(-problem.family_penalty)
                r = problem.family_resource.get(f)
                if r is not None and (r, k) in capacity_rows:
                    idx, coef, lo, hi = m.rows[capacity_rows[(r, k)]]
                    m.rows[capacity_rows[(r, k)]] = (
                        [*idx, u[(f, k)]], [*coef, -problem.capacity[k][r]], lo, hi
                    )
                if k in slot_vars:
                    m.row([u[(f, k)], slot_vars[k]], [1.0, -1.0], -INF, 0.0)
            m.row([v, u[(f, k)]], [1.0, -1.0], -INF, 0.0)
        # The value a family can deliver in a slot is at most what its best fractional
        # knapsack into its own capacity holds, and only if it is served: a concave cut
        # that stops the relaxation from serving every family a little in every slot.
        for (f, k), v in u.items():
            r = problem.family_resource.get(f)
            if r is None:
                continue
            members = [i for i in by_slot[k] if problem.items[i].family == f]
            best = _fractional_knapsack(
                [(problem.items[i].value, problem.items[i].costs[r]) for i in members],
                problem.capacity[k][r],
            )
            idx = [m.x[(i, k)] for i in members if problem.items[i].value > 0]
            coef = [problem.items[i].value for i in members if problem.items[i].value > 0]
            if idx and best < sum(coef) - 1e-9:
                m.row([*idx, v], [*coef, -best], -INF, 0.0)
        if problem.family_limit is not None:
            for k in range(k_count):
                idx = [v for (f, kk), v in u.items() if kk == k]
                if len(idx) > problem.family_limit:
                    m.row(idx, [1.0] * len(idx), -INF, float(problem.family_limit))
        if strong:
            _family_slot_counts(problem, m, u, slot_vars, cands)
        for key, v in u.items():
            xs = u_members[key]
            m._derived.append((v, lambda values, xs=xs: float(any(values[x] > 0.5 for x in xs))))
        per_slot: dict[int, list[int]] = {}
        for (_, k), v in u.items():
            per_slot.setdefault(k, []).append(v)
        for k, sv in slot_vars.items():
            us = per_slot.get(k, [])
            m._derived.append((sv, lambda values, us=us: max((values[x] for x in us), default=0.0)))
    # groups
    for group in problem.groups:
        if not group.members or any(not cands[i] for i in group.members):
            continue
        first = max(cands[i][0] for i in group.members)
        for k in range(first, k_count):
            # Complete by the end of slot k: worth the difference of the slot weights, so
            # the sum over the slots it is complete in is its weight when it completes.
            after = problem.weight(k + 1) if k + 1 < k_count else 0.0
            z = m.var(group.value * (problem.weight(k) - after), integer=False)
            for i in group.members:
                idx, coef = by_then(i, k)
                m.row([z, *idx], [1.0, *[-c for c in coef]], -INF, 0.0)

            def z_rule(values, members=group.members, k=k):  # noqa: ANN001, ANN202
                ok = all(
                    any(values[m.x[(i, kk)]] > 0.5 for kk in cands[i] if kk <= k)
                    for i in members
                )
                return 1.0 if ok else 0.0

            m._derived.append((z, z_rule))
            if strong and u:
                _group_slot_counts(problem, m, group.members, k, z, u, slot_vars)
    return m


def _group_slot_counts(
    problem: Problem,
    m: Milp,
    members: list[int],
    k: int,
    z: int,
    u: dict[tuple[int, int], int],
    slot_vars: dict[int, int],
) -> None:
    """A group complete by the end of slot k has had each of its families served in
    enough slots by then: rounded-up counts (like _family_slot_counts) times z.

    The relaxation completes a group a little in every slot by serving its departments a
    fraction of a slot each; a whole group needs ceil(its department's cost / the most one
    slot holds) slots of each department, and those family-slots ceil(sum / family_limit)
    slots."""
    per_family: dict[int, list[int]] = {}
    for i in members:
        f = problem.items[i].family
        if f is not None:
            per_family.setdefault(f, []).append(i)
    total = 0
    family_idx: list[int] = []
    for f, items in per_family.items():
        idx = [u[(f, kk)] for kk in range(k + 1) if (f, kk) in u]
        if not idx:
            return
        family_idx += idx
        need = 1
        r = problem.family_resource.get(f)
        if r is not None:
            room = max(problem.capacity[kk][r] for kk in range(k + 1))
            costs = [problem.items[i].costs[r] for i in items]
            if room > 0:
                need = max(need, math.ceil(sum(costs) / room - 1e-9),
                           sum(1 for c in costs if c > room / 2 + 1e-9))  # fmt: skip
        total += need
        if need > 1:
            m.row([z, *idx], [float(need), *[-1.0] * len(idx)], -INF, 0.0)
    if total > 1 and len(per_family) > 1:
        m.row([z, *family_idx], [float(total), *[-1.0] * len(family_idx)], -INF, 0.0)
    if problem.family_limit and slot_vars:
        slots = math.ceil(total / problem.family_limit - 1e-9)
        idx = [slot_vars[kk] for kk in range(k + 1) if kk in slot_vars]
        if slots > 1 and idx:
            m.row([z, *idx], [float(slots), *[-1.0] * len(idx)], -INF, 0.0)


def _fractional_knapsack(items: list[tuple[float, float]], capacity: float) -> float:
    """The most value that fits `capacity` when items may be taken in part."""
    free = sum(v for v, c in items if c <= 0)
    rest = sorted(((v, c) for v, c in items if c > 0), key=lambda t: -t[0] / t[1])
    total, room = free, max(0.0, capacity)
    for value, cost in rest:
        if room <= 0:
            break
        take = min(1.0, room / cost)
        total += value * take
        room -= cost * take
    return total


def _family_slot_counts(
    problem: Problem,
    m: Milp,
    u: dict[tuple[int, int], int],
    slot_vars: dict[int, int],
    cands: list[range],
) -> None:
    """Rounded-up counts the relaxation misses (Chvatal-Gomory cuts of the capacity rows).

    The items that must be delivered (every item when all must be placed, else the
    required ones) of a family need at least ceil(their cost / the most one slot holds)
    slots serving the family, and at least one slot per item bigger than half of that;
    the linear relaxation only asks for the fraction. Serving a family costs its penalty
    once per slot, and with F families per slot those family-slots need
    ceil(sum / F) slots: both bounds rounded up are valid for every integral solution and
    cut off the relaxation's habit of serving a family in a fraction of a slot.
    """
    per_family: dict[int, list[int]] = {}
    for i, item in enumerate(problem.items):
        if item.family is not None and (problem.place_all or item.required) and cands[i]:
            per_family.setdefault(item.family, []).append(i)
    needs: list[int] = []
    for f, members in per_family.items():
        r = problem.family_resource.get(f)
        slots = sorted({k for i in members for k in cands[i]})
        idx = [u[(f, k)] for k in slots if (f, k) in u]
        if not idx:
            continue
        need = 1
        if r is not None:
            room = max(problem.capacity[k][r] for k in slots)
            costs = [problem.items[i].costs[r] for i in members]
            if room > 0:
                total = sum(costs)
                need = max(need, math.ceil(total / room - 1e-9))
                need = max(need, sum(1 for c in costs if c > room / 2 + 1e-9))
        needs.append(need)
        if need > 1:
            m.row(idx, [1.0] * len(idx), float(need), INF)
    if slot_vars and problem.family_limit is not None and needs:
        k_need = math.ceil(sum(needs) / problem.family_limit - 1e-9)
        idx = list(slot_vars.values())
        if k_need > 1:
            m.row(idx, [1.0] * len(idx), float(k_need), INF)
        per_slot: dict[int, list[int]] = {}
        for (_, k), v in u.items():
            per_slot.setdefault(k, []).append(v)
        for k, sv in slot_vars.items():
            us = per_slot.get(k, [])
            if len(us) > problem.family_limit:
                m.row([*us, sv], [1.0] * len(us) + [-float(problem.family_limit)], -INF, 0.0)

