"""Wish prerequisites: creating and deleting them with undo, cycles refused with the wishes
named, deleting a wish takes its links (and undo brings them back), and the
prerequisite-later warning with its fixes."""

from __future__ import annotations

import pytest
from test_warnings_builder import Builder, apply_fix, evaluate, of

from planner.commands import CreateRow, DeleteRow, MoveDemands, UndoHistory
from planner.dump import dump
from planner.errors import ValidationError
from planner.model import Demand, Prerequisite
from planner.store import PlanStore
from planner.warnings import WarningsEngine


@pytest.fixture
def plan(store: PlanStore) -> Builder:
    return Builder(store)


def need(store: PlanStore, wish: int, needed: int) -> int:
    command = CreateRow(Prerequisite, {"demand_id": wish, "needs_id": needed})
    UndoHistory(store).push(command)
    return command.row_id  # type: ignore[return-value]


def test_a_prerequisite_is_created_and_undone(plan: Builder) -> None:
    sales = plan.dept("Sales")
    a = plan.wish(None, sales, title="ERP order sync")
    b = plan.wish(None, sales, title="Pipeline dashboard")
    history = UndoHistory(plan.store)
    history.push(CreateRow(Prerequisite, {"demand_id": b, "needs_id": a}))
    assert [(p.demand_id, p.needs_id) for p in plan.store.rows(Prerequisite)] == [(b, a)]
    history.undo()
    assert plan.store.rows(Prerequisite) == []
    history.redo()
    assert len(plan.store.rows(Prerequisite)) == 1


def test_a_cycle_is_refused_naming_the_wishes(plan: Builder) -> None:
    sales = plan.dept("Sales")
    a = plan.wish(None, sales, title="ERP order sync")
    b = plan.wish(None, sales, title="Pipeline dashboard")
    c = plan.wish(None, sales, title="Forecast")
    need(plan.store, b, a)
    need(plan.store, c, b)
    before = dump(plan.store)
    with pytest.raises(ValidationError) as caught:
        need(plan.store, a, c)
    assert "'ERP order sync' cannot need 'Forecast'" in caught.value.message
    assert "circle" in caught.value.message
    with pytest.raises(ValidationError, match="itself"):
        need(plan.store, a, a)
    with pytest.raises(ValidationError, match="already"):
        need(plan.store, b, a)
    assert dump(plan.store) == before


def test_deleting_a_wish_takes_its_links_and_undo_brings_them_back(plan: Builder) -> None:
    sales = plan.dept("Sales")
    a = plan.wish(None, sales, title="A")
    b = plan.wish(None, sales, title="B")
    c = plan.wish(None, sales, title="C")
    need(plan.store, b, a)
    need(plan.store, c, b)
    before = dump(plan.store)
    history = UndoHistory(plan.store)
    history.push(DeleteRow(Demand, b))
    assert plan.store.rows(Prerequisite) == []
    history.undo()
    assert dump(plan.store) == before


def test_a_wish_planned_before_what_it_needs_warns_with_fixes(plan: Builder) -> None:
    sales = plan.dept("Sales")
    first = plan.phase("First", "2027-01-04")
    second = plan.phase("Second", "2027-02-01")
    sync = plan.wish(second, sales, title="ERP order sync")
    board = plan.wish(first, sales, title="Pipeline dashboard")
    assert of(plan.store, "prerequisite-later") == []
    engine = WarningsEngine(plan.store)
    need(plan.store, board, sync)
    found = of(plan.store, "prerequisite-later")
    assert len(found) == 1
    warning = found[0]
    assert warning.subject.id == board
    assert "'Pipeline dashboard' in 'First' needs 'ERP order sync' (in 'Second')" in warning.message
    assert [w.as_dict() for w in engine.warnings] == [w.as_dict() for w in evaluate(plan.store)]
    # Moving what it needs into the same phase settles it; so does letting the wish wait.
    apply_fix(plan.store, warning, "Move 'ERP order sync' into 'First'").undo()
    apply_fix(plan.store, warning, "to 'Second'").undo()
    # The needed wish back in the backlog: the warning says so; the engine follows.
    UndoHistory(plan.store).push(MoveDemands([sync], None))
    assert "in the backlog" in of(plan.store, "prerequisite-later")[0].message
    assert [w.as_dict() for w in engine.warnings] == [w.as_dict() for w in evaluate(plan.store)]
    apply_fix(plan.store, of(plan.store, "prerequisite-later")[0], "to the backlog")
    assert [w.as_dict() for w in engine.warnings] == [w.as_dict() for w in evaluate(plan.store)]
    engine.close()


def test_same_phase_is_fine(plan: Builder) -> None:
    sales = plan.dept("Sales")
    first = plan.phase("First", "2027-01-04")
    a = plan.wish(first, sales, title="A")
    b = plan.wish(first, sales, title="B")
    need(plan.store, b, a)
    assert of(plan.store, "prerequisite-later") == []
