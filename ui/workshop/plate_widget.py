"""The plate: one phase's capacity drawn as a dinner plate, its wishes as portions.

A full turn of the plate is what the team can deliver in the phase (team capacity × weeks).
Each wish is a slice in its department's colour, sized by its effort. What does not fit
spills over the rim: an outer ring, hatched, in the same colours, so the room sees at once
how much is too much. Wishes dropped on the plate go into the phase (`dropped`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.i18n import _
from planner.i18n.formats import local_number
from ui.guard import guarded
from ui.workshop import theme as th
from ui.workshop.demand_model import MIME, decode_ids

RIM = 1.0  # plate radius, as a share of the radius available without the spill ring
SPILL = 1.16  # the spill ring reaches this far
FOOD = 0.86  # portions lie inside this share of the plate


@dataclass(frozen=True)
class Portion:
    demand_id: int
    colour: str
    effort: float
    department: str


def _ring_segment(
    centre: QPointF, inner: float, outer: float, start: float, span: float
) -> QPainterPath:
    """An annular segment; angles in degrees, Qt's convention (0 = 3 o'clock, positive =
    counter-clockwise). Clockwise slices from 12 o'clock use start=90, negative spans."""
    path = QPainterPath()
    outer_rect = QRectF(centre.x() - outer, centre.y() - outer, 2 * outer, 2 * outer)
    if inner <= 0:  # a pie slice
        path.moveTo(centre)
        path.arcTo(outer_rect, start, span)
        path.closeSubpath()
        return path
    inner_rect = QRectF(centre.x() - inner, centre.y() - inner, 2 * inner, 2 * inner)
    path.arcMoveTo(outer_rect, start)
    path.arcTo(outer_rect, start, span)
    path.arcTo(inner_rect, start + span, -span)
    path.closeSubpath()
    return path


