"""MS Project XML (MSPDI) into a plan: top-level summary tasks become phases, their leaf
tasks wishes, resources departments, milestones milestones, links between phases
dependencies and links between wishes prerequisites. What does not fit is said in the
import report, never silently dropped.

Contract with the import UI/CLI (planner/exchange's other half):

- `import_into_plan(store, source) -> MspdiImport`: `.lines` is the report, `.command` one
  undoable command adding everything to the existing plan (not done yet: the caller pushes
  it on its undo stack, or calls `command.do(store)`);
- `new_plan_from_mspdi(target, source)`: a new plan file made from the MSPDI file, with the
  project's title, start and working week.

Mapping decisions, each reported:
- a top-level task without sub-tasks becomes a phase; its work, if any, one wish in it;
- an inactive top-level summary (MS Project's "not scheduled"; our own export's backlog)
  gives backlog wishes, not a phase;
- deeper outlines are flattened: a leaf under a sub-summary becomes a wish of the phase,
  named "Sub-summary › Task";
- the first assigned work resource of a task is the wish's department; the others are named
  in the wish's notes; a task without one goes to the department "Unassigned";
- work in hours becomes person-days through the file's MinutesPerDay;
- links: phase → phase finish-to-start become dependencies, wish → wish prerequisites; other
  link types and links involving milestones or mixing phases and wishes are listed;
- costs, custom fields, outline codes and timephased data are counted in the report.

Refused with a message, changing nothing: no tasks, a cyclic predecessor chain, dates outside
1990–2200, a DTD/entities (XML bombs, external entities), not well-formed XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planner.changes import Recorder
from planner.commands.base import Command
from planner.commands.entities import change_row, new_row
from planner.enums import MilestoneKind, PhaseStatus, Priority
from planner.exchange.errors import ExchangeError
from planner.exchange.mspdi_common import LINK_TYPES, priority_from_msp
from planner.exchange.mspdi_read import NO_RESOURCE, MsProject, MsTask, read_mspdi
from planner.i18n import N_, _, ngettext
from planner.i18n.formats import local_number
from planner.model import Demand, Department, Dependency, Milestone, Phase, Prerequisite
from planner.store import PlanStore
from planner.validation import MAX_CAPACITY, MAX_EFFORT

EARLIEST, LATEST = dt.date(1990, 1, 1), dt.date(2200, 12, 31)
UNASSIGNED = "Unassigned"
# Colours for new departments, in turn (the plan's own palette is chosen in the UI).
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


@dataclass
class _Wish:
    task: MsTask
    title: str
    effort: float
    department: str
    notes: str
    priority: Priority


@dataclass
class _Phase:
    task: MsTask | None  # None: the backlog
    title: str
    start: dt.date | None
    end: dt.date | None
    goal: str
    status: PhaseStatus
    wishes: list[_Wish] = field(default_factory=list)
    milestones: list[MsTask] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What the file becomes, before anything touches the plan."""

    departments: dict[str, float] = field(default_factory=dict)  # name -> capacity
    phases: list[_Phase] = field(default_factory=list)
    backlog: list[_Wish] = field(default_factory=list)
    milestones: list[MsTask] = field(default_factory=list)  # top level, no phase
    dependencies: list[tuple[int, int]] = field(default_factory=list)  # task uids
    prerequisites: list[tuple[int, int]] = field(default_factory=list)  # (needs, wish) uids
    lines: list[str] = field(default_factory=list)


@dataclass
class MspdiImport:
    """The report (`lines`) and the one undoable command that applies it (`command`)."""

    lines: list[str]
    command: Command
    plan: ImportPlan
    project: MsProject


def _day(value: dt.datetime | None, *, finish: bool = False) -> dt.date | None:
    if value is None:
        return None
    # GanttProject ends a task at 00:00 of the next day: that day is not part of it.
    if finish and value.time() == dt.time(0, 0):
        return value.date() - dt.timedelta(days=1)
    return value.date()


