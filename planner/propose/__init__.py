"""Proposing phases from the backlog with a real optimiser (no Qt here).

- core.py: the generic problem (items with costs, groups with values, prerequisites, slots
  with capacities) and the objective, stated precisely;
- greedy.py, rolling.py: quick constructions (the first answer and the solver's start);
- formulation.py, backends.py, solve.py, lns.py: the MILP, HiGHS / CP-SAT, and
  construction → solver → two-phases-at-a-time improvement within a budget of work;
- bound.py: a proven upper bound cheap enough for a 10 000-wish plan (its gap);
- plan_problem.py: a plan's backlog as that problem; proposal.py: the dated, explained
  proposal and its application as one undoable command; explain.py: why each phase is
  what it is; preview.py: the plan with a proposal applied, in memory;
- overloads.py: "Fix all overloads", the fewest wish moves that remove every capacity
  warning without raising another;
- nrp.py: Next Release Problem instances as the same problem (benchmarks/bench_nrp.py).

Why HiGHS (single-threaded MILP) and not OR-Tools CP-SAT, measured on this 2-core machine
(benchmarks/README.md has the tables): on the 17 NRP instances at ratio 0.3 with 10 s
each, HiGHS proved 14 optimal (nrp1 1204, nrp-e1 7919, …) and left the others within
7.3 %, 0.2 % and 0.1 %; CP-SAT with one worker proved none, its best values up to 45 %
lower and its bounds 13–280 % above; with two workers it was no better.
On the sample plan re-planned over 8 phases (2 s) HiGHS reached 367.9 with a bound of
385.5, CP-SAT 357.9 (the construction) with a bound of 453. CP-SAT's knapsack bounds need
many workers; a MILP's LP bound is what proves these problems.

Deterministic for the same plan and settings: fixed seeds, one thread, the constructions
have no randomness, and the time limit is turned into a budget counted in work (solver
nodes, re-solved windows) by a fixed calibration; the wall clock is only a safety net at
three times the limit, and a run it cuts short is reported "stopped" (solve.py).
"""
