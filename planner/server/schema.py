"""A plan on a server is a schema: created, upgraded and found here.

The schema holds the same tables as a plan file, made by the same Alembic migrations, run
with the schema as the search path (so `alembic_version` lives in the plan's schema too).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from planner import fileformat
from planner.i18n import _
from planner.server.address import ServerAddress
from planner.server.errors import ServerError


def quote_ident(name: str) -> str:
    """An SQL identifier, quoted (plan names are checked already; this is belt and braces)."""
    return '"' + name.replace('"', '""') + '"'


def revision(db: Connection, plan: str) -> str | None:
    """The plan's Alembic revision; None when there is no such plan (no such schema)."""
    exists = db.execute(
        text(
            "SELECT 1 FROM information_schema.tables "
            "WHERE table_schema = :s AND table_name = 'alembic_version'"
        ),
        {"s": plan},
    ).first()
    if exists is None:
        return None
    return db.execute(text(f"SELECT version_num FROM {quote_ident(plan)}.alembic_version")).scalar()


def check_revision(found: str | None, address: ServerAddress) -> None:
    if found is None:
        raise ServerError(
            _("There is no plan '{plan}' on {server}.").format(
                plan=address.plan, server=address.display
            )
        )
    if found > fileformat.HEAD_REVISION:
        raise ServerError(
            _(
                "The plan '{plan}' was written by a newer version of Rollout Planner (format "
                "{format}); this version reads formats up to {newest}. Please update Rollout "
                "Planner."
            ).format(plan=address.plan, format=int(found), newest=fileformat.SCHEMA_VERSION)
        )


def create(db: Connection, plan: str) -> None:
    """Make the plan's schema and its tables (in the caller's transaction: all or nothing)."""
    quoted = quote_ident(plan)
    db.exec_driver_sql(f"CREATE SCHEMA {quoted}")
    db.exec_driver_sql(f"SET LOCAL search_path TO {quoted}")
    upgrade(db, plan)


def upgrade(db: Connection, plan: str) -> None:
    """Run the migrations up to the newest format, one client at a time."""
    from planner.migrate import migrate_connection

    db.execute(text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": "rollout:" + plan})
    migrate_connection(db)


def list_plans(db: Connection) -> list[tuple[str, str, str]]:
    """(plan, title, revision) of every plan in the database the role can see."""
    schemas = db.execute(
        text(
            "SELECT a.table_schema FROM information_schema.tables a "
            "JOIN information_schema.tables p ON p.table_schema = a.table_schema "
            "AND p.table_name = 'plan' WHERE a.table_name = 'alembic_version' "
            "ORDER BY a.table_schema"
        )
    ).scalars().all()
    out = []
    for schema in schemas:
        quoted = quote_ident(schema)
        try:
            title = db.exec_driver_sql(f"SELECT title FROM {quoted}.plan WHERE id = 1").scalar()
            found = db.exec_driver_sql(f"SELECT version_num FROM {quoted}.alembic_version").scalar()
        except Exception:  # no SELECT right on that schema: list it without details
            db.rollback()
            title, found = _("(not readable with your role)"), ""
        out.append((schema, title or "", found or ""))
    return out
