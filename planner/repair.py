"""A repaired copy of a damaged plan: `name (repaired).rollout` beside the original, which is
never touched.

The copy is made from the file's bytes (and its rollback journal, so an edit cut short is
rolled back in the copy as SQLite would). Then, in the copy only:

- triggers and views are removed (no plan has any; they could run SQL from the file);
- if SQLite finds damaged pages, or tables or columns are missing, every row that can still be
  read is carried over into a fresh plan of the current format ("salvage");
- each problem planner/integrity finds is mended by the rule it states: a dangling optional
  reference is cleared (a wish goes to the backlog), a wish or activity whose department is
  gone gets a placeholder department, a row whose mandatory phase or wish is gone is dropped,
  an unknown enum value gets the default, an impossible date is cleared (a milestone, whose
  date is required, gets the plan's start instead), oversized text is cut, a number that is
  not finite gets the default and one out of range the nearest allowed value, an unreadable
  baseline or a dismissal of an unknown warning is dropped, a missing plan row is added;
- repeated until the checker finds nothing (a mend can reveal another problem, e.g. two
  departments both renamed 'Untitled department').

What was changed is kept in the copy, in a `repair_log` table (created outside the ORM like
Alembic's own table; `rollout-planner info` shows it), and returned to the caller. Finally the
copy must open through PlanStore like any plan, or it is deleted and the repair fails.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner import fileformat
from planner.errors import DamagedPlanFile, PlanError, PlanFileError
from planner.i18n import _
from planner.integrity import (
    Fix,
    Problem,
    TableSpec,
    find_problems,
    read_plan_rows,
    table_specs,
)
from planner.integrity.raw import file_columns

if TYPE_CHECKING:
    from planner.store import PlanStore

LOG_TABLE = "repair_log"
_CREATE_LOG = (
    f"CREATE TABLE IF NOT EXISTS {LOG_TABLE} (id INTEGER PRIMARY KEY, "
    "repaired_at TEXT NOT NULL, source TEXT NOT NULL, change TEXT NOT NULL)"
)
MAX_ROUNDS = 8


@dataclass(frozen=True)
class RepairResult:
    source: Path
    copy: Path
    changes: list[str]


@dataclass(frozen=True)
class LogEntry:
    repaired_at: str
    source: str
    change: str


def repaired_name(source: Path) -> Path:
    """'plan (repaired).rollout', or 'plan (repaired 2).rollout' … when that exists."""
    suffix = source.suffix or fileformat.SUFFIX
    stem = source.name[: -len(source.suffix)] if source.suffix else source.name
    candidate = source.with_name(f"{stem} (repaired){suffix}")
    number = 2
    while candidate.exists():
        candidate = source.with_name(f"{stem} (repaired {number}){suffix}")
        number += 1
    return candidate


def repair_file(
    source: Path | str, out: Path | str | None = None, *, on_change: Callable[[str], None] = print
) -> RepairResult:
    """Write a repaired copy of `source` to `out` (default: `repaired_name(source)`). Raises
    a PlanFileError when the file cannot be read at all, or `out` cannot be written."""
    source = Path(source)
    facts = fileformat.inspect_file(source)  # not a plan, too new, a pipe: nothing to repair
    target = Path(out) if out is not None else repaired_name(source)
    if target.exists():
        if target.resolve() == source.resolve():
            raise PlanFileError(
                _("The repaired copy cannot replace the original; choose another name.")
            )
        raise PlanFileError(
            _(
                "{target} exists already; choose another name."
            ).format(target=target)
        )
    if not target.parent.is_dir():
        raise PlanFileError(
            _(
                "Cannot write {name}: the folder {parent} does not exist."
            ).format(name=target.name, parent=target.parent)
        )
    work = target.with_name(f".{target.name}.repairing")
    changes: list[str] = []

    def note(change: str) -> None:
        changes.append(change)
        on_change(change)

    try:
        _copy_bytes(source, work)
        _make_sound(work, source.name, facts.schema_version, note)
        conn = _writable(work)
        try:
            mark = len(changes)
            try:
                _mend(conn, note)
            except (sqlite3.DatabaseError, UnicodeDecodeError):
                # Damage the integrity check did not see, met while writing: salvage the rows
                # into a fresh plan after all, and mend that (the mending so far is undone).
                conn.close()
                del changes[mark:]
                note(_("the file is damaged below its rows; starting over from what can be read"))
                _salvage(work, source.name, note)
                conn = _writable(work)
                _mend(conn, note)
            if not changes:
                note(_("nothing needed mending; the copy is the plan as it was"))
            _write_log(conn, source, changes)
            conn.commit()
        finally:
            conn.close()
        _durable(work)
        work.replace(target)
    except OSError as exc:
        raise PlanFileError(
            _(
                "Cannot write {name}: {reason}."
            ).format(name=target.name, reason=exc.strerror or exc)
        ) from exc
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise DamagedPlanFile(
            _(
                "{name} cannot be repaired: {reason}."
            ).format(name=source.name, reason=_reason(exc))
        ) from exc
    finally:
        work.unlink(missing_ok=True)
        work.with_name(work.name + "-journal").unlink(missing_ok=True)
    _prove_it_opens(source, target)
    return RepairResult(source, target, changes)


def repair_log(store: PlanStore) -> list[LogEntry]:
    """What repairs changed in this plan, oldest first; empty for a plan never repaired."""
    conn = getattr(store, "_conn", None)  # a meta table, like alembic_version: not in the ORM
    if conn is None:
        return []  # a plan on a server: repairs are made to files, and copies carry no log
    return read_log(conn)


def read_log(conn: sqlite3.Connection) -> list[LogEntry]:
    try:
        rows = conn.execute(
            f"SELECT repaired_at, source, change FROM {LOG_TABLE} ORDER BY id"
        ).fetchall()
    except sqlite3.Error:
        return []
    return [LogEntry(str(a), str(b), str(c)) for a, b, c in rows]


# --- the copy -------------------------------------------------------------------------------


def _copy_bytes(source: Path, work: Path) -> None:
    shutil.copyfile(source, work)
    journal = source.with_name(source.name + "-journal")
    if journal.is_file() and journal.stat().st_size > 0:
        # Opening the copy rolls the edit that was cut short back, in the copy only.
        shutil.copyfile(journal, work.with_name(work.name + "-journal"))


def _writable(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA trusted_schema = OFF")
    # While mending, rows may pass through states the constraints forbid (a wish whose
    # placeholder department comes later); the checker has the last word on the result.
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA journal_mode = DELETE")
    # A scratch file until it is renamed into place: one fsync at the end (_durable), not one
    # per statement batch.
    conn.execute("PRAGMA synchronous = OFF")
    return conn


def _durable(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def _make_sound(work: Path, name: str, version: int, note: Callable[[str], None]) -> None:
    """Leave `work` an SQLite file of the current format that SQLite reads without error."""
    try:
        conn = _writable(work)
        try:
            _drop_code(conn, note)
            conn.commit()
        finally:
            conn.close()
        if version < fileformat.SCHEMA_VERSION:
            from planner.migrate import run_migrations

            run_migrations(work)
        if _sound(work):
            return
    except Exception:  # noqa: BLE001 - any failure here means: salvage what can be read
        pass
    _salvage(work, name, note)


def _drop_code(conn: sqlite3.Connection, note: Callable[[str], None]) -> None:
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
    ).fetchall():
        conn.execute(f'DROP {kind.upper()} IF EXISTS "{name.replace(chr(34), chr(34) * 2)}"')
        # Translators: {kind} is SQLite's word, "trigger" or "view".
        note(_("removed the {kind} '{name}', which no plan has").format(kind=kind, name=name))


def _sound(path: Path) -> bool:
    from planner.store import is_value_finding

    conn = sqlite3.connect(str(path))
    try:
        # The full check (indexes too), not the quick one: mending writes through them.
        findings = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if not all(f == "ok" or is_value_finding(f) for f in findings):
            return False
        for spec in table_specs():
            if not set(spec.column_names) <= file_columns(conn, spec.name):
                return False
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _salvage(work: Path, name: str, note: Callable[[str], None]) -> None:
    """Carry every row that can be read from the damaged `work` into a fresh plan."""
    from planner.store import _create_schema

    fresh = work.with_name(work.name + ".fresh")
    fresh.unlink(missing_ok=True)
    try:
        old = sqlite3.connect(f"file:{work}?mode=ro", uri=True)
        # Text that is not UTF-8 comes over as a BLOB, which mending then reports and mends.
        old.text_factory = _text_or_bytes
        new = sqlite3.connect(str(fresh))
        try:
            _create_schema(new)
            new.execute("PRAGMA foreign_keys = OFF")
            new.execute("PRAGMA ignore_check_constraints = ON")
            new.execute("DELETE FROM plan")  # the file's own plan row, if it can be read
            readable = [_salvage_table(old, new, spec, note) for spec in table_specs()]
            if not any(readable):
                # An empty plan is no repair of anything: say so instead.
                raise sqlite3.DatabaseError(_("none of its tables can be read"))
            new.commit()
        finally:
            old.close()
            new.close()
        fresh.replace(work)
    except (sqlite3.Error, UnicodeDecodeError) as exc:  # the latter: an unreadable schema
        fresh.unlink(missing_ok=True)
        raise DamagedPlanFile(
            _(
                "{name} cannot be repaired: SQLite cannot read it at all ({reason})."
            ).format(name=name, reason=_reason(exc))
        ) from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return _("its schema is damaged")
    return str(exc).rstrip(".") or type(exc).__name__


def _text_or_bytes(data: bytes) -> str | bytes:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def _salvage_table(
    old: sqlite3.Connection, new: sqlite3.Connection, spec: TableSpec, note: Callable[[str], None]
) -> bool:
    """Copy what can be read of one table; False if none of it could be."""
    try:
        present = file_columns(old, spec.name)
    except (sqlite3.Error, UnicodeDecodeError):
        present = set()
    columns = [c for c in spec.column_names if c in present]
    if "id" not in columns:
        note(_("table '{table}' could not be read; it starts empty").format(table=spec.name))
        return False
    names = ", ".join(f'"{c}"' for c in columns)
    insert = (
        f'INSERT OR IGNORE INTO "{spec.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    )
    copied, complete = 0, True
    try:
        cursor = old.execute(f'SELECT {names} FROM "{spec.name}"')
        while (row := cursor.fetchone()) is not None:
            copied += new.execute(insert, row).rowcount
    except (sqlite3.Error, UnicodeDecodeError):
        complete = False
    lacking = [c for c in spec.column_names if c not in present]
    if not complete:
        note(
            _("table '{table}': {n} rows could be read, the rest was damaged").format(
                table=spec.name, n=copied
            )
        )
    if lacking:
        note(
            _("table '{table}' had no column {columns}; defaults filled in").format(
                table=spec.name, columns=", ".join(lacking)
            )
        )
    return True


# --- mending -------------------------------------------------------------------------------


def _mend(conn: sqlite3.Connection, note: Callable[[str], None]) -> None:
    specs = {spec.name: spec for spec in table_specs()}
    for _round in range(MAX_ROUNDS):
        problems = find_problems(read_plan_rows(conn))
        if not problems:
            return
        for problem in problems:
            _apply(conn, specs, problem)
            # Translators: a problem and how the repair mended it: "...: clear it".
            note(_("{problem}: {repair}").format(problem=problem.describe(), repair=problem.repair))
    raise DamagedPlanFile(_("The plan could not be repaired: mending did not settle."))


def _apply(conn: sqlite3.Connection, specs: dict[str, TableSpec], problem: Problem) -> None:
    table = f'"{problem.table}"'
    if problem.fix is Fix.SET:
        conn.execute(
            f'UPDATE {table} SET "{problem.field}" = ? WHERE id = ?',
            (problem.new_value, problem.record_id),
        )
    elif problem.fix is Fix.DROP:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (problem.record_id,))
    elif problem.fix is Fix.RENUMBER_PLAN:
        conn.execute("UPDATE plan SET id = 1 WHERE id = ?", (problem.record_id,))
    elif problem.fix is Fix.ADD_PLAN:
        _insert_default(conn, specs["plan"], {"id": 1})
    elif problem.fix is Fix.ADD_DEPARTMENT:
        row_id = problem.new_value
        if conn.execute("SELECT 1 FROM department WHERE id = ?", (row_id,)).fetchone():
            return  # added for an earlier problem in this round
        name = f"Department {row_id} (recovered)"
        while conn.execute("SELECT 1 FROM department WHERE name = ?", (name,)).fetchone():
            name += "*"
        _insert_default(conn, specs["department"], {"id": row_id, "name": name})


def _insert_default(conn: sqlite3.Connection, spec: TableSpec, values: dict[str, Any]) -> None:
    row = dict(values)
    for column in spec.columns:
        if column.name in row:
            continue
        if column.default is not None:
            row[column.name] = column.default
        elif not column.nullable:
            row[column.name] = {"int": 0, "float": 0.0, "bool": 0}.get(column.kind, "")
    names = ", ".join(f'"{c}"' for c in row)
    conn.execute(
        f'INSERT INTO "{spec.name}" ({names}) VALUES ({", ".join("?" * len(row))})',
        list(row.values()),
    )


def _write_log(conn: sqlite3.Connection, source: Path, changes: list[str]) -> None:
    conn.execute(_CREATE_LOG)
    when = dt.datetime.now().replace(microsecond=0).isoformat(" ")
    conn.executemany(
        f"INSERT INTO {LOG_TABLE} (repaired_at, source, change) VALUES (?, ?, ?)",
        [(when, source.name, change) for change in changes],
    )


def _prove_it_opens(source: Path, target: Path) -> None:
    from planner.store import PlanStore

    try:
        PlanStore.open(target, read_only=True).close()
    except PlanError as exc:
        target.unlink(missing_ok=True)
        raise DamagedPlanFile(
            _(
                "{name} could not be repaired: {reason}"
            ).format(name=source.name, reason=exc)
        ) from exc
