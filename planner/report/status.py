"""The cover's one-paragraph status: where the plan stands on the pack's date, in the words
a steering committee uses (what is done, what runs, what comes, what worries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.enums import PhaseStatus
from planner.i18n import _, ngettext
from planner.model import Milestone
from planner.queries import PlanIndex
from planner.report.text import day, person_days

if TYPE_CHECKING:
    from planner.warnings.types import Warning


def status_paragraph(
    index: PlanIndex,
    today: dt.date,
    warnings: Sequence[Warning],
    overloaded_departments: Sequence[str],
) -> str:
    parts = [_progress(index, today)]
    planned = sum(index.effort(p.id) for p in index.phases)
    backlog = index.demands(None)
    parts.append(
        ngettext(
            "{effort} of wishes are planned in phases; {n} wish ({backlog}) wait in the "
            "backlog for a later course.",
            "{effort} of wishes are planned in phases; {n} wishes ({backlog}) wait in the "
            "backlog for a later course.",
            len(backlog),
        ).format(
            effort=person_days(planned), n=len(backlog), backlog=person_days(index.effort(None))
        )
    )
    milestone = _next_milestone(index.milestones, today)
    if milestone is not None:
        parts.append(
            _("Next milestone: {title}, {date}.").format(
                title=milestone.title, date=day(milestone.date)
            )
        )
    parts.append(_concerns(warnings, overloaded_departments))
    return " ".join(p for p in parts if p)


def _progress(index: PlanIndex, today: dt.date) -> str:
    """Built of parts, each with its own count; the comments tell translators the whole:
    "Of 4 phases, 1 is done, phase 2 “Leads” is running until 1 Dec 2026 and 2 are
    planned; the last ends on 5 Mar 2027." """
    phases = index.phases
    if not phases:
        return _("The plan has no phases yet.")
    done = [p for p in phases if p.status == PhaseStatus.DONE]
    active = [p for p in phases if p.status == PhaseStatus.ACTIVE]
    planned = len(phases) - len(done) - len(active)
    # Translators: the start of "Of 4 phases, 1 is done, ... and 2 are planned."
    text = ngettext("Of {n} phase", "Of {n} phases", len(phases)).format(n=len(phases))
    # Translators: continues "Of 4 phases": ", 1 is done".
    text += ngettext(", {n} is done", ", {n} are done", len(done)).format(n=len(done))
    if active:
        number = phases.index(active[0]) + 1
        # Translators: continues "Of 4 phases, 1 is done".
        text += _(", phase {number} “{title}” is running").format(
            number=number, title=active[0].title
        )
        if active[0].end_date:
            # Translators: continues ", phase 2 “Leads” is running".
            text += _(" until {date}").format(date=day(active[0].end_date))
        if len(active) > 1:
            more = len(active) - 1
            text += ngettext(
                " (with {n} more active)", " (with {n} more active)", more
            ).format(n=more)
    # Translators: continues "Of 4 phases, 1 is done, ...": " and 2 are planned".
    text += ngettext(" and {n} is planned", " and {n} are planned", planned).format(n=planned)
    ends = [p.end_date for p in phases if p.end_date is not None]
    if ends:
        # Translators: continues "... and 2 are planned": "; the last ends on 5 Mar 2027".
        text += _("; the last ends on {date}").format(date=day(max(ends)))
    return text + "."


def _next_milestone(milestones: Sequence[Milestone], today: dt.date) -> Milestone | None:
    return next((m for m in milestones if m.date >= today), None)


def _concerns(warnings: Sequence[Warning], overloaded: Sequence[str]) -> str:
    open_ = [w for w in warnings if not w.dismissed]
    counts = {s: 0 for s in ("problem", "warning", "info")}
    for warning in open_:
        counts[warning.severity.label] += 1
    if not open_:
        text = _("The planner raises no open warnings.")
    else:
        text = _("The planner raises {problems} and {warnings} that are not dismissed").format(
            problems=ngettext("{n} problem", "{n} problems", counts["problem"]).format(
                n=counts["problem"]
            ),
            warnings=ngettext("{n} warning", "{n} warnings", counts["warning"]).format(
                n=counts["warning"]
            ),
        )
        text += (
            _(" (and {n} for information).").format(n=counts["info"]) if counts["info"] else "."
        )
    if overloaded:
        names = ", ".join(overloaded[:4])
        if len(overloaded) > 4:
            # Translators: after a list of departments: "Sales, IT and 3 more".
            rest = len(overloaded) - 4
            names = ngettext("{names} and {n} more", "{names} and {n} more", rest).format(
                names=names, n=rest
            )
        text += _(" Change load exceeds capacity for: {names}.").format(names=names)
    return text
