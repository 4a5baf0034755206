"""A quick first answer: fill the slots one after the other, each with the families whose
wishes are worth most for what fits, best value per cost first.

It is the proposal shown at once, the solver's starting point (hint), and the yardstick the
benchmarks compare the solver with. Runs in O(items × log items) per slot touched, so a
10 000-wish backlog takes well under a second.

An item goes in only with everything it needs: its needs already placed, or placed now in
the same slot (its "closure"), all within the slot's families and capacity.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from planner.propose.core import EPS, Assignment, Problem

# Consecutive candidates of a family that do not fit before the slot gives up on it: the
# walk is by value per cost, so after this many misses the room left is crumbs.
MAX_MISSES = 16
MAX_SLOT_MISSES = 64  # and across the families tried for one slot


def item_scores(problem: Problem) -> list[float]:
    """An item's value plus its share of the values of the groups it belongs to."""
    scores = [item.value for item in problem.items]
    for group in problem.groups:
        if group.members:
            share = group.value / len(group.members)
            for i in group.members:
                scores[i] += share
    return scores


def greedy(
    problem: Problem, slots: int | None = None, stop: Callable[[], bool] | None = None
) -> Assignment:
    """Place items slot by slot. `slots` limits how many slots are filled (default all)."""
    n = len(problem.items)
    k_count = problem.slots if slots is None else min(slots, problem.slots)
    needs: list[list[int]] = [[] for _ in range(n)]
    for i, j in problem.prerequisites:
        needs[i].append(j)
    scores = item_scores(problem)
    full = [
        max((cap[r] for cap in problem.capacity), default=0.0)
        for r in range(len(problem.resources))
    ]

    def cost(i: int) -> float:
        return max(
            (c / full[r] for r, c in enumerate(problem.items[i].costs) if full[r] > 0),
            default=0.0,
        )

    costs = [cost(i) for i in range(n)]
    # Each item's non-zero costs: a wish uses its department, the team and maybe the
    # data-field allowance, not the 40 other resources (10 000 wishes, every pop).
    sparse = [[(r, c) for r, c in enumerate(item.costs) if c] for item in problem.items]
    # Each family's items by value per cost, best first: sorted once, walked per slot.
    dens = [scores[i] / (costs[i] + EPS) for i in range(n)]
    families: dict[int | None, list[int]] = {}
    for i, item in enumerate(problem.items):
        families.setdefault(item.family, []).append(i)
    slot: list[int | None] = [None] * n
    placed = 0
    order = {f: sorted(members, key=lambda i: (-dens[i], i)) for f, members in families.items()}
    head = dict.fromkeys(families, 0)
    open_count = {f: len(members) for f, members in families.items()}
    score_cache: dict[int | None, tuple[tuple[float, ...], float, int]] = {}
    releases = {
        f: sorted(problem.items[i].release for i in members) for f, members in families.items()
    }

    def k_ready(f: int | None, k: int) -> int:
        """How many of the family's items are released by slot k (a score changes with it)."""
        return bisect.bisect_right(releases[f], k)

    def family_score(f: int | None, k: int) -> float:
        """The value of the family's open items, best value per cost first, up to what one
        slot holds (walking its sorted list from the first unplaced item)."""
        cap = problem.capacity[k]
        used: dict[int, float] = {}
        total = 0.0
        walk = order[f]
        for pos in range(head[f], len(walk)):
            i = walk[pos]
            if slot[i] is not None or problem.items[i].release > k:
                continue
            if any(used.get(r, 0.0) + c > cap[r] + 1e-9 for r, c in sparse[i]):
                continue
            for r, c in sparse[i]:
                used[r] = used.get(r, 0.0) + c
            total += scores[i]
        return total

    def closure(i: int) -> list[int] | None:
        """i and every unplaced item it needs, needs first; None on a cycle."""
        out: list[int] = []
        seen: set[int] = set()
        stack = [(i, 0)]
        on_path: set[int] = set()
        while stack:
            node, pos = stack.pop()
            if pos == 0:
                if node in seen:
                    continue
                on_path.add(node)
            if pos < len(needs[node]):
                stack.append((node, pos + 1))
                nxt = needs[node][pos]
                if slot[nxt] is None and nxt not in seen:
                    if nxt in on_path:
                        return None
                    stack.append((nxt, 0))
                continue
            on_path.discard(node)
            seen.add(node)
            out.append(node)
        return out

    def density(members: list[int]) -> float:
        value = sum(scores[m] for m in members)
        spent = sum(costs[m] for m in members)
        return value / (spent + EPS)

    for k in range(k_count):
        if placed == n or (stop is not None and stop()):
            break
        room = list(problem.capacity[k])
        chosen: set[int | None] = set()
        limit = problem.family_limit
        # Families by the value of their ready items that would fit an empty slot, best
        # first; a family's score is recomputed only when it changed (or the slot did).
        cap_key = tuple(problem.capacity[k])
        for f in families:
            cached = score_cache.get(f)
            if cached is None or cached[0] != cap_key or cached[2] != k_ready(f, k):
                score_cache[f] = (cap_key, family_score(f, k), k_ready(f, k))
        ranking = sorted(
            (f for f in families if open_count[f]),
            key=lambda f: (-score_cache[f][1], str(f)),
        )
        placed_before = placed
        slot_misses = 0
        for family in ranking:
            if slot_misses >= MAX_SLOT_MISSES:
                break
            if limit is not None and family is not None and len(chosen - {None}) >= limit:
                break
            misses = 0
            added = False
            walk = order[family]
            while head[family] < len(walk) and slot[walk[head[family]]] is not None:
                head[family] += 1  # the placed best ones at the front are never looked at again
            for pos in range(head[family], len(walk)):
                i = walk[pos]
                if slot[i] is not None or problem.items[i].release > k:
                    continue
                if misses >= MAX_MISSES:
                    break  # the family's room is as good as full
                members = closure(i) if needs[i] else [i]
                if members is None:
                    continue
                if len(members) > 1 and any(problem.items[m].release > k for m in members):
                    continue
                fams = {problem.items[m].family for m in members} | chosen | {family}
                if limit is not None and len(fams - {None}) > limit:
                    continue
                need: dict[int, float] = {}
                for m in members:
                    for r, c in sparse[m]:
                        need[r] = need.get(r, 0.0) + c
                if any(c > room[r] + 1e-9 for r, c in need.items()):
                    misses += 1
                    slot_misses += 1
                    continue
                misses = 0
                for r, c in need.items():
                    room[r] -= c
                for m in members:
                    slot[m] = k
                    open_count[problem.items[m].family] -= 1
                    score_cache.pop(problem.items[m].family, None)
                placed += len(members)
                chosen |= {problem.items[m].family for m in members}
                added = True
            if not added:
                chosen.discard(family)
        if placed == placed_before and not any(
            k < problem.items[i].release < k_count for i in range(n) if slot[i] is None
        ):
            break  # nothing more fits anywhere: later slots would stay empty too
    return Assignment(slot)
