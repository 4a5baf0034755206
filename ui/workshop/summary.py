"""The session summary: what was captured, how the dots fell, and what went into the first
course. Collected once (`collect`), written as HTML once (`summary_html`); the screen and the
PDF show the same HTML under their own style sheets."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from planner.enums import PhaseStatus, label
from planner.i18n import N_, _, ngettext
from planner.i18n.formats import local_date
from planner.model import Demand, Department, Phase
from planner.warnings.format import num
from ui.document import PlanDocument
from ui.pdf.style import esc
from ui.workshop.plate_warnings import Spoken, plate_numbers, spoken_warnings
from ui.workshop.session import WorkshopSession, dot_ledger, dots_spent

TOP_VOTES = 10
NEW = N_(" <b>(new today)</b>")


@dataclass
class FirstCourse:
    phase: Phase
    number: int  # 1-based position in the plan
    demands: list[Demand]
    new_today: set[int]
    effort: float
    capacity: float | None
    warnings: list[Spoken]


@dataclass
class Summary:
    plan_title: str
    started_at: dt.datetime
    ended_at: dt.datetime
    departments: dict[int, Department]
    captured: dict[int, list[Demand]]  # department id -> wishes captured today
    voted: list[Demand]  # most dots first: the top ten, and those voted for today
    dots_used: dict[int, int]  # department id -> dots spent today
    dots_today: dict[int, int]  # demand id -> dots it got today
    dots_per_head: int
    first_course: FirstCourse | None = None

    @property
    def captured_count(self) -> int:
        return sum(len(v) for v in self.captured.values())


def first_course_phase(phases: list[Phase]) -> Phase | None:
    """The first phase still to be served (not done); the first phase if all are done."""
    open_ = [p for p in phases if p.status != PhaseStatus.DONE]
    return (open_ or phases or [None])[0]


def collect(
    document: PlanDocument, session: WorkshopSession, now: dt.datetime | None = None
) -> Summary:
    store, index = document.store, document.index
    departments = {d.id: d for d in index.departments}
    captured: dict[int, list[Demand]] = {}
    for demand in session.captured(store):
        captured.setdefault(demand.department_id, []).append(demand)
    ledger = dot_ledger(document.undo_stack)
    today = _per_demand(ledger)
    # The plan's most voted wishes, and every wish that got a dot today.
    ranked = sorted((d for d in store.rows(Demand) if d.votes > 0), key=lambda d: (-d.votes, d.id))
    voted = [d for n, d in enumerate(ranked) if n < TOP_VOTES or d.id in today]
    summary = Summary(
        plan_title=store.plan.title,
        started_at=session.started_at,
        ended_at=now or dt.datetime.now(),
        departments=departments,
        captured={k: captured[k] for k in departments if k in captured},
        voted=voted,
        dots_used={d: dots_spent(ledger, d) for d in departments if dots_spent(ledger, d)},
        dots_today=today,
        dots_per_head=session.dots_per_head,
    )
    phase = first_course_phase(index.phases)
    if phase is not None:
        numbers = plate_numbers(document, phase)
        summary.first_course = FirstCourse(
            phase=phase,
            number=[p.id for p in index.phases].index(phase.id) + 1,
            demands=list(index.demands(phase.id)),
            new_today=session.moved_into(store, phase.id),
            effort=numbers.effort,
            capacity=numbers.capacity,
            warnings=spoken_warnings(document, phase),
        )
    return summary


def _per_demand(ledger: Counter[tuple[int, int]]) -> dict[int, int]:
    today: Counter[int] = Counter()
    for (_dept_id, demand_id), dots in ledger.items():
        today[demand_id] += dots
    return dict(+today)


def _dept(summary: Summary, dept_id: int) -> str:
    dept = summary.departments.get(dept_id)
    return esc(dept.name) if dept else "?"


def _table_head(*headers: str) -> str:
    cells = "".join(f"<th>{h}</th>" for h in headers)
    return f"<table width='100%' cellpadding='4'><thead><tr>{cells}</tr></thead>"


def _today(summary: Summary, demand: Demand) -> str:
    dots = summary.dots_today.get(demand.id, 0)
    return _(' <b>(+{dots} today)</b>').format(dots=dots) if dots else ""


def summary_html(summary: Summary) -> str:
    """User text is escaped: a wish titled `<b>` prints as `<b>`."""
    day = local_date(summary.started_at.date(), "%d %B %Y", skeleton="yMMMMd")
    when = f"{day}, {summary.started_at:%H:%M}–{summary.ended_at:%H:%M}"
    dots_total = sum(summary.dots_used.values())
    parts = [
        "<h1>" + _("Workshop summary: {title}").format(title=esc(summary.plan_title)) + "</h1>",
        "<p class='lead'>"
        # Translators: "1 Dec 2026, 09:00–11:30. 12 wishes captured from 3 departments; 40
        # dots given." — {wishes}, {departments} and {dots} are counted nouns made below.
        + _("{when}. {wishes} captured from {departments}; {dots} given.").format(
            when=when,
            wishes=ngettext("{count} wish", "{count} wishes", summary.captured_count).format(
                count=summary.captured_count
            ),
            departments=ngettext(
                "{count} department", "{count} departments", len(summary.captured)
            ).format(count=len(summary.captured)),
            dots=ngettext("{count} dot", "{count} dots", dots_total).format(count=dots_total),
        )
        + "</p>",
        "<h2>" + _("Captured today ({count})").format(count=summary.captured_count) + "</h2>",
    ]
    if not summary.captured:
        parts.append("<p class='muted'>" + _("Nothing was captured in this session.") + "</p>")
    for dept_id, demands in summary.captured.items():
        titles = "; ".join(esc(d.title) for d in demands)
        parts.append(f"<p><b>{_dept(summary, dept_id)} ({len(demands)}):</b> {titles}</p>")

    parts.append("<h2>" + _("Votes") + "</h2>")
    if summary.voted:
        rows = "".join(
            f"<tr><td>{d.votes}{_today(summary, d)}</td><td>{esc(d.title)}</td>"
            f"<td>{_dept(summary, d.department_id)}</td><td>{label(d.priority)}</td></tr>"
            for d in summary.voted
        )
        parts.append(
            _table_head(_("Dots"), _("Wish"), _("Department"), _("Priority"))
            + f"{rows}</table>"
        )
    else:
        parts.append("<p class='muted'>" + _("No dots yet.") + "</p>")
    if summary.dots_used:
        used = " · ".join(
            f"{_dept(summary, d)} {n}/{summary.dots_per_head}" for d, n in summary.dots_used.items()
        )
        parts.append("<p class='muted'>" + _("Dots used today: {used}").format(used=used) + "</p>")

    parts.append(_first_course_html(summary))
    return "\n".join(parts)


def _first_course_html(summary: Summary) -> str:
    course = summary.first_course
    if course is None:
        return (
            "<h2>" + _("The first course") + "</h2>"
            "<p class='muted'>" + _("The plan has no phase yet.") + "</p>"
        )
    size = (
        _("{effort} of {capacity} person-days").format(
            effort=num(course.effort), capacity=num(course.capacity)
        )
        if course.capacity is not None
        else _("{effort} person-days, no dates yet").format(effort=num(course.effort))
    )
    title = _("The next course, phase {number}: {title}").format(
        number=course.number, title=esc(course.phase.title)
    )
    parts = [f"<h2>{title}</h2>", f"<p>{size}</p>"]
    for spoken in course.warnings:
        parts.append(
            f"<p class='over'>{esc(spoken.headline)}. {esc(spoken.detail)}</p>"
        )
    if course.demands:
        rows = "".join(
            f"<tr><td>{esc(d.title)}{_(NEW) if d.id in course.new_today else ''}</td>"
            f"<td>{_dept(summary, d.department_id)}</td><td>{num(d.effort)}</td></tr>"
            for d in course.demands
        )
        parts.append(
            _table_head(_("Wish"), _("Department"), _("Person-days"))
            + f"{rows}</table>"
        )
    else:
        parts.append("<p class='muted'>" + _("Nothing on this plate yet.") + "</p>")
    return "".join(parts)
