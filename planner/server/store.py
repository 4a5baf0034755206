"""A plan on a PostgreSQL server, with the same interface as the file's PlanStore.

Like the file, every row is held in memory and every edit is one transaction. On top:

- Edits of one plan are serialised by a lock on its `change_log` table, held to the commit;
  each edit appends its row changes to the log (so log order is commit order), bumps the
  `row_version` of every row it touched and sends a NOTIFY.
- Before committing, an edit reads the log entries it has not seen. If one touched a row the
  edit touches too, the edit was based on an outdated row: it is refused, naming who changed
  what (`EditConflict`), and the other edits are applied so the views show the current state.
  Undo and redo also check that the rows still hold what they are to replace.
- Every client LISTENs; `poll()` (called from a socket notifier or a timer) reads the log
  entries it has not seen and applies them to the in-memory rows, then tells the listeners
  exactly as after an own edit, undo or redo.
- The in-memory rows are plain detached ORM objects: writes go to the server as Core
  statements at once (inside the edit's transaction), and a failed edit puts the memory back
  from a journal, so the rows never need reloading.
- A dropped connection fails the edit under way (the server rolls it back: never half
  applied), blocks edits, and `poll()` reconnects with backoff and catches up from the log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from planner.changelog_tables import change_log, row_version
from planner.changes import Recorder, RowChange
from planner.errors import CommandError, DamagedPlanFile, PlanError, PlanFileReadOnly
from planner.i18n import N_, _
from planner.model import Base
from planner.server import codec, schema
from planner.server.address import ServerAddress
from planner.server.connection import connect, describe, plan_engine
from planner.server.errors import ConnectionLost, EditConflict, ServerError
from planner.server.messages import ago, describe_change
from planner.store import PlanStore

LOST = N_("Connection to the server lost — reconnecting…")  # shown through _(LOST)
# Seconds between reconnection attempts: quick at first, then at most every 10 s.
BACKOFF = (0.2, 0.5, 1.0, 2.0, 5.0, 10.0)


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: dt.datetime
    role: str
    author: str
    client: str
    label: str
    changes: list[RowChange]


RemoteListener = Callable[[LogEntry], None]


class ServerStore(PlanStore):
    """One plan on a server. `open(url)`; `poll()` regularly; `close()` when done."""

    def __init__(self, address: ServerAddress, password: str | None = None) -> None:
        # Not PlanStore.__init__: there is no SQLite connection; the reading half is shared.
        self.address = address
        self.path = None
        self.location = address.display
        self._password = password
        self.client_id = uuid.uuid4().hex
        self._listeners = []
        self._remote_listeners: list[RemoteListener] = []
        self._close_hooks: list[Callable[[], None]] = []
        self._rows: dict[type[Base], dict[int, Base]] = {}
        self._journal: list[tuple[Any, ...]] | None = None
        self._check_values = False
        self._seen = 0
        self._committed_seq = 0
        self._committing = False
        self._label = ""
        self._engine: Engine | None = None
        self._db: Connection | None = None
        self._listen: Any = None
        self.online = False
        self.status = ""
        self._attempt = 0
        self._next_attempt = 0.0
        self._connect()
        self.read_only_reason = self._read_only_reason()
        try:
            self._load_snapshot()
        except BaseException:
            self._drop_connections()  # a refused plan leaves no connection behind
            raise

    @classmethod
    def open(cls, location: str, *, read_only: bool = False,  # type: ignore[override]
             password: str | None = None) -> ServerStore:
        from planner.server.address import parse

        store = cls(parse(str(location)), password)
        if read_only and not store.read_only_reason:
            store.read_only_reason = _("opened read-only")
        return store

    @classmethod
    def create(cls, location: str, password: str | None = None) -> ServerStore:  # type: ignore[override]
        """Make a new, blank plan on the server (its schema, by the migrations) and open it."""
        from sqlalchemy import create_engine

        from planner.server.address import parse

        address = parse(str(location))
        engine = create_engine("postgresql+psycopg://", creator=lambda: connect(address, password))
        try:
            with engine.begin() as db:
                if schema.revision(db, address.plan) is not None:
                    raise ServerError(
                        _("There is already a plan '{plan}' on {database}.").format(
                            plan=address.plan, database=address.database
                        )
                    )
                schema.create(db, address.plan)
        except DBAPIError as exc:
            raise describe(exc.orig or exc, address) from exc
        finally:
            engine.dispose()
        return cls(address, password)

    # --- connecting ----------------------------------------------------------------------

    def _connect(self) -> None:
        """Open both connections and check the plan's format (upgrading an older one)."""
        engine = plan_engine(self.address, self._password)
        try:
            db = engine.connect()
            with db.begin():
                found = schema.revision(db, self.address.plan)
                schema.check_revision(found, self.address)
                from planner import fileformat

                may_upgrade = db.execute(
                    text("SELECT has_schema_privilege(:s, 'CREATE')"), {"s": self.address.plan}
                ).scalar()
                if found != fileformat.HEAD_REVISION and may_upgrade:
                    schema.upgrade(db, self.address.plan)
                elif found != fileformat.HEAD_REVISION:
                    raise ServerError(
                        _(
                            "The plan '{plan}' is in an older format and your role may not "
                            "upgrade it; ask its owner to open it once."
                        ).format(plan=self.address.plan)
                    )
                self.role, = db.execute(text("SELECT current_user")).one()
            listen = connect(self.address, self._password, autocommit=True)
            listen.execute(f"LISTEN {schema.quote_ident(self.channel)}")
        except DBAPIError as exc:
            engine.dispose()
            if _is_connection_loss(exc):
                raise describe(exc.orig or exc, self.address) from exc
            raise ServerError(
                _("The plan '{plan}' on {server} cannot be opened: {reason}.").format(
                    plan=self.address.plan, server=self.address.display, reason=_first_line(exc)
                )
            ) from exc
        except BaseException:
            engine.dispose()
            raise
        self._engine, self._db, self._listen = engine, db, listen
        self.author = self.address.application_name or self.role
        self.online = True
        self.status = ""
        self._attempt = 0

    @property
    def channel(self) -> str:
        return f"rollout:{self.address.plan}"

    def _may_write(self, db: Connection) -> bool:
        return bool(
            db.execute(
                text(
                    "SELECT has_table_privilege('change_log', 'INSERT') "
                    "AND has_table_privilege('demand', 'UPDATE')"
                )
            ).scalar()
        )

    def _read_only_reason(self) -> str:
        assert self._db is not None
        with self._db.begin():
            if self._may_write(self._db):
                return ""
        # Translators: completes "This plan cannot be changed: {reason}."
        return _("your server role '{role}' may only read this plan").format(role=self.role)

    def _drop_connections(self) -> None:
        for callback in list(self._close_hooks):
            callback()
        for closer in (
            lambda: self._listen.close() if self._listen is not None else None,
            lambda: self._db.invalidate() if self._db is not None else None,
            lambda: self._engine.dispose() if self._engine is not None else None,
        ):
            with contextlib.suppress(Exception):  # already broken: nothing to release
                closer()
        self._listen = self._db = self._engine = None

    def _went_offline(self) -> None:
        self._drop_connections()
        self.online = False
        self.status = _(LOST)
        self._attempt = 0
        self._next_attempt = time.monotonic() + BACKOFF[0]

    def on_socket_closing(self, callback: Callable[[], None]) -> None:
        """Call `callback()` before the LISTEN connection is closed (on close or when the
        connection is lost), so that a socket watcher lets go of the socket first."""
        self._close_hooks.append(callback)

    def close(self) -> None:
        self._drop_connections()
        self._close_hooks.clear()
        self.online = False

    def fileno(self) -> int:
        """The LISTEN connection's socket (for a QSocketNotifier); -1 when offline."""
        try:
            return self._listen.fileno() if self._listen is not None else -1
        except Exception:
            return -1

    # --- loading -------------------------------------------------------------------------

    def _refuse_damaged_rows(self) -> None:
        """The same rules as for a file (planner/integrity), over the server's rows. The
        server already enforces types, lengths and foreign keys; what it cannot know are the
        plan's own rules (dates in range, working week, circles, readable baselines)."""
        from planner.integrity import RawTable, find_problems, table_specs
        from planner.integrity.problems import summary

        assert self._db is not None
        raw = {}
        for spec in table_specs():
            columns = ", ".join(f'"{c}"' for c in spec.column_names)
            rows = self._db.exec_driver_sql(f'SELECT {columns} FROM "{spec.name}"').fetchall()
            raw[spec.name] = RawTable(
                tuple(spec.column_names), [tuple(map(_as_stored, row)) for row in rows]
            )
        problems = find_problems(raw)
        if problems:
            # A server plan is mended by whoever edits it (or by `copy` to a file and
            # `repair`), never by a copy written beside it: so not "repairable" here.
            raise DamagedPlanFile(summary(self.location, problems), problems, repairable=False)

    def _load_snapshot(self) -> None:
        """Every row and the log position they are current to, from one snapshot."""
        assert self._db is not None
        with self._db.begin():
            self._db.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            seen = self._db.execute(select(change_log.c.seq).order_by(
                change_log.c.seq.desc()).limit(1)).scalar() or 0
            self._refuse_damaged_rows()
            self._session = Session(bind=self._db, autoflush=False, expire_on_commit=False)
            try:
                self._load_all()  # the one place rows are loaded, as for a file
            finally:
                self._session.close()  # the objects become detached: plain values in memory
        self._seen = seen

    # --- following other clients -----------------------------------------------------------

    def subscribe_remote(self, listener: RemoteListener) -> None:
        """Call `listener(entry)` for each edit of another client once it is applied."""
        self._remote_listeners.append(listener)

    def poll(self, timeout: float = 0.0) -> int:
        """Apply what other clients committed (waiting up to `timeout` s for a NOTIFY);
        reconnect when offline and due. Returns how many edits were applied. Never raises
        for a lost connection: `online` and `status` say how things are."""
        if not self.online and (time.monotonic() < self._next_attempt or not self._reconnect()):
            return 0
        try:
            notified = any(True for _note in self._listen.notifies(timeout=timeout, stop_after=1))
            if not notified:
                return 0
            for _note in self._listen.notifies(timeout=0):
                pass  # one catch-up reads every entry; the other notices are spent
            return self.catch_up()
        except (DBAPIError, OSError, _psycopg_error()):
            self._went_offline()
            return 0

    def catch_up(self) -> int:
        assert self._db is not None
        with self._db.begin():
            entries = self._entries_after(self._seen)
        self._apply_entries(entries)
        return len(entries)

    def _reconnect(self) -> bool:
        try:
            self._connect()
            self.read_only_reason = self._read_only_reason() or self.read_only_reason
            self.catch_up()
            return True
        except (PlanError, SQLAlchemyError, OSError):
            self._drop_connections()
            self.online = False
            self._attempt += 1
            self._next_attempt = time.monotonic() + BACKOFF[min(self._attempt, len(BACKOFF) - 1)]
            return False

    def _entries_after(self, seq: int) -> list[LogEntry]:
        assert self._db is not None
        rows = self._db.execute(
            select(change_log).where(change_log.c.seq > seq).order_by(change_log.c.seq)
        ).all()
        return [
            LogEntry(r.seq, r.at, r.role, r.author, r.client, r.label, codec.decode(r.changes))
            for r in rows
        ]

    def _apply_entries(self, entries: Sequence[LogEntry]) -> None:
        for entry in entries:
            if entry.seq <= self._seen:
                continue
            for change in entry.changes:
                self._apply_in_memory(change)
            self._seen = entry.seq
            self._notify(entry.changes)
            for listener in list(self._remote_listeners):
                listener(entry)

    def _apply_in_memory(self, change: RowChange) -> None:
        table = self._rows[change.model]
        if change.after is None:
            table.pop(change.row_id, None)
        elif change.before is None:
            table[change.row_id] = change.model(**change.after)
        else:
            row = table.get(change.row_id)
            if row is not None:
                for key, value in change.after.items():
                    setattr(row, key, value)

    # --- writing ---------------------------------------------------------------------------

    def execute(self, perform: Callable[[Recorder], Any]) -> list[RowChange]:
        label = str(getattr(getattr(perform, "__self__", None), "label", "") or "edit")
        recorder = Recorder(self)
        self._edit(label, lambda: perform(recorder), lambda: recorder.changes)
        return recorder.changes

    def apply(self, changes: Sequence[RowChange], label: str = "") -> None:
        changes = list(changes)

        def body() -> None:
            self._check_values = True  # undo/redo: the rows must still be as we left them
            try:
                self._apply_changes(changes)
            finally:
                self._check_values = False

        self._edit(label or _("Undo or redo"), body, lambda: changes)

    def _edit(self, label: str, body: Callable[[], Any],
              result: Callable[[], list[RowChange]]) -> None:
        if self.read_only:
            raise PlanFileReadOnly(
                _(
                    "This plan cannot be changed: {reason}. Copy it to a file (File → Save As) "
                    "to work on your own copy."
                ).format(reason=self.read_only_reason)
            )
        if not self.online or self._db is None:
            raise ConnectionLost(_not_applied())
        db = self._db
        self._label = label
        self._journal = []
        pending: list[LogEntry] = []
        self._committing = False
        try:
            with db.begin() as transaction:
                # One edit of this plan at a time, to the commit: log order is commit order.
                db.execute(text("LOCK TABLE change_log IN EXCLUSIVE MODE"))
                body()
                changes = result()
                pending = self._entries_after(self._seen)
                if changes:
                    self._refuse_if_outdated(changes, pending, label)
                    self._log(label, changes)
                self._committing = True
                transaction.commit()
        except BaseException as exc:
            self._undo_memory()
            self._raise_as_plan_error(exc, pending)
        finally:
            self._journal = None
        self._apply_entries(pending)  # others' edits of other rows, committed before ours
        if changes:
            self._seen = max(self._seen, self._committed_seq)
            self._notify(changes)

    def _log(self, label: str, changes: list[RowChange]) -> None:
        """Append the edit to the log, bump its rows' versions and NOTIFY, in one round trip
        (each one costs a context switch on a busy machine; data-modifying CTEs all run)."""
        assert self._db is not None
        keys = sorted(codec.touched(changes))
        self._committed_seq = self._db.execute(
            text(
                "WITH log AS (INSERT INTO change_log (at, role, author, client, label, changes) "
                "VALUES (localtimestamp, :role, :author, :client, :label, :changes) "
                "RETURNING seq), "
                "versions AS (INSERT INTO row_version (tbl, row_id, version, seq) "
                "SELECT t, r, 1, (SELECT seq FROM log) "
                "FROM unnest(CAST(:tbls AS text[]), CAST(:ids AS int[])) AS k(t, r) "
                "ON CONFLICT (tbl, row_id) DO UPDATE "
                "SET version = row_version.version + 1, seq = EXCLUDED.seq) "
                "SELECT seq, pg_notify(:channel, seq::text) FROM log"
            ),
            {
                "role": self.role, "author": self.author, "client": self.client_id,
                "label": label[:200], "changes": codec.encode(changes), "channel": self.channel,
                "tbls": [k[0] for k in keys], "ids": [k[1] for k in keys],
            },
        ).scalar_one()

    def _refuse_if_outdated(self, changes: list[RowChange], pending: list[LogEntry],
                            label: str) -> None:
        mine = codec.touched(changes)
        for entry in pending:
            for change in entry.changes:
                if (change.model.__tablename__, change.row_id) in mine:
                    raise EditConflict(self._conflict_message(entry, change, label))

    def _undo_memory(self) -> None:
        for step in reversed(self._journal or []):
            kind = step[0]
            if kind == "insert":
                self._rows[step[1]].pop(step[2], None)
            elif kind == "update":
                row, old = step[1], step[2]
                for key, value in old.items():
                    setattr(row, key, value)
            else:
                self._rows[type(step[1])][step[1].id] = step[1]

    def _raise_as_plan_error(self, exc: BaseException, pending: list[LogEntry]) -> None:
        if isinstance(exc, EditConflict):
            self._apply_entries(pending)  # show what the other person did
            raise exc
        if isinstance(exc, PlanError):
            raise exc
        if _is_connection_loss(exc):
            self._went_offline()
            if self._committing:
                # The server may have committed before the line went: the log will tell.
                # Memory is as before the edit; catching up applies it if it was committed.
                raise ConnectionLost(
                    _(
                        "Connection to the server lost — reconnecting… Your change may not have "
                        "been saved; the plan will show whether it was once the connection is back."
                    )
                ) from exc
            raise ConnectionLost(_not_applied()) from exc
        if isinstance(exc, IntegrityError):
            if pending:  # most likely built on a row another client has changed meanwhile
                self._apply_entries(pending)
                raise EditConflict(
                    _(
                        "{author} changed the plan a moment ago — your change was not applied. "
                        "Please try again."
                    ).format(author=pending[-1].author)
                ) from exc
            raise CommandError(
                _("The change breaks a rule of the plan: {reason}.").format(reason=exc.orig)
            ) from exc
        if isinstance(exc, DBAPIError):
            raise ServerError(
                _("The server refused the change: {reason}.").format(reason=_first_line(exc))
            ) from exc
        raise exc

    # Used by Recorder and _apply_changes, as for a file; here each statement goes to the
    # server at once and the memory change is journalled so a failure can take it back.
    def insert_row(self, model: type[Any], values: dict[str, Any]) -> Any:
        assert self._db is not None and self._journal is not None
        if self._check_values and values.get("id") in self._rows[model]:
            raise EditConflict(self._changed_since_message(model, values["id"]))
        table = model.__table__
        stored = self._db.execute(table.insert().values(**values).returning(*table.c)).one()
        row = model(**stored._asdict())
        self._rows[model][row.id] = row
        self._journal.append(("insert", model, row.id))
        return row

    def _write_row(self, model: type[Base], row_id: int, statement: Any) -> Any:
        """Run an UPDATE or DELETE of one row; the row in memory. A row someone else deleted
        since (gone here, or no row matched there) is a conflict, never a silent no-op."""
        assert self._db is not None and self._journal is not None
        if self.find(model, row_id) is None and self._check_values:
            raise EditConflict(self._changed_since_message(model, row_id))
        row = self.get(model, row_id)
        if self._db.execute(statement).rowcount != 1:
            raise EditConflict(self._changed_since_message(model, row_id))
        return row

    def update_row(self, model: type[Base], row_id: int, values: dict[str, Any]) -> None:
        table = model.__table__
        row = self._write_row(model, row_id, table.update().where(table.c.id == row_id)
                              .values(**values))
        self._journal.append(("update", row, {k: getattr(row, k) for k in values}))
        for key, value in values.items():
            setattr(row, key, value)

    def delete_row(self, model: type[Base], row_id: int) -> None:
        table = model.__table__
        row = self._write_row(model, row_id, table.delete().where(table.c.id == row_id))
        del self._rows[model][row_id]
        self._journal.append(("delete", row))

    # Runs of inserts or deletes go one row at a time here: each row is checked against its
    # version and journalled for the change log (PlanStore sends them to a file in one
    # statement, through a session whose objects a server plan's rows are not).
    def insert_rows(self, model: type[Any], rows: Sequence[dict[str, Any]]) -> list[Any]:
        return [self.insert_row(model, row) for row in rows]

    def delete_rows(self, model: type[Base], row_ids: Sequence[int]) -> None:
        for row_id in row_ids:
            self.delete_row(model, row_id)

    def _apply_changes(self, changes: Sequence[RowChange]) -> None:
        for change in changes:
            if self._check_values and change.before is not None:
                row = self.find(change.model, change.row_id)
                if row is None or any(getattr(row, k) != v for k, v in change.before.items()):
                    raise EditConflict(self._changed_since_message(change.model, change.row_id))
        super()._apply_changes(changes)

    # --- messages ----------------------------------------------------------------------------

    def _conflict_message(self, entry: LogEntry, change: RowChange, label: str) -> str:
        # Translators: "Kari moved 'X' to the backlog a moment ago — your edit ...".
        return _("{author} {what} {when} — your edit '{label}' was not applied.").format(
            author=entry.author,
            what=describe_change(change, self),
            when=ago(entry.at, self._now()),
            label=label,
        )

    def _changed_since_message(self, model: type[Base], row_id: int) -> str:
        """Someone else changed the row since this client's edit: who, from the log."""
        assert self._db is not None
        found = self._db.execute(
            select(change_log).join(row_version, row_version.c.seq == change_log.c.seq)
            .where(row_version.c.tbl == model.__tablename__, row_version.c.row_id == row_id)
        ).first()
        if found is None:
            return _("The plan has changed since your edit — it was not undone or redone.")
        entry_changes = [c for c in codec.decode(found.changes)
                         if c.model is model and c.row_id == row_id]
        what = describe_change(entry_changes[0], self) if entry_changes else _("changed it")
        who = _("You") if found.client == self.client_id else found.author
        return _(
            "{author} {what} {when} — your edit '{label}' was not applied, so as not to "
            "overwrite that."
        ).format(author=who, what=what, when=ago(found.at, self._now()), label=self._label)

    def _now(self) -> dt.datetime:
        assert self._db is not None
        return self._db.execute(text("SELECT localtimestamp")).scalar_one()

    # --- not for a server plan ----------------------------------------------------------------

    def save_as(self, target: Any) -> None:
        """Copy the plan into a file; this window stays on the server plan."""
        from planner.server.transfer import copy_plan

        copy_plan(self, str(target))

    def _switch_to(self, path: Any) -> None:  # pragma: no cover - never for a server plan
        raise ServerError(_("A plan on a server cannot switch to a file."))


def _not_applied() -> str:
    return _("Connection to the server lost — reconnecting… Your change was not applied.")


def _psycopg_error() -> type[BaseException]:
    import psycopg

    return psycopg.Error


def _is_connection_loss(exc: BaseException) -> bool:
    import psycopg

    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig or exc
    return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError | OSError)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0].rstrip(".")


__all__ = ["LOST", "LogEntry", "ServerStore"]


def _as_stored(value: Any) -> Any:
    """A server value as SQLite stores it, which is what the integrity rules read."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value
