"""The bundled sample plan is the demo: realistic, Nordic, and with the mistakes in it."""

from __future__ import annotations

from planner.enums import DemandKind
from planner.model import (
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Milestone,
    Objective,
    Phase,
)
from planner.queries import PlanIndex, duration_weeks


def test_sample_has_the_promised_shape(sample_store) -> None:
    s = sample_store
    assert s.count(Objective) >= 4 and all(o.measure and o.target for o in s.rows(Objective))
    names = {d.name for d in s.rows(Department)}
    assert names == {
        "Sales",
        "Marketing",
        "Customer Service",
        "Finance",
        "HR",
        "Logistics",
        "Management",
        "IT",
    }
    assert all(d.head and d.colour and d.capacity > 0 for d in s.rows(Department))
    assert len({d.colour for d in s.rows(Department)}) == 8
    assert 6 <= s.count(Phase) <= 8
    assert s.count(Demand) >= 60
    assert s.count(ChangeActivity) > 0 and s.count(Milestone) > 0 and s.count(Dependency) >= 2
    phases = PlanIndex.build(s).phases
    span = (phases[-1].end_date - phases[0].start_date).days
    assert 9 * 30 <= span <= 12 * 31


def test_sample_speaks_nordic(sample_store) -> None:
    text = " ".join(
        [sample_store.plan.title, sample_store.plan.vision, sample_store.plan.sponsor_name]
        + [d.head for d in sample_store.rows(Department)]
        + [d.title + d.notes for d in sample_store.rows(Demand)]
    )
    for letter in "æøåäö":
        assert letter in text.lower(), letter


def test_sample_carries_the_realistic_mistakes(sample_store) -> None:
    s = sample_store
    index = PlanIndex.build(s)
    weeks = {p.id: duration_weeks(p) for p in index.phases}
    assert any(index.effort(p.id) > s.plan.team_capacity * weeks[p.id] for p in index.phases)
    assert any(len(index.department_ids(p.id)) >= 5 for p in index.phases)
    assert any(d.kind == DemandKind.TRANSACTION_PROCESS for d in s.rows(Demand))
    assert (
        max(
            sum(1 for d in index.demands(p.id) if d.kind == DemandKind.DATA_FIELD)
            for p in index.phases
        )
        > s.plan.field_creep_phase
    )
