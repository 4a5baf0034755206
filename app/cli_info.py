"""`rollout-planner info FILE [--json]`."""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path
from typing import Any

from planner.dump import plain
from planner.i18n import _, ngettext
from planner.i18n.formats import decimal_sign, iso_or_local_date
from planner.locations import open_plan
from planner.model import Plan
from planner.queries import PlanIndex, duration_weeks
from planner.repair import repair_log
from planner.store import PlanStore


def plan_summary(store: PlanStore) -> dict[str, Any]:
    index = PlanIndex.build(store)
    plan: Plan = store.plan
    dept_names = {d.id: d.name for d in index.departments}
    objective_titles = {o.id: o.title for o in index.objectives}

    def row(obj: Any, **extra: Any) -> dict[str, Any]:
        return {k: plain(v) for k, v in obj.to_dict().items()} | extra

    phases = [
        row(
            p,
            effort=index.effort(p.id),
            weeks=duration_weeks(p, plan.working_days),
            departments=[dept_names[i] for i in index.department_ids(p.id)],
            objectives=[objective_titles[i] for i in index.objectives_by_phase.get(p.id, [])],
            demand_count=len(index.demands(p.id)),
        )
        for p in index.phases
    ]
    demands = [row(d) for p in [*[p.id for p in index.phases], None] for d in index.demands(p)]
    return {
        "plan": row(plan),
        "phases": phases,
        "departments": [row(d) for d in index.departments],
        "demands": demands,
        "objectives": [row(o) for o in index.objectives],
        "milestones": [row(m) for m in index.milestones],
        "backlog": {"count": len(index.demands(None)), "effort": index.effort(None)},
        "repairs": [entry.__dict__ for entry in repair_log(store)],
    }


def _text(summary: dict[str, Any], store: PlanStore) -> str:
    plan = summary["plan"]
    lines = [f"{plan['title']}  ({getattr(store, 'location', None) or store.path})"]
    if plan["vision"]:
        lines.append(_("Vision: {vision}").format(vision=" ".join(plan["vision"].split())))
    # Translators: said of a plan without a sponsor or lead.
    none = _("none")
    lines.append(
        _("Sponsor: {sponsor}    Lead: {lead}").format(
            sponsor=plan["sponsor_name"] or none, lead=plan["lead_name"] or none
        )
    )
    lines.append("")
    lines.append(_("Phases ({n}):").format(n=len(summary["phases"])))
    width = max((len(p["title"]) for p in summary["phases"]), default=5)
    # Translators: abbreviations of "weeks" and "person-days" in `info`'s table.
    wk, pd = _("wk"), _("pd")
    for n, phase in enumerate(summary["phases"], 1):
        start = iso_or_local_date(phase["start_date"], style="short")
        end = iso_or_local_date(phase["end_date"], style="short")
        dates = f"{start:10} → {end:10}"
        weeks = (
            f"{decimal_sign(format(phase['weeks'], '4.1f'))} {wk}"
            if phase["weeks"] is not None
            else f"  — {wk}"
        )
        depts = ", ".join(phase["departments"]) or _("no departments")
        effort = decimal_sign(format(phase["effort"], "6.1f"))
        status = _status(phase["status"])
        lines.append(
            f"  {n:2}. {phase['title']:{width}}  {dates}  {weeks}  "
            f"{effort} {pd}  {status:7}  {depts}"
        )
    backlog = summary["backlog"]
    n = backlog["count"]
    lines.append(
        ngettext("Backlog: {n} wish, {effort} pd", "Backlog: {n} wishes, {effort} pd", n).format(
            n=n, effort=decimal_sign(format(backlog["effort"], ".1f"))
        )
    )
    lines.append(
        _(
            "Departments: {departments}   Objectives: {objectives}   Wishes: {wishes}   "
            "Milestones: {milestones}"
        ).format(
            departments=len(summary["departments"]), objectives=len(summary["objectives"]),
            wishes=len(summary["demands"]), milestones=len(summary["milestones"]),
        )
    )
    lines += _repairs(summary["repairs"])
    return "\n".join(lines)


def _repairs(entries: list[dict[str, str]]) -> list[str]:
    """A repaired copy says so, with every change, so nobody takes it for the original."""
    lines: list[str] = []
    for (when, source), group in groupby(entries, lambda e: (e["repaired_at"], e["source"])):
        lines += ["", _("Repaired {when} from {source}:").format(when=when, source=source)]
        lines += [f"  - {entry['change']}" for entry in group]
    return lines


def _status(value: str) -> str:
    """The phase's status as a word of the language ('planned' stays 'planned' in English)."""
    from planner.enums import PhaseStatus, label

    try:
        status = PhaseStatus(value)
    except ValueError:
        return value
    return value if label(status).lower() == value else label(status).lower()


def info(path: Path, *, as_json: bool) -> int:
    store = open_plan(path, read_only=True)
    try:
        summary = plan_summary(store)
        if as_json:
            print(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            print(_text(summary, store))
    finally:
        store.close()
    return 0
