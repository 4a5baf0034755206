"""The change log and row versions (plan format 5), as SQLAlchemy Core tables.

Not ORM models and not in `MODELS`: they are not part of the plan a user edits, no command
writes them. A plan on a PostgreSQL server fills them (planner/server/); a plan file carries
them empty, so that a fresh file has the same schema as an upgraded one.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, Text

from planner.model import Base

change_log = Table(
    "change_log",
    Base.metadata,
    Column("seq", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("role", String(200), nullable=False),
    Column("author", String(200), nullable=False),
    Column("client", String(40), nullable=False),
    Column("label", String(200), nullable=False),
    Column("changes", Text, nullable=False),
)

row_version = Table(
    "row_version",
    Base.metadata,
    Column("tbl", String(60), primary_key=True),
    Column("row_id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
)
