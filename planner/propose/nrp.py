"""Next Release Problem instances (Xuan et al., "Solving the large scale next release
problem with a backbone-based multilevel algorithm", TSE 2012) as the proposer's core
problem: one slot, one resource (the budget), requirements as items, customers as groups
whose profit counts only when all their requirements are chosen, and the requirement
dependencies as prerequisites.

The instance files are whitespace-separated integers:

    L                          levels of requirements
    n_1                        for each level: how many requirements,
    c_1 c_2 ... c_n1           and their costs (requirements are numbered 1.. in order)
    ...
    m                          dependencies,
    a b                        each: requirement a must come before requirement b
    ...
    k                          customers,
    p r i_1 ... i_r            each: profit, number of requests, the requirements

The realistic instances (nrp-e*, nrp-g*, nrp-m*) have one level and no dependencies.
The budget is a ratio (0.3, 0.5, 0.7 in the literature) of the total cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.propose.core import Group, Item, Problem


class NrpFormatError(ValueError):
    pass


@dataclass
class NrpInstance:
    name: str
    costs: list[int]
    dependencies: list[tuple[int, int]]  # (before, after), 0-based
    customers: list[tuple[int, list[int]]]  # (profit, requirements 0-based)

    @property
    def total_cost(self) -> int:
        return sum(self.costs)

    def problem(self, ratio: float) -> Problem:
        items = [Item(i, (float(c),), 0.0) for i, c in enumerate(self.costs)]
        groups = [Group(n, float(p), tuple(sorted(set(reqs))))
                  for n, (p, reqs) in enumerate(self.customers)]  # fmt: skip
        return Problem(
            items=items,
            resources=["cost"],
            capacity=[[ratio * self.total_cost]],
            groups=groups,
            prerequisites=[(after, before) for before, after in self.dependencies],
        )


def parse(text: str, name: str = "") -> NrpInstance:
    tokens = text.split()
    pos = 0

    def take() -> int:
        nonlocal pos
        if pos >= len(tokens):
            # not translated: benchmark input only (benchmarks/bench_nrp.py)
            raise NrpFormatError(f"{name}: the file ends early (after {pos} numbers)")
        try:
            value = int(tokens[pos])
        except ValueError:
            # not translated: benchmark input only (benchmarks/bench_nrp.py)
            raise NrpFormatError(f"{name}: '{tokens[pos]}' is not a whole number") from None
        pos += 1
        return value

    costs: list[int] = []
    for _ in range(take()):
        count = take()
        costs.extend(take() for _ in range(count))
    n = len(costs)

    def req(number: int) -> int:
        if not 1 <= number <= n:
            # not translated: benchmark input only (benchmarks/bench_nrp.py)
            raise NrpFormatError(f"{name}: requirement {number} is outside 1..{n}")
        return number - 1

    dependencies = [(req(take()), req(take())) for _ in range(take())]
    customers = []
    for _ in range(take()):
        profit = take()
        customers.append((profit, [req(take()) for _ in range(take())]))
    return NrpInstance(name, costs, dependencies, customers)


def read(path: Path) -> NrpInstance:
    return parse(path.read_text(encoding="ascii", errors="replace"), path.name)
