"""Every way a file can fail to be a usable plan gets its own message and leaves the file
byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from planner import fileformat
from planner.commands import CreateRow, UndoHistory, UpdateRow
from planner.errors import (
    DamagedPlanFile,
    NotAPlanFile,
    PlanFileError,
    PlanFileMissing,
    PlanFileReadOnly,
    PlanFileTooNew,
)
from planner.model import Demand, Department, Phase, Plan
from planner.store import PlanStore


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused(path: Path, error: type[Exception], words: str) -> str:
    before = digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(error) as info:
        PlanStore.open(path).close()
    assert words in str(info.value)
    assert digest(path) == before, "the file was modified"
    assert sorted(p.name for p in path.parent.iterdir()) == siblings, "files were left behind"
    return str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanFileMissing, match="no plan file"):
        PlanStore.open(tmp_path / "nope.rollout")
    assert not (tmp_path / "nope.rollout").exists()


def test_folder_is_not_a_plan(tmp_path: Path) -> None:
    with pytest.raises(NotAPlanFile, match="is a folder"):
        PlanStore.open(tmp_path)


def test_text_file_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.rollout"
    path.write_text("Kickoff with Åsa and Bjørn\n" * 50, encoding="utf-8")
    assert_refused(path, NotAPlanFile, "not an SQLite database at all")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.rollout"
    path.write_bytes(b"")
    assert_refused(path, NotAPlanFile, "is empty")


def test_sqlite_file_of_another_application(tmp_path: Path) -> None:
    path = tmp_path / "other.rollout"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE plan (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO plan VALUES (1, 'not ours')")
    conn.commit()
    conn.close()
    assert_refused(path, NotAPlanFile, "another application")


def test_truncated_file(sample_file: Path) -> None:
    data = sample_file.read_bytes()
    sample_file.write_bytes(data[: len(data) // 2])
    assert_refused(sample_file, DamagedPlanFile, "cut short")


def test_file_cut_inside_the_header(sample_file: Path) -> None:
    sample_file.write_bytes(sample_file.read_bytes()[:60])
    assert_refused(sample_file, DamagedPlanFile, "cut short")


def test_damaged_pages(sample_file: Path) -> None:
    data = bytearray(sample_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Scribble over the second page (the first table's b-tree page), keep the header intact.
    data[page : page + 200] = b"\xff" * 200
    sample_file.write_bytes(bytes(data))
    assert_refused(sample_file, DamagedPlanFile, "damaged")


def test_file_from_a_newer_version(sample_file: Path) -> None:
    conn = sqlite3.connect(sample_file)
    conn.execute(f"PRAGMA user_version = {fileformat.SCHEMA_VERSION + 1}")
    conn.close()
    message = assert_refused(sample_file, PlanFileTooNew, "newer version")
    assert "update Rollout Planner" in message


def test_plan_missing_a_table_is_damaged(sample_file: Path) -> None:
    conn = sqlite3.connect(sample_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE milestone")
    conn.commit()
    conn.close()
    assert_refused(sample_file, DamagedPlanFile, "'milestone' is missing")


def test_read_only_file_opens_read_only_and_refuses_edits(sample_file: Path) -> None:
    before = digest(sample_file)
    sample_file.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        store = PlanStore.open(sample_file)
        assert store.read_only
        assert "read-only" in store.read_only_reason
        title = store.plan.title
        with pytest.raises(PlanFileReadOnly, match="Save As"):
            UndoHistory(store).push(UpdateRow(Plan, 1, {"title": "Changed"}))
        assert store.plan.title == title
        store.close()
    finally:
        sample_file.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert digest(sample_file) == before


def test_read_only_copy_can_be_saved_as_an_editable_plan(sample_file: Path, tmp_path: Path):
    store = PlanStore.open(sample_file, read_only=True)
    target = tmp_path / "mine.rollout"
    store.save_as(target)
    assert not store.read_only and store.path == target
    UndoHistory(store).push(UpdateRow(Plan, 1, {"title": "Min plan"}))
    store.close()
    reopened = PlanStore.open(target)
    assert reopened.plan.title == "Min plan"
    reopened.close()


def test_open_writes_nothing_to_a_good_file(sample_file: Path) -> None:
    before = digest(sample_file)
    PlanStore.open(sample_file).close()
    assert digest(sample_file) == before


def test_plan_file_pragmas(sample_file: Path) -> None:
    conn = sqlite3.connect(sample_file)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == fileformat.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == fileformat.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_trusted_schema_is_off(sample_file: Path) -> None:
    store = PlanStore.open(sample_file)
    assert store._conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_hostile_view_with_function_does_not_run(sample_file: Path) -> None:
    """A plan is data: a view calling an application function must not be usable from it."""
    conn = sqlite3.connect(sample_file)
    conn.execute("CREATE VIEW sneaky AS SELECT load_extension('/tmp/evil') AS x")
    conn.commit()
    conn.close()
    store = PlanStore.open(sample_file)
    with pytest.raises(sqlite3.Error):
        store._conn.execute("SELECT * FROM sneaky").fetchall()
    store.close()


def test_plan_with_a_trigger_is_refused(sample_file: Path) -> None:
    conn = sqlite3.connect(sample_file)
    conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON plan BEGIN DELETE FROM demand; END")
    conn.commit()
    conn.close()
    assert_refused(sample_file, NotAPlanFile, "triggers ('wipe')")


def test_every_edit_is_committed_at_once(sample_file: Path) -> None:
    store = PlanStore.open(sample_file)
    history = UndoHistory(store)
    sales = next(d for d in store.rows(Department) if d.name == "Sales")
    history.push(CreateRow(Demand, {"title": "Offline mode", "department_id": sales.id}))
    # Another connection sees it at once: no save step.
    conn = sqlite3.connect(sample_file)
    titles = {r[0] for r in conn.execute("SELECT title FROM demand")}
    conn.close()
    assert "Offline mode" in titles
    store.close()


def test_save_as_copies_and_continues_in_the_copy(sample_file: Path, tmp_path: Path) -> None:
    store = PlanStore.open(sample_file)
    copy = tmp_path / "copy.rollout"
    store.save_as(copy)
    UndoHistory(store).push(UpdateRow(Plan, 1, {"title": "Only in the copy"}))
    store.close()
    original = PlanStore.open(sample_file)
    copied = PlanStore.open(copy)
    assert original.plan.title != "Only in the copy"
    assert copied.plan.title == "Only in the copy"
    assert copied.count(Phase) == original.count(Phase)
    original.close()
    copied.close()
    assert not any(p.name.endswith(".saving") for p in tmp_path.iterdir())


def test_save_as_keeps_rows_and_listeners(sample_file: Path, tmp_path: Path) -> None:
    store = PlanStore.open(sample_file)
    heard: list[int] = []
    store.subscribe(lambda changes: heard.append(len(changes)))
    phase = store.rows(Phase)[0]
    store.save_as(tmp_path / "copy.rollout")
    history = UndoHistory(store)
    history.push(UpdateRow(Phase, phase.id, {"title": "Renamed in the copy"}))
    assert heard == [1]
    assert store.rows(Phase)[0] is phase and phase.title == "Renamed in the copy"
    history.undo()
    assert heard == [1, 1] and phase.title != "Renamed in the copy"
    store.close()


def test_create_refuses_to_overwrite(sample_file: Path) -> None:
    before = digest(sample_file)
    with pytest.raises(PlanFileError, match="already exists"):
        PlanStore.create(sample_file)
    assert digest(sample_file) == before


def test_create_in_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="does not exist"):
        PlanStore.create(tmp_path / "no" / "such.rollout")


def test_copy_in_memory_is_independent(sample_store) -> None:
    copy = sample_store.copy_in_memory()
    phase = copy.rows(Phase)[0]
    UndoHistory(copy).push(UpdateRow(Phase, phase.id, {"title": "Only in the copy"}))
    assert sample_store.get(Phase, phase.id).title != "Only in the copy"
    assert copy.path is None and copy._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    copy.close()
