"""Plans from readable TOML templates (resources/templates/*.toml), such as the sample CRM
rollout. The format is documented at the top of crm_nordic.toml; keys tie records together."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from planner.changes import Recorder
from planner.commands.entities import change_row, new_row
from planner.errors import PlanFileError, ValidationError
from planner.i18n import _
from planner.model import (
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
    Prerequisite,
)
from planner.store import PlanStore
from planner.template_text import translated
from resources import resource

TEMPLATES = ("crm", "blank")
_FILES = {"crm": "crm_nordic.toml"}


def template_data(name: str) -> dict[str, Any]:
    if name not in _FILES:
        raise PlanFileError(
            _(
                "There is no template '{name}'; choose one of {items}."
            ).format(name=name, items=', '.join(TEMPLATES))
        )
    return tomllib.loads(resource("templates", _FILES[name]).read_text(encoding="utf-8"))


def load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PlanFileError(
            _(
                "{name} is not a readable plan template: {reason}."
            ).format(name=path.name, reason=exc)
        ) from exc


def fill(store: PlanStore, data: dict[str, Any]) -> None:
    """Add the template's records to a (blank) plan, in one transaction."""
    store.execute(lambda rec: _Builder(rec, data).build())


def create_from_template(
    path: Path, name: str = "crm", *, overwrite: bool = False, lang: str | None = None
) -> PlanStore:
    """A new plan from a template; with `lang` its text (titles, goals, notes, department
    names, ...) in that language (planner/template_text.py), else as the template says it."""
    data = translated(template_data(name), lang) if name != "blank" else None
    store = PlanStore.create(path, overwrite=overwrite)
    if data is not None:
        try:
            fill(store, data)
        except Exception:
            store.close()
            path.unlink(missing_ok=True)
            raise
    return store


class _Builder:
    def __init__(self, rec: Recorder, data: dict[str, Any]) -> None:
        self.rec = rec
        self.data = data
        self.ids: dict[str, dict[str, int]] = {"department": {}, "objective": {}, "phase": {}}

    def ref(self, kind: str, key: str | None, where: str) -> int | None:
        if key is None:
            return None
        try:
            return self.ids[kind][key]
        except KeyError:
            raise ValidationError(
                _(
                    "{where} refers to an unknown {kind} '{key}'."
                ).format(where=where, kind=kind, key=key)
            ) from None

    def build(self) -> None:
        plan = dict(self.data.get("plan", {}))
        for i, item in enumerate(self.data.get("departments", [])):
            row = new_row(
                self.rec,
                Department,
                {
                    "name": item["name"],
                    "colour": item.get("colour", "#888888"),
                    "head": item.get("head", ""),
                    "capacity": item.get("capacity", 5.0),
                    "support_contact": item.get("support", ""),
                    "is_it": item.get("is_it", False),
                    "position": i,
                },
            )
            self.ids["department"][item["key"]] = row.id
        self._plan(plan)
        for i, item in enumerate(self.data.get("objectives", [])):
            row = new_row(
                self.rec,
                Objective,
                {k: item.get(k, "") for k in ("title", "measure", "target")} | {"position": i},
            )
            self.ids["objective"][item["key"]] = row.id
        self._phases()
        self._demands()
        self._prerequisites()
        for item in self.data.get("activities", []):
            where = f"Activity '{item.get('title', '')}'"
            new_row(
                self.rec,
                ChangeActivity,
                {
                    "kind": item["kind"],
                    "title": item.get("title", ""),
                    "department_id": self.ref("department", item["department"], where),
                    "phase_id": self.ref("phase", item["phase"], where),
                    "date": item.get("date"),
                    "notes": item.get("notes", ""),
                },
            )
        for item in self.data.get("milestones", []):
            new_row(
                self.rec,
                Milestone,
                {
                    "title": item["title"],
                    "kind": item.get("kind", "steering_review"),
                    "date": item["date"],
                    "phase_id": self.ref(
                        "phase", item.get("phase"), f"Milestone '{item['title']}'"
                    ),
                },
            )

    def _plan(self, plan: dict[str, Any]) -> None:
        sponsor = plan.get("sponsor", {})
        lead = plan.get("lead", {})
        values: dict[str, Any] = {
            "title": plan.get("title", "Untitled plan"),
            "vision": plan.get("vision", ""),
            "start_date": plan.get("start"),
            "sponsor_name": sponsor.get("name", ""),
            "sponsor_role": sponsor.get("role", ""),
            "sponsor_department_id": self.ref(
                "department", sponsor.get("department"), "The sponsor"
            ),
            "lead_name": lead.get("name", ""),
            "lead_role": lead.get("role", ""),
        }
        for key in ("team_capacity", "working_days"):
            if key in plan:
                values[key] = plan[key]
        values.update(plan.get("thresholds", {}))
        change_row(self.rec, self.rec.store.plan, values)

    def _phases(self) -> None:
        phases = self.data.get("phases", [])
        for i, item in enumerate(phases):
            row = new_row(
                self.rec,
                Phase,
                {
                    "title": item["title"],
                    "goal": item.get("goal", ""),
                    "start_date": item.get("start"),
                    "end_date": item.get("end"),
                    "status": item.get("status", "planned"),
                    "position": i,
                },
            )
            self.ids["phase"][item["key"]] = row.id
        for item in phases:
            phase_id = self.ids["phase"][item["key"]]
            where = f"Phase '{item['title']}'"
            for key in item.get("objectives", []):
                objective_id = self.ref("objective", key, where)
                new_row(
                    self.rec, PhaseObjective, {"phase_id": phase_id, "objective_id": objective_id}
                )
            for key in item.get("depends_on", []):
                new_row(
                    self.rec,
                    Dependency,
                    {"predecessor_id": self.ref("phase", key, where), "successor_id": phase_id},
                )

    def _demands(self) -> None:
        positions: dict[int | None, int] = {}
        for item in self.data.get("demands", []):
            where = f"Wish '{item['title']}'"
            phase_id = self.ref("phase", item.get("phase"), where)
            position = positions.get(phase_id, 0)
            positions[phase_id] = position + 1
            new_row(
                self.rec,
                Demand,
                {
                    "title": item["title"],
                    "department_id": self.ref("department", item["department"], where),
                    "phase_id": phase_id,
                    "effort": item.get("effort", 0.0),
                    "priority": item.get("priority", "should"),
                    "kind": item.get("kind", "feature"),
                    "objective_id": self.ref("objective", item.get("objective"), where),
                    "notes": item.get("notes", ""),
                    "votes": item.get("votes", 0),
                    "position": position,
                },
            )

    def _prerequisites(self) -> None:
        """`[[prerequisites]]` name wishes by title: `wish` needs `needs` first."""
        titles = {d.title: d.id for d in self.rec.store.rows(Demand)}
        for item in self.data.get("prerequisites", []):
            ids = []
            for field in ("wish", "needs"):
                title = item.get(field, "")
                if title not in titles:
                    raise ValidationError(
                        _(
                            "A prerequisite refers to an unknown wish '{title}'."
                        ).format(title=title)
                    )
                ids.append(titles[title])
            new_row(self.rec, Prerequisite, {"demand_id": ids[0], "needs_id": ids[1]})
