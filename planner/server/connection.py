"""Connecting to the server: libpq does authentication (pgpass, service files, sslmode);
every connection of a plan has the plan's schema as its search path."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from planner.i18n import _
from planner.server.address import ServerAddress
from planner.server.errors import ServerError

if TYPE_CHECKING:
    import psycopg


class PasswordNeeded(ServerError):
    """The server asks for a password libpq could not find (no ~/.pgpass entry)."""


CONNECT_TIMEOUT = 10  # seconds; a server that does not answer is reported, not waited for


def connect(
    address: ServerAddress, password: str | None = None, *, autocommit: bool = False,
    schema: str | None = None,
) -> psycopg.Connection:
    import psycopg
    from psycopg import sql

    kwargs: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT}
    if password:
        kwargs["password"] = password
    try:
        conn = psycopg.connect(address.conninfo, autocommit=autocommit, **kwargs)
    except psycopg.OperationalError as exc:
        raise describe(exc, address) from exc
    if schema:
        # pg_catalog is searched first anyway; nothing else (no public) is on the path, so no
        # other schema's functions or tables are picked up by unqualified names.
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        if not autocommit:
            conn.commit()
    return conn


def describe(exc: BaseException, address: ServerAddress) -> ServerError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "no password supplied" in text or "password authentication failed" in text:
        return PasswordNeeded(
            _("The server {server} needs a password ({reason}).").format(
                server=address.display, reason=text
            )
        )
    return ServerError(
        _("Cannot reach the server {server}: {reason}.").format(server=address.display, reason=text)
    )


def plan_engine(address: ServerAddress, password: str | None = None) -> Engine:
    """An SQLAlchemy engine over one connection whose search path is the plan's schema."""
    return create_engine(
        "postgresql+psycopg://",
        creator=lambda: connect(address, password, schema=address.plan),
        poolclass=StaticPool,
    )
