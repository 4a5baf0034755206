"""Plan format 3: wish prerequisites, an objective's value and pinned phases (the proposer).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "prerequisite",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("demand_id", sa.Integer, sa.ForeignKey("demand.id"), nullable=False),
        sa.Column("needs_id", sa.Integer, sa.ForeignKey("demand.id"), nullable=False),
        sa.UniqueConstraint("demand_id", "needs_id"),
        sa.CheckConstraint("demand_id <> needs_id", name="ck_prerequisite_not_self"),
    )
    op.create_index("ix_prerequisite_demand_id", "prerequisite", ["demand_id"])
    op.create_index("ix_prerequisite_needs_id", "prerequisite", ["needs_id"])
    with op.batch_alter_table("objective") as batch:
        batch.add_column(sa.Column("value", sa.Float, nullable=False, server_default="1.0"))
    with op.batch_alter_table("phase") as batch:
        batch.add_column(sa.Column("pinned", sa.Boolean, nullable=False, server_default="0"))
    if op.get_bind().dialect.name == "sqlite":  # the file header; a server has none
        op.execute("PRAGMA user_version = 3")
