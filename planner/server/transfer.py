"""Copying a plan between a file and a server, either way, and listing a server's plans.

A copy reads every row of the source (any store) and writes them in one transaction: to a
server as a new schema made by the migrations, to a file as a new plan file written beside
the target and renamed into place. Either way a failure leaves no half plan behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, text

from planner.errors import PlanFileError
from planner.i18n import _
from planner.model import MODELS, Base
from planner.server.address import ServerAddress, parse
from planner.server.connection import connect, describe
from planner.server.errors import ServerError
from planner.store import PlanStore


def plan_rows(store: PlanStore) -> dict[type[Base], list[dict[str, Any]]]:
    return {model: [row.to_dict() for row in store.rows(model)] for model in MODELS}


def _write_rows(db: Any, rows: dict[type[Base], list[dict[str, Any]]]) -> None:
    from planner.model import Plan

    db.execute(delete(Plan.__table__))  # the blank plan row the schema was made with
    for model in MODELS:  # in foreign-key order
        if rows[model]:
            db.execute(model.__table__.insert(), rows[model])


def publish(source: PlanStore, target: str, password: str | None = None) -> ServerAddress:
    """Make the plan `target` names on its server as a copy of `source`."""
    from planner.server import schema

    address = parse(target)
    engine = create_engine("postgresql+psycopg://", creator=lambda: connect(address, password))
    rows = plan_rows(source)
    try:
        with engine.begin() as db:
            if schema.revision(db, address.plan) is not None or db.execute(
                text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": address.plan}
            ).first():
                raise ServerError(
                    _(
                        "There is already a plan '{plan}' on {database}; choose another name."
                    ).format(plan=address.plan, database=address.database)
                )
            schema.create(db, address.plan)
            _write_rows(db, rows)
            # Explicit ids were written: move each id sequence past them.
            for model in MODELS:
                table = f"{schema.quote_ident(address.plan)}.{model.__tablename__}"
                db.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                        f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                    ),
                    {"t": table},
                )
    except PlanFileError:
        raise
    except Exception as exc:
        if isinstance(getattr(exc, "orig", None), _operational()):
            raise describe(exc.orig, address) from exc  # type: ignore[union-attr]
        orig = getattr(exc, "orig", None) or exc
        if "permission denied" in str(orig):
            raise ServerError(
                _("Your role may not create plans in {database} ({reason}).").format(
                    database=address.database, reason=_line(orig)
                )
            ) from exc
        if isinstance(exc, ServerError):
            raise
        raise ServerError(
            _("The plan could not be published to {server}: {reason}. Nothing was created.").format(
                server=address.display, reason=_line(orig)
            )
        ) from exc
    finally:
        engine.dispose()
    return address


def save_to_file(source: PlanStore, target: Path, *, overwrite: bool = False) -> None:
    from planner.store import _connect, _create_schema

    if target.exists() and not overwrite:
        raise PlanFileError(
            _("{path} already exists; choose another name.").format(path=target)
        )
    if not target.parent.is_dir():
        raise PlanFileError(
            _("Cannot create {name}: the folder {folder} does not exist.").format(
                name=target.name, folder=target.parent
            )
        )
    rows = plan_rows(source)
    tmp = target.with_name(f".{target.name}.copying")
    try:
        conn = _connect(tmp, "rwc")
        try:
            _create_schema(conn)
            engine = create_engine("sqlite://", creator=lambda: conn)
            with engine.begin() as db:
                _write_rows(db, rows)
            engine.dispose()
        finally:
            conn.close()
        tmp.replace(target)
    except OSError as exc:
        raise PlanFileError(
            _("Cannot write {name}: {reason}.").format(name=target.name, reason=exc.strerror or exc)
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def copy_plan(source: PlanStore, target: str, *, overwrite: bool = False,
              password: str | None = None) -> str:
    """Copy an open plan to `target` (a file path or a server URL); returns where it went."""
    from planner.locations import is_server

    if is_server(target):
        return publish(source, target, password).display
    path = Path(target)
    if path.suffix != ".rollout":
        path = path.with_name(path.name + ".rollout")
    save_to_file(source, path, overwrite=overwrite)
    return str(path)


def list_plans(url: str, password: str | None = None) -> list[tuple[str, str, str]]:
    from planner.server import schema

    address = parse(url, need_plan=False)
    try:
        conn = connect(address, password)
    except ServerError:
        raise
    engine = create_engine("postgresql+psycopg://", creator=lambda: conn)
    try:
        with engine.connect() as db:
            return schema.list_plans(db)
    finally:
        engine.dispose()


def _operational() -> type[BaseException]:
    import psycopg

    return psycopg.OperationalError


def _line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
