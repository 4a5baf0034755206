"""Upgrade an older plan file to the current format with Alembic, run programmatically.

Imported only when an old file is opened: Alembic costs ~0.3 s to import. The upgrade runs
on a copy; the original is replaced only when the copy is upgraded and checked, and a backup
of the original stays beside it, so a failed upgrade never costs the user a plan.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from planner import fileformat
from planner.errors import DamagedPlanFile, PlanFileError
from planner.i18n import _


def backup_path(path: Path, old_version: int) -> Path:
    return path.with_name(f"{path.stem}.format{old_version}-backup{path.suffix}")


def run_migrations(path: Path, revision: str = "head") -> None:
    """Run Alembic on `path` up to `revision` (tests use this to build old fixtures)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute("PRAGMA trusted_schema = OFF")

    config = Config()
    config.set_main_option("script_location", "planner:migrations")
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def migrate_connection(connection: object, revision: str = "head") -> None:
    """Run Alembic on an open connection (a plan on a server: its schema is the search path)
    inside the caller's transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "planner:migrations")
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def upgrade_file(path: Path, old_version: int) -> Path:
    """Upgrade `path` in place (via a copy); returns where the backup of the original is."""
    backup = backup_path(path, old_version)
    work = path.with_name(f".{path.name}.upgrading")
    try:
        shutil.copy2(path, work)
        run_migrations(work)
        conn = sqlite3.connect(str(work))
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
        if version != fileformat.SCHEMA_VERSION or check != "ok":
            raise DamagedPlanFile(
                _("{name} could not be upgraded: the result failed its check.").format(
                    name=path.name
                )
            )
        shutil.copy2(path, backup)
        work.replace(path)
    except PlanFileError:
        raise
    except Exception as exc:  # Alembic and SQLite raise many kinds; all mean the same here.
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0].rstrip(".")
        raise DamagedPlanFile(
            _(
                "{name} could not be upgraded from format {version}: {reason}. The file was not "
                "changed."
            ).format(name=path.name, version=old_version, reason=reason)
        ) from exc
    finally:
        work.unlink(missing_ok=True)
    return backup
