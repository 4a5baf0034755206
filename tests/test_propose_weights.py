"""The proposer's weights live in the plan's settings (format 6): defaults as before, an
older file upgraded with them, validated on edit and in the file check, and a changed
weight changes the proposal the way it says."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from pathlib import Path

import pytest

from planner import fileformat
from planner.commands import UndoHistory, UpdateRow
from planner.enums import DemandKind, Priority
from planner.errors import DamagedPlanFile, PlanError
from planner.migrate import run_migrations
from planner.model import Demand, Department, Plan
from planner.propose.plan_problem import Options, prepare
from planner.propose.proposal import proposal_curve, propose
from planner.propose.weights import WEIGHT_COLUMNS, Weights, default_values
from planner.store import PlanStore

DEFAULTS = {"weight_must": 10.0, "weight_should": 4.0, "weight_could": 1.0,
            "weight_vote": 1.0, "weight_objective": 20.0, "weight_department": 2.0,
            "weight_phase": 0.5}  # fmt: skip


def test_a_new_plan_has_the_weights_the_proposer_always_used(tmp_path: Path) -> None:
    store = PlanStore.create(tmp_path / "new.rollout")
    try:
        assert {c: getattr(store.plan, c) for c in WEIGHT_COLUMNS} == DEFAULTS
        assert default_values() == DEFAULTS
        assert Weights.of(store.plan) == Weights.defaults() == Weights(10, 4, 1, 1, 20, 2, 0.5)
    finally:
        store.close()


def test_a_format_5_file_is_upgraded_with_the_default_weights(tmp_path: Path) -> None:
    path = tmp_path / "five.rollout"
    run_migrations(path, "0005")  # exactly what format 5 was
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {fileformat.APPLICATION_ID}")
    conn.execute("UPDATE plan SET title = 'Five', start_date = '2027-01-04'")
    conn.commit()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    assert "weight_must" not in {r[1] for r in conn.execute("PRAGMA table_info('plan')")}
    conn.close()

    store = PlanStore.open(path)
    try:
        assert store.plan.title == "Five"
        assert {c: getattr(store.plan, c) for c in WEIGHT_COLUMNS} == DEFAULTS
        UndoHistory(store).push(UpdateRow(Plan, 1, {"weight_could": 0.0}))
    finally:
        store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == fileformat.SCHEMA_VERSION == 6
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0006"
    assert conn.execute("SELECT weight_could FROM plan").fetchone()[0] == 0.0
    # The migration's CHECK holds in the upgraded file too.
    with pytest.raises(sqlite3.IntegrityError, match="ck_plan_weight_phase"):
        conn.execute("UPDATE plan SET weight_phase = -1")
    conn.close()


@pytest.mark.parametrize(
    ("value", "message"),
    [(-1.0, "must be between 0 and 1000, not -1"), (5000.0, "not 5000"),
     (math.nan, "must be a number"), ("lots", "'lots' is not a number")],
)  # fmt: skip
def test_a_bad_weight_is_refused_and_changes_nothing(value, message: str) -> None:  # noqa: ANN001
    store = PlanStore.in_memory()
    with pytest.raises(PlanError, match=message) as refused:
        UndoHistory(store).push(UpdateRow(Plan, 1, {"weight_department": value}))
    assert getattr(refused.value, "field", None) == "weight_department"
    assert store.plan.weight_department == 2.0


@pytest.mark.parametrize(
    ("stored", "expected", "repair"),
    [("-3", "weight_must -3.0 is outside 0…1000", 0.0), ("'heavy'", "heavy", 10.0)],
)
def test_a_damaged_weight_in_a_file_is_reported(
    tmp_path: Path, stored: str, expected: str, repair: float
) -> None:
    path = tmp_path / "damaged.rollout"
    PlanStore.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(f"UPDATE plan SET weight_must = {stored}")
    conn.commit()
    conn.close()
    with pytest.raises(DamagedPlanFile) as caught:
        PlanStore.open(path)
    problems = [p for p in caught.value.problems if p.field == "weight_must"]
    assert len(problems) == 1 and problems[0].table == "plan"
    assert expected in problems[0].message
    assert problems[0].new_value == repair and caught.value.repairable


def one_slot_plan(wishes: list[tuple[str, Priority, float, int]], capacity: float = 5.0,
                  departments: int = 1) -> PlanStore:  # fmt: skip
    """One-week phases; each department absorbs `capacity` a week. A wish is (department
    name, priority, effort, votes)."""
    store = PlanStore.in_memory()

    def fill(rec) -> None:  # noqa: ANN001
        rec.update(store.plan, start_date=dt.date(2027, 1, 4), team_capacity=50.0,
                   weeks_to_value=1, max_departments_per_phase=2, sponsor_name="S",
                   sponsor_role="CEO")  # fmt: skip
        ids = {}
        for n in range(departments):
            name = "AB"[n]
            ids[name] = rec.insert(Department, name=name, colour="#888888", head="",
                                   capacity=capacity, support_contact="x", is_it=False,
                                   position=n).id  # fmt: skip
        for i, (dept, priority, effort, votes) in enumerate(wishes):
            rec.insert(Demand, title=f"{priority.value} {dept}", department_id=ids[dept],
                       phase_id=None, effort=effort, priority=priority,
                       kind=DemandKind.FEATURE, objective_id=None, notes="", votes=votes,
                       position=i)  # fmt: skip

    store.execute(fill)
    return store


def first_phase_titles(store: PlanStore) -> list[str]:
    proposal = propose(store, Options(phases=1, time_limit=2.0))
    return sorted(store.get(Demand, w).title for w in proposal.phases[0].wish_ids)


def test_could_worth_nothing_and_must_worth_more_puts_the_must_have_first() -> None:
    # Room for one of the two: the could-have's 12 votes outweigh the must-have by default.
    store = one_slot_plan([("A", Priority.MUST, 5.0, 0), ("A", Priority.COULD, 5.0, 12)])
    assert first_phase_titles(store) == ["could A"]
    history = UndoHistory(store)
    history.push(UpdateRow(Plan, 1, {"weight_could": 0.0, "weight_must": 30.0}))
    assert first_phase_titles(store) == ["must A"]
    history.undo()
    assert first_phase_titles(store) == ["could A"]


def test_a_higher_department_penalty_keeps_a_phase_to_one_department() -> None:
    # A should-have for a second department is worth 4, less 2 for serving it: it goes in.
    store = one_slot_plan([("A", Priority.MUST, 2.0, 0), ("B", Priority.SHOULD, 2.0, 0)],
                          departments=2)  # fmt: skip
    assert first_phase_titles(store) == ["must A", "should B"]
    UndoHistory(store).push(UpdateRow(Plan, 1, {"weight_department": 5.0}))
    assert first_phase_titles(store) == ["must A"]


def test_every_value_the_proposer_shows_uses_the_plans_weights() -> None:
    store = one_slot_plan([("A", Priority.MUST, 2.0, 3)])
    proposal = propose(store, Options(phases=1, time_limit=1.0))
    assert proposal_curve(store, proposal)[-1][1] == 10 + 3
    UndoHistory(store).push(UpdateRow(Plan, 1, {"weight_must": 7.0, "weight_vote": 2.0}))
    prepared = prepare(store, Options(phases=1, time_limit=0))
    assert prepared.weights == Weights.of(store.plan)
    assert prepared.problem.items[0].value == 7 + 2 * 3
    assert prepared.problem.family_penalty == 2.0 and prepared.problem.slot_penalty == 0.5
    assert proposal_curve(store, propose(store, Options(phases=1, time_limit=1.0)))[-1][1] == 13


def test_the_plans_weights_are_the_one_source() -> None:
    """Nothing makes up its own weights: `Weights(...)` is built in weights.py alone, and
    every value the proposer computes goes through a plan's (`Weights.of`)."""
    import re

    root = Path(__file__).resolve().parent.parent
    made = []
    for folder in ("app", "planner", "ui", "benchmarks"):
        for path in (root / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r"\bWeights\(", line) and "class Weights" not in line:
                    made.append(f"{path.relative_to(root)}:{number}")
    assert made == [], made
    assert "weights" not in {f for f in Options.__dataclass_fields__}


def test_info_json_shows_the_weights(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    import json

    from app.cli import main

    path = tmp_path / "plan.rollout"
    store = PlanStore.create(path)
    UndoHistory(store).push(UpdateRow(Plan, 1, {"weight_objective": 35.0}))
    store.close()
    assert main(["info", str(path), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)["plan"]
    assert {c: plan[c] for c in WEIGHT_COLUMNS} == {**DEFAULTS, "weight_objective": 35.0}
