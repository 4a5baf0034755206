"""Every fix: applying it removes its warning, creates no new problem, undo brings the
warning back exactly and redo removes it again (`apply_fix` checks all four)."""

from __future__ import annotations

import pytest
from test_warnings_builder import Builder, apply_fix, day, evaluate, of

from planner.baseline import TakeBaseline
from planner.commands import UpdateRow
from planner.enums import ActivityKind, Priority
from planner.model import ChangeActivity, Demand, Department, Phase, PhaseObjective, Plan
from planner.store import PlanStore
from planner.template import fill, template_data
from planner.warnings.fixes import MoveWishes, lowest_first


@pytest.fixture
def plan(store: PlanStore) -> Builder:
    return Builder(store)


def only(store: PlanStore, code: str):  # noqa: ANN201
    found = of(store, code)
    assert len(found) == 1, found
    return found[0]


def phase_of(store: PlanStore, wish_id: int) -> int | None:
    return store.get(Demand, wish_id).phase_id


# --- phase-overloaded ---------------------------------------------------------------------------


def test_overloaded_phase_moves_lowest_priority_to_the_next_phase(plan: Builder) -> None:
    sales = plan.dept("Sales")
    full, roomy = plan.phase("Full"), plan.phase("Roomy", start="2027-02-01")
    must = plan.wish(full, sales, 40, priority="must")
    could = plan.wish(full, sales, 15, priority="could")
    wont = plan.wish(full, sales, 10, priority="wont")
    plan.wish(roomy, sales, 10)
    warning = only(plan.store, "phase-overloaded")  # 65 of 60
    assert [f.label for f in warning.fixes] == [
        "Move 'Wish 3' (10 person-days) to 'Roomy'",
        "Move 'Wish 3' (10 person-days) to the backlog",
    ]
    apply_fix(plan.store, warning, "'Roomy'")
    assert [phase_of(plan.store, w) for w in (must, could, wont)] == [full, full, roomy]


def test_overloaded_phase_to_the_backlog_until_it_fits(plan: Builder) -> None:
    sales = plan.dept("Sales")
    full = plan.phase("Full")
    plan.wish(full, sales, 40, priority="must")
    plan.wish(full, sales, 15, priority="could", votes=3)
    plan.wish(full, sales, 15, priority="could", votes=1)
    plan.wish(full, sales, 10, priority="should")
    warning = only(plan.store, "phase-overloaded")  # 80 of 60: the two coulds go
    assert [f.label for f in warning.fixes] == [
        "Move the 2 lowest-priority wishes (30 person-days) to the backlog"
    ]
    apply_fix(plan.store, warning)
    assert sum(d.effort for d in plan.store.rows(Demand) if d.phase_id == full) == 50


def test_no_next_phase_offer_when_it_would_not_fit_there(plan: Builder) -> None:
    sales = plan.dept("Sales")
    full, tight = plan.phase("Full"), plan.phase("Tight", start="2027-02-01")
    plan.wishes(full, sales, [50, 20])
    plan.wishes(tight, sales, [55])
    warnings = {w.subject.id: w for w in of(plan.store, "phase-overloaded")}
    assert [f.label for f in warnings[full].fixes] == [
        "Move 'Wish 2' (20 person-days) to the backlog"
    ]


# --- department-overloaded ----------------------------------------------------------------------


def test_department_overload_fix_relieves_every_week_of_the_stretch(plan: Builder) -> None:
    sales = plan.dept("Sales", capacity=5)
    first = plan.phase("A", start="2027-01-04")
    second = plan.phase("B", start="2027-01-18")
    plan.wish(first, sales, 12, priority="must")
    plan.wish(second, sales, 8, priority="must")
    plan.wish(second, sales, 4, priority="could")  # 6 a week in the overlap
    warning = only(plan.store, "department-overloaded")
    assert [f.label for f in warning.fixes] == ["Move 'Wish 3' (4 person-days) to the backlog"]
    apply_fix(plan.store, warning)


# --- phase-too-long -----------------------------------------------------------------------------


def test_split_keeps_the_most_important_in_the_first_weeks(plan: Builder) -> None:
    sales = plan.dept("Sales")
    long = plan.phase("Everything", weeks=10)  # 150 person-days of capacity
    musts = plan.wishes(long, sales, [20, 20], priority="must")
    coulds = plan.wishes(long, sales, [30, 30], priority="could")
    warning = only(plan.store, "phase-too-long")
    assert [f.label for f in warning.fixes] == [
        "Split it after 4 weeks: the first part ends 2027-01-31 with 2 wishes (40 "
        "person-days), the rest follows in a second part"
    ]  # the team delivers 60 in four weeks: the musts fit, a could would not
    apply_fix(plan.store, warning)
    second = max(p.id for p in plan.store.rows(Phase))
    assert [phase_of(plan.store, w) for w in musts + coulds] == [long, long, second, second]
    assert plan.store.get(Phase, long).end_date == day("2027-01-31")


# --- too-many-departments -----------------------------------------------------------------------