def _milestone_kind(task: MsTask) -> MilestoneKind:
    text = f"{task.notes} {task.name}".casefold()
    if "go live" in text or "go-live" in text or "launch" in text:
        return MilestoneKind.GO_LIVE
    if "decision" in text or "decide" in text or "gate" in text:
        return MilestoneKind.DECISION
    return MilestoneKind.STEERING_REVIEW


class _Mapper:
    def __init__(self, project: MsProject, source_name: str) -> None:
        self.project = project
        self.name = source_name
        self.out = ImportPlan()
        self.by_uid: dict[int, MsTask] = {}
        self.children: dict[int, list[MsTask]] = {}
        self.parent: dict[int, int | None] = {}
        self.kind: dict[int, str] = {}  # uid -> "phase" | "wish" | "milestone" | "backlog"
        self.notes: list[str] = []

    # --- outline --------------------------------------------------------------------------

    def outline(self) -> list[MsTask]:
        """The real rows, in outline order, with parents from OutlineLevel (or the depth of
        OutlineNumber), never from the Summary flag."""
        rows: list[MsTask] = []
        blank = 0
        for task in sorted(self.project.tasks, key=lambda t: (t.id, t.uid)):
            if task.is_null:
                blank += 1
                continue
            if not task.name and task.uid != 0 and (task.level or 1) > 0:
                task.name = _("(unnamed task, UID {uid})").format(uid=task.uid)
            level = task.level
            if level is None:
                level = task.outline_number.count(".") + 1 if task.outline_number else 1
                task.level = level
            if level <= 0 or task.uid == 0 and task.outline_number in ("", "0"):
                continue  # the project summary row
            rows.append(task)
        if blank:
            self.notes.append(
                ngettext(
                    "{n} blank row (IsNull) skipped.", "{n} blank rows (IsNull) skipped.", blank
                ).format(n=blank)
            )
        stack: list[MsTask] = []
        for task in rows:
            level = task.level or 1
            while stack and (stack[-1].level or 1) >= level:
                stack.pop()
            parent = stack[-1] if stack else None
            if parent is not None and (parent.level or 1) < level - 1:
                task.level = (parent.level or 1) + 1  # an outline that skips levels
            self.parent[task.uid] = parent.uid if parent else None
            if parent is not None:
                self.children.setdefault(parent.uid, []).append(task)
            self.by_uid[task.uid] = task
            stack.append(task)
        return rows

    # --- checks ---------------------------------------------------------------------------

    def check(self, rows: list[MsTask]) -> None:
        if not rows:
            raise ExchangeError(
                _("{name} has no tasks; there is nothing to import.").format(name=self.name)
            )
        for task in rows:
            for value in (task.start, task.finish):
                if value is not None and not EARLIEST <= value.date() <= LATEST:
                    raise ExchangeError(
                        _(
                            "Task '{name}' (UID {uid}) is dated {date}, outside {first}–{last}; "
                            "the file was refused."
                        ).format(
                            name=task.name,
                            uid=task.uid,
                            date=value.date().isoformat(),
                            first=EARLIEST.year,
                            last=LATEST.year,
                        )
                    )
        cycle = self.find_cycle()
        if cycle:
            names = " → ".join(f"'{self.by_uid[u].name}'" for u in cycle)
            raise ExchangeError(
                _(
                    "The predecessor links go round in a circle ({names}); no tool can schedule "
                    "that. Fix the links in the file; nothing was imported."
                ).format(names=names)
            )

    def find_cycle(self) -> list[int]:
        edges: dict[int, list[int]] = {}
        for task in self.by_uid.values():
            for link in task.links:
                if link.predecessor_uid in self.by_uid:
                    edges.setdefault(link.predecessor_uid, []).append(task.uid)
        state: dict[int, int] = {}  # 1 on the path, 2 done
        for start in edges:
            if state.get(start):
                continue
            path: list[int] = []
            stack: list[tuple[int, Iterator[int]]] = [(start, iter(edges.get(start, [])))]
            state[start] = 1
            path.append(start)
            while stack:
                node, successors = stack[-1]
                nxt = next(iter(successors), None)
                if nxt is None:
                    stack.pop()
                    state[node] = 2
                    path.pop()
                    continue
                if state.get(nxt) == 1:
                    return [*path[path.index(nxt) :], nxt]
                if not state.get(nxt):
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append((nxt, iter(edges.get(nxt, []))))
        return []

    # --- mapping ----------------------------------------------------------------------------

    def resources(self) -> dict[int, str]:
        """Work resources by UID -> department name; the others are reported."""
        per_week = max(1, round(self.project.minutes_per_week / self.project.minutes_per_day))
        names: dict[int, str] = {}
        skipped: list[str] = []
        used = {a.resource_uid for a in self.project.assignments}
        for resource in self.project.resources:
            name = " ".join(resource.name.split())
            if resource.is_null or resource.uid == NO_RESOURCE:
                continue
            if not name:
                if resource.uid in used:
                    skipped.append(_("#{uid} (no name)").format(uid=resource.uid))
                continue
            if resource.type != 1:
                skipped.append(f"'{name}' ({'material' if resource.type == 0 else 'cost'})")
                continue
            names[resource.uid] = name
            if name.casefold() not in {n.casefold() for n in self.out.departments}:
                units = resource.max_units if resource.max_units is not None else 1.0
                self.out.departments[name] = min(MAX_CAPACITY, round(units * per_week, 2))
        if skipped:
            self.notes.append(
                ngettext(
                    "{n} resource that are not work resources did not become departments: "
                    "{names}.",
                    "{n} resources that are not work resources did not become departments: "
                    "{names}.",
                    len(skipped),
                ).format(
                    n=len(skipped),
                    names=", ".join(skipped[:8]) + (" …" if len(skipped) > 8 else ""),
                )
            )
        costs = [r for r in self.project.resources if r.cost_rate]
        if costs:
            self.notes.append(
                ngettext(
                    "Rates of {n} resource not imported (the plan does not track cost).",
                    "Rates of {n} resources not imported (the plan does not track cost).",
                    len(costs),
                ).format(n=len(costs))
            )
        return names

    def wish(
        self,
        task: MsTask,
        title: str,
        departments: dict[int, str],
        assigned: dict[int, list],
        extra_people: list[int],
    ) -> _Wish:
        per_day = self.project.minutes_per_day
        work = task.work_minutes
        mine = assigned.get(task.uid, [])
        if not work:
            work = sum(a.work_minutes or 0 for a in mine) or 0.0
        effort = round(max(0.0, work) / per_day, 3)
        if effort > MAX_EFFORT:
            raise ExchangeError(
                _(
                    "Task '{name}' (UID {uid}) has {effort} person-days of work, more than the "
                    "{limit} a wish can hold; the file was refused."
                ).format(
                    name=task.name, uid=task.uid, effort=local_number(effort),
                    limit=local_number(MAX_EFFORT),
                )
            )
        people = [departments[a.resource_uid] for a in mine if a.resource_uid in departments]
        people = list(dict.fromkeys(people))
        department = people[0] if people else UNASSIGNED
        notes = task.notes
        if len(people) > 1:
            extra_people.append(task.uid)
            notes = (notes + "\n" if notes else "") + "Also assigned: " + ", ".join(people[1:])
        if department == UNASSIGNED and UNASSIGNED.casefold() not in {
            n.casefold() for n in self.out.departments
        }:
            self.out.departments[UNASSIGNED] = 0.0
        priority = (
            priority_from_msp(task.priority) if task.priority is not None else Priority.SHOULD
        )
        self.kind[task.uid] = "wish"
        return _Wish(task, title, effort, department, notes, priority)

    def leaves(self, task: MsTask, prefix: str = "") -> Iterable[tuple[MsTask, str]]:
        for child in self.children.get(task.uid, []):
            title = f"{prefix}{child.name}"
            if child.uid in self.children:
                yield from self.leaves(child, f"{title} › ")
            else:
                yield child, title

    def map(self) -> ImportPlan:
        rows = self.outline()
        self.check(rows)
        departments = self.resources()
        assigned: dict[int, list] = {}
        for a in self.project.assignments:
            assigned.setdefault(a.task_uid, []).append(a)
        extra_people: list[int] = []
        flattened = single = manual = 0
        tops = [t for t in rows if self.parent.get(t.uid) is None]
        for top in tops:
            manual += top.manual
            if top.milestone and top.uid not in self.children:
                self.kind[top.uid] = "milestone"
                self.out.milestones.append(top)
                continue
            if not top.active and top.uid in self.children:
                # Not scheduled in MS Project (our own export writes the backlog like this).
                for leaf, title in self.leaves(top):
                    manual += leaf.manual
                    if leaf.milestone:
                        self.kind[leaf.uid] = "milestone"
                        self.out.milestones.append(leaf)
                    else:
                        self.out.backlog.append(
                            self.wish(leaf, title, departments, assigned, extra_people)
                        )
                self.kind[top.uid] = "backlog"
                continue
            start, end = _day(top.start), _day(top.finish, finish=True)
            if start and end and end < start:
                end = start
            status = (
                PhaseStatus.DONE
                if top.percent_complete >= 100
                else PhaseStatus.ACTIVE
                if top.percent_complete > 0
                else PhaseStatus.PLANNED
            )
            phase = _Phase(top, top.name, start, end, top.notes, status)
            self.kind[top.uid] = "phase"
            if top.uid not in self.children:
                single += 1
                if top.work_minutes or assigned.get(top.uid):
                    wish = self.wish(top, top.name, departments, assigned, extra_people)
                    self.kind[top.uid] = "phase"  # links to it are phase links
                    phase.wishes.append(wish)
            for leaf, title in self.leaves(top):
                manual += leaf.manual
                if "›" in title:
                    flattened += 1
                if leaf.milestone:
                    self.kind[leaf.uid] = "milestone"
                    phase.milestones.append(leaf)
                else:
                    phase.wishes.append(self.wish(leaf, title, departments, assigned, extra_people))
            self.out.phases.append(phase)
        if single:
            self.notes.append(
                _(
                    "Top-level tasks without sub-tasks became phases ({count}); the work of "
                    "each, if any, became one wish in it."
                ).format(count=single)
            )
        if flattened:
            self.notes.append(
                ngettext(
                    "Deeper outline levels were flattened: {n} task under sub-summaries became "
                    "wishes of their phase, named 'Sub-summary › Task'.",
                    "Deeper outline levels were flattened: {n} tasks under sub-summaries became "
                    "wishes of their phase, named 'Sub-summary › Task'.",
                    flattened,
                ).format(n=flattened)
            )
        unassigned = sum(
            w.department == UNASSIGNED
            for w in [*self.out.backlog, *(w for p in self.out.phases for w in p.wishes)]
        )
        if unassigned:
            self.notes.append(
                ngettext(
                    "{n} task had no resource: their wishes are in the department '{department}' "
                    "(capacity 0 until you set it), to hand on.",
                    "{n} tasks had no resource: their wishes are in the department "
                    "'{department}' (capacity 0 until you set it), to hand on.",
                    unassigned,
                ).format(n=unassigned, department=UNASSIGNED)
            )
        if extra_people:
            self.notes.append(
                ngettext(
                    "{n} task had more than one resource: the first is the wish's department, "
                    "the others are named in the wish's notes.",
                    "{n} tasks had more than one resource: the first is the wish's department, "
                    "the others are named in the wish's notes.",
                    len(extra_people),
                ).format(n=len(extra_people))
            )
        if manual:
            self.notes.append(
                ngettext(
                    "{n} manually scheduled task: their own dates (ManualStart/ManualFinish) "
                    "were used.",
                    "{n} manually scheduled tasks: their own dates (ManualStart/ManualFinish) "
                    "were used.",
                    manual,
                ).format(n=manual)
            )
        self.links()
        self.extras()
        return self.out

    def links(self) -> None:
        # (what, detail) -> how many links of it were not imported
        other: dict[tuple[str, str], int] = {}
        for task in self.by_uid.values():
            succ_kind = self.kind.get(task.uid)
            for link in task.links:
                pred = self.by_uid.get(link.predecessor_uid)
                pred_kind = self.kind.get(link.predecessor_uid) if pred else None
                if pred is None:
                    other[("outside", "")] = other.get(("outside", ""), 0) + 1
                    continue
                if link.type != 1:
                    key = ("type", LINK_TYPES.get(link.type, str(link.type)))
                    other[key] = other.get(key, 0) + 1
                    continue
                if pred_kind == succ_kind == "phase":
                    self.out.dependencies.append((pred.uid, task.uid))
                elif pred_kind == succ_kind == "wish":
                    self.out.prerequisites.append((pred.uid, task.uid))
                else:
                    key = ("between", f"{pred_kind or 'summary'}|{succ_kind or 'summary'}")
                    other[key] = other.get(key, 0) + 1
                if link.lag_minutes:
                    other[("lag", "")] = other.get(("lag", ""), 0) + 1
        self.notes += [_links_note(what, detail, n) for (what, detail), n in other.items()]

    def extras(self) -> None:
        project = self.project
        costs = [t for t in self.by_uid.values() if t.cost]
        if costs:
            total = sum(t.cost for t in costs)
            self.notes.append(
                ngettext(
                    "Costs on {n} task ({total} in all) not imported: the plan does not track "
                    "cost.",
                    "Costs on {n} tasks ({total} in all) not imported: the plan does not track "
                    "cost.",
                    len(costs),
                ).format(n=len(costs), total=local_number(total, ",.2f"))
            )
        custom = sum(t.custom_fields for t in self.by_uid.values())
        custom += sum(r.custom_fields for r in project.resources)
        names = project.custom_field_names
        named = ", ".join(n for n in names[:6] if n) + (" …" if len(names) > 6 else "")
        if custom:
            if named:
                text = ngettext(
                    "{n} custom field value not imported (fields: {names}).",
                    "{n} custom field values not imported (fields: {names}).",
                    custom,
                )
            else:
                text = ngettext(
                    "{n} custom field value not imported.",
                    "{n} custom field values not imported.",
                    custom,
                )
            self.notes.append(text.format(n=custom, names=named))
        elif names:
            self.notes.append(
                ngettext(
                    "The file defines {n} custom field ({names}); no task or resource has a "
                    "value in them.",
                    "The file defines {n} custom fields ({names}); no task or resource has a "
                    "value in them.",
                    len(names),
                ).format(n=len(names), names=named)
            )
        if project.outline_codes:
            n = project.outline_codes
            self.notes.append(
                ngettext("{n} outline code not imported.", "{n} outline codes not imported.", n)
                .format(n=n)
            )
        if project.timephased:
            self.notes.append(
                ngettext(
                    "{n} timephased data record skipped: the plan spreads each phase's effort "
                    "evenly over its working days.",
                    "{n} timephased data records skipped: the plan spreads each phase's effort "
                    "evenly over its working days.",
                    project.timephased,
                ).format(n=project.timephased)
            )


