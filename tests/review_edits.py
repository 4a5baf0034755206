"""A realistic round of edits between two steering reviews, touching every kind of change the
comparison knows (planner/diff.py); shared by the diff command's and the Changes view's tests.
Works on the CRM sample plan."""

from __future__ import annotations

import datetime as dt

from planner.commands import (
    CreateRow,
    DeleteRow,
    MoveDemands,
    SetPhaseDates,
    ShiftPhase,
    UpdateRow,
)
from planner.model import Demand, Milestone, Phase
from planner.store import PlanStore

# (subject, change) -> title of the row the line is about, after the edits.
EXPECTED: dict[tuple[str, str], str] = {
    ("phases", "moved"): "Leads from web and trade fairs",
    ("phases", "resized"): "Delivery and credit information for sellers",
    ("phases", "renamed"): "Service cases from the shared mailboxes",
    ("phases", "added"): "Partner portal pilot",
    ("phases", "removed"): "Integration platform and data migration",
    ("phases", "status"): "Service cases from the shared mailboxes",
    ("phases", "goal"): "Leads from web and trade fairs",
    ("wishes", "added"): "Duplicate check on new accounts",
    ("wishes", "removed"): "Quote documents generated from CRM",
    ("wishes", "moved"): "Pipeline board per team and stage",
    ("wishes", "effort"): "Weekly forecast roll-up: team → region → company",
    ("wishes", "renamed"): "Log visits and calls from the phone",
    ("wishes", "priority"): "Management dashboard: order intake and pipeline",
    ("milestones", "moved"): "Go-live: web and trade-fair leads",
    ("milestones", "added"): "Go-live: partner portal pilot",
    ("milestones", "removed"): "Decision: change freeze over year-end, 7 December – 1 January",
    ("milestones", "renamed"): "Steering review 3: service cases",
}


def by_title(store: PlanStore, model: type, start: str):  # noqa: ANN201
    return next(r for r in store.rows(model) if r.title.startswith(start))


def edit_round(store: PlanStore) -> None:
    """Every change kind at least once, each through a command (as the app does)."""
    leads = by_title(store, Phase, "Leads from web")
    delivery = by_title(store, Phase, "Delivery and credit")
    service = by_title(store, Phase, "Service cases")
    pipeline = by_title(store, Phase, "Pipeline and Monday")
    ShiftPhase(leads.id, 14).do(store)
    SetPhaseDates(delivery.id, delivery.start_date, delivery.end_date + dt.timedelta(days=7)).do(
        store
    )
    UpdateRow(Phase, service.id, {"title": "Service cases from the shared mailboxes",
                                  "status": "active"}).do(store)
    UpdateRow(Phase, leads.id, {"goal": "Sellers get every lead the same day."}).do(store)
    pilot = CreateRow(Phase, {"title": "Partner portal pilot",
                              "start_date": dt.date(2027, 8, 2),
                              "end_date": dt.date(2027, 8, 27)})
    pilot.do(store)
    DeleteRow(Phase, by_title(store, Phase, "Integration platform").id).do(store)

    board = by_title(store, Demand, "Pipeline board per team")
    MoveDemands([board.id], leads.id).do(store)
    roll_up = by_title(store, Demand, "Weekly forecast roll-up")
    UpdateRow(Demand, roll_up.id, {"effort": roll_up.effort + 4}).do(store)
    visits = by_title(store, Demand, "Log visits and phone")
    UpdateRow(Demand, visits.id, {"title": "Log visits and calls from the phone"}).do(store)
    dashboard = by_title(store, Demand, "Management dashboard")
    UpdateRow(Demand, dashboard.id, {"priority": "could"}).do(store)
    DeleteRow(Demand, by_title(store, Demand, "Quote documents").id).do(store)
    CreateRow(Demand, {"title": "Duplicate check on new accounts",
                       "department_id": board.department_id, "phase_id": pipeline.id,
                       "effort": 3}).do(store)

    UpdateRow(Milestone, by_title(store, Milestone, "Go-live: web and trade").id,
              {"date": dt.date(2027, 5, 10)}).do(store)
    UpdateRow(Milestone, by_title(store, Milestone, "Steering review 3").id,
              {"title": "Steering review 3: service cases"}).do(store)
    DeleteRow(Milestone, by_title(store, Milestone, "Decision: change freeze").id).do(store)
    CreateRow(Milestone, {"title": "Go-live: partner portal pilot", "kind": "go_live",
                          "date": dt.date(2027, 8, 23), "phase_id": pilot.row_id}).do(store)
