"""What a workshop session remembers beyond the plan itself: the page, the department at the
keyboard, the phase on the table, the dot budget, and what was captured and moved today.

The plan's own data (wishes, votes, phases) lives in the plan file as usual. Who spent which
dot is not part of the plan; it is read back from the document's undo stack (each dot is a
DotVote command), so undoing a dot gives it back to the very head who spent it and the ledger
can never disagree with the votes on the wishes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtGui import QUndoStack

from planner.changes import Recorder
from planner.commands import Vote
from planner.i18n import _
from planner.model import Demand, Department
from planner.store import PlanStore

PAGES = ("capture", "prioritise", "plate", "roadmap", "summary")


class DotVote(Vote):
    """A dot from one department head. Same effect on the plan as Vote; the head is kept so
    the session can count each head's dots."""

    def __init__(self, demand_id: int, department_id: int, delta: int = 1) -> None:
        super().__init__(demand_id, delta)
        self.department_id = department_id

    def perform(self, rec: Recorder) -> None:
        super().perform(rec)
        head = rec.get(Department, self.department_id).name
        title = rec.get(Demand, self.demand_id).title
        verb = _("puts a dot on") if self.delta > 0 else _("takes a dot back from")
        self.label = f"{head} {verb} '{title}'"


def dot_ledger(stack: QUndoStack) -> Counter[tuple[int, int]]:
    """(department id, demand id) -> dots, over the commands that are done (not undone).
    Commands that were undone sit at and above `stack.index()` and do not count."""
    ledger: Counter[tuple[int, int]] = Counter()
    for i in range(stack.index()):
        command = getattr(stack.command(i), "command", None)
        if isinstance(command, DotVote):
            ledger[(command.department_id, command.demand_id)] += command.delta
    return +ledger  # drop zeros


def dots_spent(ledger: Counter[tuple[int, int]], department_id: int) -> int:
    return sum(n for (dept, _unused), n in ledger.items() if dept == department_id)


@dataclass
class WorkshopSession:
    """Lives as long as the open document, so leaving the mode and coming back (Esc, F5)
    finds everything where it was."""

    page: str = "capture"
    scale: float = 1.0
    dots_per_head: int = 5
    capture_department_id: int | None = None
    voter_department_id: int | None = None
    phase_id: int | None = None
    captured_ids: list[int] = field(default_factory=list)
    # Where every wish was when the session began: the summary reports what moved.
    start_phase: dict[int, int | None] = field(default_factory=dict)
    started_at: dt.datetime = field(default_factory=dt.datetime.now)

    @classmethod
    def begin(cls, store: PlanStore) -> WorkshopSession:
        return cls(start_phase={d.id: d.phase_id for d in store.rows(Demand)})

    def captured(self, store: PlanStore) -> list[Demand]:
        """Wishes captured in this session that still exist (an undo removes them; a redo
        brings them back under the same id)."""
        rows = (store.find(Demand, i) for i in self.captured_ids)
        return [d for d in rows if d is not None]

    def moved_into(self, store: PlanStore, phase_id: int) -> set[int]:
        """Ids of wishes that are in `phase_id` now but were not when the session began."""
        return {
            d.id
            for d in store.rows(Demand)
            if d.phase_id == phase_id and self.start_phase.get(d.id, None) != phase_id
        }
