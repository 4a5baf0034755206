"""The closed vocabularies of a plan. Values are what the file stores; never rename one
without a migration."""

from __future__ import annotations

from enum import StrEnum

from planner.i18n import N_, _


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


# The label of every value, for menus, columns and reports (the values themselves are what
# files store and never translate).
_LABELS: dict[str, str] = {
    "must": N_("Must"),
    "should": N_("Should"),
    "could": N_("Could"),
    # Translators: the MoSCoW priority "won't (have this time)".
    "wont": N_("Won't"),
    "feature": N_("Feature"),
    "report": N_("Report"),
    "data_field": N_("Data field"),
    "integration": N_("Integration"),
    "transaction_process": N_("Transaction process"),
    "other": N_("Other"),
    "planned": N_("Planned"),
    "active": N_("Active"),
    "done": N_("Done"),
    "training": N_("Training"),
    "workshop": N_("Workshop"),
    "communication": N_("Communication"),
    "support": N_("Support"),
    "steering_review": N_("Steering review"),
    "go_live": N_("Go live"),
    "decision": N_("Decision"),
    "pending": N_("Pending"),
    "met": N_("Met"),
    "partly": N_("Partly"),
    "not_yet": N_("Not yet"),
}


def label(value: StrEnum) -> str:
    """A human label for an enum value, in the chosen language: 'data_field' -> 'Data field',
    'wont' -> "Won't"."""
    known = _LABELS.get(str(value))
    if known is not None:
        return _(known)
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]
