"""Plan format 5: the change log and row versions a plan shared on a server keeps.

Every edit of a plan on a PostgreSQL server appends one `change_log` entry (who, when, which
command, its row changes as JSON) and bumps the `row_version` of each row it touched; other
clients catch up from the log and refuse edits based on rows someone else changed since. A
plan file carries the same (empty) tables, so a plan copies between file and server as is.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("client", sa.String(40), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
    )
    op.create_table(
        "row_version",
        sa.Column("tbl", sa.String(60), primary_key=True),
        sa.Column("row_id", sa.Integer, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":  # the file's header; a server has none
        op.execute("PRAGMA user_version = 5")
