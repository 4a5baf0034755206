"""Plan format 6: the phase proposer's weights in the plan's settings.

Seven columns on `plan`, each NOT NULL with the value the proposer used before as its
default (so a format-5 plan proposes exactly what it did) and a CHECK that it is not
negative. Plain `ALTER TABLE … ADD COLUMN` with an inline CHECK means the same in SQLite and
PostgreSQL (a team plan's schema), and SQLite needs no copy of the table for it.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"

# Frozen here as they were when format 6 was made (planner/model.py holds today's).
WEIGHTS = (
    ("weight_must", "10.0"),
    ("weight_should", "4.0"),
    ("weight_could", "1.0"),
    ("weight_vote", "1.0"),
    ("weight_objective", "20.0"),
    ("weight_department", "2.0"),
    ("weight_phase", "0.5"),
)


def upgrade() -> None:
    for column, default in WEIGHTS:
        op.execute(
            f"ALTER TABLE plan ADD COLUMN {column} FLOAT NOT NULL DEFAULT {default} "
            f"CONSTRAINT ck_plan_{column} CHECK ({column} >= 0)"
        )
    if op.get_bind().dialect.name == "sqlite":  # the file's header; a server has none
        op.execute("PRAGMA user_version = 6")
