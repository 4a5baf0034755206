"""Older plan files are upgraded on open; the upgraded schema equals a fresh one."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from planner import fileformat
from planner.commands import UndoHistory, Vote
from planner.errors import DamagedPlanFile
from planner.migrate import backup_path
from planner.model import Demand, Department, Dismissal, Phase
from planner.store import PlanStore

FIXTURE = Path(__file__).parent / "fixtures" / "plan-v1.rollout"


@pytest.fixture
def v1_file(tmp_path: Path) -> Path:
    path = tmp_path / "old plan.rollout"
    shutil.copyfile(FIXTURE, path)
    return path


def schema(path: Path) -> dict[str, object]:
    """Columns (name, type, not null, pk), foreign keys and indexes of every table."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    out: dict[str, object] = {}
    for table in sorted(tables):
        columns = sorted(
            (r[1], r[2].upper(), r[3], r[5]) for r in conn.execute(f"PRAGMA table_info('{table}')")
        )
        fks = sorted(
            (r[2], r[3], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list('{table}')")
        )
        indexes = sorted(
            (r[2], tuple(c[2] for c in conn.execute(f"PRAGMA index_info('{r[1]}')")))
            for r in conn.execute(f"PRAGMA index_list('{table}')")
        )
        out[table] = (columns, fks, indexes)
    conn.close()
    return out


def test_fixture_is_format_1() -> None:
    conn = sqlite3.connect(FIXTURE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "votes" not in {r[1] for r in conn.execute("PRAGMA table_info('demand')")}
    conn.close()


def test_old_file_is_upgraded_on_open_keeping_its_data(v1_file: Path) -> None:
    original = hashlib.sha256(v1_file.read_bytes()).hexdigest()
    store = PlanStore.open(v1_file)
    assert store.plan.title == "Kundeløft 2025 — Ørsted Rør AS"
    assert [d.name for d in store.rows(Department)] == ["Salg", "IT"]
    assert [p.title for p in store.rows(Phase)] == ["Kundeoversikt", "Tilbud"]
    demands = store.rows(Demand)
    assert [d.votes for d in demands] == [0, 0, 0]
    assert demands[2].phase_id is None
    # The new format's features work on the upgraded file.
    UndoHistory(store).push(Vote(demands[0].id))
    assert store.get(Demand, demands[0].id).votes == 1
    assert store.rows(Dismissal) == []
    store.close()

    conn = sqlite3.connect(v1_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == fileformat.SCHEMA_VERSION
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert revision == fileformat.HEAD_REVISION
    conn.close()
    backup = backup_path(v1_file, 1)
    assert hashlib.sha256(backup.read_bytes()).hexdigest() == original


def test_upgraded_schema_equals_a_fresh_plan(v1_file: Path, tmp_path: Path) -> None:
    PlanStore.open(v1_file).close()
    fresh = tmp_path / "fresh.rollout"
    PlanStore.create(fresh).close()
    assert schema(v1_file) == schema(fresh)


def test_read_only_open_of_old_file_upgrades_in_memory_only(v1_file: Path) -> None:
    before = hashlib.sha256(v1_file.read_bytes()).hexdigest()
    store = PlanStore.open(v1_file, read_only=True)
    assert store.read_only and "older format" in store.read_only_reason
    assert store.count(Demand) == 3
    store.close()
    assert hashlib.sha256(v1_file.read_bytes()).hexdigest() == before
    assert not backup_path(v1_file, 1).exists()


def test_failed_upgrade_leaves_the_file_as_it_was(v1_file: Path) -> None:
    # A format-1 file that already has a table the upgrade wants to create: it fails.
    conn = sqlite3.connect(v1_file)
    conn.execute("CREATE TABLE dismissal (x TEXT)")
    conn.commit()
    conn.close()
    before = hashlib.sha256(v1_file.read_bytes()).hexdigest()
    with pytest.raises(DamagedPlanFile, match="could not be upgraded.*not changed"):
        PlanStore.open(v1_file)
    assert hashlib.sha256(v1_file.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in v1_file.parent.iterdir()) == [v1_file.name]
