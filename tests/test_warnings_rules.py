"""Each rule of the catalogue: quiet just below its threshold, raised at it, with the exact
numbers in the message. Plans are built healthy (see test_warnings_builder.py) with one
mistake added."""

from __future__ import annotations

import pytest
from test_warnings_builder import Builder, day, of

from planner.baseline import TakeBaseline
from planner.commands import SetPhaseDates, UpdateRow
from planner.model import Demand
from planner.store import PlanStore
from planner.warnings import CODES, Severity, Subject, principles
from planner.warnings.rules import RULES
from planner.warnings.types import TITLES


@pytest.fixture
def plan(store: PlanStore) -> Builder:
    return Builder(store)


def only(store: PlanStore, code: str):  # noqa: ANN201
    found = of(store, code)
    assert len(found) == 1, found
    return found[0]


def test_every_catalogue_code_has_a_rule() -> None:
    catalogue = {
        "phase-overloaded", "phase-too-long", "too-many-departments", "department-overloaded",
        "no-objective", "no-sponsor", "no-adoption", "no-support", "field-creep",
        "transaction-in-crm", "dependency-order", "empty-goal", "scope-creep",
    }  # fmt: skip
    assert catalogue <= {rule.code for rule in RULES}
    assert catalogue <= set(CODES)
    assert all(rule.doc for rule in RULES)
    assert set(CODES) <= set(TITLES)  # every code has a short name for lists


# --- phase-overloaded --------------------------------------------------------------------------


def test_phase_overloaded_quiet_at_capacity(plan: Builder) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("Sales basics")  # 4 weeks × 15 = 60 person-days
    plan.wishes(phase, sales, [30, 30])
    assert of(plan.store, "phase-overloaded") == []


def test_phase_overloaded_raised_just_over_capacity(plan: Builder) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("Sales basics")
    plan.wishes(phase, sales, [30, 30.5])
    warning = only(plan.store, "phase-overloaded")
    assert warning.message == (
        "Phase 'Sales basics' holds 60.5 person-days; the team delivers 60 in its 4 weeks "
        "(101 %)."
    )
    assert warning.severity == Severity.WARNING
    assert warning.subject == Subject("phase", phase)
    assert warning.principle == principles.EAT_FRENCH


def test_phase_overloaded_message_from_the_issue(plan: Builder) -> None:
    plan.plan(team_capacity=10)
    sales = plan.dept("Sales")
    plan.wishes(plan.phase("Sales basics"), sales, [40, 22])
    warning = only(plan.store, "phase-overloaded")
    assert warning.message == (
        "Phase 'Sales basics' holds 62 person-days; the team delivers 40 in its 4 weeks (155 %)."
    )
    assert warning.severity == Severity.PROBLEM  # above 125 %


def test_phase_overloaded_is_a_problem_above_125_percent(plan: Builder) -> None:
    sales = plan.dept("Sales")
    at, over = plan.phase("At 125"), plan.phase("Over 125")
    plan.wishes(at, sales, [75])
    plan.wishes(over, sales, [75.5])
    severities = {w.subject.id: w.severity for w in of(plan.store, "phase-overloaded")}
    assert severities == {at: Severity.WARNING, over: Severity.PROBLEM}


def test_phase_overloaded_ignores_undated_and_done_phases(plan: Builder) -> None:
    sales = plan.dept("Sales")
    plan.wishes(plan.phase("Undated", start=None), sales, [500])
    plan.wishes(plan.phase("Done", status="done"), sales, [500])
    assert of(plan.store, "phase-overloaded") == []


# --- phase-too-long ----------------------------------------------------------------------------


def test_phase_too_long_quiet_at_the_limit(plan: Builder) -> None:
    plan.phase("Four weeks", weeks=4)
    assert of(plan.store, "phase-too-long") == []


def test_phase_too_long_raised_one_day_over(plan: Builder) -> None:
    phase = plan.phase("A day too long", end="2027-02-01")  # Monday after four weeks
    warning = only(plan.store, "phase-too-long")
    assert warning.message == (
        "Phase 'A day too long' runs 4.2 weeks before its users get anything; the limit is "
        "4 weeks."
    )
    assert (warning.severity, warning.subject) == (Severity.WARNING, Subject("phase", phase))


def test_phase_too_long_follows_the_threshold(plan: Builder) -> None:
    plan.plan(weeks_to_value=6)
    plan.phase("Six weeks", weeks=6)
    assert of(plan.store, "phase-too-long") == []
    plan.plan(weeks_to_value=5)
    assert "the limit is 5 weeks" in only(plan.store, "phase-too-long").message


