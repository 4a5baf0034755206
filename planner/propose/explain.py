"""Why each proposed phase is what it is, in a project lead's words: who it serves and how
full it is, what makes it worth doing now, what it needs from earlier phases, and why it
comes before the next one. Also its title and goal (the benefit its users will feel)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.enums import Priority
from planner.i18n import _, ngettext
from planner.model import Demand, Department, Objective
from planner.store import PlanStore
from planner.warnings.format import num

if TYPE_CHECKING:
    from planner.propose.plan_problem import Prepared
    from planner.propose.proposal import ProposedPhase
    from planner.propose.weights import Weights


def _and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    # Translators: the end of a list: "Sales, IT and Finance".
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def _haves(priority: Priority, count: int) -> str:
    if priority == Priority.MUST:
        return ngettext("{n} must-have", "{n} must-haves", count).format(n=count)
    if priority == Priority.SHOULD:
        return ngettext("{n} should-have", "{n} should-haves", count).format(n=count)
    return ngettext("{n} could-have", "{n} could-haves", count).format(n=count)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _value(prepared: Prepared, wish: Demand) -> float:
    return prepared_weights(prepared).wish_value(wish)


def prepared_weights(prepared: Prepared) -> Weights:
    """The plan's weights the problem was prepared with (plan_problem.prepare sets them)."""
    weights = prepared.weights
    assert weights is not None  # prepare() always sets them; a Prepared is made nowhere else
    return weights


def explain_phases(store: PlanStore, phases: list[ProposedPhase], prepared: Prepared) -> None:
    names = {d.id: d.name for d in store.rows(Department)}
    capacity = {d.id: d.capacity for d in store.rows(Department)}
    team = store.plan.team_capacity
    titles = {o.id: o.title for o in store.rows(Objective)}
    wishes = {d.id: d for d in prepared.wishes}
    densities = []
    values = []
    for phase in phases:
        mine = [wishes[w] for w in phase.wish_ids]
        value = sum(_value(prepared, w) for w in mine)
        values.append(value)
        densities.append(value / max(phase.effort, 1e-9) if phase.effort else value)
    for i, phase in enumerate(phases):
        mine = [wishes[w] for w in phase.wish_ids]
        depts = [names.get(d, f"#{d}") for d in phase.department_ids]
        top = mine[0].title if mine else _("nothing")
        phase.title = _short(f"{_and(depts)}: {_short(top, 70)}", 200)
        benefits = [_short(w.title, 50) for w in mine[:3]]
        # Translators: a proposed phase's goal: "Sales and IT get: Quote documents; ...".
        goal = ngettext(
            "{departments} gets: {benefits}.", "{departments} get: {benefits}.", len(depts)
        )
        phase.goal = goal.format(departments=_and(depts), benefits="; ".join(benefits))
        parts = []
        who = _("{department} only").format(department=depts[0]) if len(depts) == 1 else _and(
            depts
        )
        load = "; ".join(
            _("{department} {effort} of {capacity} person-days it can absorb").format(
                department=names.get(d, d),
                effort=num(e),
                capacity=num(capacity.get(d, 0) * phase.weeks),
            )
            for d, e in phase.dept_effort.items()
        )
        parts.append(
            ngettext(
                "{who}: {load} in {n} week (team {effort} of {capacity}).",
                "{who}: {load} in {n} weeks (team {effort} of {capacity}).",
                phase.weeks,
            ).format(
                who=who, load=load, n=phase.weeks, effort=num(phase.effort),
                capacity=num(team * phase.weeks),
            )
        )
        why = []
        for priority in (Priority.MUST, Priority.SHOULD, Priority.COULD):
            count = sum(1 for w in mine if w.priority == priority)
            if count:
                why.append(_haves(priority, count))
        votes = sum(max(0, w.votes) for w in mine)
        if votes:
            why.append(ngettext("{n} vote", "{n} votes", votes).format(n=votes))
        if phase.completes:
            why.append(_("completes {objectives}").format(
                objectives=_and([f"'{titles.get(o, o)}'" for o in phase.completes])
            ))
        parts.append(_("Worth it now: {reasons}.").format(reasons=", ".join(why)))
        for number, ids in sorted(phase.needs_from.items()):
            needed = [wishes[w].title for w in ids if w in wishes]
            parts.append(
                _("Needs {wishes} from phase {number}.").format(
                    wishes=_and([f"{_short(t, 50)!r}" for t in dict.fromkeys(needed)]),
                    number=number,
                )
            )
        if phase.first_for:
            first = _and([names.get(d, str(d)) for d in phase.first_for])
            parts.append(
                _("First delivery to {departments}: training and support planned with it.").format(
                    departments=first
                )
            )
        if i + 1 < len(phases):
            after = phases[i + 1]
            waits = i + 1 in after.needs_from
            if waits:
                parts.append(
                    _("Before phase {number} because that phase needs it.").format(
                        number=after.number
                    )
                )
            elif densities[i] >= densities[i + 1]:
                parts.append(
                    _(
                        "Before phase {number} because its wishes are worth {points} points per "
                        "person-day against {other}."
                    ).format(number=after.number, points=num(densities[i]),
                             other=num(densities[i + 1]))
                )
            elif values[i] >= values[i + 1]:
                parts.append(
                    _(
                        "Before phase {number} because it delivers more in all: {points} points "
                        "against {other}."
                    ).format(number=after.number, points=num(values[i]), other=num(values[i + 1]))
                )
            else:
                parts.append(
                    _(
                        "Before phase {number}: the capacity left over by the phases that stay "
                        "fits it better then."
                    ).format(number=after.number)
                )
        phase.explanation = " ".join(parts)