# What a task became, in a note about links between such tasks (shown through _()).
_TASK_KINDS = {
    "phase": N_("phase"),
    "wish": N_("wish"),
    "milestone": N_("milestone"),
    "backlog": N_("backlog"),
    # Translators: a summary task of MS Project.
    "summary": N_("summary"),
}


def _links_note(what: str, detail: str, n: int) -> str:
    if what == "outside":
        return ngettext(
            "{n} link to a task not in the file (external or deleted) not imported.",
            "{n} links to a task not in the file (external or deleted) not imported.",
            n,
        ).format(n=n)
    if what == "type":
        # Translators: {type} is MS Project's link type, e.g. "start-to-start".
        return ngettext(
            "{n} link of type {type} not imported (the plan has finish-to-start only).",
            "{n} links of type {type} not imported (the plan has finish-to-start only).",
            n,
        ).format(n=n, type=detail)
    if what == "between":
        first, second = (_(_TASK_KINDS.get(k, k)) for k in detail.split("|"))
        return ngettext(
            "{n} link between a {first} and a {second} not imported.",
            "{n} links between a {first} and a {second} not imported.",
            n,
        ).format(n=n, first=first, second=second)
    return ngettext(
        "{n} link with lag (kept as a plain link).", "{n} links with lag (kept as a plain link).", n
    ).format(n=n)


