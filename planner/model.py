"""The plan's records: one SQLAlchemy table each, typed with `Mapped[...]`.

Deliberately no `relationship()`s: every change to a row goes through the command layer's
change log (planner/changes.py), and ORM cascades would change rows behind its back. Foreign
keys are still declared (and enforced: the store turns `PRAGMA foreign_keys` on) so the file
can never hold a demand that points nowhere. What happens to dependent rows when a row is
deleted is decided, explicitly and reversibly, in planner/commands/entities.py.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from planner.enums import (
    ActivityKind,
    BenefitResult,
    DemandKind,
    MilestoneKind,
    PhaseStatus,
    Priority,
)


def _enum(enum_type: type[StrEnum]) -> Enum:
    # Stored as the lower-case value with a CHECK constraint, so the file is readable with
    # any SQLite tool and a bad value can't get in from outside either.
    return Enum(
        enum_type,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        name=f"ck_{enum_type.__name__.lower()}",
        validate_strings=True,
    )


class Base(DeclarativeBase):
    """Every record has an integer `id`; commands address rows by (table, id)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)

    # Which attributes a human thinks of as "the name", for messages.
    display_attr = "title"

    @property
    def display_name(self) -> str:
        return str(getattr(self, self.display_attr, "") or f"#{self.id}")

    def to_dict(self) -> dict[str, Any]:
        return {c.key: getattr(self, c.key) for c in self.__mapper__.column_attrs}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.display_name!r}>"


class Plan(Base):
    """The one row of plan-wide settings (id 1)."""

    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("team_capacity >= 0", name="ck_plan_team_capacity"),
        CheckConstraint("weeks_to_value > 0", name="ck_plan_weeks_to_value"),
        CheckConstraint("max_departments_per_phase > 0", name="ck_plan_max_departments"),
        # The proposer's weights (schema 6): none may be negative.
        CheckConstraint("weight_must >= 0", name="ck_plan_weight_must"),
        CheckConstraint("weight_should >= 0", name="ck_plan_weight_should"),
        CheckConstraint("weight_could >= 0", name="ck_plan_weight_could"),
        CheckConstraint("weight_vote >= 0", name="ck_plan_weight_vote"),
        CheckConstraint("weight_objective >= 0", name="ck_plan_weight_objective"),
        CheckConstraint("weight_department >= 0", name="ck_plan_weight_department"),
        CheckConstraint("weight_phase >= 0", name="ck_plan_weight_phase"),
    )

    title: Mapped[str] = mapped_column(String(200), default="Untitled plan")
    vision: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    sponsor_name: Mapped[str] = mapped_column(String(200), default="")
    sponsor_role: Mapped[str] = mapped_column(String(200), default="")
    sponsor_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    lead_name: Mapped[str] = mapped_column(String(200), default="")
    lead_role: Mapped[str] = mapped_column(String(200), default="")
    # ISO weekdays that are working days, "12345" = Monday to Friday.
    working_days: Mapped[str] = mapped_column(String(7), default="12345")
    # What the project team delivers, in person-days per week.
    team_capacity: Mapped[float] = mapped_column(Float, default=15.0)
    # Warning thresholds (see planner/warnings/).
    weeks_to_value: Mapped[int] = mapped_column(Integer, default=4)
    max_departments_per_phase: Mapped[int] = mapped_column(Integer, default=2)
    field_creep_phase: Mapped[int] = mapped_column(Integer, default=5)
    field_creep_plan: Mapped[int] = mapped_column(Integer, default=20)
    scope_creep_percent: Mapped[float] = mapped_column(Float, default=10.0)
    # What the phase proposer maximises (planner/propose/weights.py; schema 6): the value of
    # a must-, should- and could-have wish, of each vote, of an objective completed (times the
    # objective's own value), and the penalties per department served in a phase and per phase.
    # A server default as well, like the migration's, so rows written by other tools get them.
    weight_must: Mapped[float] = mapped_column(Float, default=10.0, server_default="10.0")
    weight_should: Mapped[float] = mapped_column(Float, default=4.0, server_default="4.0")
    weight_could: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")
    weight_vote: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")
    weight_objective: Mapped[float] = mapped_column(Float, default=20.0, server_default="20.0")
    weight_department: Mapped[float] = mapped_column(Float, default=2.0, server_default="2.0")
    weight_phase: Mapped[float] = mapped_column(Float, default=0.5, server_default="0.5")


class Objective(Base):
    __tablename__ = "objective"

    title: Mapped[str] = mapped_column(String(200))
    measure: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # How much completing this objective is worth to the business, relative to the others;
    # the phase proposer counts it once all its must-have wishes are delivered (schema 3).
    value: Mapped[float] = mapped_column(Float, default=1.0)


