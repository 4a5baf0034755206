"""A comparison (planner/diff.py) as plain lines of text: the command line prints them, and
the Changes view shows `describe`. In the chosen language; English as it always was."""

from __future__ import annotations

from typing import Any

from planner.diff import Change, PlanDiff
from planner.i18n import N_, _, ngettext
from planner.i18n.formats import local_number

# Shown through _().
_SUBJECT_NAMES = {"phases": N_("Phases"), "wishes": N_("Wishes"),
                  "milestones": N_("Milestones"), "warnings": N_("Warnings")}


def _where(phase: Any) -> str:
    return _("the backlog") if phase is None else f"'{phase}'"


def _num(value: float) -> str:
    return local_number(value)


def title(c: Change) -> str:
    """The changed thing's name: a warning's title in the chosen language, else as it is."""
    return _(c.title) if c.subject == "warnings" and c.title else c.title


def describe(c: Change) -> str:
    """One change in words, e.g. "moved 14 days later: 2027-04-19 – 2027-05-14"."""
    b, a = c.before, c.after
    if c.subject == "warnings":
        message = (a or b).get("message", "")
        # Translators: a warning new or resolved since the baseline: "new: Phase 'X' ...".
        return (_("new: {message}") if c.change == "new" else _("resolved: {message}")).format(
            message=message
        )
    if c.change == "added":
        if c.subject == "wishes":
            return _("added to {where} ({effort} pd)").format(
                where=_where(a.get("phase")), effort=_num(a["effort"])
            )
        if c.subject == "phases":
            return _("added ({span})").format(span=_span(a))
        return _("added ({date})").format(date=a.get("date"))
    if c.change == "removed":
        if c.subject == "wishes":
            return _("removed from {where} ({effort} pd)").format(
                where=_where(b.get("phase")), effort=_num(b["effort"])
            )
        return _("removed")
    if c.change == "renamed":
        return _("renamed from '{title}'").format(title=b["title"])
    if c.change == "moved":
        if c.subject == "wishes":
            return _("moved from {before} to {after}").format(
                before=_where(b.get("phase")), after=_where(a.get("phase"))
            )
        shift = a.get("shift_days")
        if shift is None:
            return _("dates {before} → {after}").format(before=_span(b), after=_span(a))
        days = abs(shift)
        if c.subject == "milestones":
            before, after = b["date"], a["date"]
        else:
            before, after = _span(b), _span(a)
        if shift > 0:
            text = ngettext("moved {n} day later: {before} → {after}",
                            "moved {n} days later: {before} → {after}", days)
        else:
            text = ngettext("moved {n} day earlier: {before} → {after}",
                            "moved {n} days earlier: {before} → {after}", days)
        return text.format(n=days, before=before, after=after)
    if c.change == "resized":
        delta = a.get("days_delta")
        text = (
            _("{n} days longer: {before} → {after} working weeks")
            if (delta or 0) > 0
            else _("{n} days shorter: {before} → {after} working weeks")
        )
        return text.format(
            n=abs(delta or 0), before=b.get("working_weeks"), after=a.get("working_weeks")
        )
    if c.change == "effort":
        return _("effort {before} → {after} pd").format(
            before=_num(b["effort"]), after=_num(a["effort"])
        )
    key = c.change
    return f"{key} {b.get(key)!s} → {a.get(key)!s}"


def _span(values: dict[str, Any]) -> str:
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        return _("undated")
    return f"{start} – {end}"


def diff_lines(result: PlanDiff) -> list[str]:
    lines = [
        _("Comparing {before} with {after}.").format(
            before=result.before_label, after=result.after_label
        )
    ]
    lines += result.notes
    if result.unchanged:
        lines.append(_("No changes."))
        return lines
    for subject, heading in _SUBJECT_NAMES.items():
        group = result.of(subject)
        if not group:
            continue
        lines += ["", f"{_(heading)} ({len(group)})"]
        lines += [f"  {title(c)}: {describe(c)}" for c in group]
    delta = result.planned_after - result.planned_before
    lines += [
        "",
        _("Planned effort: {before} → {after} pd ({delta})").format(
            before=_num(round(result.planned_before, 1)),
            after=_num(round(result.planned_after, 1)),
            delta=local_number(delta, "+.1f"),
        ),
    ]
    return lines
