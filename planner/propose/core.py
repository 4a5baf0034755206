"""The proposer's generic problem: items with costs, put into consecutive slots.

Both a plan (wishes into phases) and a Next Release Problem instance (requirements into one
release) are written in these terms, so the solvers know nothing about either.

- An **item** has a cost per resource, its own value, a family (for a plan: the department
  it serves; None: no family), and the first slot it may go in (`release`).
- A **group** has a value that counts once all its member items are delivered (for a plan:
  a business objective and its must-have wishes; for NRP: a customer and its requests).
- A **prerequisite** (i, j): item i may only be delivered in a slot no earlier than j.
- Each **slot** has a capacity per resource; at most `family_limit` families per slot.

The objective, maximised, is the area under the value-over-time curve, minus small
penalties:

    sum_k (K - k) / K * ( sum_i v_i x_ik )            items delivered in slot k (0-based)
  + sum_k 1 / K * ( sum_g v_g z_gk )                  z_gk: group g complete by slot k
  - family_penalty * sum_k (families used in slot k)  "one department first"
  - slot_penalty * (slots used)                       "as few phases as possible"

so an item delivered in the first of K slots counts fully, one in the last 1/K: value that
lands late is discounted linearly (the value it earns over the horizon). With K = 1 this is
the NRP objective: the sum of the values of the customers fully served.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    key: object  # the caller's id (a wish id, a requirement number)
    costs: tuple[float, ...]  # per resource
    value: float = 0.0
    family: int | None = None
    release: int = 0  # the first slot it may go in
    required: bool = False  # must be delivered (in a sub-problem: something needs it)


@dataclass(frozen=True)
class Group:
    key: object
    value: float
    members: tuple[int, ...]  # item indices


@dataclass
class Problem:
    items: list[Item]
    resources: list[str]
    capacity: list[list[float]]  # [slot][resource]
    groups: list[Group] = field(default_factory=list)
    prerequisites: list[tuple[int, int]] = field(default_factory=list)  # (i needs j)
    family_limit: int | None = None
    family_penalty: float = 0.0
    slot_penalty: float = 0.0
    place_all: bool = False  # every item must be delivered (the "until empty" mode)
    # family -> the resource only its items use (a department's own capacity): lets the
    # formulation write that capacity as available only when the family is served, a
    # much tighter relaxation than the two constraints apart.
    family_resource: dict[int, int] = field(default_factory=dict)
    # What a delivery in each slot is worth, when not (K - k) / K (a window of a bigger
    # problem, lns.py).
    weights: list[float] | None = None

    @property
    def slots(self) -> int:
        return len(self.capacity)

    def weight(self, slot: int) -> float:
        """How much of an item's value counts when it lands in `slot`."""
        if self.weights is not None:
            return self.weights[slot]
        return (self.slots - slot) / self.slots


@dataclass
class Assignment:
    """slot[i]: the slot item i goes in, or None (not delivered)."""

    slot: list[int | None]

    def used_slots(self) -> list[int]:
        return sorted({s for s in self.slot if s is not None})


EPS = 1e-9


def objective(problem: Problem, assignment: Assignment) -> float:
    """The objective above for an assignment (feasible or not)."""
    total = math.fsum(
        item.value * problem.weight(s)
        for item, s in zip(problem.items, assignment.slot, strict=True)
        if s is not None
    )
    for group in problem.groups:
        slots = [assignment.slot[i] for i in group.members]
        if group.members and all(s is not None for s in slots):
            done = max(s for s in slots if s is not None)
            total += group.value * problem.weight(done)
    families: set[tuple[int, int]] = set()
    for item, s in zip(problem.items, assignment.slot, strict=True):
        if s is not None and item.family is not None:
            families.add((s, item.family))
    total -= problem.family_penalty * len(families)
    total -= problem.slot_penalty * len(assignment.used_slots())
    return total


def violations(problem: Problem, assignment: Assignment) -> list[str]:
    """Every hard rule the assignment breaks, in words (empty: feasible)."""
    out: list[str] = []
    slots = assignment.slot
    for i, (item, s) in enumerate(zip(problem.items, slots, strict=True)):
        if s is None:
            if problem.place_all:
                out.append(f"item {i} is not placed")
            continue
        if not 0 <= s < problem.slots:
            out.append(f"item {i} in slot {s} outside 0..{problem.slots - 1}")
        elif s < item.release:
            out.append(f"item {i} in slot {s} before its release {item.release}")
    for k in range(problem.slots):
        members = [i for i, s in enumerate(slots) if s == k]
        for r, name in enumerate(problem.resources):
            used = math.fsum(problem.items[i].costs[r] for i in members)
            if used > problem.capacity[k][r] + 1e-6:
                out.append(f"slot {k} uses {used:g} of {name}, capacity {problem.capacity[k][r]:g}")
        if problem.family_limit is not None:
            families = {problem.items[i].family for i in members} - {None}
            if len(families) > problem.family_limit:
                out.append(f"slot {k} serves {len(families)} families")
    for i, j in problem.prerequisites:
        if slots[i] is not None and (slots[j] is None or slots[j] > slots[i]):
            out.append(f"item {i} needs item {j} first")
    return out


def is_feasible(problem: Problem, assignment: Assignment) -> bool:
    return not violations(problem, assignment)


def needs_closure(problem: Problem) -> list[list[int]]:
    """needs[i]: the items i needs directly."""
    needs: list[list[int]] = [[] for _ in problem.items]
    for i, j in problem.prerequisites:
        needs[i].append(j)
    return needs


def cycles(n: int, prerequisites: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Strongly connected components of more than one item (prerequisite cycles), found
    iteratively (Tarjan) so a long chain cannot overflow the stack."""
    edges: list[list[int]] = [[] for _ in range(n)]
    for i, j in prerequisites:
        edges[i].append(j)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            if pos < len(edges[node]):
                work.append((node, pos + 1))
                nxt = edges[node][pos]
                if index[nxt] == -1:
                    work.append((nxt, 0))
                elif on_stack[nxt]:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack[top] = False
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out
