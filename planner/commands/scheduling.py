"""Commands that shape the schedule: moving wishes between phases and the backlog, moving,
resizing, reordering, splitting and merging phases, voting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.changes import Recorder
from planner.commands.base import Command
from planner.commands.entities import change_row, new_row, remove_row
from planner.errors import CommandError, ValidationError
from planner.i18n import _
from planner.model import (
    ChangeActivity,
    Demand,
    Dependency,
    Milestone,
    Phase,
    PhaseObjective,
)


def _phase_title(rec: Recorder, phase_id: int | None) -> str:
    return _("the backlog") if phase_id is None else f"'{rec.get(Phase, phase_id).title}'"


class MoveDemands(Command):
    """Move wishes into a phase, or back to the backlog (`phase_id` None), as one step.
    `before_id` places them before that wish; otherwise they go last."""

    def __init__(
        self, demand_ids: Sequence[int], phase_id: int | None, before_id: int | None = None
    ):
        super().__init__()
        self.demand_ids = list(dict.fromkeys(demand_ids))
        self.phase_id = phase_id
        self.before_id = before_id
        self.label = _("Move wishes")

    def perform(self, rec: Recorder) -> None:
        if not self.demand_ids:
            raise CommandError(_("Choose at least one wish to move."))
        if self.phase_id is not None:
            rec.get(Phase, self.phase_id)
        moving = [rec.get(Demand, i) for i in self.demand_ids]
        where = _phase_title(rec, self.phase_id)
        # Translators: an undo step; {where} is "'Leads'" (a phase) or "the backlog".
        self.label = (
            _("Move '{title}' to {where}").format(title=moving[0].title, where=where)
            if len(moving) == 1
            else _("Move {n} wishes to {where}").format(n=len(moving), where=where)
        )
        staying = sorted(
            (
                d
                for d in rec.store.rows(Demand)
                if d.phase_id == self.phase_id and d.id not in self.demand_ids
            ),
            key=lambda d: (d.position, d.id),
        )
        index = len(staying)
        if self.before_id is not None:
            index = next((i for i, d in enumerate(staying) if d.id == self.before_id), index)
        order = staying[:index] + moving + staying[index:]
        for position, demand in enumerate(order):
            values: dict[str, object] = {"position": position}
            if demand.phase_id != self.phase_id:
                values["phase_id"] = self.phase_id
            rec.update(demand, **values)


class SetPhaseDates(Command):
    """Move or resize a phase. Drags pass `mergeable=True` so one gesture is one undo step.
    Moving a phase before one it depends on is allowed; the warnings say so."""

    def __init__(
        self,
        phase_id: int,
        start: dt.date | None,
        end: dt.date | None,
        mergeable: bool = False,
    ):
        super().__init__()
        self.phase_id = phase_id
        self.start = start
        self.end = end
        self.label = _("Move phase")
        if mergeable:
            self.merge_key = ("phase-dates", phase_id)

    def perform(self, rec: Recorder) -> None:
        phase = rec.get(Phase, self.phase_id)
        moved = (
            phase.start_date is not None
            and self.start is not None
            and phase.end_date is not None
            and self.end is not None
            and (self.end - self.start) == (phase.end_date - phase.start_date)
        )
        self.label = (
            _("Move phase '{title}'") if moved else _("Resize phase '{title}'")
        ).format(title=phase.title)
        change_row(rec, phase, {"start_date": self.start, "end_date": self.end})


class ShiftPhase(Command):
    """Move a phase by a number of days, keeping its length."""

    def __init__(self, phase_id: int, days: int):
        super().__init__()
        self.phase_id = phase_id
        self.days = days
        self.label = _("Move phase")

    def perform(self, rec: Recorder) -> None:
        phase = rec.get(Phase, self.phase_id)
        if phase.start_date is None or phase.end_date is None:
            raise CommandError(
                _(
                    "Phase '{title}' has no dates yet; give it dates first."
                ).format(title=phase.title)
            )
        delta = dt.timedelta(days=self.days)
        self.label = _("Move phase '{title}'").format(title=phase.title)
        change_row(
            rec, phase, {"start_date": phase.start_date + delta, "end_date": phase.end_date + delta}
        )


class ReorderPhase(Command):
    """Put a phase at `index` in the phase order (0 = first)."""

    def __init__(self, phase_id: int, index: int):
        super().__init__()
        self.phase_id = phase_id
        self.index = index
        self.label = _("Reorder phases")

    def perform(self, rec: Recorder) -> None:
        phase = rec.get(Phase, self.phase_id)
        order = [p for p in ordered_phases(rec) if p.id != phase.id]
        if not 0 <= self.index <= len(order):
            raise CommandError(
                _("Position {position} is outside the {count} phases.").format(
                    position=self.index + 1, count=len(order) + 1
                )
            )
        order.insert(self.index, phase)
        self.label = _("Reorder phase '{title}'").format(title=phase.title)
        for position, row in enumerate(order):
            rec.update(row, position=position)


def ordered_phases(rec: Recorder) -> list[Phase]:
    return sorted(rec.store.rows(Phase), key=lambda p: (p.position, p.id))


class SplitPhase(Command):
    """Split a phase in two. The first keeps its start and ends the day before `at`; the new
    second part runs from `at` to the old end. `demand_ids` go to the second part; without
    them, the least important wishes (by priority, then order) that make up about half of
    the effort go. Later phases that waited for the phase now wait for the second part,
    which itself waits for the first."""

    def __init__(
        self, phase_id: int, at: dt.date | None = None, demand_ids: Sequence[int] | None = None
    ):
        super().__init__()
        self.phase_id = phase_id
        self.at = at
        self.demand_ids = None if demand_ids is None else list(demand_ids)
        self.label = _("Split phase")
        self.new_phase_id: int | None = None

    def perform(self, rec: Recorder) -> None:
        phase = rec.get(Phase, self.phase_id)
        self.label = _("Split phase '{title}'").format(title=phase.title)
        first_end, second_start = self._dates(phase)
        for other in ordered_phases(rec):
            if other.position > phase.position:
                rec.update(other, position=other.position + 1)
        second = new_row(
            rec,
            Phase,
            {
                "title": f"{phase.title} (part 2)",
                "goal": phase.goal,
                "start_date": second_start,
                "end_date": phase.end_date,
                "position": phase.position + 1,
                "status": phase.status,
            },
        )
        self.new_phase_id = second.id
        change_row(rec, phase, {"end_date": first_end})
        for demand in self._moving(rec, phase):
            rec.update(demand, phase_id=second.id)
        for link in rec.store.rows(PhaseObjective):
            if link.phase_id == phase.id:
                new_row(
                    rec, PhaseObjective, {"phase_id": second.id, "objective_id": link.objective_id}
                )
        for dep in rec.store.rows(Dependency):
            if dep.predecessor_id == phase.id:
                rec.update(dep, predecessor_id=second.id)
        new_row(rec, Dependency, {"predecessor_id": phase.id, "successor_id": second.id})

    def _dates(self, phase: Phase) -> tuple[dt.date | None, dt.date | None]:
        start, end = phase.start_date, phase.end_date
        if start is None or end is None:
            if self.at is not None:
                raise CommandError(
                    _(
                        "Phase '{title}' has no dates to split at; split its wishes only."
                    ).format(title=phase.title)
                )
            return end, start
        at = self.at or start + (end - start + dt.timedelta(days=1)) / 2
        if not start < at <= end:
            raise ValidationError(
                _(
                    "Split '{title}' on a day after its start ({start}) and no later than its end "
                    "({end}); {at} is outside."
                ).format(title=phase.title, start=start, end=end, at=at),
                "at",
            )
        return at - dt.timedelta(days=1), at

    def _moving(self, rec: Recorder, phase: Phase) -> list[Demand]:
        mine = [d for d in rec.store.rows(Demand) if d.phase_id == phase.id]
        if self.demand_ids is not None:
            by_id = {d.id: d for d in mine}
            missing = [i for i in self.demand_ids if i not in by_id]
            if missing:
                raise CommandError(
                    _(
                        "Wish #{missing} is not in phase '{title}'."
                    ).format(missing=missing[0], title=phase.title)
                )
            return [by_id[i] for i in self.demand_ids]
        # Least important last; move from the end until about half the effort has moved.
        ranked = sorted(mine, key=lambda d: (d.priority.rank, d.position, d.id))
        half = sum(d.effort for d in mine) / 2
        moving: list[Demand] = []
        moved = 0.0
        for demand in reversed(ranked):
            if moved >= half or len(moving) >= len(mine) - 1:
                break
            moving.append(demand)
            moved += demand.effort
        return moving


class MergePhases(Command):
    """Merge `absorbed` into `kept`: its wishes, activities, milestones, objective links and
    dependencies move over, the dates span both, and `absorbed` is deleted."""

    def __init__(self, kept_id: int, absorbed_id: int):
        super().__init__()
        self.kept_id = kept_id
        self.absorbed_id = absorbed_id
        self.label = _("Merge phases")

    def perform(self, rec: Recorder) -> None:
        if self.kept_id == self.absorbed_id:
            raise CommandError(_("Choose two different phases to merge."))
        kept = rec.get(Phase, self.kept_id)
        gone = rec.get(Phase, self.absorbed_id)
        self.label = _("Merge '{gone}' into '{kept}'").format(gone=gone.title, kept=kept.title)
        starts = [d for d in (kept.start_date, gone.start_date) if d]
        ends = [d for d in (kept.end_date, gone.end_date) if d]
        change_row(
            rec,
            kept,
            {
                "start_date": min(starts) if starts else None,
                "end_date": max(ends) if ends else None,
            },
        )
        store = rec.store
        for demand in store.rows(Demand):
            if demand.phase_id == gone.id:
                rec.update(demand, phase_id=kept.id)
        for activity in store.rows(ChangeActivity):
            if activity.phase_id == gone.id:
                rec.update(activity, phase_id=kept.id)
        for milestone in store.rows(Milestone):
            if milestone.phase_id == gone.id:
                rec.update(milestone, phase_id=kept.id)
        served = {
            link.objective_id for link in store.rows(PhaseObjective) if link.phase_id == kept.id
        }
        for link in store.rows(PhaseObjective):
            if link.phase_id == gone.id and link.objective_id not in served:
                rec.update(link, phase_id=kept.id)
        self._merge_dependencies(rec, kept, gone)
        remove_row(rec, gone)

    def _merge_dependencies(self, rec: Recorder, kept: Phase, gone: Phase) -> None:
        existing = {(d.predecessor_id, d.successor_id) for d in rec.store.rows(Dependency)}
        for dep in rec.store.rows(Dependency):
            if gone.id not in (dep.predecessor_id, dep.successor_id):
                continue
            pred = kept.id if dep.predecessor_id == gone.id else dep.predecessor_id
            succ = kept.id if dep.successor_id == gone.id else dep.successor_id
            if pred == succ or (pred, succ) in existing:
                continue  # the edge between the two, or one kept already has: dropped with `gone`
            rec.delete(dep)
            new_row(rec, Dependency, {"predecessor_id": pred, "successor_id": succ})
            existing.add((pred, succ))


class Vote(Command):
    """Add (or with a negative `delta`, take back) dot votes on a wish."""

    def __init__(self, demand_id: int, delta: int = 1):
        super().__init__()
        self.demand_id = demand_id
        self.delta = delta
        self.label = _("Vote")

    def perform(self, rec: Recorder) -> None:
        demand = rec.get(Demand, self.demand_id)
        votes = demand.votes + self.delta
        if votes < 0:
            raise CommandError(_("'{title}' has no votes to take back.").format(title=demand.title))
        self.label = (
            _("Vote for '{title}'") if self.delta > 0 else _("Take a vote back from '{title}'")
        ).format(title=demand.title)
        change_row(rec, demand, {"votes": votes})
