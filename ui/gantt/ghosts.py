"""A baseline on the Gantt: each phase's dates as they were, as a thin ghost bar under
today's bar, and each milestone that has moved since as a hollow diamond at its old date,
the shift in days on hover."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.gantt.marks import Z_BAR, Z_MILESTONE, Mark, PaintContext
from ui.gantt.milestones import diamond

Z_GHOST = Z_BAR - 0.5  # under the bars and their labels
GHOST_HEIGHT = 4.0


@dataclass(frozen=True)
class Ghosts:
    """What the chart needs of a baseline (hashable: part of the chart's options)."""

    name: str
    phases: tuple[tuple[int, dt.date, dt.date], ...]  # dated phases only
    milestones: tuple[tuple[int, dt.date], ...]

    @classmethod
    def of(cls, name: str, snapshot) -> Ghosts:  # noqa: ANN001 - planner.baseline.Snapshot
        return cls(
            name,
            tuple((p.id, p.start, p.end) for p in snapshot.phases.values()
                  if p.start is not None and p.end is not None),
            tuple((m.id, m.date) for m in snapshot.milestones.values()),
        )


@dataclass(slots=True, eq=True)
class GhostBarMark(Mark):
    key: tuple
    rect: QRectF
    phase_id: int
    moved: bool  # the phase's dates differ from the baseline's
    tooltip: str = ""

    z = Z_GHOST

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        colour = QColor(ctx.palette.text)
        colour.setAlpha(150 if self.moved else 70)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(self.rect)


@dataclass(slots=True, eq=True)
class GhostMilestoneMark(Mark):
    key: tuple
    rect: QRectF
    milestone_id: int
    center: QPointF
    radius: float
    colour: QColor
    tooltip: str = ""

    z = Z_MILESTONE - 0.5

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(self.colour, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPolygon(diamond(self.center, self.radius))


def shift_text(days: int) -> str:
    unit = "day" if abs(days) == 1 else "days"
    return f"{abs(days)} {unit} {'later' if days > 0 else 'earlier'}"