def test_keep_the_departments_the_phase_does_most_for(plan: Builder) -> None:
    phase = plan.phase("Everybody")
    sales, hr, finance = plan.dept("Sales"), plan.dept("HR"), plan.dept("Finance")
    plan.wishes(phase, sales, [10, 5])
    plan.wishes(phase, hr, [3])
    plan.wishes(phase, finance, [8])
    warning = only(plan.store, "too-many-departments")
    assert [f.label for f in warning.fixes] == [
        "Keep Sales and Finance and move the 1 wish of HR (3 person-days) to the backlog"
    ]
    apply_fix(plan.store, warning)
    assert {d.department_id for d in plan.store.rows(Demand) if d.phase_id is None} == {hr}


# --- dependency-order ---------------------------------------------------------------------------


def test_shift_after_the_predecessor_and_push_what_waits(plan: Builder) -> None:
    platform = plan.phase("Platform")  # ends 2027-01-29
    cases = plan.phase("Cases", start="2027-01-25")  # ends 2027-02-19
    follow = plan.phase("Follow-up", start="2027-02-22")
    plan.depends(platform, cases)
    plan.depends(cases, follow)
    warning = only(plan.store, "dependency-order")
    assert [f.label for f in warning.fixes] == [
        "Start 'Cases' on 2027-02-01, after what it waits for"
    ]
    apply_fix(plan.store, warning)
    moved = plan.store.get(Phase, cases)
    assert (moved.start_date, moved.end_date) == (day("2027-02-01"), day("2027-02-26"))
    assert plan.store.get(Phase, follow).start_date == day("2027-03-01")  # pushed along


# --- no-objective --------------------------------------------------------------------------------


def test_link_the_objective_the_phase_wishes_serve(plan: Builder) -> None:
    service = plan.objective("Faster answers")
    phase = plan.phase("Integration", objective=False)
    plan.wishes(phase, plan.dept("IT"), [2, 2], objective=service)
    warning = only(plan.store, "no-objective")
    assert warning.fixes[0].label == (
        "Link it to objective 'Faster answers', which 2 of its wishes serve"
    )
    apply_fix(plan.store, warning)
    assert [(x.phase_id, x.objective_id) for x in plan.store.rows(PhaseObjective)][-1] == (
        phase,
        service,
    )


def test_link_a_wish_to_what_its_phase_serves(plan: Builder) -> None:
    phase = plan.phase("P")
    wish = plan.wish(phase, plan.dept("HR"), 6, objective=None)
    warning = only(plan.store, "no-objective")
    assert [f.label for f in warning.fixes] == [
        "Link it to objective 'Pipeline visibility', which its phase serves"
    ]
    apply_fix(plan.store, warning)
    assert plan.store.get(Demand, wish).objective_id == plan.default_objective()


# --- no-adoption / no-support ------------------------------------------------------------------


def test_plan_a_training_for_the_department(plan: Builder) -> None:
    phase = plan.phase("Credit")
    finance = plan.dept("Finance")
    plan.wish(phase, finance, 3, train=False)
    warning = only(plan.store, "no-adoption")
    assert [f.label for f in warning.fixes] == ["Plan a training for Finance in 'Credit'"]
    apply_fix(plan.store, warning)
    activity = plan.store.rows(ChangeActivity)[-1]
    assert (activity.kind, activity.department_id, activity.date) == (
        ActivityKind.TRAINING,
        finance,
        day("2027-01-25"),
    )


def test_plan_a_training_for_each_department(plan: Builder) -> None:
    phase = plan.phase("Credit")
    plan.wish(phase, plan.dept("Finance"), 3, train=False)
    plan.wish(phase, plan.dept("Logistics"), 3, train=False)
    warning = only(plan.store, "no-adoption")
    assert [f.label for f in warning.fixes] == ["Plan a training for each of them in 'Credit'"]
    apply_fix(plan.store, warning)
    assert plan.store.count(ChangeActivity) == 2


def test_the_head_becomes_the_support_contact(plan: Builder) -> None:
    logistics = plan.dept("Logistics", support="", head="Björn Åkesson")
    plan.wish(plan.phase("Deliveries"), logistics, 2)
    warning = only(plan.store, "no-support")
    assert [f.label for f in warning.fixes] == [
        "Make Björn Åkesson, head of Logistics, the support contact"
    ]
    apply_fix(plan.store, warning)
    assert plan.store.get(Department, logistics).support_contact == "Björn Åkesson"


def test_no_support_fix_without_a_head(plan: Builder) -> None:
    nobody = plan.dept("Logistics", support="", head="")
    plan.wish(plan.phase("Deliveries"), nobody, 2)
    assert only(plan.store, "no-support").fixes == ()


# --- field-creep ---------------------------------------------------------------------------------


def test_move_the_least_wanted_fields_of_a_phase(plan: Builder) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("Fields")
    plan.wishes(phase, sales, [0.5] * 5, kind="data_field", priority="must")
    extra = plan.wish(phase, sales, 1, kind="data_field", priority="could")
    warning = only(plan.store, "field-creep")
    assert [f.label for f in warning.fixes] == ["Move 'Wish 6' (1 person-day) to the backlog"]
    apply_fix(plan.store, warning)
    assert phase_of(plan.store, extra) is None


