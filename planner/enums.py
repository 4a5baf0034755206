"""The closed vocabularies of a plan. Values are what the file stores; never rename one
without a migration."""

from __future__ import annotations

from enum import StrEnum


class Priority(StrEnum):
    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"

    @property
    def rank(self) -> int:
        """0 for must … 3 for won't: lower is more important."""
        return list(Priority).index(self)


class DemandKind(StrEnum):
    FEATURE = "feature"
    REPORT = "report"
    DATA_FIELD = "data_field"
    INTEGRATION = "integration"
    TRANSACTION_PROCESS = "transaction_process"
    OTHER = "other"


class PhaseStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    DONE = "done"


class ActivityKind(StrEnum):
    TRAINING = "training"
    WORKSHOP = "workshop"
    COMMUNICATION = "communication"
    SUPPORT = "support"


class MilestoneKind(StrEnum):
    STEERING_REVIEW = "steering_review"
    GO_LIVE = "go_live"
    DECISION = "decision"


class BenefitResult(StrEnum):
    """A department's answer to a phase's benefit check (since schema 4)."""

    PENDING = "pending"
    MET = "met"
    PARTLY = "partly"
    NOT_YET = "not_yet"


def label(value: StrEnum) -> str:
    """A human label for an enum value: 'data_field' -> 'Data field', 'wont' -> "Won't"."""
    if value == Priority.WONT:
        return "Won't"
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]
