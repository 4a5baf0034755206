"""Proposing phases from the backlog with a real optimiser (no Qt here).

- core.py: the generic problem (items, groups, prerequisites, slots with capacities) and
  the objective, stated precisely;
- greedy.py, rolling.py: quick constructions (the first answer and the solver's start);
- formulation.py, backends.py, solve.py: the MILP, HiGHS / CP-SAT, greedy-then-solver;
- plan_problem.py: a plan's backlog as that problem; proposal.py: the proposal, its
  application as one undoable command; explain.py: why each phase is what it is;
- nrp.py: Next Release Problem instances as the same problem (benchmarks/bench_nrp.py).

Solver choice (benchmarks/README.md has the numbers): HiGHS, single-threaded.
"""
