"""Who changed what, in words, for the messages of a plan on a server: "Kari moved 'Pipeline
board' to phase 'Leads' a moment ago"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.changes import RowChange
from planner.model import Base, Demand, Phase
from planner.store import PlanStore


def _name(model: type[Base], values: dict[str, Any] | None, store: PlanStore,
           row_id: int) -> str:
    row = store.find(model, row_id)
    name = (values or {}).get(model.display_attr) or (row.display_name if row else f"#{row_id}")
    return f"'{name}'"


_KINDS = {"demand": "wish", "plan": "plan settings"}  # the words users know


def describe_change(change: RowChange, store: PlanStore) -> str:
    model = change.model
    kind = _KINDS.get(model.__tablename__, model.__tablename__.replace("_", " "))
    if change.after is None:
        return f"deleted the {kind} {_name(model, change.before, store, change.row_id)}"
    if change.before is None:
        return f"added the {kind} {_name(model, change.after, store, change.row_id)}"
    title = _name(model, change.after, store, change.row_id)
    name = model.display_attr
    if name in change.after and change.before and name in change.before:
        return f"renamed the {kind} '{change.before[name]}' to '{change.after[name]}'"
    if set(change.after) <= {"start_date", "end_date"}:
        return f"changed the dates of the {kind} {title}"
    if model is Demand and "phase_id" in change.after:
        phase = store.find(Phase, change.after["phase_id"])
        where = f"to phase '{phase.title}'" if phase is not None else "to the backlog"
        return f"moved {title} {where}"
    fields = ", ".join(k.replace("_", " ") for k in change.after)
    return f"changed {title} ({fields})"


def ago(at: dt.datetime, now: dt.datetime) -> str:
    seconds = max(0.0, (now - at).total_seconds())
    if seconds < 60:
        return "a moment ago"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    return f"at {at:%Y-%m-%d %H:%M}"