class PlateWidget(QWidget):
    dropped = Signal(list)  # demand ids

    def __init__(self, theme: th.Theme) -> None:
        super().__init__()
        self.theme = theme
        self.portions: list[Portion] = []
        self.capacity: float | None = None
        self.highlight = False  # a drag hovers over the plate
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        # Translators: the workshop's plate of phases, for screen readers.
        self.setAccessibleName(_("Plate"))
        theme.changed.connect(self.update)

    def set_plate(self, portions: list[Portion], capacity: float | None) -> None:
        self.portions = portions
        self.capacity = capacity
        self.update()

    @property
    def effort(self) -> float:
        return sum(p.effort for p in self.portions)

    def legend(self) -> list[tuple[str, str, float]]:
        """(department, colour, person-days) in the order the portions are served."""
        totals: dict[str, tuple[str, float]] = {}
        for p in self.portions:
            colour, days = totals.get(p.department, (p.colour, 0.0))
            totals[p.department] = (colour, days + p.effort)
        return [(name, colour, days) for name, (colour, days) in totals.items()]

    # --- drop target ----------------------------------------------------------------------

    @guarded()
    def dragEnterEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.mimeData().hasFormat(MIME):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self.highlight = True
            self.update()
        else:
            event.ignore()

    @guarded()
    def dragMoveEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.mimeData().hasFormat(MIME):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()

    @guarded()
    def dragLeaveEvent(self, event) -> None:  # noqa: N802, ANN001
        self.highlight = False
        self.update()

    @guarded()
    def dropEvent(self, event) -> None:  # noqa: N802, ANN001
        self.highlight = False
        ids = decode_ids(event.mimeData())
        if not ids:
            event.ignore()
            return
        # Ignored on purpose after handling: the source list must not delete rows itself;
        # the plan's change signal refreshes every list.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.dropped.emit(ids)
        self.update()

    # --- painting -------------------------------------------------------------------------

    def _geometry(self) -> tuple[QPointF, float, float]:
        """Centre, plate radius, and the height the legend takes below it."""
        legend_h = self._legend_height()
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4 - legend_h)
        radius = max(20.0, min(area.width(), area.height()) / 2 / SPILL)
        return QPointF(area.center().x(), area.top() + area.height() / 2), radius, legend_h

    def _legend_height(self) -> int:
        if not self.portions:
            return 0
        return QFontMetrics(self.theme.font("small")).lineSpacing() * self._legend_rows() + 8

    def _legend_rows(self) -> int:
        metrics = QFontMetrics(self.theme.font("small"))
        rows, x = 1, 0
        for name, _unused, days in self.legend():
            w = metrics.horizontalAdvance(f"{name} {local_number(days)}") + metrics.height() * 2
            if x and x + w > self.width():
                rows, x = rows + 1, 0
            x += w
        return rows

    @guarded()
    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre, radius, _unused = self._geometry()
        self._paint_plate(painter, centre, radius)
        if self.capacity is not None:
            self._paint_portions(painter, centre, radius)
        self._paint_centre(painter, centre, radius)
        self._paint_legend(painter)
        painter.end()

    def _paint_plate(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        rim = max(3.0, radius / 40)
        pen = QPen(QColor(th.INK), rim)
        if self.capacity is None:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(th.ACCENT if self.highlight else th.PAPER))
        painter.drawEllipse(centre, radius * RIM, radius * RIM)
        painter.setPen(QPen(QColor("#bbbbbb"), 2))
        painter.setBrush(QColor("#f6f6f6"))
        painter.drawEllipse(centre, radius * FOOD, radius * FOOD)

    def _paint_portions(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        capacity = self.capacity or 0.0
        total = self.effort
        if total <= 0:
            return
        # Degrees per person-day; with no capacity at all everything spills.
        per_day = 360.0 / capacity if capacity > 0 else 0.0
        angle = 0.0  # clockwise from 12 o'clock
        food = radius * FOOD
        spill_in, spill_out = radius * RIM + radius * 0.03, radius * SPILL
        hatch = QBrush(QColor(th.PROBLEM), Qt.BrushStyle.BDiagPattern)
        for portion in self.portions:
            span = portion.effort * per_day if per_day else 360.0
            on_plate = max(0.0, min(span, 360.0 - angle))
            if on_plate > 0:
                path = _ring_segment(centre, 0.0, food, 90 - angle, -on_plate)
                self._fill(painter, path, portion.colour)
            spilled_from = max(angle, 360.0) - 360.0
            spilled = span - on_plate
            if spilled > 0 and spilled_from < 360.0:
                spilled = min(spilled, 360.0 - spilled_from)
                path = _ring_segment(centre, spill_in, spill_out, 90 - spilled_from, -spilled)
                self._fill(painter, path, portion.colour)
                painter.fillPath(path, hatch)
            angle += span
        if angle > 360.0:
            ring = _ring_segment(centre, spill_in, spill_out, 90, -min(angle - 360.0, 360.0))
            painter.setPen(QPen(QColor(th.PROBLEM), max(3.0, radius / 50)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(ring)

    def _fill(self, painter: QPainter, path: QPainterPath, colour: str) -> None:
        painter.setPen(QPen(QColor(th.PAPER), 2))  # a white cut between portions
        painter.setBrush(QColor(colour))
        painter.drawPath(path)

    def _paint_centre(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        if self.capacity is None:
            text = _("no dates")
        elif self.capacity <= 0:
            text = _("no team")
        else:
            text = f"{round(100 * self.effort / self.capacity)} %"
        font = self.theme.font("huge", bold=True)
        metrics = QFontMetrics(font)
        disc = max(metrics.horizontalAdvance(text), metrics.height()) / 2 + 10
        painter.setPen(QPen(QColor(th.INK), 3))
        over = self.capacity is not None and self.effort > self.capacity + 1e-9
        painter.setBrush(QColor(th.PROBLEM if over else th.PAPER))
        painter.drawEllipse(centre, disc, disc)
        painter.setFont(font)
        painter.setPen(QColor(th.PROBLEM_TEXT if over else th.INK))
        box = QRectF(centre.x() - disc, centre.y() - disc, 2 * disc, 2 * disc)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_legend(self, painter: QPainter) -> None:
        if not self.portions:
            return
        font = self.theme.font("small")
        metrics = QFontMetrics(font)
        painter.setFont(font)
        line = metrics.lineSpacing()
        square = metrics.height() * 0.8
        x, y = 0.0, self.height() - self._legend_height() + 4
        for name, colour, days in self.legend():
            text = f"{name} {local_number(days)}"
            w = metrics.horizontalAdvance(text) + metrics.height() * 2
            if x and x + w > self.width():
                x, y = 0.0, y + line
            painter.setPen(QPen(QColor(th.INK), 1))
            painter.setBrush(QColor(colour))
            painter.drawRect(QRectF(x, y + (line - square) / 2, square, square))
            painter.setPen(QColor(th.INK))
            painter.drawText(
                QRectF(x + square * 1.4, y, w, line), Qt.AlignmentFlag.AlignVCenter, text
            )
            x += w
