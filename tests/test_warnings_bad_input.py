"""Bad input: thresholds that are zero, negative or absurd are refused with a clear message;
a file that holds them anyway (written by another tool) gets a sensible warning; undated
phases, departments without capacity, weekend-only phases and damaged baselines never
crash the engine."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest
from test_warnings_builder import Builder, of

from planner.baseline import TakeBaseline
from planner.commands import UpdateRow
from planner.errors import DamagedPlanFile, ValidationError
from planner.load import department_load
from planner.model import Baseline, Demand, Department, Plan
from planner.store import PlanStore
from planner.warnings import Severity, Subject, evaluate


@pytest.fixture
def plan(store: PlanStore) -> Builder:
    return Builder(store)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("team_capacity", 0, "Person-days per week the project team delivers must be between "
                             "0.5 and 10000, not 0."),
        ("team_capacity", -5, "not -5"),
        ("team_capacity", 1e9, "not 1e+09"),
        ("weeks_to_value", 0, "Weeks before users must get something must be between 1 and 52"),
        ("max_departments_per_phase", 0, "Departments one phase may serve must be between 1"),
        ("field_creep_phase", -1, "New data fields allowed in one phase must be between 1"),
        ("field_creep_plan", 0, "must be between 1 and 10000, not 0"),
        ("scope_creep_percent", 5000, "must be between 1 and 1000, not 5000"),
        ("scope_creep_percent", math.nan, "must be a number"),
    ],
)  # fmt: skip
def test_unusable_thresholds_are_refused(
    plan: Builder, field: str, value: float, message: str
) -> None:
    before = getattr(plan.store.plan, field)
    with pytest.raises(ValidationError) as raised:
        UpdateRow(Plan, 1, {field: value}).do(plan.store)
    assert message in raised.value.message
    assert raised.value.field == field
    assert getattr(plan.store.plan, field) == before


def _write_behind_validation(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_a_file_with_unusable_thresholds_warns_and_uses_the_defaults(
    sample_file: Path,
) -> None:
    _write_behind_validation(
        sample_file,
        # A working week that is not ISO weekday numbers is refused on open since issue 10
        # (planner/integrity; tests/test_damaged_files.py), so it is not part of this case.
        "UPDATE plan SET team_capacity = 0, field_creep_phase = -2",
    )
    store = PlanStore.open(sample_file)
    try:
        warnings = evaluate(store)
        invalid = [w for w in warnings if w.code == "threshold-invalid"]
        assert len(invalid) == 1
        assert invalid[0].subject == Subject("plan", 1)
        assert invalid[0].message == (
            "Some settings in this plan cannot be used: team capacity (person-days per week "
            "the project team delivers) is 0.0, outside 0.5–10000; 15 is used; field creep "
            "phase (new data fields allowed in one phase) is -2, outside 1–1000; 5 is used."
        )
        # The other rules go on with the defaults: the sample's mistakes are still caught.
        overloaded = next(w for w in warnings if w.code == "phase-overloaded")
        assert "the team delivers 60 in its 4 weeks" in overloaded.message
        assert any(w.code == "field-creep" for w in warnings)
        assert department_load(store).weeks  # the load strip copes too
    finally:
        store.close()


def test_a_phase_without_dates_is_reported_not_computed(plan: Builder) -> None:
    sales = plan.dept("Sales", capacity=1)
    undated = plan.phase("Some day", start=None)
    plan.wishes(undated, sales, [500])
    codes = {w.code for w in evaluate(plan.store)}
    assert "phase-undated" in codes
    assert not codes & {"phase-overloaded", "phase-too-long", "department-overloaded"}
    assert department_load(plan.store).load == {}


def test_a_phase_on_a_weekend_has_no_working_days(plan: Builder) -> None:
    sales = plan.dept("Sales")
    weekend = plan.phase("Weekend", start="2027-01-09", end="2027-01-10")
    plan.wishes(weekend, sales, [2])
    warning = of(plan.store, "phase-overloaded")[0]
    assert warning.message == (
        "Phase 'Weekend' holds 2 person-days but has no working days (2027-01-09 to "
        "2027-01-10)."
    )
    assert warning.severity == Severity.PROBLEM


def test_a_department_with_no_capacity_is_told_to_set_it(plan: Builder) -> None:
    hr = plan.dept("HR", capacity=0)
    plan.wishes(plan.phase("P"), hr, [4])
    warning = of(plan.store, "department-overloaded")[0]
    assert warning.message == (
        "HR gets up to 1 person-day of change a week for 4 weeks from 2027-01-04, but its "
        "capacity for change is 0; it comes from 'P'. Set how much change HR can absorb per "
        "week."
    )
    assert warning.fixes == ()  # moving all its wishes away would not be a remedy


def test_a_department_with_no_capacity_and_no_load_is_quiet(plan: Builder) -> None:
    hr = plan.dept("HR", capacity=0)
    plan.wish(None, hr, 4)
    assert of(plan.store, "department-overloaded") == []


def test_a_damaged_baseline_is_a_note_not_a_crash(plan: Builder) -> None:
    plan.wishes(plan.phase("P"), plan.dept("Sales"), [10])
    plan.do(TakeBaseline("Review 1"))
    row = plan.store.rows(Baseline)[0]
    plan.store.execute(lambda rec: rec.update(row, snapshot="{not json"))
    warning = of(plan.store, "baseline-unreadable")[0]
    assert warning.severity == Severity.INFO
    assert warning.message.startswith("Baseline 'Review 1' cannot be read:")
    assert warning.message.endswith(
        "Scope creep is not checked until a new baseline is taken."
    )


def test_infinite_values_from_a_foreign_file_are_refused(sample_file: Path) -> None:
    # Since issue 10 a file is checked row by row on open (planner/integrity).
    _write_behind_validation(sample_file, "UPDATE demand SET effort = 9e999 WHERE id = 40")
    with pytest.raises(DamagedPlanFile, match=r"wish 40 '.*': effort inf is not a finite"):
        PlanStore.open(sample_file)


def test_infinite_values_in_memory_do_not_crash_the_engine(sample_store: PlanStore) -> None:
    # Rows written behind the command layer's validation, as a bug could.
    demand = sample_store.get(Demand, 40)
    department = sample_store.get(Department, 1)
    sample_store.execute(lambda rec: rec.update(demand, effort=math.inf))
    sample_store.execute(lambda rec: rec.update(department, capacity=math.inf))
    messages = [w.message for w in evaluate(sample_store)]
    assert any("∞ person-days" in m for m in messages)