def test_move_the_least_wanted_fields_of_the_plan(plan: Builder) -> None:
    plan.plan(field_creep_plan=3)
    sales = plan.dept("Sales")
    plan.wishes(plan.phase("A"), sales, [0.5] * 2, kind="data_field", priority="should")
    plan.wishes(plan.phase("B"), sales, [0.5] * 3, kind="data_field", priority="must")
    warning = only(plan.store, "field-creep")
    assert [f.label for f in warning.fixes] == [
        "Move the 2 lowest-priority data fields (1 person-day) to the backlog"
    ]
    apply_fix(plan.store, warning)


# --- transaction-in-crm ------------------------------------------------------------------------


@pytest.mark.parametrize("in_phase", [True, False])
def test_mark_a_transaction_wont(plan: Builder, in_phase: bool) -> None:
    phase = plan.phase("Credit") if in_phase else None
    wish = plan.wish(phase, plan.dept("Finance"), 15, kind="transaction_process")
    warning = only(plan.store, "transaction-in-crm")
    apply_fix(plan.store, warning)
    row = plan.store.get(Demand, wish)
    assert (row.priority, row.phase_id) == (Priority.WONT, None)


# --- scope-creep ---------------------------------------------------------------------------------


def test_move_what_was_added_since_the_baseline(plan: Builder) -> None:
    sales = plan.dept("Sales")
    phase = plan.phase("P", weeks=20)
    plan.wish(phase, sales, 100, priority="must")
    pulled = plan.wish(None, sales, 8, priority="should")
    plan.do(TakeBaseline("Review 1"))
    added = plan.wish(phase, sales, 6, priority="could")
    plan.do(MoveWishes([pulled], phase, "pull into the phase"))
    warning = only(plan.store, "scope-creep")  # 114 against 100: 14 %
    assert [f.label for f in warning.fixes] == [
        "Move 'Wish 3' (6 person-days) to the backlog"
    ]
    apply_fix(plan.store, warning)
    assert phase_of(plan.store, added) is None and phase_of(plan.store, pulled) == phase


# --- phase-undated and threshold-invalid -------------------------------------------------------


def test_set_an_end_date(plan: Builder) -> None:
    phase = plan.phase("Open", start="2027-03-01", end=None)
    plan.wish(phase, plan.dept("Sales"), 10)
    warning = only(plan.store, "phase-undated")
    assert [f.label for f in warning.fixes] == ["Set the end date to 2027-03-26 (4 weeks long)"]
    apply_fix(plan.store, warning)


def test_give_dates_after_the_phase_before(plan: Builder) -> None:
    plan.phase("First")  # ends 2027-01-29
    idea = plan.phase("Idea", start=None)
    warning = only(plan.store, "phase-undated")
    assert [f.label for f in warning.fixes] == ["Give it the dates 2027-02-01 to 2027-02-26"]
    apply_fix(plan.store, warning)
    assert plan.store.get(Phase, idea).end_date == day("2027-02-26")


def test_reset_unusable_thresholds(store: PlanStore) -> None:
    Builder(store)
    store.execute(lambda rec: rec.update(store.plan, field_creep_phase=0, team_capacity=0.0))
    warning = only(store, "threshold-invalid")
    assert [f.label for f in warning.fixes] == ["Set them back to the defaults"]
    apply_fix(store, warning)
    assert (store.plan.field_creep_phase, store.plan.team_capacity) == (5, 15.0)


# --- every fix of the sample plan ---------------------------------------------------------------


def _sample_fixes() -> list[tuple[str, int, str]]:
    store = PlanStore.in_memory()
    fill(store, template_data("crm"))
    found = [(w.code, i, f.label) for w in evaluate(store) for i, f in enumerate(w.fixes)]
    store.close()
    return found


@pytest.mark.parametrize(("code", "index", "label"), _sample_fixes())
def test_every_fix_of_the_sample_keeps_the_contract(
    sample_store: PlanStore, code: str, index: int, label: str
) -> None:
    warning = next(
        w for w in evaluate(sample_store) if w.code == code and len(w.fixes) > index
        and w.fixes[index].label == label
    )
    apply_fix(sample_store, warning, label)


def test_lowest_first_orders_by_priority_votes_then_place(plan: Builder) -> None:
    sales, phase = plan.dept("Sales"), plan.phase("P")
    ids = [
        plan.wish(phase, sales, 1, priority="must"),
        plan.wish(phase, sales, 1, priority="could", votes=2),
        plan.wish(phase, sales, 1, priority="could", votes=0),
        plan.wish(phase, sales, 1, priority="wont", votes=9),
    ]
    plan.do(UpdateRow(Plan, 1, {"title": "x"}))
    ranked = [d.id for d in lowest_first(plan.store.rows(Demand))]
    assert ranked == [ids[3], ids[2], ids[1], ids[0]]
