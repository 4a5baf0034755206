"""The views onto the one chart scene: each shows one region (the header, the label column,
the rows, the load strip) and the Gantt view keeps them scrolled together, which is how the
header and the labels stay in sight while the rows scroll. `BodyPane` is the interactive
one: dragging bars, Ctrl+wheel zoom, double-click, Esc."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPainterPath, QWheelEvent
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsView, QToolTip

from planner.i18n import _
from planner.i18n.formats import Local, local_date
from ui.gantt.bars import BarMark
from ui.gantt.load_strip import LoadRowMark, percent
from ui.gantt.scene import GanttScene, MarkItem
from ui.guard import guarded


class Pane(QGraphicsView):
    """A window onto one region of the scene; what lies outside the region is hidden."""

    def __init__(self, scene: GanttScene, name: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(scene, parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        # Every mark sets the pen, brush and font it uses and never leaves a transform or
        # clip behind, so the per-item save/restore is pure cost.
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A zoom or a rebuild moves every item; working out a minimal update region item by
        # item, for each of the six panes, costs more than repainting the pane.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)

    @guarded()
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt's name
        # The regions share one scene; cover whatever of the neighbours shows past ours.
        region = self.sceneRect()
        if region.contains(rect):
            return
        outside = QPainterPath()
        outside.addRect(rect)
        inside = QPainterPath()
        inside.addRect(region)
        painter.fillPath(outside.subtracted(inside), self.backgroundBrush()
                         if self.backgroundBrush().style() != Qt.BrushStyle.NoBrush
                         else self.scene().backgroundBrush())

    def mark_at(self, pos: QPointF, kind: type) -> MarkItem | None:
        """The topmost item of a mark type under a viewport position, inside the region."""
        scene_pos = self.mapToScene(pos.toPoint())
        if not self.sceneRect().contains(scene_pos):
            return None
        for item in self.items(pos.toPoint()):
            if isinstance(item, MarkItem) and isinstance(item.mark, kind):
                return item
        return None


class LoadPane(Pane):
    """The load strip: the hover names the department, the week and the numbers."""

    @guarded()
    def viewportEvent(self, event) -> bool:  # noqa: ANN001, N802 - Qt's name
        if event.type() == event.Type.ToolTip:
            item = self.mark_at(QPointF(event.pos()), LoadRowMark)
            scene = self.scene()
            if item is not None and isinstance(scene, GanttScene) and scene.chart is not None:
                x = self.mapToScene(event.pos()).x()
                QToolTip.showText(event.globalPos(), self.describe(item.mark, x, scene), self)
                return True
            QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    @staticmethod
    def describe(mark: LoadRowMark, x: float, scene: GanttScene) -> str:
        chart = scene.chart
        day = chart.scale.day_at(x)
        monday = day.fromordinal(day.toordinal() - day.weekday())
        label = next((m.text for m in chart.marks if m.key == ("label", "load", mark.dept_id)), "")
        found = mark.ratio_at(x)
        if found is None:
            return _("{label}, week {week}: no change planned").format(
                label=label, week=monday.isocalendar().week
            )
        ratio, amount = found
        over = _(" — overloaded") if ratio > 1 else ""
        return _(
            "{label}, week {week} (from {monday}):\n{amount:.1f} person-days of change, "
            "{percent} of the {capacity:g} it can absorb{over}"
        ).format(
            label=label,
            week=monday.isocalendar().week,
            monday=local_date(monday, "%d %b %Y", skeleton="yMMMd"),
            amount=Local(amount),
            percent=percent(ratio),
            capacity=Local(mark.capacity),
            over=over,
        )


class BodyPane(Pane):
    """The rows. Emits `zoom_requested(factor, viewport_x)` for Ctrl+wheel, `scroll_x(dx)`
    for Shift+wheel, `activated(phase_id)` on double-click; drags go through `drags`
    (ui/gantt/view.py's controller: press/move/release/cancel)."""

    zoom_requested = Signal(float, float)
    scroll_x = Signal(int)
    activated = Signal(int)
    nudged = Signal(int)  # Alt+Left/Right: move the selected phases a step back or on
    resized = Signal()  # after its scroll bars took the new size

    def __init__(self, scene: GanttScene, drags, parent=None) -> None:  # noqa: ANN001
        super().__init__(scene, "gantt_body", parent)
        self.drags = drags
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._press: QPointF | None = None

    @guarded()
    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self.resized.emit()

    @guarded()
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        item = self.mark_at(event.position(), BarMark)
        if item is None:
            self.scene().clearSelection()
            return super().mousePressEvent(event)
        if not item.isSelected():
            self.scene().clearSelection()
            item.setSelected(True)
        self._press = event.position()
        self.drags.press(item.mark, self.mapToScene(event.position().toPoint()).x())
        event.accept()

    @guarded()
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._press is not None and self.drags.active:
            moved = (event.position() - self._press).manhattanLength()
            if moved >= QApplication.startDragDistance() or self.drags.started:
                x = self.mapToScene(event.position().toPoint()).x()
                text = self.drags.move(x)
                QToolTip.showText(event.globalPosition().toPoint(), text, self.viewport())
            event.accept()
            return
        self._update_cursor(event.position())
        super().mouseMoveEvent(event)

    @guarded()
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._press is not None and event.button() == Qt.MouseButton.LeftButton:
            self._press = None
            self.drags.release()
            QToolTip.hideText()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    @guarded()
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        item = self.mark_at(event.position(), BarMark)
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(item.mark.phase_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    @guarded()
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.drags.active:
            self._press = None
            self.drags.cancel()
            QToolTip.hideText()
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (
                Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.nudged.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    @guarded()
    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        mods = event.modifiers()
        delta = event.angleDelta()
        if mods & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120 or delta.x() / 120
            if steps:
                self.zoom_requested.emit(1.15 ** steps, event.position().x())
            event.accept()
            return
        if mods & Qt.KeyboardModifier.ShiftModifier and delta.y():
            self.scroll_x.emit(-delta.y())
            event.accept()
            return
        super().wheelEvent(event)

    def _update_cursor(self, pos: QPointF) -> None:
        item = self.mark_at(pos, BarMark)
        if item is None:
            self.viewport().unsetCursor()
            return
        edge = item.mark.edge_at(self.mapToScene(pos.toPoint()).x())
        shape = Qt.CursorShape.OpenHandCursor if edge == "move" else Qt.CursorShape.SizeHorCursor
        self.viewport().setCursor(shape)
