"""The warning badge on a bar: its shape says the severity (circle = info, triangle =
warning, octagon = problem) as well as its colour, and it carries the count."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from planner.warnings.types import Severity
from ui.gantt.palette import Palette, text_on


def badge_shape(severity: Severity, rect: QRectF) -> QPolygonF | None:
    """The outline for a severity; None means a circle."""
    c = rect.center()
    r = rect.width() / 2
    if severity == Severity.WARNING:
        # Point up, a little taller than wide so the count fits in the wide part.
        return QPolygonF(
            [QPointF(c.x(), rect.top() - 1), QPointF(rect.right() + 1, rect.bottom()),
             QPointF(rect.left() - 1, rect.bottom())]
        )
    if severity == Severity.PROBLEM:
        return QPolygonF(
            [QPointF(c.x() + r * math.cos(a), c.y() + r * math.sin(a))
             for a in (math.pi / 8 + i * math.pi / 4 for i in range(8))]
        )
    return None


def paint_badge(painter: QPainter, rect: QRectF, severity: Severity, count: int,
                palette: Palette) -> None:
    fill = palette.severity[int(severity)]
    painter.setPen(QPen(palette.background, 1.5))
    painter.setBrush(fill)
    shape = badge_shape(severity, rect)
    if shape is None:
        painter.drawEllipse(rect)
    else:
        painter.drawPolygon(shape)
    painter.setPen(text_on(fill))
    painter.setFont(palette.small_bold_font)
    text_rect = QRectF(rect)
    if severity == Severity.WARNING:
        text_rect.setTop(rect.top() + rect.height() * 0.3)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
