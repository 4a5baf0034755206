"""Plan format 4: benefit checks after a go-live, one per phase and department.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "benefit_check",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("phase_id", sa.Integer, sa.ForeignKey("phase.id"), nullable=False),
        sa.Column("department_id", sa.Integer, sa.ForeignKey("department.id"), nullable=False),
        sa.Column("due_date", sa.Date),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column(
            "result",
            sa.String(24),
            sa.CheckConstraint(
                "result IN ('pending', 'met', 'partly', 'not_yet')", name="ck_benefitresult"
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("measured_value", sa.String(200), nullable=False),
        sa.Column("checked_on", sa.Date),
        sa.UniqueConstraint("phase_id", "department_id"),
    )
    op.create_index("ix_benefit_check_phase_id", "benefit_check", ["phase_id"])
    if op.get_bind().dialect.name == "sqlite":  # the file header; a server has none
        op.execute("PRAGMA user_version = 4")
