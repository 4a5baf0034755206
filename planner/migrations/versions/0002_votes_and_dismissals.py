"""Plan format 2: dot votes on demands, and dismissed warnings with their reasons.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("demand") as batch:
        batch.add_column(sa.Column("votes", sa.Integer, nullable=False, server_default="0"))
        batch.create_check_constraint("ck_demand_votes", "votes >= 0")
    op.create_table(
        "dismissal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(60), nullable=False),
        sa.Column("subject_kind", sa.String(20), nullable=False),
        sa.Column("subject_id", sa.Integer),
        sa.Column("week", sa.Date),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("code", "subject_kind", "subject_id", "week"),
    )
    if op.get_bind().dialect.name == "sqlite":  # the file header; a server has none
        op.execute("PRAGMA user_version = 2")
