"""Plan format 1: the first released schema. Frozen: never edit, add a new revision.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

APPLICATION_ID = 0x524F4C4C


def _check_in(column: str, values: list[str], name: str) -> sa.CheckConstraint:
    quoted = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({quoted})", name=name)


def upgrade() -> None:
    op.create_table(
        "department",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("colour", sa.String(7), nullable=False),
        sa.Column("head", sa.String(200), nullable=False),
        sa.Column("capacity", sa.Float, nullable=False),
        sa.Column("support_contact", sa.String(200), nullable=False),
        sa.Column("is_it", sa.Boolean, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint("capacity >= 0", name="ck_department_capacity"),
    )
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("vision", sa.Text, nullable=False),
        sa.Column("start_date", sa.Date),
        sa.Column("sponsor_name", sa.String(200), nullable=False),
        sa.Column("sponsor_role", sa.String(200), nullable=False),
        sa.Column("sponsor_department_id", sa.Integer, sa.ForeignKey("department.id")),
        sa.Column("lead_name", sa.String(200), nullable=False),
        sa.Column("lead_role", sa.String(200), nullable=False),
        sa.Column("working_days", sa.String(7), nullable=False),
        sa.Column("team_capacity", sa.Float, nullable=False),
        sa.Column("weeks_to_value", sa.Integer, nullable=False),
        sa.Column("max_departments_per_phase", sa.Integer, nullable=False),
        sa.Column("field_creep_phase", sa.Integer, nullable=False),
        sa.Column("field_creep_plan", sa.Integer, nullable=False),
        sa.Column("scope_creep_percent", sa.Float, nullable=False),
        sa.CheckConstraint("team_capacity >= 0", name="ck_plan_team_capacity"),
        sa.CheckConstraint("weeks_to_value > 0", name="ck_plan_weeks_to_value"),
        sa.CheckConstraint("max_departments_per_phase > 0", name="ck_plan_max_departments"),
    )
    op.create_table(
        "objective",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("measure", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "phase",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("goal", sa.Text, nullable=False),
        sa.Column("start_date", sa.Date),
        sa.Column("end_date", sa.Date),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="ck_phase_dates",
        ),
        _check_in("status", ["planned", "active", "done"], "ck_phasestatus"),
    )
    op.create_table(
        "phase_objective",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("phase_id", sa.Integer, sa.ForeignKey("phase.id"), nullable=False),
        sa.Column("objective_id", sa.Integer, sa.ForeignKey("objective.id"), nullable=False),
        sa.UniqueConstraint("phase_id", "objective_id"),
    )
    op.create_table(
        "demand",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("department_id", sa.Integer, sa.ForeignKey("department.id"), nullable=False),
        sa.Column("phase_id", sa.Integer, sa.ForeignKey("phase.id")),
        sa.Column("effort", sa.Float, nullable=False),
        sa.Column("priority", sa.String(24), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("objective_id", sa.Integer, sa.ForeignKey("objective.id")),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint("effort >= 0", name="ck_demand_effort"),
        _check_in("priority", ["must", "should", "could", "wont"], "ck_priority"),
        _check_in(
            "kind",
            ["feature", "report", "data_field", "integration", "transaction_process", "other"],
            "ck_demandkind",
        ),
    )
    op.create_index("ix_demand_phase_id", "demand", ["phase_id"])
    op.create_table(
        "change_activity",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("department_id", sa.Integer, sa.ForeignKey("department.id"), nullable=False),
        sa.Column("phase_id", sa.Integer, sa.ForeignKey("phase.id"), nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("notes", sa.Text, nullable=False),
        _check_in("kind", ["training", "workshop", "communication", "support"], "ck_activitykind"),
    )
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("phase_id", sa.Integer, sa.ForeignKey("phase.id")),
        _check_in("kind", ["steering_review", "go_live", "decision"], "ck_milestonekind"),
    )
    op.create_table(
        "dependency",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("predecessor_id", sa.Integer, sa.ForeignKey("phase.id"), nullable=False),
        sa.Column("successor_id", sa.Integer, sa.ForeignKey("phase.id"), nullable=False),
        sa.UniqueConstraint("predecessor_id", "successor_id"),
        sa.CheckConstraint("predecessor_id <> successor_id", name="ck_dependency_not_self"),
    )
    op.create_table(
        "baseline",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
    )
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT count(*) FROM plan")).scalar():
        bind.execute(
            sa.text(
                "INSERT INTO plan (id, title, vision, sponsor_name, sponsor_role, lead_name, "
                "lead_role, working_days, team_capacity, weeks_to_value, "
                "max_departments_per_phase, field_creep_phase, field_creep_plan, "
                "scope_creep_percent) VALUES (1, 'Untitled plan', '', '', '', '', '', '12345', "
                "15.0, 4, 2, 5, 20, 10.0)"
            )
        )
    if bind.dialect.name == "sqlite":  # the file's header; a plan on a server has none
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        op.execute("PRAGMA user_version = 1")
