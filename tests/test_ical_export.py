"""Milestones, phase starts and go-lives as all-day calendar events with stable UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from planner.commands.entities import CreateRow, UpdateRow
from planner.enums import MilestoneKind
from planner.exchange.ical_export import calendar_bytes, export_ics, plan_identity
from planner.model import Milestone, Phase, Plan
from planner.queries import PlanIndex


def _events(payload: bytes) -> dict[str, dict]:
    calendar = Calendar.from_ical(payload)
    out = {}
    for event in calendar.walk("VEVENT"):
        out[str(event["UID"])] = {
            "summary": str(event["SUMMARY"]),
            "start": event["DTSTART"].dt,
            "end": event["DTEND"].dt,
            "sequence": int(event["SEQUENCE"]),
        }
    return out


def test_every_milestone_phase_start_and_go_live_is_an_all_day_event(sample_store) -> None:
    events = _events(calendar_bytes(sample_store))
    index = PlanIndex.build(sample_store)
    summaries = {e["summary"]: e for e in events.values()}
    for milestone in index.milestones:
        event = summaries[milestone.title]
        assert event["start"] == milestone.date and type(event["start"]) is dt.date
        assert event["end"] == milestone.date + dt.timedelta(days=1)
    with_go_live = {m.phase_id for m in index.milestones if m.kind == MilestoneKind.GO_LIVE}
    for phase in index.phases:
        assert summaries[f"Start: {phase.title}"]["start"] == phase.start_date
        # A phase with a go-live milestone is not announced twice.
        assert (f"Go-live: {phase.title}" in summaries) == (phase.id not in with_go_live)
    assert len(events) == len(index.milestones) + len(index.phases) + len(
        [p for p in index.phases if p.id not in with_go_live])


def test_uids_are_stable_so_a_reimport_updates(sample_store, tmp_path: Path) -> None:
    first = _events(calendar_bytes(sample_store, now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    milestone = sample_store.rows(Milestone)[0]
    UpdateRow(Milestone, milestone.id, {"date": milestone.date + dt.timedelta(days=7),
                                        "title": milestone.title + " (moved)"}).do(sample_store)
    CreateRow(Phase, {"title": "Extra", "start_date": dt.date(2027, 9, 6),
                      "end_date": dt.date(2027, 9, 24)}).do(sample_store)
    second = _events(calendar_bytes(sample_store, now=dt.datetime(2026, 3, 2, tzinfo=dt.UTC)))
    assert set(first) < set(second)  # same UIDs, plus the new phase's two
    assert len(set(second) - set(first)) == 2
    moved = next(uid for uid, e in second.items() if e["summary"].endswith("(moved)"))
    assert second[moved]["start"] == first[moved]["start"] + dt.timedelta(days=7)
    assert all(second[u]["sequence"] > first[u]["sequence"] for u in first)
    # The plan's identity is in every UID; another plan gets other UIDs.
    plan_id = str(plan_identity(sample_store))
    assert all(uid.startswith(plan_id) for uid in second)
    UpdateRow(Plan, 1, {"title": "Another plan"}).do(sample_store)
    assert not set(_events(calendar_bytes(sample_store))) & set(second)


def test_export_writes_a_file_with_nordic_text(sample_store, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    count = export_ics(sample_store, out)
    payload = out.read_bytes()
    assert count == len(_events(payload)) > 10
    calendar = Calendar.from_ical(payload)
    assert "Fjordlys" in str(calendar["X-WR-CALNAME"])
    assert payload.startswith(b"BEGIN:VCALENDAR") and b"DTSTART;VALUE=DATE:" in payload