def test_a_go_live_inside_the_phase_counts_as_value(plan: Builder) -> None:
    long = plan.phase("Ten weeks", weeks=10)
    plan.milestone(long, "2027-02-01")  # Monday after four weeks: value after 4 weeks
    assert of(plan.store, "phase-too-long") == []


def test_a_late_go_live_is_reported_with_its_weeks(plan: Builder) -> None:
    long = plan.phase("Ten weeks", weeks=10)
    plan.milestone(long, "2027-02-02")
    assert only(plan.store, "phase-too-long").message == (
        "Phase 'Ten weeks' runs 10 weeks and its first go-live comes after 4.2 weeks; users "
        "should get something within 4 weeks."
    )


# --- too-many-departments ----------------------------------------------------------------------


def test_too_many_departments_quiet_at_the_limit(plan: Builder) -> None:
    phase = plan.phase("Two")
    plan.wish(phase, plan.dept("Sales"))
    plan.wish(phase, plan.dept("Marketing"))
    assert of(plan.store, "too-many-departments") == []


def test_too_many_departments_raised_one_over(plan: Builder) -> None:
    phase = plan.phase("Everybody")
    for name in ("Sales", "Marketing", "Finance"):
        plan.wish(phase, plan.dept(name))
    warning = only(plan.store, "too-many-departments")
    assert warning.message == (
        "Phase 'Everybody' serves 3 departments (Sales, Marketing and Finance); the limit is 2."
    )
    assert warning.principle == principles.ONE_DEPARTMENT_FIRST


# --- department-overloaded ---------------------------------------------------------------------


def test_department_overloaded_quiet_at_capacity(plan: Builder) -> None:
    sales = plan.dept("Sales", capacity=5)
    plan.wishes(plan.phase("P"), sales, [10, 10])  # 5 a week for 4 weeks
    assert of(plan.store, "department-overloaded") == []


def test_department_overloaded_raised_just_over(plan: Builder) -> None:
    sales = plan.dept("Sales", capacity=5)
    phase = plan.phase("Leads")
    plan.wishes(phase, sales, [10, 10.5])
    warning = only(plan.store, "department-overloaded")
    assert warning.message == (
        "Sales gets up to 5.1 person-days of change a week for 4 weeks from 2027-01-04, "
        "against a capacity of 5 (103 %); it comes from 'Leads'."
    )
    assert warning.subject == Subject("department", sales, day("2027-01-04"))
    assert warning.severity == Severity.WARNING


def test_overlapping_phases_add_up(plan: Builder) -> None:
    sales = plan.dept("Sales", capacity=5)
    first = plan.phase("A", start="2027-01-04")
    second = plan.phase("B", start="2027-01-18")
    plan.wishes(first, sales, [12])  # 3 a week each; 6 in the two weeks they overlap
    plan.wishes(second, sales, [12])
    warning = only(plan.store, "department-overloaded")
    assert warning.message == (
        "Sales gets up to 6 person-days of change a week for 2 weeks from 2027-01-18, "
        "against a capacity of 5 (120 %); it comes from 'A' and 'B'."
    )


def test_separate_overloaded_stretches_are_separate_warnings(plan: Builder) -> None:
    sales = plan.dept("Sales", capacity=5)
    plan.wishes(plan.phase("Early", start="2027-01-04", weeks=1), sales, [6])
    plan.wishes(plan.phase("Late", start="2027-03-01", weeks=1), sales, [9])
    found = of(plan.store, "department-overloaded")
    assert [w.subject.week for w in found] == [day("2027-03-01"), day("2027-01-04")]
    assert [w.severity for w in found] == [Severity.PROBLEM, Severity.WARNING]
    assert "in the week of 2027-01-04" in found[1].message


# --- no-objective ------------------------------------------------------------------------------


def test_phase_without_objective(plan: Builder) -> None:
    plan.phase("Served")
    lonely = plan.phase("Integration platform", objective=False)
    warning = only(plan.store, "no-objective")
    assert warning.subject == Subject("phase", lonely)
    assert warning.message == (
        "Phase 'Integration platform' serves no business objective; none of its wishes names "
        "one either."
    )
    assert warning.principle == principles.OBJECTIVES_FIRST


