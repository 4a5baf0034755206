"""What becomes of the milestones of the phases an accepted proposal replaces.

A replaced phase that the proposal empties is deleted; its milestones must not stay behind
pointing at nothing with a date that no longer means anything. What a project lead expects:

- The phase's work went on in the accepted phase that took the most of its effort (its
  *successor*; the earlier phase on a tie). Its milestones follow the work there.
- A go-live moves to the successor's go-live, its last day (the proposal's training is
  dated just before it). A successor gets one go-live: another replaced phase's go-live
  that would land on the same one is removed instead of doubled.
- Any other milestone (a steering review, a decision) keeps its place relative to the
  phase's end: a review a week after the old go-live comes a week after the new one.
- Without a successor (none of its wishes is in an accepted phase) a go-live has nothing
  left to mark and is removed; other milestones keep their date, no longer linked to a
  phase (what deleting a phase does).

Milestones of phases that stay (partly emptied, when only the first phases are accepted)
are left alone. In a plan that marks go-lives at all, every accepted phase that gets none
of the moved ones gets a new go-live on its last day: benefit checks ask after a go-live
(planner/benefit.py), so a phase without one would never be asked about. A plan without
go-lives gets none. The preview lists every change; undo restores the plan exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.enums import MilestoneKind
from planner.i18n import _
from planner.model import Demand, Milestone, Phase
from planner.store import PlanStore

if TYPE_CHECKING:
    from planner.propose.proposal import Proposal, ProposedPhase

MOVE, REMOVE, UNLINK, ADD = "move", "remove", "unlink", "add"
TITLE_LENGTH = 200  # Milestone.title's column


@dataclass(frozen=True)
class MilestoneChange:
    milestone_id: int | None  # None: a new go-live (ADD)
    title: str
    kind: MilestoneKind
    from_phase_id: int | None  # the replaced phase it belonged to (None: ADD)
    action: str  # MOVE, REMOVE, UNLINK or ADD
    to_phase: int | None  # the proposed phase's number (MOVE, ADD; REMOVE: the one with a
    # go-live already)
    date: dt.date  # the new date (MOVE, ADD) or the date it keeps

    def describe(self, phase_titles: dict[int, str]) -> str:
        """One line for the preview and the command line."""
        if self.action == ADD:
            return _("Phase {number} gets a go-live on {date}: '{title}'.").format(
                number=self.to_phase, date=self.date.isoformat(), title=self.title
            )
        if self.action == MOVE:
            return _("'{title}' moves to phase {number} '{phase}', on {date}.").format(
                title=self.title, number=self.to_phase,
                phase=phase_titles.get(self.to_phase or 0, ""), date=self.date.isoformat(),
            )  # fmt: skip
        if self.action == REMOVE and self.to_phase is not None:
            return _("'{title}' is removed: phase {number} '{phase}' has its go-live "
                     "already.").format(title=self.title, number=self.to_phase,
                                        phase=phase_titles.get(self.to_phase, ""))  # fmt: skip
        if self.action == REMOVE:
            return _("'{title}' is removed: none of its phase's wishes is in the accepted "
                     "phases.").format(title=self.title)  # fmt: skip
        return _("'{title}' stays on {date}, no longer linked to a phase.").format(
            title=self.title, date=self.date.isoformat()
        )


def deleted_phases(store: PlanStore, proposal: Proposal, count: int | None = None) -> list[int]:
    """The replaced phases that accepting `count` phases (None: all) deletes: every one when
    all are accepted, else those all of whose wishes move into the accepted phases."""
    accepted = proposal.phases if count is None else proposal.phases[: max(0, count)]
    everything = len(accepted) == len(proposal.phases)
    moving = {w for p in accepted for w in p.wish_ids}
    wishes: dict[int, list[int]] = {}
    for demand in store.rows(Demand):
        if demand.phase_id is not None:
            wishes.setdefault(demand.phase_id, []).append(demand.id)
    out = []
    for phase_id in proposal.replaced_phase_ids:
        if store.find(Phase, phase_id) is None:
            continue
        if everything or all(w in moving for w in wishes.get(phase_id, [])):
            out.append(phase_id)
    return out


def milestone_changes(
    store: PlanStore, proposal: Proposal, count: int | None = None
) -> list[MilestoneChange]:
    """What accepting the first `count` phases (None: all) does to the milestones of the
    phases it deletes, decided on the plan as it is before the proposal is applied."""
    accepted = proposal.phases if count is None else proposal.phases[: max(0, count)]
    if not accepted:
        return []
    effort = {d.id: d.effort for d in store.rows(Demand)}
    home = {d.id: d.phase_id for d in store.rows(Demand)}
    by_number = {p.number: p for p in accepted}
    successors: dict[int, tuple[ProposedPhase | None, float]] = {}
    for phase_id in deleted_phases(store, proposal, count):
        share: dict[int, float] = {}
        for proposed in accepted:
            moved = [w for w in proposed.wish_ids if home.get(w) == phase_id]
            if moved:
                share[proposed.number] = sum(max(0.0, effort[w]) for w in moved)
        best = min(share, key=lambda n: (-share[n], n)) if share else None
        successors[phase_id] = (by_number.get(best or 0), share.get(best or 0, 0.0))
    milestones = sorted(store.rows(Milestone), key=lambda m: (m.date, m.id))
    # A phase gets one go-live: that of the replaced phase that gave it the most work.
    with_go_live = {m.phase_id for m in milestones if m.kind == MilestoneKind.GO_LIVE}
    go_live_from: dict[int, int] = {}
    for phase_id, (successor, _share) in sorted(successors.items(), key=lambda kv: -kv[1][1]):
        if successor is not None and phase_id in with_go_live:
            go_live_from.setdefault(successor.number, phase_id)
    out: list[MilestoneChange] = []
    for milestone in milestones:
        if milestone.phase_id not in successors:
            continue
        phase = store.get(Phase, milestone.phase_id)
        successor = successors[milestone.phase_id][0]
        keeps = successor is not None and go_live_from.get(successor.number) == phase.id
        if keeps and successor is not None and milestone.kind == MilestoneKind.GO_LIVE:
            go_live_from[successor.number] = -1  # taken: a second go-live of it is removed
        out.append(_change(milestone, phase, successor, keeps))
    if any(m.kind == MilestoneKind.GO_LIVE for m in milestones):
        for proposed in accepted:
            if proposed.number not in go_live_from:
                out.append(_new_go_live(proposed))
    # As the preview lists them: by the phase they go to and their date, then the removed,
    # then the unlinked.
    order = {MOVE: 0, ADD: 0, REMOVE: 1, UNLINK: 2}
    out.sort(key=lambda c: (order[c.action], c.to_phase or 0, c.date, c.milestone_id or 0))
    return out


def _change(
    milestone: Milestone, phase: Phase, successor: ProposedPhase | None, keeps_go_live: bool
) -> MilestoneChange:
    def made(action: str, to: int | None, date: dt.date) -> MilestoneChange:
        return MilestoneChange(milestone.id, milestone.title, milestone.kind, phase.id, action,
                               to, date)  # fmt: skip

    if milestone.kind == MilestoneKind.GO_LIVE:
        if successor is None:
            return made(REMOVE, None, milestone.date)
        if not keeps_go_live:
            return made(REMOVE, successor.number, milestone.date)
        return made(MOVE, successor.number, successor.end)
    if successor is None:
        return made(UNLINK, None, milestone.date)
    shift = successor.end - phase.end_date if phase.end_date is not None else dt.timedelta()
    return made(MOVE, successor.number, milestone.date + shift)


def _new_go_live(proposed: ProposedPhase) -> MilestoneChange:
    # Translators: the title of the go-live milestone a proposed phase gets.
    title = _("Go-live: {phase}").format(phase=proposed.title)
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1].rstrip() + "…"
    return MilestoneChange(None, title, MilestoneKind.GO_LIVE, None, ADD, proposed.number,
                           proposed.end)  # fmt: skip