class ImportMspdi(Command):
    """Adds what an MSPDI file holds to the plan, as one undoable step. Existing departments
    with the same name (case-insensitive) are reused; everything else is new."""

    def __init__(self, plan: ImportPlan, source_name: str, plan_values: dict | None = None):
        super().__init__()
        self.import_plan = plan
        # Translators: an undo step: "Import plan.xml".
        self.label = _("Import {name}").format(name=source_name)
        self.plan_values = plan_values or {}

    def perform(self, rec: Recorder) -> None:
        store = rec.store
        data = self.import_plan
        if self.plan_values:
            change_row(rec, store.plan, self.plan_values)
        dept_ids = {d.name.strip().casefold(): d.id for d in store.rows(Department)}
        position = 1 + max((d.position for d in store.rows(Department)), default=-1)
        for i, (name, capacity) in enumerate(data.departments.items()):
            if name.casefold() in dept_ids:
                continue
            row = new_row(
                rec,
                Department,
                {
                    "name": name,
                    "capacity": capacity,
                    "position": position,
                    "colour": PALETTE[(position + i) % len(PALETTE)],
                },
            )
            position += 1
            dept_ids[name.casefold()] = row.id
        task_phase: dict[int, int] = {}
        task_wish: dict[int, int] = {}
        phase_pos = 1 + max((p.position for p in store.rows(Phase)), default=-1)
        wish_pos = 1 + max((d.position for d in store.rows(Demand)), default=-1)

        def add_wish(wish: _Wish, phase_id: int | None) -> None:
            nonlocal wish_pos
            row = new_row(
                rec,
                Demand,
                {
                    "title": wish.title,
                    "department_id": dept_ids[wish.department.casefold()],
                    "phase_id": phase_id,
                    "effort": wish.effort,
                    "priority": wish.priority,
                    "notes": wish.notes,
                    "position": wish_pos,
                },
            )
            wish_pos += 1
            task_wish[wish.task.uid] = row.id

        def add_milestone(task: MsTask, phase_id: int | None) -> None:
            day = _day(task.start) or _day(task.finish)
            if day is None:
                return
            new_row(
                rec,
                Milestone,
                {
                    "title": task.name,
                    "date": day,
                    "phase_id": phase_id,
                    "kind": _milestone_kind(task),
                },
            )

        for phase in data.phases:
            row = new_row(
                rec,
                Phase,
                {
                    "title": phase.title,
                    "goal": phase.goal,
                    "start_date": phase.start,
                    "end_date": phase.end,
                    "status": phase.status,
                    "position": phase_pos,
                },
            )
            phase_pos += 1
            if phase.task is not None:
                task_phase[phase.task.uid] = row.id
            for wish in phase.wishes:
                add_wish(wish, row.id)
            for milestone in phase.milestones:
                add_milestone(milestone, row.id)
        for wish in data.backlog:
            add_wish(wish, None)
        for milestone in data.milestones:
            add_milestone(milestone, None)
        linked: set[tuple[int, int]] = set()
        for pred, succ in data.dependencies:
            pair = (task_phase.get(pred), task_phase.get(succ))
            if None in pair or pair[0] == pair[1] or pair in linked:
                continue  # a repeated link in the file is one dependency
            linked.add(pair)  # type: ignore[arg-type]
            new_row(rec, Dependency, {"predecessor_id": pair[0], "successor_id": pair[1]})
        seen: set[tuple[int, int]] = set()
        for needs, wish in data.prerequisites:
            pair = (task_wish.get(wish), task_wish.get(needs))
            if None in pair or pair[0] == pair[1] or pair in seen:
                continue
            seen.add(pair)  # type: ignore[arg-type]
            # The cycle check ran on the whole file before anything was changed.
            rec.insert(Prerequisite, demand_id=pair[0], needs_id=pair[1])


