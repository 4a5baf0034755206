"""Milestones: a diamond on their date in the milestone band above the phases. The kind is
the shape's fill as well as its colour (go-live solid, steering review hollow, decision
half-filled), and the title is written beside it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from planner.enums import MilestoneKind
from ui.gantt.marks import Z_MILESTONE, Mark, PaintContext


def diamond(center: QPointF, radius: float) -> QPolygonF:
    x, y = center.x(), center.y()
    return QPolygonF([QPointF(x, y - radius), QPointF(x + radius, y),
                      QPointF(x, y + radius), QPointF(x - radius, y)])


def paint_diamond(painter: QPainter, center: QPointF, radius: float, kind: MilestoneKind,
                  colour: QColor, background: QColor) -> None:
    shape = diamond(center, radius)
    painter.setPen(QPen(colour.darker(140), 1.5))
    if kind == MilestoneKind.GO_LIVE:
        painter.setBrush(colour)
        painter.drawPolygon(shape)
    elif kind == MilestoneKind.STEERING_REVIEW:
        painter.setBrush(background)
        painter.setPen(QPen(colour, 2.5))
        painter.drawPolygon(diamond(center, radius - 1))
    else:
        painter.setBrush(background)
        painter.drawPolygon(shape)
        lower = QPainterPath()
        x, y = center.x(), center.y()
        lower.addPolygon(QPolygonF([QPointF(x - radius, y), QPointF(x + radius, y),
                                    QPointF(x, y + radius)]))
        painter.fillPath(lower, colour)


@dataclass(slots=True, eq=True)
class MilestoneMark(Mark):
    key: tuple
    rect: QRectF
    milestone_id: int
    center: QPointF
    radius: float
    kind: MilestoneKind
    label: str  # empty when there is no room; the tooltip still has it
    label_rect: QRectF
    tooltip: str = ""

    z = Z_MILESTONE

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        paint_diamond(painter, self.center, self.radius, self.kind, pal.milestone[self.kind],
                      pal.background)
        if self.label:
            # The band's background behind the title: grid and today lines stop at the text.
            painter.fillRect(self.label_rect.adjusted(0, 4, 0, -4), pal.background)
            painter.setFont(pal.small_font)
            painter.setPen(pal.text)
            painter.drawText(self.label_rect, Qt.AlignmentFlag.AlignVCenter, self.label)
