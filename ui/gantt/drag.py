"""Dragging a bar: move the phase, or one of its ends, snapped to days or weeks by zoom.

The plan changes live while the mouse moves (so the load strip and the warnings react as
the room watches), through SetPhaseDates with a merge key of this drag's own: the steps of
one drag merge into one undo step, and two drags of the same phase stay two. Esc puts the
dates back with one more step under the same key, which makes the merged command a no-op
that the undo stack drops.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from planner.commands import SetPhaseDates
from planner.errors import PlanError
from planner.i18n import _
from planner.i18n.formats import Local
from planner.queries import working_days_between
from ui.gantt.bars import BarMark
from ui.gantt.chart import date_text
from ui.gantt.timescale import TimeScale, snap_end, snap_shift, snap_start

_serial = itertools.count(1)


def dates_after(mode: str, start: dt.date, end: dt.date, days: int, snap_days: bool,
                working_days: str) -> tuple[dt.date, dt.date]:
    """The phase's dates after dragging `mode` ('move', 'start', 'end') by `days`."""
    if days == 0:
        return start, end
    if mode == "move":
        shift = dt.timedelta(days=snap_shift(days, snap_days))
        return start + shift, end + shift
    if mode == "start":
        return min(snap_start(start + dt.timedelta(days=days), snap_days), end), end
    return start, max(snap_end(end + dt.timedelta(days=days), snap_days, working_days), start)


def describe(mode: str, start: dt.date, end: dt.date, working_days: str = "12345") -> str:
    # Working weeks, as the warnings count them: Monday to Friday four weeks on is 4.0.
    weeks = working_days_between(start, end, working_days) / max(1, len(set(working_days)))
    verb = {"move": _("Move"), "start": _("Start"), "end": _("End")}[mode]
    return _("{verb}: {date_text} – {date_text2} ({weeks:.1f} working weeks)\nEsc cancels").format(
        verb=verb, date_text=date_text(start), date_text2=date_text(end), weeks=Local(weeks)
    )


@dataclass
class BarDrag:
    phase_id: int
    mode: str
    press_x: float
    start: dt.date
    end: dt.date
    working_days: str
    key: tuple = ()
    current: tuple[dt.date, dt.date] | None = None
    pushed: bool = False
    error: str = ""

    def __post_init__(self) -> None:
        self.key = ("gantt-drag", self.phase_id, next(_serial))
        self.current = (self.start, self.end)

    def target(self, x: float, scale: TimeScale) -> tuple[dt.date, dt.date]:
        return dates_after(self.mode, self.start, self.end, scale.days_for(x - self.press_x),
                           scale.snaps_to_days, self.working_days)

    def command(self, start: dt.date, end: dt.date) -> SetPhaseDates:
        cmd = SetPhaseDates(self.phase_id, start, end, mergeable=True)
        cmd.merge_key = self.key  # this drag's steps merge with each other only
        return cmd

    def move_to(self, document, x: float, scale: TimeScale) -> bool:  # noqa: ANN001
        """Apply the dates under x if they differ from the last ones; True if the plan
        changed. A refused change (the planner's error) leaves the last good dates."""
        start, end = self.target(x, scale)
        if (start, end) == self.current:
            return False
        try:
            changed = document.push(self.command(start, end))
        except PlanError as exc:
            self.error = str(exc)
            return False
        self.error = ""
        self.current = (start, end)
        self.pushed = self.pushed or changed
        return changed

    def cancel(self, document) -> None:  # noqa: ANN001
        """Put the dates back as they were before the drag."""
        if self.pushed and self.current != (self.start, self.end):
            document.push(self.command(self.start, self.end))
        self.current = (self.start, self.end)
        self.pushed = False

    def tooltip(self) -> str:
        start, end = self.current or (self.start, self.end)
        text = describe(self.mode, start, end, self.working_days)
        return f"{text}\n{self.error}" if self.error else text


class DragController:
    """What the body pane's mouse does to the plan. `scale_of()` gives the current time
    scale (zooming rebuilds it)."""

    def __init__(self, document, scale_of) -> None:  # noqa: ANN001
        self.document = document
        self._scale_of = scale_of
        self.drag: BarDrag | None = None
        self.started = False

    @property
    def active(self) -> bool:
        return self.drag is not None

    def press(self, mark: BarMark, x: float) -> None:
        from planner.model import Phase

        phase = self.document.store.find(Phase, mark.phase_id)
        if phase is None or phase.start_date is None or phase.end_date is None:
            return
        self.drag = BarDrag(mark.phase_id, mark.edge_at(x), x, phase.start_date, phase.end_date,
                            self.document.store.plan.working_days)
        self.started = False

    def move(self, x: float) -> str:
        if self.drag is None:
            return ""
        self.started = True
        self.drag.move_to(self.document, x, self._scale_of())
        return self.drag.tooltip()

    def release(self) -> None:
        self.drag = None
        self.started = False

    def cancel(self) -> None:
        if self.drag is not None:
            self.drag.cancel(self.document)
        self.release()