def _summary(plan: ImportPlan, source: str) -> list[str]:
    wishes = sum(len(p.wishes) for p in plan.phases) + len(plan.backlog)
    milestones = len(plan.milestones) + sum(len(p.milestones) for p in plan.phases)
    effort = sum(w.effort for p in plan.phases for w in p.wishes) + sum(
        w.effort for w in plan.backlog
    )
    n_deps, n_pre = len(plan.dependencies), len(plan.prerequisites)
    lines = [
        # Translators: the first line of an MS Project import's report; the counts are
        # translated on their own ("3 phases", "12 wishes", ...).
        _(
            "From {source}: {phases}, {wishes} ({effort} person-days, {backlog} in the "
            "backlog), {departments}, {milestones}, {dependencies} and {prerequisites}."
        ).format(
            source=source,
            phases=ngettext("{n} phase", "{n} phases", len(plan.phases)).format(
                n=len(plan.phases)
            ),
            wishes=ngettext("{n} wish", "{n} wishes", wishes).format(n=wishes),
            effort=local_number(effort),
            backlog=len(plan.backlog),
            departments=ngettext("{n} department", "{n} departments", len(plan.departments))
            .format(n=len(plan.departments)),
            milestones=ngettext("{n} milestone", "{n} milestones", milestones).format(
                n=milestones
            ),
            dependencies=ngettext("{n} dependency", "{n} dependencies", n_deps).format(n=n_deps),
            prerequisites=ngettext("{n} prerequisite", "{n} prerequisites", n_pre).format(
                n=n_pre
            ),
        )
    ]
    return lines


