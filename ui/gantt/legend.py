"""The key under the chart, so a steering committee reading the PDF (or anyone in the room)
knows what a hatch, a hollow diamond or a triangle means."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from planner.enums import MilestoneKind, PhaseStatus
from planner.i18n import N_, _
from planner.warnings.types import Severity
from ui.gantt.badge import paint_badge
from ui.gantt.marks import Z_LABELS, Mark, PaintContext
from ui.gantt.milestones import paint_diamond
from ui.gantt.palette import DONE_PATTERN, LOAD_RAMP, OVERLOAD_PATTERN, Palette

SYMBOL = 26.0
# (what is drawn, its argument, the words)
ENTRIES: tuple[tuple[str, object, str], ...] = (
    ("status", PhaseStatus.PLANNED, N_("planned")),
    ("status", PhaseStatus.ACTIVE, N_("active")),
    ("status", PhaseStatus.DONE, N_("done")),
    ("arrow", False, N_("depends on")),
    ("arrow", True, N_("starts too early")),
    ("milestone", MilestoneKind.GO_LIVE, N_("go-live")),
    ("milestone", MilestoneKind.STEERING_REVIEW, N_("steering review")),
    ("milestone", MilestoneKind.DECISION, N_("decision")),
    ("badge", Severity.INFO, N_("info")),
    ("badge", Severity.WARNING, N_("warning")),
    ("badge", Severity.PROBLEM, N_("problem (count of warnings)")),
    ("load", 0.5, N_("load ≤ capacity")),
    ("load", 1.5, N_("overloaded week")),
)


@dataclass(slots=True, eq=True)
class LegendMark(Mark):
    key: tuple
    rect: QRectF
    entries: tuple[tuple[str, object, str, float, float], ...]  # kind, arg, text, x, y

    z = Z_LABELS

    @classmethod
    def layout(cls, palette: Palette, origin: QPointF, width: float, show_load: bool) -> LegendMark:
        fm = palette.small_metrics
        line_h = max(fm.height(), palette.metrics.badge) + 6
        x, y = origin.x() + palette.metrics.label_pad, origin.y()
        placed = []
        for kind, arg, message in ENTRIES:
            if kind == "load" and not show_load:
                continue
            text = _(message)
            w = SYMBOL + 4 + fm.horizontalAdvance(text) + 16
            if x + w > origin.x() + width and placed:
                x, y = origin.x() + palette.metrics.label_pad, y + line_h
            placed.append((kind, arg, text, x, y))
            x += w
        return cls(("legend",), QRectF(origin.x(), origin.y(), width, y + line_h - origin.y()),
                   tuple(placed))

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        fm = pal.small_metrics
        line_h = max(fm.height(), pal.metrics.badge) + 6
        for kind, arg, text, x, y in self.entries:
            box = QRectF(x, y + 3, SYMBOL, line_h - 6)
            self._symbol(painter, pal, kind, arg, box)
            painter.setFont(pal.small_font)
            painter.setPen(pal.text)
            painter.drawText(QRectF(x + SYMBOL + 4, y, 400, line_h), Qt.AlignmentFlag.AlignVCenter,
                             text)

    @staticmethod
    def _symbol(painter: QPainter, pal: Palette, kind: str, arg, box: QRectF) -> None:  # noqa: ANN001
        if kind == "status":
            fill = pal.status_fill[arg]
            painter.setPen(QPen(fill.darker(150), 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(box, 3, 3)
            if arg == PhaseStatus.DONE:
                painter.setBrush(QBrush(fill.darker(130), DONE_PATTERN))
                painter.drawRoundedRect(box, 3, 3)
        elif kind == "arrow":
            pen = QPen(pal.severity[2] if arg else pal.arrow, 2.0 if arg else 1.3)
            if arg:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            mid = box.center().y()
            painter.drawLine(QLineF(box.left(), mid, box.right() - 2, mid))
            painter.drawLine(QLineF(box.right() - 7, mid - 4, box.right() - 2, mid))
            painter.drawLine(QLineF(box.right() - 7, mid + 4, box.right() - 2, mid))
        elif kind == "milestone":
            paint_diamond(painter, box.center(), box.height() / 2, arg, pal.milestone[arg],
                          pal.background)
        elif kind == "badge":
            size = pal.metrics.badge
            rect = QRectF(box.center().x() - size / 2, box.center().y() - size / 2, size, size)
            paint_badge(painter, rect, arg, 2, pal)
        elif kind == "load":
            fill = pal.load_fill(arg) or QColor(LOAD_RAMP[2])
            painter.fillRect(box, fill)
            if arg > 1:
                painter.fillRect(box, QBrush(QColor("#ffffff"), OVERLOAD_PATTERN))
