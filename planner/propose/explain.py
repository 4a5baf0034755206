"""Why each proposed phase is what it is, in a project lead's words: who it serves and how
full it is, what makes it worth doing now, what it needs from earlier phases, and why it
comes before the next one. Also its title and goal (the benefit its users will feel)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.enums import Priority
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
    return ", ".join(parts[:-1]) + " and " + parts[-1]


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
        top = mine[0].title if mine else "nothing"
        phase.title = _short(f"{_and(depts)}: {_short(top, 70)}", 200)
        benefits = [_short(w.title, 50) for w in mine[:3]]
        phase.goal = f"{_and(depts)} get{'s' if len(depts) == 1 else ''}: {'; '.join(benefits)}."
        parts = []
        who = f"{depts[0]} only" if len(depts) == 1 else _and(depts)
        load = "; ".join(
            f"{names.get(d, d)} {num(e)} of {num(capacity.get(d, 0) * phase.weeks)} "
            f"person-days it can absorb"
            for d, e in phase.dept_effort.items()
        )
        parts.append(
            f"{who}: {load} in {phase.weeks} week{'s' if phase.weeks != 1 else ''} "
            f"(team {num(phase.effort)} of {num(team * phase.weeks)})."
        )
        why = []
        for priority, word in ((Priority.MUST, "must-have"), (Priority.SHOULD, "should-have"),
                               (Priority.COULD, "could-have")):  # fmt: skip
            count = sum(1 for w in mine if w.priority == priority)
            if count:
                why.append(f"{count} {word}{'s' if count != 1 else ''}")
        votes = sum(max(0, w.votes) for w in mine)
        if votes:
            why.append(f"{votes} vote{'s' if votes != 1 else ''}")
        if phase.completes:
            why.append("completes " + _and([f"'{titles.get(o, o)}'" for o in phase.completes]))
        parts.append("Worth it now: " + ", ".join(why) + ".")
        for number, ids in sorted(phase.needs_from.items()):
            needed = [wishes[w].title for w in ids if w in wishes]
            parts.append(
                f"Needs {_and([f'{_short(t, 50)!r}' for t in dict.fromkeys(needed)])} "
                f"from phase {number}."
            )
        if phase.first_for:
            first = _and([names.get(d, str(d)) for d in phase.first_for])
            parts.append(f"First delivery to {first}: training and support planned with it.")
        if i + 1 < len(phases):
            after = phases[i + 1]
            waits = i + 1 in after.needs_from
            if waits:
                parts.append(f"Before phase {after.number} because that phase needs it.")
            elif densities[i] >= densities[i + 1]:
                parts.append(
                    f"Before phase {after.number} because its wishes are worth "
                    f"{num(densities[i])} points per person-day against {num(densities[i + 1])}."
                )
            elif values[i] >= values[i + 1]:
                parts.append(
                    f"Before phase {after.number} because it delivers more in all: "
                    f"{num(values[i])} points against {num(values[i + 1])}."
                )
            else:
                parts.append(
                    f"Before phase {after.number}: the capacity left over by the phases "
                    "that stay fits it better then."
                )
        phase.explanation = " ".join(parts)