def test_wish_without_objective_warns_in_a_phase_and_notes_in_the_backlog(
    plan: Builder,
) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("P")
    planned = plan.wish(phase, sales, 4, title="Lead scoring", objective=None)
    later = plan.wish(None, sales, 2.5, title="Leaderboard", objective=None)
    plan.wish(phase, sales, 1, title="Has one")
    found = {w.subject.id: w for w in of(plan.store, "no-objective")}
    assert set(found) == {planned, later}
    assert found[planned].severity == Severity.WARNING
    assert found[planned].message == (
        "Wish 'Lead scoring' (Sales, 4 person-days) in 'P' serves no business objective."
    )
    assert found[later].severity == Severity.INFO
    assert found[later].message == (
        "Wish 'Leaderboard' (Sales, 2.5 person-days) in the backlog serves no business "
        "objective."
    )


# --- no-sponsor ---------------------------------------------------------------------------------


def test_no_sponsor(plan: Builder) -> None:
    plan.plan(sponsor_name="  ")
    warning = only(plan.store, "no-sponsor")
    assert (warning.severity, warning.subject) == (Severity.PROBLEM, Subject("plan", 1))
    assert warning.message == "The plan names no business sponsor: nobody in management backs it."
    assert warning.principle == principles.ANCHORED_IN_MANAGEMENT


def test_sponsor_in_it(plan: Builder) -> None:
    it = plan.dept("IT", is_it=True)
    plan.plan(sponsor_name="Mikko Järvinen", sponsor_role="Head of IT", sponsor_department_id=it)
    assert only(plan.store, "no-sponsor").message == (
        "The sponsor, Mikko Järvinen (Head of IT), sits in IT, the IT department; the plan "
        "needs a sponsor in the business."
    )
    plan.plan(sponsor_department_id=plan.dept("Management"), sponsor_role="CEO")
    assert of(plan.store, "no-sponsor") == []
    plan.plan(sponsor_department_id=None, sponsor_role="CIO")
    assert only(plan.store, "no-sponsor").severity == Severity.WARNING


# --- no-adoption / no-support -----------------------------------------------------------------


def test_no_adoption_when_a_department_only_gets_a_mail(plan: Builder) -> None:
    finance = plan.dept("Finance")
    phase = plan.phase("Credit information")
    plan.wishes(phase, finance, [3, 6], train=False)
    plan.activity(phase, finance, "communication")
    warning = only(plan.store, "no-adoption")
    assert warning.message == (
        "Phase 'Credit information' delivers to Finance (2 wishes, 9 person-days) but plans "
        "no training or workshop for it."
    )
    assert warning.principle == principles.ADOPTION
    plan.activity(phase, finance, "workshop")
    assert of(plan.store, "no-adoption") == []


def test_no_support(plan: Builder) -> None:
    logistics = plan.dept("Logistics", support="")
    plan.wish(None, logistics, 3)  # the backlog is no delivery
    assert of(plan.store, "no-support") == []
    plan.wishes(plan.phase("Deliveries"), logistics, [8, 2.5])
    warning = only(plan.store, "no-support")
    assert warning.subject == Subject("department", logistics)
    assert warning.message == (
        "Logistics receives 2 wishes (10.5 person-days) in 'Deliveries' but has no support "
        "contact close to its users."
    )


# --- field-creep ------------------------------------------------------------------------------


def test_field_creep_in_a_phase(plan: Builder) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("Delivery information")
    plan.wishes(phase, sales, [0.5] * 5, kind="data_field")
    assert of(plan.store, "field-creep") == []
    plan.wish(phase, sales, 0.5, kind="data_field")
    warning = only(plan.store, "field-creep")
    assert warning.message == (
        "Phase 'Delivery information' adds 6 new data fields; the limit is 5 per phase."
    )
    assert warning.principle == principles.FIELD_CREEP


def test_field_creep_in_the_plan_counts_phases_not_the_backlog(plan: Builder) -> None:
    plan.plan(field_creep_plan=6)
    sales = plan.dept("Sales")
    first, second = plan.phase("A"), plan.phase("B")
    plan.wishes(first, sales, [0.5] * 3, kind="data_field")
    plan.wishes(second, sales, [0.5] * 3, kind="data_field")
    plan.wishes(None, sales, [0.5] * 5, kind="data_field")
    assert of(plan.store, "field-creep") == []
    plan.wish(second, sales, 0.5, kind="data_field")
    warning = only(plan.store, "field-creep")
    assert warning.subject == Subject("plan", 1)
    assert warning.message == "The plan adds 7 new data fields; the limit is 6 for the whole plan."


# --- transaction-in-crm -------------------------------------------------------------------------


