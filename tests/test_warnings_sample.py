"""The bundled sample plan shows its deliberate mistakes (listed at the top of
resources/templates/crm_nordic.toml), each as a warning a reader recognises, and nothing
about its healthy phases."""

from __future__ import annotations

import pytest

from planner.model import Demand, Department, Phase
from planner.store import PlanStore
from planner.warnings import Severity, evaluate


def name_of(store: PlanStore, warning) -> str:  # noqa: ANN001
    model = {"phase": Phase, "department": Department, "demand": Demand}.get(warning.subject.kind)
    return "plan" if model is None else store.get(model, warning.subject.id).display_name


@pytest.fixture
def found(sample_store: PlanStore) -> set[tuple[str, str]]:
    return {(w.code, name_of(sample_store, w)) for w in evaluate(sample_store)}


def test_the_sample_shows_at_least_six_codes(sample_store: PlanStore) -> None:
    assert len({w.code for w in evaluate(sample_store)}) >= 6


@pytest.mark.parametrize(
    ("code", "subject"),
    [
        ("phase-overloaded", "Leads from web and trade fairs"),
        ("department-overloaded", "Marketing"),
        ("too-many-departments", "CRM for everybody: mobile, HR, reports and key accounts"),
        ("phase-too-long", "CRM for everybody: mobile, HR, reports and key accounts"),
        ("field-creep", "Delivery and credit information for sellers"),
        ("transaction-in-crm", "Order processing and invoicing in CRM"),
        ("no-adoption", "Delivery and credit information for sellers"),
        ("no-support", "Logistics"),
        ("empty-goal", "Integration platform and data migration"),
        ("no-objective", "Integration platform and data migration"),
        ("no-objective", "Employee onboarding checklist in CRM"),
        ("dependency-order", "Service cases in one place"),
    ],
)
def test_each_deliberate_mistake_is_caught(
    found: set[tuple[str, str]], code: str, subject: str
) -> None:
    assert (code, subject) in found


def test_the_numbers_match_the_story(sample_store: PlanStore) -> None:
    messages = {w.code: w.message for w in evaluate(sample_store)}
    assert messages["phase-overloaded"] == (
        "Phase 'Leads from web and trade fairs' holds 114 person-days; the team delivers 60 "
        "in its 4 weeks (190 %)."
    )
    assert "Marketing gets up to 27.8 person-days of change a week" in messages[
        "department-overloaded"
    ]
    assert "against a capacity of 8 (347 %)" in messages["department-overloaded"]
    assert "Finance (7 wishes, 27.5 person-days)" in messages["no-adoption"]


def test_the_healthy_phases_raise_nothing(sample_store: PlanStore) -> None:
    healthy = {p.id for p in sample_store.rows(Phase) if p.title.startswith(
        ("Customer overview for sellers", "Pipeline and Monday forecast"))}
    assert len(healthy) == 2
    in_healthy = {d.id for d in sample_store.rows(Demand) if d.phase_id in healthy}
    for warning in evaluate(sample_store):
        assert not (warning.subject.kind == "phase" and warning.subject.id in healthy)
        assert not (warning.subject.kind == "demand" and warning.subject.id in in_healthy)


def test_the_sample_has_problems_for_the_exit_code(sample_store: PlanStore) -> None:
    severe = sorted(w.code for w in evaluate(sample_store) if w.severity == Severity.PROBLEM)
    assert severe == ["department-overloaded", "dependency-order", "phase-overloaded"]
