"""Phase bars: between the phase's dates, labelled with its title and effort, with the
departments it delivers to as a colour strip and a warning badge at its end."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from planner.enums import PhaseStatus
from ui.gantt.badge import paint_badge
from ui.gantt.data import Badge
from ui.gantt.marks import Z_BAR, Mark, PaintContext
from ui.gantt.palette import DONE_PATTERN, text_on

EDGE_GRIP = 6.0  # how close to an end the pointer must be to resize instead of move


@dataclass(slots=True, eq=True)
class BarMark(Mark):
    key: tuple
    rect: QRectF  # bounds: the bar, its badge and an outside label
    bar: QRectF
    phase_id: int
    status: PhaseStatus
    fill: QColor
    label: str  # already elided to fit
    label_rect: QRectF
    label_inside: bool
    strip: tuple[QColor, ...]  # department colours, shown along the bottom edge
    badge: Badge | None
    badge_rect: QRectF
    clipped: tuple[bool, bool]  # starts before / ends after the range shown
    tooltip: str = ""
    striped: bool = False  # the row's background, painted behind a label beside the bar

    z = Z_BAR
    selectable = True

    def edge_at(self, x: float) -> str:
        """'start', 'end' or 'move' for a press at chart x on this bar."""
        grip = min(EDGE_GRIP, self.bar.width() / 4)
        if x <= self.bar.left() + grip and not self.clipped[0]:
            return "start"
        if x >= self.bar.right() - grip and not self.clipped[1]:
            return "end"
        return "move"

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        bar = self.bar
        painter.setPen(QPen(self.fill.darker(150), 1))
        painter.setBrush(self.fill)
        painter.drawRoundedRect(bar, 3, 3)
        if self.status == PhaseStatus.DONE:
            # Done is also a hatch, not only a paler colour.
            painter.setBrush(QBrush(self.fill.darker(130), DONE_PATTERN))
            painter.drawRoundedRect(bar, 3, 3)
        self._paint_strip(painter)
        self._paint_clips(painter, pal.text)
        if self.label:
            painter.setFont(pal.label_font)
            if not self.label_inside:
                # Lines that pass under a label beside the bar (an arrow, today) stop at its
                # text instead of striking through it.
                painter.fillRect(self.label_rect.adjusted(0, 3, 0, -3),
                                 pal.alt_row if self.striped else pal.background)
            painter.setPen(text_on(self.fill) if self.label_inside else pal.text)
            if self.label_inside and self.status == PhaseStatus.DONE:
                # Text over the hatch gets a plain backing so it stays readable.
                fm = pal.label_metrics
                back = QRectF(self.label_rect.left() - 2, bar.top() + 2,
                              fm.horizontalAdvance(self.label) + 4, bar.height() - 4)
                painter.fillRect(back, self.fill)
            painter.drawText(self.label_rect, Qt.AlignmentFlag.AlignVCenter, self.label)
        if self.badge is not None:
            paint_badge(painter, self.badge_rect, self.badge.worst, self.badge.count, pal)
        if ctx.selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(pal.background, 4))
            painter.drawRoundedRect(bar.adjusted(-2, -2, 2, 2), 4, 4)
            painter.setPen(QPen(pal.selection, 2))
            painter.drawRoundedRect(bar.adjusted(-2, -2, 2, 2), 4, 4)

    def _paint_strip(self, painter: QPainter) -> None:
        if not self.strip or self.bar.height() < 12:
            return
        height = max(3.0, self.bar.height() / 6)
        width = (self.bar.width() - 2) / len(self.strip)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, colour in enumerate(self.strip):
            painter.setBrush(colour)
            painter.drawRect(QRectF(self.bar.left() + 1 + i * width, self.bar.bottom() - height,
                                    width, height - 0.5))

    def _paint_clips(self, painter: QPainter, colour: QColor) -> None:
        # A chevron where the bar runs on beyond the dates shown (a PDF page's range).
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        mid = self.bar.center().y()
        size = min(5.0, self.bar.height() / 3)
        if self.clipped[0]:
            x = self.bar.left() + 2
            painter.drawPolygon(QPolygonF([QPointF(x, mid), QPointF(x + size, mid - size),
                                           QPointF(x + size, mid + size)]))
        if self.clipped[1]:
            x = self.bar.right() - 2
            painter.drawPolygon(QPolygonF([QPointF(x, mid), QPointF(x - size, mid - size),
                                           QPointF(x - size, mid + size)]))
