"""Milestones, phase starts and go-lives as an iCalendar (.ics) file of all-day events.

Every event's UID is derived from the plan and the record, so importing a newer export into
Outlook, Google Calendar or Thunderbird updates the events instead of adding copies; a
SEQUENCE that grows with the time of export tells clients the newer copy wins.

The plan's identity: plans carry no UUID of their own (yet), so it is derived — a UUID5 of
the plan's title. Renaming the plan therefore starts a new calendar; a stored plan UUID
(a schema change) would remove that limit, and `plan_identity` is the one place to change.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from planner.enums import MilestoneKind, label
from planner.exchange.csv_export import write_atomically
from planner.queries import PlanIndex
from planner.store import PlanStore

# Fixed namespace for plan identities (a random UUID chosen once; never change it).
PLAN_NAMESPACE = uuid.UUID("6f1c2d0e-8a57-4c1b-9b7e-3d2f5a9c41e8")
UID_DOMAIN = "rollout-planner"
# SEQUENCE: minutes since this moment, so each export outranks the ones before it.
_SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: dt.date
    summary: str
    description: str
    category: str


def plan_identity(store: PlanStore) -> uuid.UUID:
    """A stable identity for the plan (see the module's note)."""
    title = " ".join((store.plan.title or "").split()).casefold()
    return uuid.uuid5(PLAN_NAMESPACE, title)


def calendar_events(store: PlanStore, index: PlanIndex | None = None) -> list[CalendarEvent]:
    index = index or PlanIndex.build(store)
    plan_id = plan_identity(store)
    titles = {p.id: p.title for p in index.phases}
    go_live_phases = {
        m.phase_id for m in index.milestones if m.kind == MilestoneKind.GO_LIVE and m.phase_id
    }

    def uid(kind: str, record: int) -> str:
        return f"{plan_id}-{kind}-{record}@{UID_DOMAIN}"

    events: list[CalendarEvent] = []
    for milestone in index.milestones:
        phase = titles.get(milestone.phase_id) if milestone.phase_id else None
        events.append(
            CalendarEvent(
                uid("milestone", milestone.id),
                milestone.date,
                milestone.title,
                f"{label(milestone.kind)}" + (f" — phase '{phase}'" if phase else ""),
                label(milestone.kind),
            )
        )
    for phase in index.phases:
        if phase.start_date:
            events.append(
                CalendarEvent(
                    uid("phase-start", phase.id),
                    phase.start_date,
                    f"Start: {phase.title}",
                    phase.goal,
                    "Phase start",
                )
            )
        # The phase's last day is its go-live, unless a go-live milestone says so already.
        if phase.end_date and phase.id not in go_live_phases:
            events.append(
                CalendarEvent(
                    uid("phase-go-live", phase.id),
                    phase.end_date,
                    f"Go-live: {phase.title}",
                    phase.goal,
                    "Go-live",
                )
            )
    events.sort(key=lambda e: (e.day, e.uid))
    return events


def calendar_bytes(store: PlanStore, now: dt.datetime | None = None) -> bytes:
    from icalendar import Calendar, Event

    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    sequence = max(0, int((now - _SEQUENCE_EPOCH).total_seconds() // 60))
    calendar = Calendar()
    calendar.add("prodid", "-//Rollout Planner//rollout-planner//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", store.plan.title or "Rollout plan")
    for item in calendar_events(store):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("last-modified", now)
        event.add("sequence", sequence)
        event.add("dtstart", item.day)  # a date: an all-day event
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("categories", [item.category])
        event.add("transp", "TRANSPARENT")  # a marker, not a meeting: never "busy"
        calendar.add_component(event)
    return calendar.to_ical()


def export_ics(store: PlanStore, out: Path) -> int:
    """Write the calendar; returns the number of events."""
    payload = calendar_bytes(store)
    write_atomically(out, payload)
    return payload.count(b"BEGIN:VEVENT")
