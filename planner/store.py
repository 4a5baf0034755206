"""The plan file: create, open, save as, and the one transaction every edit runs in.

Every record of the open plan is held in memory (`rows`), loaded once at open; plans are
small enough (the largest target is 10 000 demands) and the warnings engine, the tables and
the Gantt all read far more often than they write. Writes go through `execute` (a command's
first run) or `apply` (undo/redo), each one SQLite transaction committed before it returns:
there are no unsaved changes, and a crash leaves the file as it was before or after an edit.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from sqlalchemy import Enum, create_engine, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.pool import StaticPool
from sqlalchemy.util import LRUCache

# changelog_tables: its tables (plan format 5) are created with every fresh plan.
from planner import changelog_tables, fileformat  # noqa: F401
from planner.changes import Recorder, RowChange
from planner.errors import (
    CommandError,
    DamagedPlanFile,
    NotAPlanFile,
    NotFound,
    PlanError,
    PlanFileError,
    PlanFileReadOnly,
)
from planner.i18n import _
from planner.model import MODELS, Base, Plan

M = TypeVar("M", bound=Base)
Listener = Callable[[Sequence[RowChange]], None]

# Meta tables every plan has; the first is Alembic's, the rest are ours.
_ALEMBIC_TABLE = (
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


# SQL compiled once per process, not once per store. SQLAlchemy caches compiled statements
# per engine and keys them by the engine's dialect object; each store has its own engine (its
# own connection), so without this every open compiled the 13 loading SELECTs anew, half the
# time it takes to open a small plan (and most of the fuzz tests' run time).
_COMPILED: LRUCache = LRUCache(500)


@functools.cache
def _shared_dialect() -> Any:
    engine = create_engine("sqlite://", poolclass=StaticPool)
    with engine.connect():  # the dialect learns the SQLite version on its first connection
        pass
    return engine.dialect


def _engine(creator: Callable[[], sqlite3.Connection]) -> Engine:
    engine = create_engine("sqlite://", creator=creator, poolclass=StaticPool)
    engine.dialect = _shared_dialect()
    return engine.execution_options(compiled_cache=_COMPILED)


def _connect(path: Path | None, mode: str) -> sqlite3.Connection:
    """Open one SQLite connection with the pragmas every plan connection needs."""
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    # A plan is data, never code: no functions or views from the file run with our rights.
    conn.execute("PRAGMA trusted_schema = OFF")
    # SQLite ignores declared foreign keys unless asked, per connection.
    conn.execute("PRAGMA foreign_keys = ON")
    if mode != "ro":
        # Rollback journal, not WAL: a plan is a document people mail and copy, so between
        # edits it must be one self-contained file (WAL keeps committed edits in a -wal side
        # file until a checkpoint, and needs a writable -shm even to read). DELETE mode with
        # synchronous=FULL makes each commit atomic and durable in the .rollout file itself.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


class PlanStore:
    """One open plan. Use `create`, `open` or `in_memory`; `close` when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, read_only_reason: str = ""):
        self._conn = conn
        self.path = path
        self.read_only_reason = read_only_reason
        # Through self._conn, so Save As can swap the file under the same session.
        self._engine: Engine = _engine(lambda: self._conn)
        # expire_on_commit=False: the in-memory rows stay valid across commits; autoflush off
        # because the store flushes exactly when foreign-key order requires it.
        self._session = Session(self._engine, expire_on_commit=False, autoflush=False)
        self._rows: dict[type[Base], dict[int, Base]] = {}
        self._listeners: list[Listener] = []
        self._load_all()

    # --- opening and creating ----------------------------------------------------------

    @classmethod
    def in_memory(cls) -> PlanStore:
        """A blank plan in memory, for tests and scratch work."""
        conn = _connect(None, "rwc")
        _create_schema(conn)
        return cls(conn, None)

    @classmethod
    def create(cls, path: Path | str, *, overwrite: bool = False) -> PlanStore:
        """Make a new, blank plan file. Written beside the target and renamed into place, so
        a failure never leaves half a plan behind."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise PlanFileError(_("{path} already exists; choose another name.").format(path=path))
        if not path.parent.is_dir():
            raise PlanFileError(
                _(
                    "Cannot create {name}: the folder {parent} does not exist."
                ).format(name=path.name, parent=path.parent)
            )
        tmp = path.with_name(f".{path.name}.creating")
        try:
            conn = _connect(tmp, "rwc")
            try:
                _create_schema(conn)
            finally:
                conn.close()
            tmp.replace(path)
        except OSError as exc:
            raise PlanFileError(
                _(
                    "Cannot create {name}: {reason}."
                ).format(name=path.name, reason=exc.strerror or exc)
            ) from exc
        finally:
            tmp.unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> PlanStore:
        """Open a plan file, upgrading an older format first. A file that is not a plan this
        version can use raises a `PlanFileError` subclass and is left byte-for-byte as it was."""
        path = Path(path)
        facts = fileformat.inspect_file(path)
        # Translators: completes "This plan cannot be changed: {reason}."
        reason = facts.read_only_reason or (_("opened read-only") if read_only else "")
        if facts.hot_journal and reason:
            raise DamagedPlanFile(
                _(
                    "{name} was left in the middle of an edit and cannot be repaired because "
                    "{facts}. Open it writable once."
                ).format(
                    name=path.name, facts=facts.read_only_reason or _("it was opened read-only")
                )
            )
        if facts.schema_version < fileformat.SCHEMA_VERSION:
            if reason:
                # Show an old file we may not change: upgrade a copy, in memory only.
                return cls._open_upgraded_copy(path, facts.schema_version, reason)
            from planner.migrate import upgrade_file  # Alembic loads only when needed.

            upgrade_file(path, facts.schema_version)
        conn = None
        try:
            conn = _connect(path, "ro" if reason else "rw")
            findings = _check_integrity(conn, path.name)
            _refuse_damaged_rows(conn, path.name, findings)
            store = cls(conn, path, reason)
        except PlanError:
            if conn is not None:
                conn.close()
            raise
        except (sqlite3.Error, SQLAlchemyError) as exc:
            if conn is not None:
                conn.close()
            raise DamagedPlanFile(
                _("{name} is damaged: {reason}.").format(
                    name=path.name, reason=_sqlite_reason(exc)
                ),
                repairable=True,
            ) from exc
        except UnicodeDecodeError as exc:  # SQLite's error about a damaged schema, unreadable
            if conn is not None:
                conn.close()
            raise DamagedPlanFile(
                _(
                    "{name} is damaged: its schema cannot be read."
                ).format(name=path.name)
            ) from exc
        return store

    @classmethod
    def _open_upgraded_copy(cls, path: Path, old_version: int, reason: str) -> PlanStore:
        import tempfile

        from planner.migrate import run_migrations

        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder) / path.name
            shutil.copyfile(path, work)
            try:
                run_migrations(work)
            except Exception as exc:
                raise DamagedPlanFile(
                    _(
                        "{name} (format {old_version}) could not be read: {reason}."
                    ).format(name=path.name, old_version=old_version, reason=exc)
                ) from exc
            source = sqlite3.connect(str(work))
            conn = _connect(None, "rwc")
            try:
                source.backup(conn)
            finally:
                source.close()
        try:
            _refuse_damaged_rows(conn, path.name, _check_integrity(conn, path.name))
        except BaseException:
            conn.close()
            raise
        # Translators: {reason} is why the plan is read-only, e.g. "the file is read-only".
        shown = _("{reason}; it is an older format, shown upgraded in memory")
        return cls(conn, path, shown.format(reason=reason))

    def copy_in_memory(self) -> PlanStore:
        """An independent copy of this plan in memory (SQLite's backup API): for scratch work
        and tests that need many fresh plans quickly."""
        conn = _connect(None, "rwc")
        self._conn.backup(conn)
        return PlanStore(conn, None)

    def save_as(self, target: Path | str) -> None:
        """Copy the plan to `target` with SQLite's backup API and continue in the copy."""
        target = Path(target)
        if self.path is not None and target.resolve() == self.path.resolve():
            return
        tmp = target.with_name(f".{target.name}.saving")
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                self._conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            tmp.replace(target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise PlanFileError(
                _(
                    "Cannot save as {name}: {reason}."
                ).format(name=target.name, reason=exc)
            ) from exc
        self._switch_to(target)

    def _switch_to(self, path: Path) -> None:
        """Continue in `path`, a byte-for-byte copy of the current plan. The session, its rows
        and the listeners stay: views and undo history go on as if nothing happened."""
        self._session.commit()  # nothing is pending between edits; release the connection
        old, self._conn = self._conn, _connect(path, "rw")
        self._engine.dispose()  # the pool forgets the old connection; the next use opens ours
        old.close()
        self.path = path
        self.read_only_reason = ""

    def close(self) -> None:
        self._session.close()
        self._engine.dispose()
        self._conn.close()

    # --- reading -----------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def plan(self) -> Plan:
        return self.get(Plan, 1)

    def rows(self, model: type[M]) -> list[M]:
        """All rows of a table, in id order."""
        table = self._rows[model]
        return [table[i] for i in sorted(table)]  # type: ignore[misc]

    def count(self, model: type[Base]) -> int:
        return len(self._rows[model])

    def find(self, model: type[M], row_id: int | None) -> M | None:
        if row_id is None:
            return None
        return self._rows[model].get(row_id)  # type: ignore[return-value]

    def get(self, model: type[M], row_id: int | None) -> M:
        row = self.find(model, row_id)
        if row is None:
            raise NotFound(
                _(
                    "There is no {kind} #{row_id}."
                ).format(kind=model.__tablename__.replace('_', ' '), row_id=row_id)
            )
        return row

    def _load_all(self) -> None:
        # Loading makes one ORM object (and its state, a reference cycle) per row: on a large
        # plan the allocations set off full garbage collections that rescan every row already
        # loaded, quadrupling the time to open. Nothing collectable is made here, so pause it.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._load_rows()
        finally:
            if collecting:
                gc.enable()

    def _load_rows(self) -> None:
        self._rows = {}
        for model in MODELS:
            rows = self._session.scalars(
                select(model).execution_options(populate_existing=True)
            ).all()
            self._rows[model] = {row.id: row for row in rows}
        if 1 not in self._rows[Plan]:
            raise DamagedPlanFile(_("The file holds no plan settings (table 'plan' is empty)."))

    # --- listening -----------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call `listener(changes)` after every committed edit, undo and redo."""
        self._listeners.append(listener)

    def subscribe_first(self, listener: Listener) -> None:
        """Call `listener` before every other listener (the plan's live index: whoever hears
        of a change finds it patched already, planner/live_index.py)."""
        self._listeners.insert(0, listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, changes: Sequence[RowChange]) -> None:
        for listener in list(self._listeners):
            listener(changes)

    # --- writing -------------------------------------------------------------------------

    def execute(self, perform: Callable[[Recorder], Any]) -> list[RowChange]:
        """Run a command's logic in one transaction; return what it changed. On any error
        nothing is changed, in the file or in memory, and a `CommandError` is raised."""
        recorder = Recorder(self)
        self._transaction(lambda: perform(recorder))
        if recorder.changes:
            self._notify(recorder.changes)
        return recorder.changes

    def apply(self, changes: Sequence[RowChange], label: str = "") -> None:
        """Replay recorded changes (redo) or inverted ones (undo) in one transaction. `label`
        ("Undo Move wishes") names the step in messages of a plan on a server."""
        self._transaction(lambda: self._apply_changes(changes))
        if changes:
            self._notify(changes)

    def _transaction(self, body: Callable[[], Any]) -> None:
        if self.read_only:
            raise PlanFileReadOnly(
                _(
                    "This plan cannot be changed: {reason}. Use Save As to make an editable copy."
                ).format(reason=self.read_only_reason)
            )
        try:
            body()
            self._session.commit()
        except BaseException as exc:
            self._session.rollback()
            self._load_all()
            if isinstance(exc, PlanError):
                raise
            if isinstance(exc, IntegrityError):
                raise CommandError(
                    _(
                        "The change breaks a rule of the plan: {reason}."
                    ).format(reason=exc.orig)
                ) from exc
            if isinstance(exc, (DatabaseError, sqlite3.Error)):
                raise PlanFileError(
                    _(
                        "The plan file could not be written: {reason}."
                    ).format(reason=exc)
                ) from exc
            raise

    def _apply_changes(self, changes: Iterable[RowChange]) -> None:
        # Runs of inserts or deletes of one table go to SQLite as one statement each, so
        # undoing an import of 10 000 wishes takes a fraction of a second, not many seconds.
        run: list[RowChange] = []
        for change in changes:
            if run and (change.kind != run[0].kind or change.model is not run[0].model):
                self._apply_run(run)
                run = []
            run.append(change)
        if run:
            self._apply_run(run)

    def _apply_run(self, run: list[RowChange]) -> None:
        first = run[0]
        if first.kind == "insert" and len(run) > 1:
            self.insert_rows(first.model, [c.after or {} for c in run])
        elif first.kind == "delete" and len(run) > 1:
            self.delete_rows(first.model, [c.row_id for c in run])
        else:
            for change in run:
                if change.after is None:
                    self.delete_row(change.model, change.row_id)
                elif change.before is None:
                    self.insert_row(change.model, change.after)
                else:
                    self.update_row(change.model, change.row_id, change.after)

    # Used by Recorder and _apply_changes. Inserts and deletes flush at once so that the
    # order of statements follows the order of changes, which keeps foreign keys valid.
    def insert_row(self, model: type[M], values: dict[str, Any]) -> M:
        row = model(**values)
        self._session.add(row)
        self._session.flush()
        self._rows[model][row.id] = row
        return row

    def insert_rows(self, model: type[M], rows: Sequence[dict[str, Any]]) -> list[M]:
        """Insert many rows of one table in one statement (imports, undo of a deletion of
        many). Rows without an `id` get the next free ones, in order."""
        if not rows:
            return []
        table = self._rows[model]
        next_id = 1 + max(table, default=0)
        defaults = {
            c.key: c.default.arg if c.default is not None and c.default.is_scalar else None
            for c in model.__table__.columns
        }
        values = []
        for row in rows:
            row = {**defaults, **row}
            if row.get("id") is None:
                row["id"] = next_id
                next_id += 1
            else:
                next_id = max(next_id, row["id"] + 1)
            values.append(row)
        self._session.flush()  # pending updates first, as with single inserts
        self._insert_values(model, values)
        # The rows are in the file; make the matching objects persistent without reading
        # them back (a SELECT of 10 000 rows costs more than the INSERT).
        # Built the way SQLAlchemy builds loaded rows (values straight into the instance's
        # dict, no change events): these values are what the file holds.
        new_instance = model._sa_class_manager.new_instance
        objects = []
        for row in values:
            obj = new_instance()
            obj.__dict__.update(row)
            make_transient_to_detached(obj)
            objects.append(obj)
        self._session.add_all(objects)
        for obj in objects:
            table[obj.id] = obj
        return objects

    def _insert_values(self, model: type[Base], values: list[dict[str, Any]]) -> None:
        """One executemany on the session's connection, each value through its column's
        own bind processing (enum members are already validated: stored as their value)."""
        columns = list(model.__table__.columns)
        dialect = self._engine.dialect
        steps: list[tuple[int, Callable[[Any], Any]]] = []  # only columns that convert
        for index, column in enumerate(columns):
            if isinstance(column.type, Enum):
                steps.append((index, lambda v: None if v is None else getattr(v, "value", v)))
            else:
                processor = column.type.bind_processor(dialect)
                if processor is not None:
                    steps.append((index, processor))
        pick = itemgetter(*[c.key for c in columns])
        params = []
        for row in values:
            picked = list(pick(row))
            for index, step in steps:
                picked[index] = step(picked[index])
            params.append(tuple(picked))
        names = ", ".join(f'"{c.name}"' for c in columns)
        # The driver's own placeholder: SQLite's "?" for a file, "%s" for psycopg on a server.
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        marks = ", ".join(mark for _column in columns)
        sql = f'INSERT INTO "{model.__tablename__}" ({names}) VALUES ({marks})'
        self._session.connection().exec_driver_sql(sql, params)

    def delete_rows(self, model: type[Base], row_ids: Sequence[int]) -> None:
        rows = [self.get(model, i) for i in row_ids]
        self._session.flush()
        for row in rows:
            self._session.delete(row)
        self._session.flush()
        table = self._rows[model]
        for row in rows:
            del table[row.id]

    def update_row(self, model: type[Base], row_id: int, values: dict[str, Any]) -> None:
        row = self.get(model, row_id)
        for key, value in values.items():
            setattr(row, key, value)

    def delete_row(self, model: type[Base], row_id: int) -> None:
        row = self.get(model, row_id)
        self._session.flush()  # pending updates (e.g. demands leaving a phase) go first
        self._session.delete(row)
        self._session.flush()
        del self._rows[model][row_id]


def _create_schema(conn: sqlite3.Connection) -> None:
    """A fresh plan at the newest format, with its one `plan` row."""
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
    Base.metadata.create_all(engine)
    with engine.begin() as db:
        db.execute(text(_ALEMBIC_TABLE))
        db.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": fileformat.HEAD_REVISION})
        db.execute(
            Plan.__table__.insert().values(id=1, title="Untitled plan", start_date=dt.date.today())
        )
    conn.execute(f"PRAGMA application_id = {fileformat.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {fileformat.SCHEMA_VERSION}")
    conn.commit()


def _check_integrity(conn: sqlite3.Connection, name: str) -> list[str]:
    """Refuse damaged pages, triggers and missing tables. Returns what SQLite found wrong
    with values only (a CHECK or NOT NULL constraint broken), so that the row check can name
    the record and field instead."""
    # quick_check quotes damaged values and names, which need not be UTF-8.
    old_factory = conn.text_factory
    conn.text_factory = _tolerant_text
    try:
        result = conn.execute("PRAGMA quick_check").fetchall()
        triggers = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        ]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        # SQLite cannot even read the list of tables (its error may not be text either):
        # no rows can be salvaged from such a file.
        reason = _("its schema cannot be read") if isinstance(exc, UnicodeDecodeError) else (
            _sqlite_reason(exc)
        )
        raise DamagedPlanFile(
            _(
                "{name} is damaged: {reason}."
            ).format(name=name, reason=reason)
        ) from exc
    finally:
        conn.text_factory = old_factory
    # One line each: SQLite heads a multi-line report with "*** in database main ***".
    findings = [
        " ".join(str(r[0]).replace("*** in database main ***", "").split())
        for r in result
        if r[0] != "ok"
    ]
    problems = [f for f in findings if not is_value_finding(f)]
    if problems:
        raise DamagedPlanFile(
            _("{name} is damaged: {problems}.").format(name=name, problems=problems[0]),
            repairable=True,
        )
    # Our schema has no triggers; one in a plan would run SQL from the file on every edit.
    if triggers:
        raise NotAPlanFile(
            _(
                "{name} contains triggers ('{triggers}'), which no plan has; it is not opened, "
                "because they would run whenever the plan is edited."
            ).format(name=name, triggers=triggers[0])
        )
    missing = sorted({m.__tablename__ for m in MODELS} - tables)
    if missing:
        raise DamagedPlanFile(
            _("{name} is damaged: the table '{missing}' is missing.").format(
                name=name, missing=missing[0]
            ),
            repairable=True,
        )
    return findings


def _tolerant_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def is_value_finding(finding: str) -> bool:
    """A quick_check finding about a value, not about the file's structure."""
    return finding.startswith(("CHECK constraint failed", "NULL value in"))


def _refuse_damaged_rows(conn: sqlite3.Connection, name: str, findings: list[str]) -> None:
    """The one place every row read from a file is checked against the plan's rules, raw,
    before the ORM converts a single value (planner/integrity). Raises DamagedPlanFile."""
    from planner.integrity import refuse_damaged_rows

    refuse_damaged_rows(conn, name)
    if findings:  # a constraint of the file's own schema that the plan's rules do not cover
        raise DamagedPlanFile(
            _("{name} is damaged: {findings}.").format(name=name, findings=findings[0]),
            repairable=True,
        )


def _sqlite_reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).rstrip(".") or type(orig).__name__


def copy_file(source: Path, target: Path) -> None:
    """Plain byte copy (used for the backup made before an upgrade)."""
    shutil.copy2(source, target)
