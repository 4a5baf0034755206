"""The check on open (planner/integrity) and the repair (planner/repair.py), rule by rule:
read off the model, so tables no rule lists are covered; problems carry table, record,
field, value and the repair; rows that span tables (cycles, baselines, the plan row)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Column, Enum, ForeignKey, Integer, MetaData, String, Table

from planner.commands import UndoHistory, UpdateRow
from planner.errors import DamagedPlanFile, ValidationError
from planner.integrity import find_problems, read_plan_rows
from planner.integrity.columns import _table_spec
from planner.integrity.raw import RawTable
from planner.model import Demand, Department, Plan
from planner.repair import repair_file
from planner.store import PlanStore


def write(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def refused(path: Path) -> DamagedPlanFile:
    with pytest.raises(DamagedPlanFile) as caught:
        PlanStore.open(path)
    return caught.value


def repaired(path: Path) -> tuple[PlanStore, list[str]]:
    result = repair_file(path, on_change=lambda change: None)
    return PlanStore.open(result.copy), result.changes


def test_the_sample_plan_has_no_problems(sample_file: Path) -> None:
    conn = sqlite3.connect(sample_file)
    assert find_problems(read_plan_rows(conn)) == []
    conn.close()


def test_a_table_of_another_module_is_checked_from_its_metadata() -> None:
    # A table no rule in planner/integrity names: its String length, enum and foreign key
    # come from the model alone.
    meta = MetaData()
    Table("team", meta, Column("id", Integer, primary_key=True))
    table = Table(
        "risk", meta,
        Column("id", Integer, primary_key=True),
        Column("title", String(5), nullable=False),
        Column("level", Enum("low", "high", native_enum=False), nullable=False, default="low"),
        Column("team_id", ForeignKey("team.id"), nullable=True),
    )
    spec = _table_spec(table, "title")
    team = _table_spec(meta.tables["team"], None)
    raw = {
        "team": RawTable(("id",), [(1,)]),
        "risk": RawTable(
            ("id", "title", "level", "team_id"),
            [(1, "fine", "low", 1), (2, "too long", "mid", 7)],
        ),
    }
    problems = find_problems(raw, [team, spec])
    assert [(p.record_id, p.field) for p in problems] == [
        (2, "title"), (2, "level"), (2, "team_id"),
    ]
    assert problems[1].new_value == "low" and problems[2].new_value is None
    assert problems[0].describe() == (
        "risk 2 'too long': title 'too long' is longer than the 5 characters allowed"
    )


def test_new_tables_of_the_model_are_covered(sample_file: Path) -> None:
    write(
        sample_file,
        "INSERT INTO benefit_check (id, phase_id, department_id, question, result, note, "
        "measured_value) VALUES (1, 1, 1, 'Faster?', 'maybe', '', '')",
        "INSERT INTO prerequisite (id, demand_id, needs_id) VALUES (100, 3, 4000)",
        "UPDATE objective SET value = 'high' WHERE id = 1",
        "UPDATE phase SET pinned = 7 WHERE id = 2",
    )
    error = refused(sample_file)
    found = {(p.table, p.field) for p in error.problems}
    assert found == {
        ("benefit_check", "result"), ("prerequisite", "needs_id"), ("objective", "value"),
        ("phase", "pinned"),
    }
    store, changes = repaired(sample_file)
    store.close()
    assert any("prerequisite 100" in c and "drop the prerequisite" in c for c in changes)


def test_the_problems_are_structured_and_counted(sample_file: Path) -> None:
    write(sample_file, "UPDATE demand SET priority = 'urgent!!' WHERE id IN (17, 18, 19)")
    error = refused(sample_file)
    assert error.repairable
    assert len(error.problems) == 3
    first = error.problems[0].as_dict()
    assert first == {
        "table": "demand", "record_id": 17, "record_name": first["record_name"],
        "field": "priority", "value": "'urgent!!'",
        "message": "priority 'urgent!!' is not one of must, should, could, wont",
        "repair": "set to 'should', the default",
    }
    assert "holds 3 values" in error.message and "(and 2 more)" in error.message
    assert error.problems[0].describe() in error.message


def test_a_dependency_circle_is_refused_and_broken(sample_file: Path) -> None:
    conn = sqlite3.connect(sample_file)
    pairs = conn.execute("SELECT predecessor_id, successor_id FROM dependency").fetchall()
    conn.close()
    first, second = pairs[0]
    write(
        sample_file,
        f"INSERT INTO dependency (predecessor_id, successor_id) VALUES ({second}, {first})",
    )
    error = refused(sample_file)
    assert [p.message for p in error.problems] == [
        "closes a circle (each would have to wait for the other)"
    ]
    store, _ = repaired(sample_file)
    store.close()


def test_an_unreadable_baseline_and_an_unknown_dismissal_are_dropped(sample_file: Path) -> None:
    write(
        sample_file,
        "INSERT INTO baseline (id, name, created_at, snapshot) "
        "VALUES (1, 'Review', '2026-10-01 10:00:00.000000', '{\"version\": 1, \"phases\": 3')",
        "INSERT INTO dismissal (id, code, subject_kind, subject_id, reason, created_at) "
        "VALUES (1, 'no-such-warning', 'plan', 1, 'because', '2026-10-01 10:00:00.000000')",
    )
    error = refused(sample_file)
    assert {(p.table, p.fix.value) for p in error.problems} == {
        ("baseline", "drop"), ("dismissal", "drop"),
    }
    store, _ = repaired(sample_file)
    try:
        assert store.count(Demand) > 0
    finally:
        store.close()


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("DELETE FROM plan", "the file holds no plan settings"),
        ("INSERT INTO plan (id, title, vision, sponsor_name, sponsor_role, lead_name, "
         "lead_role, working_days, team_capacity, weeks_to_value, max_departments_per_phase, "
         "field_creep_phase, field_creep_plan, scope_creep_percent) SELECT 2, title, vision, "
         "sponsor_name, sponsor_role, lead_name, lead_role, working_days, team_capacity, "
         "weeks_to_value, max_departments_per_phase, field_creep_phase, field_creep_plan, "
         "scope_creep_percent FROM plan", "a second row of plan settings"),
        ("UPDATE plan SET id = 5", "the plan settings are numbered 1 in every plan"),
    ],
    ids=["none", "two", "renumbered"],
)
def test_exactly_one_plan_row(sample_file: Path, sql: str, message: str) -> None:
    write(sample_file, sql)
    assert message in refused(sample_file).message
    store, _ = repaired(sample_file)
    try:
        assert store.count(Plan) == 1 and store.plan.id == 1
    finally:
        store.close()


def test_department_names_differing_in_case_only(sample_file: Path) -> None:
    write(sample_file, "UPDATE department SET name = upper(name) WHERE id = 2",
          "UPDATE department SET name = (SELECT lower(name) FROM department WHERE id = 2) "
          "WHERE id = 3")
    error = refused(sample_file)
    assert "is taken by department 2 already" in error.message
    store, _ = repaired(sample_file)
    try:
        names = [d.name.casefold() for d in store.rows(Department)]
        assert len(names) == len(set(names))
    finally:
        store.close()


def test_edits_keep_to_the_declared_lengths(sample_store: PlanStore) -> None:
    # What the check on open refuses, an edit must not write.
    with pytest.raises(ValidationError, match="at most 300 characters"):
        UndoHistory(sample_store).push(UpdateRow(Demand, 17, {"title": "x" * 301}))


def test_a_repaired_copy_of_a_sound_plan_says_nothing_needed_mending(sample_file: Path) -> None:
    store, changes = repaired(sample_file)
    store.close()
    assert changes == ["nothing needed mending; the copy is the plan as it was"]
