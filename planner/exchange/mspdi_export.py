"""The plan as MS Project XML (MSPDI), for MS Project, ProjectLibre and GanttProject.

- each phase is a summary task, its wishes the sub-tasks: a wish spans its phase, with its
  effort as work (person-days × MinutesPerDay) assigned to its department;
- departments are work resources (max units = weekly capacity / working days per week);
- milestones are milestones, under their phase when they fall inside it, else top level;
- phase dependencies are finish-to-start links between the summary tasks, and wish
  prerequisites finish-to-start links between the wishes' tasks;
- the plan's working week is the project calendar (08:00–12:00, 13:00–17:00);
- the backlog is a last summary task of inactive tasks (MS Project's "not scheduled"), placed
  after the plan, or left out.

Dates are wall-clock dates without a time zone, as MSPDI wants. Leaf tasks carry a
"start no earlier than" constraint on their planned start, so a tool that reschedules keeps
the plan's dates unless a link really pushes them.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from planner.exchange.csv_export import write_atomically
from planner.exchange.mspdi_common import (
    DAY_END,
    DAY_START,
    DAYTYPE_TO_ISO,
    FINISH_TO_START,
    MINUTES_PER_DAY,
    NS,
    PRIORITY_TO_MSP,
    hours_text,
    stamp,
)
from planner.i18n import _, ngettext
from planner.load import usable_working_days
from planner.model import Demand, Dependency, Milestone, Phase, Prerequisite
from planner.queries import PlanIndex, working_days_between
from planner.store import PlanStore

BACKLOG_TITLE = "Backlog (not scheduled)"
START_NO_EARLIER_THAN = 4


@dataclass
class MspdiResult:
    """What was written, for the message and the tests: plan record -> task UID."""

    tasks: int = 0
    phase_uid: dict[int, int] = field(default_factory=dict)
    demand_uid: dict[int, int] = field(default_factory=dict)
    milestone_uid: dict[int, int] = field(default_factory=dict)
    resource_uid: dict[int, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _sub(parent: ET.Element, tag: str, text: object = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def _fields(parent: ET.Element, *pairs: tuple[str, object]) -> None:
    for tag, value in pairs:
        if value is not None:
            _sub(parent, tag, value)


class _Writer:
    def __init__(self, store: PlanStore, include_backlog: bool) -> None:
        self.store = store
        self.plan = store.plan
        self.index = PlanIndex.build(store)
        self.include_backlog = include_backlog
        self.working_days = usable_working_days(self.plan.working_days)
        self.weekdays = {int(c) for c in self.working_days}
        self.result = MspdiResult()
        self.next_uid = 1
        self.rows = 0  # the visible task ID: the row number in MS Project's outline
        self.links: dict[int, list[int]] = {}  # successor uid -> predecessor uids

    # --- calendar arithmetic --------------------------------------------------------------

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        while day.isoweekday() not in self.weekdays:
            day += dt.timedelta(days=1)
        return day

    def days(self, start: dt.date, end: dt.date) -> int:
        return max(1, working_days_between(start, end, self.working_days))

    def span(self, phase: Phase) -> tuple[dt.date, dt.date, bool]:
        """(start, end, estimated): an undated phase is placed on the plan's start day as a
        one-day estimate, since MS Project needs dates for every task."""
        if phase.start_date and phase.end_date:
            return phase.start_date, phase.end_date, False
        start = self.working_day_on_or_after(self.project_start())
        return start, start, True

    def project_start(self) -> dt.date:
        dated = [p.start_date for p in self.index.phases if p.start_date]
        dated += [m.date for m in self.index.milestones]
        if self.plan.start_date:
            dated.append(self.plan.start_date)
        return min(dated) if dated else dt.date.today()

    def project_end(self) -> dt.date:
        dated = [p.end_date for p in self.index.phases if p.end_date]
        dated += [m.date for m in self.index.milestones]
        return max(dated) if dated else self.project_start()

    # --- document ---------------------------------------------------------------------------

    def build(self) -> ET.Element:
        ET.register_namespace("", NS)
        root = ET.Element("Project", {"xmlns": NS})
        start, end = self.project_start(), self.project_end()
        minutes_per_week = MINUTES_PER_DAY * len(self.weekdays)
        title = self.plan.title or "Rollout plan"
        _fields(
            root,
            ("SaveVersion", 14),
            ("Name", title),
            ("Title", title),
            ("Manager", self.plan.lead_name or None),
            ("ScheduleFromStart", 1),
            ("StartDate", stamp(start, DAY_START)),
            ("FinishDate", stamp(end, DAY_END)),
            ("CalendarUID", 1),
            ("DefaultStartTime", "08:00:00"),
            ("DefaultFinishTime", "17:00:00"),
            ("MinutesPerDay", MINUTES_PER_DAY),
            ("MinutesPerWeek", minutes_per_week),
            ("DaysPerMonth", round(len(self.weekdays) * 52 / 12)),
            ("DefaultTaskType", 1),  # fixed duration: a wish spans its phase
            ("DurationFormat", 7),  # days
            ("WorkFormat", 2),  # hours
            ("HonorConstraints", 0),
            ("WeekStartDay", 1),
        )
        self.calendar(_sub(root, "Calendars"))
        tasks = _sub(root, "Tasks")
        resources = _sub(root, "Resources")
        assignments = _sub(root, "Assignments")
        self.resources(resources)
        self.tasks(tasks, assignments, start, end)
        return root

    def calendar(self, calendars: ET.Element) -> None:
        calendar = _sub(calendars, "Calendar")
        _fields(
            calendar,
            ("UID", 1),
            ("Name", "Standard"),
            ("IsBaseCalendar", 1),
            ("BaseCalendarUID", -1),
        )
        week = _sub(calendar, "WeekDays")
        for day_type in range(1, 8):
            iso = DAYTYPE_TO_ISO[day_type]
            weekday = _sub(week, "WeekDay")
            _fields(weekday, ("DayType", day_type), ("DayWorking", int(iso in self.weekdays)))
            if iso in self.weekdays:
                times = _sub(weekday, "WorkingTimes")
                for begin, finish in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
                    _fields(_sub(times, "WorkingTime"), ("FromTime", begin), ("ToTime", finish))

    def resources(self, parent: ET.Element) -> None:
        per_week = len(self.weekdays)
        for number, dept in enumerate(self.index.departments, start=1):
            resource = _sub(parent, "Resource")
            notes = "; ".join(
                text
                for text in (
                    f"Head: {dept.head}" if dept.head else "",
                    f"Support: {dept.support_contact}" if dept.support_contact else "",
                )
                if text
            )
            _fields(
                resource,
                ("UID", number),
                ("ID", number),
                ("Name", dept.name),
                ("Type", 1),  # work
                ("IsNull", 0),
                ("Initials", "".join(w[:1] for w in dept.name.split())[:4] or "D"),
                ("Group", "IT" if dept.is_it else None),
                # Capacity is person-days of change per week; units are persons full-time.
                ("MaxUnits", round(dept.capacity / per_week, 4)),
                ("Notes", notes or None),
            )
            self.result.resource_uid[dept.id] = number

    # --- tasks --------------------------------------------------------------------------------

    def new_task(
        self, parent: ET.Element, name: str, level: int, outline: str
    ) -> tuple[ET.Element, int]:
        uid = self.next_uid
        self.next_uid += 1
        self.rows += 1
        task = _sub(parent, "Task")
        _fields(task, ("UID", uid), ("ID", self.rows), ("Name", name))
        # The other fields are parked as "_name" attributes until `finish_tasks` writes them
        # in the schema's order (links are only known once every task has its UID).
        task.set("_outline", outline)
        task.set("_level", str(level))
        self.result.tasks += 1
        return task, uid

    def tasks(
        self, tasks: ET.Element, assignments: ET.Element, start: dt.date, end: dt.date
    ) -> None:
        # Task 0 is the project summary MS Project shows as the project's own row.
        root_task = _sub(tasks, "Task")
        _fields(
            root_task,
            ("UID", 0),
            ("ID", 0),
            ("Name", self.plan.title or "Rollout plan"),
            ("Type", 1),
            ("IsNull", 0),
            ("OutlineNumber", 0),
            ("OutlineLevel", 0),
            ("Start", stamp(start, DAY_START)),
            ("Finish", stamp(end, DAY_END)),
            ("Summary", 1),
        )
        inside: dict[int, list[Milestone]] = {}
        loose: list[Milestone] = []
        phases = {p.id: p for p in self.index.phases}
        for milestone in self.index.milestones:
            phase = phases.get(milestone.phase_id) if milestone.phase_id else None
            if (
                phase
                and phase.start_date
                and phase.end_date
                and (phase.start_date <= milestone.date <= phase.end_date)
            ):
                inside.setdefault(phase.id, []).append(milestone)
            else:
                loose.append(milestone)
        top = 0
        for phase in self.index.phases:
            top += 1
            self.phase(tasks, assignments, phase, str(top), inside.get(phase.id, []))
        for milestone in loose:
            top += 1
            self.milestone(tasks, milestone, 1, str(top))
        backlog = self.index.demands(None)
        if backlog and self.include_backlog:
            top += 1
            self.backlog(tasks, assignments, backlog, str(top), end)
        elif backlog:
            self.result.notes.append(
                ngettext(
                    "{n} backlog wishes were left out, as asked.",
                    "{n} backlog wishes were left out, as asked.",
                    len(backlog),
                ).format(n=len(backlog))
            )
        self.dependencies()
        self.finish_tasks(tasks)

    def phase(
        self,
        tasks: ET.Element,
        assignments: ET.Element,
        phase: Phase,
        outline: str,
        milestones: list[Milestone],
    ) -> None:
        start, end, estimated = self.span(phase)
        if estimated:
            self.result.notes.append(
                _(
                    "Phase '{title}' has no dates; it is placed on {date} as a one-day estimate."
                ).format(title=phase.title, date=start.isoformat())
            )
        demands = self.index.demands(phase.id)
        task, uid = self.new_task(tasks, phase.title, 1, outline)
        self.result.phase_uid[phase.id] = uid
        days = self.days(start, end)
        effort = sum(d.effort for d in demands)
        self.schedule(
            task,
            start,
            end,
            days,
            effort,
            summary=True,
            estimated=estimated,
            notes=phase.goal,
            percent=self.percent(phase, start, end),
        )
        child = 0
        for demand in demands:
            child += 1
            self.wish(tasks, assignments, demand, f"{outline}.{child}", start, end, days)
        for milestone in milestones:
            child += 1
            self.milestone(tasks, milestone, 2, f"{outline}.{child}")

    @staticmethod
    def percent(phase: Phase, start: dt.date, end: dt.date) -> int:
        """% complete: 100 when done; for an active phase the share of its days gone by,
        at least 1 so that every tool sees it as started; 0 while planned."""
        if phase.status.value == "done":
            return 100
        if phase.status.value != "active":
            return 0
        elapsed = (dt.date.today() - start).days / max(1, (end - start).days + 1)
        return max(1, min(99, round(100 * elapsed)))

    def wish(
        self,
        tasks: ET.Element,
        assignments: ET.Element,
        demand: Demand,
        outline: str,
        start: dt.date,
        end: dt.date,
        days: int,
        active: bool = True,
    ) -> None:
        task, uid = self.new_task(tasks, demand.title, 2, outline)
        self.result.demand_uid[demand.id] = uid
        self.schedule(
            task,
            start,
            end,
            days,
            demand.effort,
            summary=False,
            priority=PRIORITY_TO_MSP[demand.priority],
            notes=demand.notes,
            active=active,
        )
        resource = self.result.resource_uid.get(demand.department_id)
        if resource is not None:
            assignment = _sub(assignments, "Assignment")
            _fields(
                assignment,
                ("UID", len(assignments)),
                ("TaskUID", uid),
                ("ResourceUID", resource),
                ("Finish", stamp(end, DAY_END)),
                ("RemainingWork", hours_text(demand.effort * MINUTES_PER_DAY)),
                ("Start", stamp(start, DAY_START)),
                ("Units", round(demand.effort / days, 4)),
                ("Work", hours_text(demand.effort * MINUTES_PER_DAY)),
            )

    def milestone(self, tasks: ET.Element, milestone: Milestone, level: int, outline: str) -> None:
        task, uid = self.new_task(tasks, milestone.title, level, outline)
        self.result.milestone_uid[milestone.id] = uid
        task.set("_milestone", "1")
        task.set("_start", stamp(milestone.date, DAY_START))
        task.set("_notes", milestone.kind.value.replace("_", " "))

    def backlog(
        self,
        tasks: ET.Element,
        assignments: ET.Element,
        demands: list[Demand],
        outline: str,
        end: dt.date,
    ) -> None:
        day = self.working_day_on_or_after(end + dt.timedelta(days=1))
        task, _uid = self.new_task(tasks, BACKLOG_TITLE, 1, outline)
        self.schedule(
            task,
            day,
            day,
            1,
            sum(d.effort for d in demands),
            summary=True,
            notes="Wishes not planned into a phase yet.",
            active=False,
        )
        for child, demand in enumerate(demands, start=1):
            self.wish(tasks, assignments, demand, f"{outline}.{child}", day, day, 1, active=False)

    def schedule(
        self,
        task: ET.Element,
        start: dt.date,
        end: dt.date,
        days: int,
        effort: float,
        *,
        summary: bool,
        estimated: bool = False,
        priority: int | None = None,
        notes: str = "",
        active: bool = True,
        percent: int = 0,
    ) -> None:
        task.set("_start", stamp(start, DAY_START))
        task.set("_finish", stamp(end, DAY_END))
        task.set("_duration", hours_text(days * MINUTES_PER_DAY))
        task.set("_work", hours_text(effort * MINUTES_PER_DAY))
        task.set("_summary", str(int(summary)))
        task.set("_estimated", str(int(estimated)))
        task.set("_active", str(int(active)))
        task.set("_percent", str(percent))
        if priority is not None:
            task.set("_priority", str(priority))
        if notes:
            task.set("_notes", notes)

    def dependencies(self) -> None:
        for dep in self.store.rows(Dependency):
            pred = self.result.phase_uid.get(dep.predecessor_id)
            succ = self.result.phase_uid.get(dep.successor_id)
            if pred is not None and succ is not None:
                self.links.setdefault(succ, []).append(pred)
        for link in self.store.rows(Prerequisite):
            pred = self.result.demand_uid.get(link.needs_id)
            succ = self.result.demand_uid.get(link.demand_id)
            if pred is not None and succ is not None:
                self.links.setdefault(succ, []).append(pred)

    def finish_tasks(self, tasks: ET.Element) -> None:
        """Write each task's fields in the schema's order (MS Project insists on it)."""
        for task in list(tasks)[1:]:
            get = task.attrib.pop
            outline, level = get("_outline"), get("_level")
            milestone = get("_milestone", None) == "1"
            start = get("_start")
            finish = get("_finish", start)
            duration = get("_duration", "PT0H0M0S")
            work = get("_work", "PT0H0M0S")
            summary = get("_summary", "0")
            estimated = get("_estimated", "0")
            active = get("_active", "1")
            percent = get("_percent", "0")
            priority = get("_priority", "500")
            notes = get("_notes", None)
            uid = int(task.findtext("UID") or 0)
            _fields(
                task,
                ("Active", active),
                ("Manual", 0),
                ("Type", 1),
                ("IsNull", 0),
                ("WBS", outline),
                ("OutlineNumber", outline),
                ("OutlineLevel", level),
                ("Priority", priority),
                ("Start", start),
                ("Finish", finish),
                ("Duration", duration),
                ("DurationFormat", 7),
                ("Work", work),
                ("Estimated", estimated),
                ("Milestone", int(milestone)),
                ("Summary", summary),
                ("PercentComplete", percent),
                ("RemainingWork", work),
                ("ConstraintType", 0 if summary == "1" else START_NO_EARLIER_THAN),
                ("ConstraintDate", None if summary == "1" else start),
                ("Notes", notes),
            )
            for pred in self.links.get(uid, []):
                link = _sub(task, "PredecessorLink")
                _fields(
                    link,
                    ("PredecessorUID", pred),
                    ("Type", FINISH_TO_START),
                    ("CrossProject", 0),
                    ("LinkLag", 0),
                    ("LagFormat", 7),
                )


def mspdi_bytes(store: PlanStore, *, include_backlog: bool = True) -> tuple[bytes, MspdiResult]:
    writer = _Writer(store, include_backlog)
    root = writer.build()
    ET.indent(root, space="  ")
    # Serialised to text and encoded once: ElementTree's own encoding path writes through a
    # codec per element and is slower by half.
    text = ET.tostring(root, encoding="unicode")
    payload = ("<?xml version='1.0' encoding='utf-8'?>\n" + text).encode("utf-8")
    return payload, writer.result


def export_mspdi(store: PlanStore, out: Path, *, include_backlog: bool = True) -> MspdiResult:
    payload, result = mspdi_bytes(store, include_backlog=include_backlog)
    write_atomically(out, payload)
    return result
