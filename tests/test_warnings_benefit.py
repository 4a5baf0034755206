"""Benefit checks (did the last course go down well?): their defaults, recording an answer
(undoable), the warnings `benefit-unchecked` and `benefit-not-met` with their fix, and the
incremental engine staying equal to a fresh evaluation through edits of checks."""

from __future__ import annotations

import datetime as dt

import pytest
from test_warnings_builder import Builder, apply_fix, day, evaluate, of

from planner import benefit
from planner.benefit import RecordBenefitCheck, plan_checks, question_for
from planner.commands import DeleteRow, UndoHistory, UpdateRow
from planner.enums import ActivityKind, BenefitResult
from planner.model import BenefitCheck, ChangeActivity, Department, Milestone, Phase
from planner.store import PlanStore
from planner.warnings import CODES, Severity, Subject, WarningsEngine, principles
from planner.warnings.types import TITLES


@pytest.fixture
def plan(store: PlanStore) -> Builder:
    return Builder(store)


def on(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(benefit, "today", lambda: day(text))


def live_plan(plan: Builder) -> tuple[int, int, int, int]:
    """Two phases; the first delivers to Sales and goes live on 29 January 2027."""
    sales = plan.dept("Sales")
    first = plan.phase("Customer overview", goal="Sellers see every customer on one screen.")
    second = plan.phase("Pipeline", start="2027-02-01")
    plan.wish(first, sales, 3)
    plan.wish(second, sales, 3, train=False)  # no follow-up training yet
    plan.milestone(first, "2027-01-29")
    return sales, first, second, plan.store.count(Milestone)


def test_codes_are_catalogued_with_short_names() -> None:
    assert {"benefit-unchecked", "benefit-not-met"} <= set(CODES)
    assert TITLES["benefit-not-met"] == "Benefit not felt yet"


def test_a_go_live_brings_a_check_per_department_with_defaults(plan: Builder) -> None:
    sales, first, _, _ = live_plan(plan)
    service = plan.dept("Service")
    plan.wish(first, service, 2)
    checks = plan_checks(plan.store)
    assert [(c.phase_id, c.department_id) for c in checks] == [(first, sales), (first, service)]
    check = checks[0]
    assert check.row_id is None and check.result == BenefitResult.PENDING
    assert check.due_date == day("2027-02-26")  # go-live + 4 weeks to value
    assert check.question == "Do sellers see every customer on one screen?"


def test_question_from_a_goal_without_a_plural_subject() -> None:
    assert question_for("Marketing sees which campaigns turn into deals.") == (
        "Is this true for its users now: “Marketing sees which campaigns turn into deals”?"
    )
    assert question_for("Everybody works in CRM.") == (
        "Is this true for its users now: “Everybody works in CRM”?"
    )
    assert question_for("") == "Do its users feel the benefit the phase promised?"


def test_recording_an_answer_is_undoable(plan: Builder, monkeypatch) -> None:  # noqa: ANN001
    sales, first, _, _ = live_plan(plan)
    on(monkeypatch, "2027-03-01")
    history = UndoHistory(plan.store)
    history.push(RecordBenefitCheck(first, sales, {"result": "partly", "note": "slow search"}))
    row = plan.store.rows(BenefitCheck)[0]
    assert (row.result, row.note, row.checked_on) == ("partly", "slow search", day("2027-03-01"))
    history.push(RecordBenefitCheck(first, sales, {"measured_value": "71 %"}))
    assert plan.store.count(BenefitCheck) == 1
    assert plan.store.rows(BenefitCheck)[0].measured_value == "71 %"
    history.undo()
    assert plan.store.rows(BenefitCheck)[0].measured_value == ""
    history.undo()
    assert plan.store.count(BenefitCheck) == 0
    history.redo()
    assert plan.store.rows(BenefitCheck)[0].note == "slow search"


def test_a_bad_answer_is_refused(plan: Builder) -> None:
    sales, first, _, _ = live_plan(plan)
    from planner.errors import ValidationError

    with pytest.raises(ValidationError):
        RecordBenefitCheck(first, sales, {"result": "maybe"}).do(plan.store)
    assert plan.store.count(BenefitCheck) == 0


# --- benefit-unchecked -----------------------------------------------------------------------


def test_unchecked_quiet_on_the_due_date(plan: Builder, monkeypatch) -> None:  # noqa: ANN001
    live_plan(plan)
    on(monkeypatch, "2027-02-26")
    assert of(plan.store, "benefit-unchecked") == []


def test_unchecked_raised_the_day_after(plan: Builder, monkeypatch) -> None:  # noqa: ANN001
    sales, _, _, _ = live_plan(plan)
    on(monkeypatch, "2027-02-27")
    [warning] = of(plan.store, "benefit-unchecked")
    assert warning.message == (
        "Nobody has asked Sales whether the benefit promised by 'Customer overview' "
        "(due 26 Feb 2027) is felt; the benefit check is overdue."
    )
    assert warning.subject == Subject("department", sales)
    assert warning.severity == Severity.WARNING
    assert warning.principle == principles.EAT_FRENCH


def test_unchecked_goes_when_answered_or_postponed(plan: Builder, monkeypatch) -> None:  # noqa: ANN001
    sales, first, _, _ = live_plan(plan)
    on(monkeypatch, "2027-03-10")
    RecordBenefitCheck(first, sales, {"due_date": day("2027-03-31")}).do(plan.store)
    assert of(plan.store, "benefit-unchecked") == []
    RecordBenefitCheck(first, sales, {"due_date": day("2027-03-01")}).do(plan.store)
    assert len(of(plan.store, "benefit-unchecked")) == 1
    RecordBenefitCheck(first, sales, {"result": "met"}).do(plan.store)
    assert of(plan.store, "benefit-unchecked") == []


def test_no_go_live_no_check(plan: Builder, monkeypatch) -> None:  # noqa: ANN001
    sales = plan.dept("Sales")
    plan.wish(plan.phase("Overview"), sales, 3)
    plan.milestone(None, "2027-01-29")  # a go-live of no phase
    on(monkeypatch, "2028-01-01")
    assert plan_checks(plan.store) == []
    assert of(plan.store, "benefit-unchecked") == []


# --- benefit-not-met -------------------------------------------------------------------------


def test_not_met_names_the_department_and_the_note(plan: Builder) -> None:
    sales, first, second, _ = live_plan(plan)
    RecordBenefitCheck(first, sales, {"result": "not_yet", "note": "still in Excel"}).do(
        plan.store
    )
    [warning] = of(plan.store, "benefit-not-met")
    assert warning.message == (
        "Sales does not feel the benefit of 'Customer overview': “still in Excel” yet, and "
        "no follow-up training or support is planned for it in the next phase."
    )
    assert warning.subject == Subject("department", sales)
    assert warning.principle == principles.ADOPTION
    assert [f.label for f in warning.fixes] == [
        "Plan follow-up training for Sales in 'Pipeline'",
        "Plan follow-up support for Sales in 'Pipeline'",
    ]


def test_partly_is_not_a_warning(plan: Builder) -> None:
    sales, first, _, _ = live_plan(plan)
    RecordBenefitCheck(first, sales, {"result": "partly"}).do(plan.store)
    assert of(plan.store, "benefit-not-met") == []


def test_a_training_in_the_next_phase_is_the_follow_up(plan: Builder) -> None:
    sales, first, second, _ = live_plan(plan)
    later = plan.phase("Later", start="2027-03-01")
    plan.activity(later, sales, ActivityKind.TRAINING)  # months later: no help now
    RecordBenefitCheck(first, sales, {"result": "not_yet"}).do(plan.store)
    assert len(of(plan.store, "benefit-not-met")) == 1
    plan.activity(second, sales, ActivityKind.SUPPORT)
    assert of(plan.store, "benefit-not-met") == []


@pytest.mark.parametrize("kind", ["training", "support"])
def test_fix_plans_a_follow_up_in_the_next_phase(plan: Builder, kind: str) -> None:
    sales, first, second, _ = live_plan(plan)
    RecordBenefitCheck(first, sales, {"result": "not_yet"}).do(plan.store)
    [warning] = of(plan.store, "benefit-not-met")
    apply_fix(plan.store, warning, f"follow-up {kind}")
    activity = max(plan.store.rows(ChangeActivity), key=lambda a: a.id)
    assert (activity.kind, activity.department_id, activity.phase_id, activity.date) == (
        kind, sales, second, day("2027-02-01"),
    )
    assert activity.title == f"Follow-up {kind} for Sales: Customer overview"


def test_no_fix_without_a_next_phase(plan: Builder) -> None:
    sales = plan.dept("Sales")
    only_phase = plan.phase("Overview")
    plan.wish(only_phase, sales, 3)
    plan.milestone(only_phase, "2027-01-29")
    RecordBenefitCheck(only_phase, sales, {"result": "not_yet"}).do(plan.store)
    [warning] = of(plan.store, "benefit-not-met")
    assert warning.fixes == ()


def test_a_done_phase_still_reports_its_check(plan: Builder) -> None:
    sales, first, _, _ = live_plan(plan)
    UpdateRow(Phase, first, {"status": "done"}).do(plan.store)
    RecordBenefitCheck(first, sales, {"result": "not_yet"}).do(plan.store)
    assert len(of(plan.store, "benefit-not-met")) == 1


# --- deleting what a check is about ------------------------------------------------------------


def test_deleting_the_phase_takes_its_checks_reversibly(plan: Builder) -> None:
    sales, first, _, _ = live_plan(plan)
    RecordBenefitCheck(first, sales, {"result": "met"}).do(plan.store)
    history = UndoHistory(plan.store)
    history.push(DeleteRow(Phase, first))
    assert plan.store.count(BenefitCheck) == 0
    history.undo()
    assert plan.store.rows(BenefitCheck)[0].result == "met"


def test_deleting_a_department_hands_wishes_on_and_drops_its_checks(plan: Builder) -> None:
    sales, first, _, _ = live_plan(plan)
    other = plan.dept("Marketing")
    RecordBenefitCheck(first, sales, {"result": "met"}).do(plan.store)
    history = UndoHistory(plan.store)
    history.push(DeleteRow(Department, sales, reassign_to=other))
    assert plan.store.count(BenefitCheck) == 0
    history.undo()
    assert plan.store.rows(BenefitCheck)[0].department_id == sales


# --- the engine after edits ----------------------------------------------------------------------


def test_incremental_engine_equals_a_fresh_evaluate(plan: Builder, monkeypatch) -> None:  # noqa: ANN001
    sales, first, second, _ = live_plan(plan)
    service = plan.dept("Service")
    plan.wish(first, service, 2)
    on(monkeypatch, "2027-03-15")
    engine = WarningsEngine(plan.store)
    history = UndoHistory(plan.store)

    def same() -> None:
        assert [w.as_dict() for w in engine.warnings] == [
            w.as_dict() for w in evaluate(plan.store)
        ]

    steps = [
        RecordBenefitCheck(first, sales, {"result": "not_yet"}),
        RecordBenefitCheck(first, service, {"result": "met"}),
        UpdateRow(Phase, first, {"title": "Overview"}),
        UpdateRow(Phase, second, {"position": -1}),
        UpdateRow(Phase, second, {"position": 5}),
        UpdateRow(Milestone, 1, {"date": dt.date(2027, 3, 1)}),
        RecordBenefitCheck(first, sales, {"note": "Excel still rules"}),
    ]
    for step in steps:
        history.push(step)
        same()
    [warning] = [w for w in engine.warnings if w.code == "benefit-not-met"]
    history.push(warning.fixes[0].make())
    same()
    assert not [w for w in engine.warnings if w.code == "benefit-not-met"]
    while history.can_undo:
        history.undo()
        same()
    engine.close()
