"""Who changed what, in words, for the messages of a plan on a server: "Kari moved 'Pipeline
board' to phase 'Leads' a moment ago"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.changes import RowChange
from planner.i18n import _
from planner.integrity.problems import noun_for
from planner.model import Base, Demand, Phase
from planner.store import PlanStore


def _name(model: type[Base], values: dict[str, Any] | None, store: PlanStore,
           row_id: int) -> str:
    row = store.find(model, row_id)
    name = (values or {}).get(model.display_attr) or (row.display_name if row else f"#{row_id}")
    return f"'{name}'"


def _kind(table: str) -> str:
    """The words users know: 'wish', not 'demand'; 'plan settings' for the plan's row."""
    return _("plan settings") if table == "plan" else noun_for(table)


# Each phrase follows the author's name ("Kari deleted the wish 'X'") and comes before when
# ("a moment ago"); see ServerStore's conflict messages.
def describe_change(change: RowChange, store: PlanStore) -> str:
    model = change.model
    kind = _kind(model.__tablename__)
    if change.after is None:
        return _("deleted the {kind} {name}").format(
            kind=kind, name=_name(model, change.before, store, change.row_id)
        )
    if change.before is None:
        return _("added the {kind} {name}").format(
            kind=kind, name=_name(model, change.after, store, change.row_id)
        )
    title = _name(model, change.after, store, change.row_id)
    name = model.display_attr
    if name in change.after and change.before and name in change.before:
        return _("renamed the {kind} '{old}' to '{new}'").format(
            kind=kind, old=change.before[name], new=change.after[name]
        )
    if set(change.after) <= {"start_date", "end_date"}:
        return _("changed the dates of the {kind} {name}").format(kind=kind, name=title)
    if model is Demand and "phase_id" in change.after:
        phase = store.find(Phase, change.after["phase_id"])
        if phase is not None:
            return _("moved {name} to phase '{phase}'").format(name=title, phase=phase.title)
        return _("moved {name} to the backlog").format(name=title)
    fields = ", ".join(k.replace("_", " ") for k in change.after)
    return _("changed {name} ({fields})").format(name=title, fields=fields)


def ago(at: dt.datetime, now: dt.datetime) -> str:
    seconds = max(0.0, (now - at).total_seconds())
    if seconds < 60:
        return _("a moment ago")
    if seconds < 3600:
        return _("{minutes} min ago").format(minutes=int(seconds // 60))
    return _("at {time}").format(time=f"{at:%Y-%m-%d %H:%M}")