class Department(Base):
    __tablename__ = "department"
    __table_args__ = (CheckConstraint("capacity >= 0", name="ck_department_capacity"),)
    display_attr = "name"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    colour: Mapped[str] = mapped_column(String(7), default="#888888")
    head: Mapped[str] = mapped_column(String(200), default="")
    # How much new work the department can absorb, in person-days per week.
    capacity: Mapped[float] = mapped_column(Float, default=5.0)
    support_contact: Mapped[str] = mapped_column(String(200), default="")
    is_it: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Phase(Base):
    __tablename__ = "phase"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="ck_phase_dates",
        ),
    )

    title: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str] = mapped_column(Text, default="")
    # Inclusive dates; a phase may be undated while it is still an idea.
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[PhaseStatus] = mapped_column(_enum(PhaseStatus), default=PhaseStatus.PLANNED)
    # A pinned phase is left as it is by the phase proposer (schema 3).
    pinned: Mapped[bool] = mapped_column(default=False)


class PhaseObjective(Base):
    """Which objectives a phase serves."""

    __tablename__ = "phase_objective"
    __table_args__ = (UniqueConstraint("phase_id", "objective_id"),)

    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"))
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id"))


class Demand(Base):
    """A wish from a department; in a phase, or in the backlog when `phase_id` is None."""

    __tablename__ = "demand"
    __table_args__ = (
        CheckConstraint("effort >= 0", name="ck_demand_effort"),
        CheckConstraint("votes >= 0", name="ck_demand_votes"),
    )

    title: Mapped[str] = mapped_column(String(300))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id"), index=True)
    effort: Mapped[float] = mapped_column(Float, default=0.0)  # person-days
    priority: Mapped[Priority] = mapped_column(_enum(Priority), default=Priority.SHOULD)
    kind: Mapped[DemandKind] = mapped_column(_enum(DemandKind), default=DemandKind.FEATURE)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objective.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    votes: Mapped[int] = mapped_column(Integer, default=0)  # since schema 2
    position: Mapped[int] = mapped_column(Integer, default=0)


class Prerequisite(Base):
    """Wish `demand_id` needs wish `needs_id` delivered first (schema 3)."""

    __tablename__ = "prerequisite"
    __table_args__ = (
        UniqueConstraint("demand_id", "needs_id"),
        CheckConstraint("demand_id <> needs_id", name="ck_prerequisite_not_self"),
    )

    demand_id: Mapped[int] = mapped_column(ForeignKey("demand.id"), index=True)
    needs_id: Mapped[int] = mapped_column(ForeignKey("demand.id"), index=True)

    @property
    def display_name(self) -> str:
        return f"#{self.demand_id} needs #{self.needs_id}"


class ChangeActivity(Base):
    """Training, workshop, communication or support for a department in a phase."""

    __tablename__ = "change_activity"

    kind: Mapped[ActivityKind] = mapped_column(_enum(ActivityKind))
    title: Mapped[str] = mapped_column(String(200), default="")
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"))
    date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class Milestone(Base):
    __tablename__ = "milestone"

    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[MilestoneKind] = mapped_column(
        _enum(MilestoneKind), default=MilestoneKind.STEERING_REVIEW
    )
    date: Mapped[dt.date] = mapped_column(Date)
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id"))


class Dependency(Base):
    """Finish-to-start: the successor cannot start before the predecessor ends."""

    __tablename__ = "dependency"
    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        CheckConstraint("predecessor_id <> successor_id", name="ck_dependency_not_self"),
    )

    predecessor_id: Mapped[int] = mapped_column(ForeignKey("phase.id"))
    successor_id: Mapped[int] = mapped_column(ForeignKey("phase.id"))

    @property
    def display_name(self) -> str:
        return f"#{self.predecessor_id} → #{self.successor_id}"


class Baseline(Base):
    """A frozen copy of phase dates and the demand assignment (JSON, see planner/baseline.py)."""

    __tablename__ = "baseline"
    display_attr = "name"

    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    snapshot: Mapped[str] = mapped_column(Text)


class Dismissal(Base):
    """A warning the user dismissed for one subject, with the reason (since schema 2)."""

    __tablename__ = "dismissal"
    __table_args__ = (UniqueConstraint("code", "subject_kind", "subject_id", "week"),)
    display_attr = "code"

    code: Mapped[str] = mapped_column(String(60))
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    # For time-based warnings: ISO date of the Monday of the week, else None.
    week: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class BenefitCheck(Base):
    """After a go-live: did the department feel the benefit the phase promised? (schema 4)"""

    __tablename__ = "benefit_check"
    __table_args__ = (UniqueConstraint("phase_id", "department_id"),)
    display_attr = "question"

    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    question: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[BenefitResult] = mapped_column(
        _enum(BenefitResult), default=BenefitResult.PENDING
    )
    note: Mapped[str] = mapped_column(Text, default="")
    # The objective's measure as found at the check, free text ("83 %").
    measured_value: Mapped[str] = mapped_column(String(200), default="")
    checked_on: Mapped[dt.date | None] = mapped_column(Date)


# Order in which tables can be filled without breaking a foreign key; reversed to empty them.
MODELS: tuple[type[Base], ...] = (
    Department,
    Plan,
    Objective,
    Phase,
    PhaseObjective,
    Demand,
    Prerequisite,
    ChangeActivity,
    Milestone,
    Dependency,
    Baseline,
    Dismissal,
    BenefitCheck,
)

MODEL_BY_TABLE: dict[str, type[Base]] = {m.__tablename__: m for m in MODELS}
