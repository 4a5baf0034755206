"""Why each proposed phase is what it is, in a project lead's words: who it serves and how
full it is, what makes it worth doing now, what it needs from earlier phases, and why it
comes before the next one. Also its title and goal (the benefit its users will feel)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.enums import Priority
from planner.i18n import _, ngettext
from planner.i18n.formats import format_list, quoted
from planner.model import Demand, Department, Objective
from planner.store import PlanStore
from planner.warnings.format import num

if TYPE_CHECKING:
    from planner.propose.plan_problem import Prepared
    from planner.propose.proposal import ProposedPhase
    from planner.propose.weights import Weights


def _and(parts: list[str]) -> str:
    return format_list(parts)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _value(prepared: Prepared, wish: Demand) -> float:
    return prepared_weights(prepared).wish_value(wish)


def prepared_weights(prepared: Prepared) -> Weights:
    """The plan's weights the problem was prepared with (plan_problem.prepare sets them)."""
    weights = prepared.weights
    assert weights is not None  # prepare() always sets them; a Prepared is made nowhere else
    return weights


def _priorities(count: int, priority: Priority) -> str:
    if priority == Priority.MUST:
        return ngettext("{count} must-have", "{count} must-haves", count).format(count=count)
    if priority == Priority.SHOULD:
        return ngettext("{count} should-have", "{count} should-haves", count).format(count=count)
    return ngettext("{count} could-have", "{count} could-haves", count).format(count=count)


def _load(
    phase: ProposedPhase, names: dict[int, str], capacity: dict[int, float], team: float
) -> str:
    """Who the phase serves and how full it is: 'Sales only: Sales 14 of 24 person-days it
    can absorb in 2 weeks (team 18 of 30).'"""
    depts = [names.get(d, f"#{d}") for d in phase.department_ids]
    # Translators: a phase that serves a single department: "Sales only"; it starts the
    # sentence that explains the phase.
    who = _("{department} only").format(department=depts[0]) if len(depts) == 1 else _and(depts)
    load = "; ".join(
        # Translators: one department's load in a phase: "Sales 14 of 24 person-days it can
        # absorb" (it = the department; 24 is what its capacity for change allows).
        _("{department} {effort} of {capacity} person-days it can absorb").format(
            department=names.get(d, str(d)), effort=num(e),
            capacity=num(capacity.get(d, 0) * phase.weeks),
        )
        for d, e in phase.dept_effort.items()
    )  # fmt: skip
    # Translators: {who} is "Sales only" or "Sales and IT"; {load} one or more "Sales 14 of
    # 24 person-days it can absorb" joined by "; "; then the team's total load and capacity.
    return ngettext(
        "{who}: {load} in {weeks} week (team {effort} of {capacity}).",
        "{who}: {load} in {weeks} weeks (team {effort} of {capacity}).",
        phase.weeks,
    ).format(who=who, load=load, weeks=phase.weeks, effort=num(phase.effort),
             capacity=num(team * phase.weeks))  # fmt: skip


def _before(i: int, phases: list[ProposedPhase], densities: list[float],
            values: list[float]) -> str:  # fmt: skip
    """Why phase i comes before the next one."""
    after = phases[i + 1]
    if i + 1 in after.needs_from:
        return _("Before phase {number} because that phase needs it.").format(number=after.number)
    if densities[i] >= densities[i + 1]:
        return _(
            "Before phase {number} because its wishes are worth {points} points per person-day "
            "against {other}."
        ).format(number=after.number, points=num(densities[i]), other=num(densities[i + 1]))
    if values[i] >= values[i + 1]:
        return _(
            "Before phase {number} because it delivers more in all: {points} points against "
            "{other}."
        ).format(number=after.number, points=num(values[i]), other=num(values[i + 1]))
    return _(
        "Before phase {number}: the capacity left over by the phases that stay fits it "
        "better then."
    ).format(number=after.number)


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
        # Translators: what a proposed phase is called when it has no wish at all.
        top = mine[0].title if mine else _("nothing")
        # Translators: a proposed phase's title: its departments, then its first wish.
        phase.title = _short(
            _("{departments}: {wish}").format(departments=_and(depts), wish=_short(top, 70)), 200
        )
        benefits = [_short(w.title, 50) for w in mine[:3]]
        # Translators: a proposed phase's goal: "Sales gets: wish A; wish B; wish C." The
        # count is the number of departments (English: gets / get).
        phase.goal = ngettext(
            "{departments} gets: {benefits}.", "{departments} get: {benefits}.", len(depts)
        ).format(departments=_and(depts), benefits="; ".join(benefits))
        parts = [_load(phase, names, capacity, team)]
        why = []
        for priority in (Priority.MUST, Priority.SHOULD, Priority.COULD):
            count = sum(1 for w in mine if w.priority == priority)
            if count:
                why.append(_priorities(count, priority))
        votes = sum(max(0, w.votes) for w in mine)
        if votes:
            why.append(ngettext("{count} vote", "{count} votes", votes).format(count=votes))
        if phase.completes:
            # Translators: a reason a phase is worth doing: it completes business objectives.
            why.append(_("completes {objectives}").format(
                objectives=_and([quoted(str(titles.get(o, o))) for o in phase.completes])
            ))  # fmt: skip
        # Translators: {reasons} is a list such as "2 must-haves, 8 votes, completes 'X'".
        parts.append(_("Worth it now: {reasons}.").format(reasons=", ".join(why)))
        for number, ids in sorted(phase.needs_from.items()):
            needed = [wishes[w].title for w in ids if w in wishes]
            parts.append(_("Needs {wishes} from phase {number}.").format(
                wishes=_and([quoted(_short(t, 50)) for t in dict.fromkeys(needed)]),
                number=number,
            ))  # fmt: skip
        if phase.first_for:
            first = _and([names.get(d, str(d)) for d in phase.first_for])
            parts.append(
                _("First delivery to {departments}: training and support planned with it.")
                .format(departments=first)
            )  # fmt: skip
        if i + 1 < len(phases):
            parts.append(_before(i, phases, densities, values))
        phase.explanation = " ".join(parts)