def test_transaction_in_crm(plan: Builder) -> None:
    finance = plan.dept("Finance")
    phase = plan.phase("Credit")
    planned = plan.wish(
        phase, finance, 15, title="Order processing and invoicing", kind="transaction_process"
    )
    later = plan.wish(None, finance, 5, title="Stock booking", kind="transaction_process")
    plan.wish(None, finance, 5, kind="transaction_process", priority="wont")
    plan.wish(phase, finance, 5, kind="integration")
    found = {w.subject.id: w for w in of(plan.store, "transaction-in-crm")}
    assert set(found) == {planned, later}
    assert found[planned].message == (
        "Wish 'Order processing and invoicing' (Finance, 15 person-days) in 'Credit' is a "
        "transaction process; orders, invoices and stock belong in the ERP."
    )
    assert found[planned].severity == Severity.WARNING
    assert found[later].severity == Severity.INFO
    assert found[planned].principle == principles.ACTIVITIES_NOT_TRANSACTIONS


# --- dependency-order ---------------------------------------------------------------------------


def test_dependency_order_at_and_after_the_predecessor_end(plan: Builder) -> None:
    platform = plan.phase("Integration platform")  # ends Friday 2027-01-29
    cases = plan.phase("Service cases", start="2027-01-30", end="2027-02-26")
    plan.depends(platform, cases)
    assert of(plan.store, "dependency-order") == []
    plan.do(SetPhaseDates(cases, day("2027-01-29"), day("2027-02-26")))
    warning = only(plan.store, "dependency-order")
    assert warning.message == (
        "Phase 'Service cases' starts 2027-01-29, but it waits for 'Integration platform', "
        "which ends 2027-01-29."
    )
    assert (warning.severity, warning.subject) == (Severity.PROBLEM, Subject("phase", cases))


def test_dependency_order_names_every_late_predecessor(plan: Builder) -> None:
    first = plan.phase("A")
    second = plan.phase("B", start="2027-01-11")
    late = plan.phase("C", start="2027-01-25")
    plan.depends(first, late)
    plan.depends(second, late)
    assert only(plan.store, "dependency-order").message == (
        "Phase 'C' starts 2027-01-25, but it waits for 'A' (ends 2027-01-29) and 'B' (ends "
        "2027-02-05)."
    )


# --- empty-goal ---------------------------------------------------------------------------------


@pytest.mark.parametrize("goal", ["", "   \n"])
def test_empty_goal(plan: Builder, goal: str) -> None:
    phase = plan.phase("Integration platform", goal=goal)
    warning = only(plan.store, "empty-goal")
    assert warning.subject == Subject("phase", phase)
    assert warning.message.startswith(
        "Phase 'Integration platform' states no benefit its users will feel"
    )


# --- scope-creep --------------------------------------------------------------------------------


def test_scope_creep_at_and_over_the_limit(plan: Builder) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("P", weeks=20)
    wish = plan.wish(phase, sales, 100)
    plan.wish(None, sales, 50)  # the backlog is not planned effort
    plan.do(TakeBaseline("Steering review 2"))
    plan.do(UpdateRow(Demand, wish, {"effort": 110}))
    assert of(plan.store, "scope-creep") == []
    plan.do(UpdateRow(Demand, wish, {"effort": 110.5}))
    warning = only(plan.store, "scope-creep")
    assert warning.message == (
        "Planned effort grew from 100 to 110.5 person-days since baseline 'Steering review 2' "
        "(+10.5 %); the limit is 10 %."
    )
    assert warning.subject == Subject("plan", 1)


def test_no_scope_creep_without_a_baseline(plan: Builder) -> None:
    plan.wishes(plan.phase("P", weeks=40), plan.dept("Sales"), [400])
    assert of(plan.store, "scope-creep") == []


# --- phase-undated ------------------------------------------------------------------------------


def test_phase_without_end_date(plan: Builder) -> None:
    phase = plan.phase("Open ended", end=None)
    plan.wishes(phase, plan.dept("Sales"), [30])
    warning = only(plan.store, "phase-undated")
    assert warning.message == (
        "Phase 'Open ended' has no end date, so its 30 person-days are not checked against the "
        "team's capacity or the departments' load."
    )
    assert warning.severity == Severity.WARNING


def test_an_empty_idea_phase_is_only_a_note(plan: Builder) -> None:
    plan.phase("Some day", start=None)
    warning = only(plan.store, "phase-undated")
    assert warning.severity == Severity.INFO
    assert warning.message == (
        "Phase 'Some day' has no dates, so it cannot be placed on the roadmap."
    )
