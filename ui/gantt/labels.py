"""The label column left of the timeline: what each row is (phase number and status, or a
department with its colour), and the corner and section titles."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.gantt.marks import Z_LABELS, Mark, PaintContext


@dataclass(slots=True, eq=True)
class RowLabelMark(Mark):
    key: tuple
    rect: QRectF
    text: str  # elided to fit already
    detail: str  # a second, muted word to the right (status, capacity)
    swatch: QColor | None  # department colour
    striped: bool
    bold: bool = False
    rule_above: bool = False
    tooltip: str = ""

    z = Z_LABELS

    def paint(self, painter: QPainter, ctx: PaintContext) -> None:
        pal = ctx.palette
        painter.fillRect(self.rect, pal.alt_row if self.striped else pal.background)
        pad = pal.metrics.label_pad
        left = self.rect.left() + pad
        # Centred on the first row of a lane (a department's lane may hold several).
        first_row = min(self.rect.height(), pal.metrics.row_height)
        if self.swatch is not None:
            size = min(12.0, self.rect.height() - 6)
            top = self.rect.top() + first_row / 2 - size / 2
            painter.setPen(QPen(self.swatch.darker(150), 1))
            painter.setBrush(self.swatch)
            painter.drawRect(QRectF(left, top, size, size))
            left += size + 6
        text_rect = QRectF(left, self.rect.top(), self.rect.right() - left - pad, first_row)
        painter.setFont(pal.bold_font if self.bold else pal.label_font)
        painter.setPen(pal.text)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, self.text)
        if self.detail:
            painter.setFont(pal.small_font)
            painter.setPen(pal.muted_text)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             self.detail)
        painter.setPen(QPen(pal.grid_strong, 1))
        painter.drawLine(QLineF(self.rect.right() - 0.5, self.rect.top(), self.rect.right() - 0.5,
                                self.rect.bottom()))
        if self.rule_above:
            painter.drawLine(QLineF(self.rect.left(), self.rect.top() + 0.5, self.rect.right(),
                                    self.rect.top() + 0.5))