def plan_from_mspdi(source: Path | str) -> tuple[ImportPlan, MsProject]:
    """Read and map a file without touching any plan (a preview, a dry run)."""
    source = Path(source)
    project = read_mspdi(source)
    mapper = _Mapper(project, source.name)
    plan = mapper.map()
    plan.lines = _summary(plan, source.name) + mapper.notes
    return plan, project


def import_into_plan(store: PlanStore, source: Path | str) -> MspdiImport:
    """The report and the (not yet done) command adding the file's content to `store`."""
    source = Path(source)
    plan, project = plan_from_mspdi(source)
    existing = {d.name.strip().casefold() for d in store.rows(Department)}
    reused = [n for n in plan.departments if n.casefold() in existing]
    lines = list(plan.lines)
    if reused:
        lines.append(
            _("Departments already in the plan were reused: {names}.").format(
                names=", ".join(reused)
            )
        )
    theirs = project.working_days
    if theirs and theirs != store.plan.working_days:
        lines.append(
            _(
                "The file's working week ({theirs}) differs from the plan's ({ours}); the "
                "plan's is kept (ISO days, 1 = Monday)."
            ).format(theirs=theirs, ours=store.plan.working_days)
        )
    return MspdiImport(lines, ImportMspdi(plan, source.name), plan, project)


def new_plan_from_mspdi(
    target: Path | str, source: Path | str, *, overwrite: bool = False
) -> tuple[PlanStore, list[str]]:
    """Create the plan file `target` from an MSPDI file; the report comes with it. Nothing is
    left behind when the file is refused."""
    target, source = Path(target), Path(source)
    plan, project = plan_from_mspdi(source)  # refused files never create a plan
    values: dict = {"title": (project.title or project.name or source.stem)[:200]}
    if project.start is not None and EARLIEST <= project.start.date() <= LATEST:
        values["start_date"] = project.start.date()
    if project.working_days:
        values["working_days"] = project.working_days
    if project.manager:
        values["lead_name"] = project.manager[:200]
    store = PlanStore.create(target, overwrite=overwrite)
    try:
        ImportMspdi(plan, source.name, values).do(store)
    except Exception:
        store.close()
        target.unlink(missing_ok=True)
        raise
    return store, plan.lines
