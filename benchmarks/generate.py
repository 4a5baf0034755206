"""Write a synthetic plan of the DESIGN.md sizes for benchmarks.

    python benchmarks/generate.py --size typical|large OUT.rollout

typical = 8 departments, 12 phases, 300 wishes; large = 40 departments, 250 phases,
10 000 wishes, 500 milestones. The distributions are meant to look like a real programme:
phases of 3–6 weeks (a few much longer) in parallel streams, each serving one to three
departments (a few serve many), sequential dependencies with some cross-stream ones that
are violated, phases loaded between 60 % and 140 % of the team's capacity, departments of
different capacities so some weeks are overloaded, most deliveries with a training, a few
data-field and transaction wishes. The same size always gives the same plan (fixed seed).

Everything is inserted in one transaction through `PlanStore.execute` and a Recorder (no
per-row validation: the generator only makes valid rows), which takes a few seconds for
the large plan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from planner.changes import Recorder
from planner.enums import ActivityKind, DemandKind, MilestoneKind, PhaseStatus, Priority
from planner.model import (
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
)
from planner.store import PlanStore

# Bump when the generated plan changes, so cached plans in benchmarks/out/ are remade.
VERSION = 2
START = dt.date(2027, 1, 4)  # a Monday
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Size:
    departments: int
    phases: int
    demands: int
    milestones: int
    streams: int
    objectives: int
    team_capacity: float


SIZES = {
    "typical": Size(8, 12, 300, 24, 2, 6, 15.0),
    "large": Size(40, 250, 10_000, 500, 10, 12, 40.0),
}

FUNCTIONS = [
    ("Sales", False),
    ("Marketing", False),
    ("Customer Service", False),
    ("Finance", False),
    ("HR", False),
    ("Logistics", False),
    ("Management", False),
    ("IT", True),
    ("Procurement", False),
    ("Legal", False),
]
REGIONS = ["Norway", "Sweden", "Denmark", "Finland"]
COLOURS = ["#0072b2", "#e69f00", "#009e73", "#56b4e9", "#cc79a7", "#d55e00", "#f0e442", "#999999"]
KINDS = [
    (DemandKind.FEATURE, 50),
    (DemandKind.REPORT, 15),
    (DemandKind.DATA_FIELD, 15),
    (DemandKind.INTEGRATION, 10),
    (DemandKind.TRANSACTION_PROCESS, 2),
    (DemandKind.OTHER, 8),
]
PRIORITIES = [(Priority.MUST, 30), (Priority.SHOULD, 35), (Priority.COULD, 25), (Priority.WONT, 10)]
VERBS = ["Show", "Register", "Report", "Sync", "Import", "Track", "Plan", "Approve", "Export"]
THINGS = ["deals", "visits", "cases", "leads", "contracts", "invoices", "orders", "contacts"]


def _pick(rng: random.Random, weighted: list[tuple[object, int]]) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _friday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(4 - day.weekday()) % 7)


class _Builder:
    def __init__(self, rec: Recorder, size: Size, rng: random.Random) -> None:
        self.rec = rec
        self.size = size
        self.rng = rng

    def build(self) -> None:
        rec, size = self.rec, self.size
        rec.update(
            rec.store.plan,
            title=f"Generated plan ({size.phases} phases, {size.demands} wishes)",
            vision="A generated plan for benchmarks.",
            start_date=START,
            sponsor_name="Generated Sponsor",
            sponsor_role="CEO",
            lead_name="Generated Lead",
            team_capacity=size.team_capacity,
        )
        self.departments = self._departments()
        self.objectives = [
            rec.insert(Objective, title=f"Objective {i + 1}", measure="", target="", position=i).id
            for i in range(size.objectives)
        ]
        self.phases = self._phases()
        self._dependencies()
        served = self._demands()
        self._capacities()
        self._activities(served)
        self._milestones()

    def _capacities(self) -> None:
        """Capacities from the load the plan puts on each department: most can absorb their
        peak, about a third peak above what they can absorb for a few weeks."""
        from planner.load import department_load
        from planner.queries import PlanIndex

        store = self.rec.store
        table = department_load(store, PlanIndex.build(store))
        for dept_id in self.departments:
            weeks = sorted(table.load.get(dept_id, {}).values())
            peak = weeks[-1] if weeks else 5.0
            typical = weeks[len(weeks) * 3 // 4] if weeks else 5.0
            capacity = peak * 1.1 if self.rng.random() > 0.35 else max(typical, peak * 0.8)
            self.rec.update(store.get(Department, dept_id), capacity=float(round(capacity + 0.5)))

    def _departments(self) -> list[int]:
        ids = []
        for i in range(self.size.departments):
            function, is_it = FUNCTIONS[i % len(FUNCTIONS)]
            region = REGIONS[(i // len(FUNCTIONS)) % len(REGIONS)]
            name = function if self.size.departments <= len(FUNCTIONS) else f"{function} {region}"
            row = self.rec.insert(
                Department,
                name=name,
                colour=COLOURS[i % len(COLOURS)],
                head=f"Head of {name}",
                capacity=10.0,  # set from the load once the wishes are in
                support_contact="" if self.rng.random() < 0.1 else f"support-{i}@example.org",
                is_it=is_it,
                position=i,
            )
            ids.append(row.id)
        return ids

    def _phases(self) -> list[Phase]:
        rng, size = self.rng, self.size
        per_stream = -(-size.phases // size.streams)
        phases: list[Phase] = []
        position = 0
        for stream in range(size.streams):
            day = START + dt.timedelta(weeks=rng.randint(0, 6) + stream)
            for n in range(per_stream):
                if len(phases) == size.phases:
                    break
                weeks = (
                    rng.choice([3, 4, 4, 4, 5, 5, 6]) if rng.random() > 0.08 else rng.randint(7, 12)
                )
                start = day
                end = _friday(start + dt.timedelta(weeks=weeks) - 3 * DAY)
                undated = rng.random() < 0.01
                status = (
                    PhaseStatus.DONE
                    if n < per_stream * 0.1
                    else PhaseStatus.ACTIVE
                    if n < per_stream * 0.15
                    else PhaseStatus.PLANNED
                )
                row = self.rec.insert(
                    Phase,
                    title=f"Stream {stream + 1} step {n + 1}",
                    goal="" if rng.random() < 0.04 else f"Users of step {n + 1} work faster.",
                    start_date=None if undated else start,
                    end_date=None if undated else end,
                    position=position,
                    status=status,
                )
                position += 1
                phases.append(row)
                for objective in rng.sample(self.objectives, k=rng.choice([0, 1, 1, 2, 2, 2])):
                    self.rec.insert(PhaseObjective, phase_id=row.id, objective_id=objective)
                day = end + 3 * DAY + dt.timedelta(weeks=rng.choice([0, 0, 1, 2]))
        return phases

    def _dependencies(self) -> None:
        rng, phases = self.rng, self.phases
        per_stream = -(-self.size.phases // self.size.streams)
        edges: set[tuple[int, int]] = set()
        for i in range(1, len(phases)):
            if i % per_stream and rng.random() < 0.6:
                edges.add((phases[i - 1].id, phases[i].id))
        # Cross-stream: only from an earlier position to a later one, so no cycles.
        for _ in range(len(phases) // 4):
            a, b = sorted(rng.sample(range(len(phases)), 2))
            edges.add((phases[a].id, phases[b].id))
        for pred, succ in sorted(edges):
            self.rec.insert(Dependency, predecessor_id=pred, successor_id=succ)

    def _demands(self) -> set[tuple[int, int]]:
        rng, size = self.rng, self.size
        in_phases = int(size.demands * 0.8)
        served: set[tuple[int, int]] = set()
        # Each phase gets a share of the wishes, weighted by its length and a load factor.
        weights = []
        for phase in self.phases:
            weeks = (
                4
                if phase.start_date is None
                else ((phase.end_date - phase.start_date).days + 3) / 7
            )
            weights.append(weeks * rng.uniform(0.6, 1.4))
        total = sum(weights)
        counts = [max(1, round(in_phases * w / total)) for w in weights]
        mean_effort = size.team_capacity * sum(weights) / in_phases
        positions: dict[int | None, int] = {}
        for phase, n in zip(self.phases, counts, strict=True):
            k = rng.choices([1, 2, 3, 5], weights=[35, 35, 20, 10])[0]
            depts = rng.sample(self.departments, k=min(k, len(self.departments)))
            for _ in range(n):
                dept = rng.choice(depts)
                served.add((phase.id, dept))
                self._demand(phase.id, dept, mean_effort, positions)
        for _ in range(size.demands - sum(counts)):
            self._demand(None, rng.choice(self.departments), mean_effort, positions)
        return served

    def _demand(
        self, phase_id: int | None, dept: int, mean: float, positions: dict[int | None, int]
    ) -> None:
        rng = self.rng
        position = positions.get(phase_id, 0)
        positions[phase_id] = position + 1
        kind = _pick(rng, KINDS)
        effort = 0.5 if kind == DemandKind.DATA_FIELD else round(rng.expovariate(1 / mean) * 2) / 2
        self.rec.insert(
            Demand,
            title=f"{rng.choice(VERBS)} {rng.choice(THINGS)} #{position + 1}",
            department_id=dept,
            phase_id=phase_id,
            effort=min(effort, 200.0),
            priority=_pick(rng, PRIORITIES),
            kind=kind,
            objective_id=None if rng.random() < 0.08 else rng.choice(self.objectives),
            notes="",
            votes=rng.choice([0, 0, 0, 1, 2, 3, 5]),
            position=position,
        )

    def _activities(self, served: set[tuple[int, int]]) -> None:
        rng = self.rng
        by_id = {p.id: p for p in self.phases}
        for phase_id, dept in sorted(served):
            phase = by_id[phase_id]
            kinds = [ActivityKind.COMMUNICATION]
            if rng.random() < 0.85:
                kinds.append(rng.choice([ActivityKind.TRAINING, ActivityKind.WORKSHOP]))
            for kind in kinds:
                self.rec.insert(
                    ChangeActivity,
                    kind=kind,
                    title=f"{kind.value.title()} for department {dept}",
                    department_id=dept,
                    phase_id=phase_id,
                    date=phase.start_date,
                    notes="",
                )

    def _milestones(self) -> None:
        rng = self.rng
        dated = [p for p in self.phases if p.end_date is not None]
        for i in range(self.size.milestones):
            phase = dated[i % len(dated)]
            go_live = i < len(dated)
            self.rec.insert(
                Milestone,
                title=f"{'Go-live' if go_live else 'Steering review'}: {phase.title}",
                kind=MilestoneKind.GO_LIVE
                if go_live
                else rng.choice([MilestoneKind.STEERING_REVIEW, MilestoneKind.DECISION]),
                date=phase.end_date - 4 * DAY if go_live else phase.end_date + 3 * DAY,
                phase_id=phase.id,
            )


def generate(size_name: str, out: Path) -> Path:
    """Write the plan of `size_name` to `out` (replacing it) and return the path."""
    size = SIZES[size_name]
    store = PlanStore.create(out, overwrite=True)
    try:
        store.execute(
            lambda rec: _Builder(rec, size, random.Random(f"{size_name}-{VERSION}")).build()
        )
    finally:
        store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="typical")
    parser.add_argument("out", type=Path, help="the plan file to write (*.rollout)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate(args.size, args.out)
    print(f"Wrote {args.out} ({args.size}) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
