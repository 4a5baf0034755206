"""What the plan pack holds. Every string is the user's text as typed (never markup): the
painter escapes it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planner.i18n import N_


class Section(StrEnum):
    """The pack's sections, in print order. Cover and contents are always printed."""

    OBJECTIVES = "objectives"
    ROADMAP = "roadmap"
    LOAD = "load"
    PHASES = "phases"
    WARNINGS = "warnings"
    CHANGES = "changes"
    BENEFITS = "benefits"
    BACKLOG = "backlog"


SECTION_TITLES: dict[Section, str] = {
    Section.OBJECTIVES: N_("Business objectives"),
    Section.ROADMAP: N_("Roadmap"),
    Section.LOAD: N_("Department load"),
    Section.PHASES: N_("Phases"),
    Section.WARNINGS: N_("Open warnings"),
    Section.CHANGES: N_("Changes since the last baseline"),
    Section.BENEFITS: N_("Did the last course go down well?"),
    Section.BACKLOG: N_("Backlog — the next course"),
}


@dataclass(frozen=True)
class Limits:
    """How much detail is listed before the pack summarises instead. A committee reads
    the top of each list; a 10 000-wish plan must still give a document one can page
    through, so long lists end in a "… and N more" line with their totals."""

    demands_per_department: int = 15  # in one phase
    backlog_rows: int = 120
    warnings_per_code: int = 12
    phase_warnings_per_code: int = 3
    changed_demands: int = 60
    milestones: int = 40

    @classmethod
    def for_plan(cls, phases: int) -> Limits:
        """Tighter lists for big plans, so that each phase still gets one page."""
        if phases <= 40:
            return cls()
        return cls(demands_per_department=6, phase_warnings_per_code=1)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Cover:
    title: str
    vision: str
    pack_date: dt.date
    sponsor: str  # "Name, role" or "" when there is none
    lead: str
    status: str  # one paragraph
    facts: list[Fact]


@dataclass(frozen=True)
class ObjectiveRow:
    title: str
    measure: str
    target: str
    phases: list[str]  # titles of the phases that serve it
    phase_numbers: list[int]
    wishes: int  # demands linked to it


@dataclass(frozen=True)
class DemandRow:
    title: str
    department: str
    priority: str
    kind: str
    effort: float
    votes: int
    objective: str  # "" when it serves none


@dataclass(frozen=True)
class Overflow:
    """The rows a list leaves out: how many and how much effort."""

    count: int
    effort: float


@dataclass(frozen=True)
class DepartmentScope:
    department: str
    colour: str
    effort: float
    count: int
    rows: list[DemandRow]
    more: Overflow | None = None


@dataclass(frozen=True)
class ActivityRow:
    kind: str
    department: str
    title: str
    date: dt.date | None


@dataclass(frozen=True)
class WarningRow:
    severity: str  # "problem", "warning", "info"
    code: str
    subject: str  # what it is about, in words
    message: str
    principle: str
    dismissed_reason: str | None = None
    names_subject: bool = False  # the message already says what it is about

    @property
    def text(self) -> str:
        return self.message if self.names_subject else f"{self.subject}: {self.message}"


@dataclass(frozen=True)
class WarningGroup:
    severity: str
    code: str
    principle: str
    rows: list[WarningRow]
    more: int = 0  # rows of this code not listed


@dataclass(frozen=True)
class PhasePage:
    number: int  # 1-based position in the plan
    title: str
    goal: str
    status: str
    start: dt.date | None
    end: dt.date | None
    weeks: float | None
    effort: float
    capacity: float | None  # what the team can deliver in the phase's duration
    objectives: list[str]
    departments: list[DepartmentScope]
    activities: list[ActivityRow]
    depends_on: list[str]
    needed_by: list[str]
    milestones: list[str]
    warnings: list[WarningGroup]
    # "'Wish' needs 'other wish' (phase 3)": the wish prerequisites that reach outside
    # the phase or hold inside it (schema 3).
    prerequisites: list[str] = field(default_factory=list)

    @property
    def utilisation(self) -> float | None:
        if not self.capacity:
            return None
        return self.effort / self.capacity


@dataclass(frozen=True)
class LoadSeries:
    """One department's weekly change load against its capacity."""

    department: str
    colour: str
    capacity: float
    values: list[float]  # one per week of LoadChart.weeks
    overloaded: list[tuple[dt.date, dt.date]]  # (first Monday, last Monday) of each run
    peak: float

    @property
    def weeks_over(self) -> int:
        return sum((end - start).days // 7 + 1 for start, end in self.overloaded)


@dataclass(frozen=True)
class LoadChart:
    weeks: list[dt.date]  # Mondays
    series: list[LoadSeries]


@dataclass(frozen=True)
class WarningsSummary:
    open_groups: list[WarningGroup]  # worst severity first
    counts: dict[str, int]  # open warnings per severity label
    dismissed: list[WarningRow]


@dataclass(frozen=True)
class PhaseMove:
    phase: str
    before: tuple[dt.date | None, dt.date | None]
    after: tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True)
class DemandChange:
    title: str
    department: str
    effort: float
    before: str  # phase title, "backlog", or "" when added
    after: str  # phase title, "backlog", or "" when removed


@dataclass(frozen=True)
class EffortRevision:
    title: str
    before: float
    after: float


@dataclass(frozen=True)
class Changes:
    baseline: str
    taken: dt.datetime
    phases_moved: list[PhaseMove]
    phases_added: list[str]
    phases_removed: list[str]
    added: list[DemandChange]
    removed: list[DemandChange]
    moved: list[DemandChange]
    revised: list[EffortRevision]
    effort_before: float
    effort_after: float
    more: int = 0  # wish changes not listed
    latest: bool = True  # the latest baseline (else one chosen for this pack)
    milestones_moved: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)

    @property
    def effort_delta(self) -> float:
        return self.effort_after - self.effort_before


@dataclass(frozen=True)
class BacklogByDepartment:
    department: str
    count: int
    effort: float
    must: int


@dataclass(frozen=True)
class Backlog:
    count: int
    effort: float
    by_department: list[BacklogByDepartment]
    rows: list[DemandRow]
    more: Overflow | None = None


@dataclass
class PlanPack:
    title: str
    pack_date: dt.date
    sections: list[Section]  # what to print, in order
    cover: Cover
    objectives: list[ObjectiveRow] = field(default_factory=list)
    load: LoadChart | None = None
    phases: list[PhasePage] = field(default_factory=list)
    warnings: WarningsSummary | None = None
    changes: Changes | None = None
    backlog: Backlog | None = None
    benefits: Any = None  # planner.report.benefits.Benefits, when that section is wanted
    milestones: list[tuple[dt.date, str, str]] = field(default_factory=list)  # date, kind, title
    milestones_more: int = 0  # not listed (the earliest ones)
