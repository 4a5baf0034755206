"""The chart's marks as QGraphicsItems, for the interactive view.

`GanttScene.apply(chart)` reconciles the items with a freshly built chart by mark key: an
item whose mark is unchanged is left alone, a changed one is updated in place, new ones are
added and gone ones removed. So an edit, a zoom or a layout switch never tears down and
rebuilds thousands of items, and only what changed is repainted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from ui.gantt.bars import BarMark
from ui.gantt.chart import Chart
from ui.gantt.marks import Mark, PaintContext
from ui.gantt.palette import Palette
from ui.guard import guarded

log = logging.getLogger(__name__)


class MarkItem(QGraphicsItem):
    """One mark on the scene. Positioned at the origin: the mark's own coordinates are scene
    coordinates, so the view, the export and the PDF agree to the pixel."""

    def __init__(self, mark: Mark, palette: Palette) -> None:
        super().__init__()
        self.mark = mark
        self.palette = palette
        self.setZValue(mark.z)
        if mark.partial:
            # Long rows and the header paint only what is exposed.
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        if mark.selectable:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setToolTip(getattr(mark, "tooltip", ""))

    def set_mark(self, mark: Mark, palette: Palette) -> None:
        if mark.rect != self.mark.rect:
            self.prepareGeometryChange()
        self.mark = mark
        self.palette = palette
        self.setZValue(mark.z)
        tip = getattr(mark, "tooltip", "")
        if tip != self.toolTip():
            self.setToolTip(tip)
        self.update()

    @guarded()
    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.mark.rect

    @guarded()
    def paint(self, painter, option: QStyleOptionGraphicsItem,  # noqa: ANN001
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect if self.mark.partial else self.mark.rect
        try:
            self.mark.paint(painter, PaintContext(self.palette, exposed, self.isSelected()))
        except Exception:  # an exception escaping a Qt paint aborts the whole program
            log.exception("Painting %s failed", self.mark.key)


class GanttScene(QGraphicsScene):
    """Signals `rebuilt()` after `apply` changed the set of items or their geometry."""

    rebuilt = Signal()

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.items_by_key: dict[tuple, MarkItem] = {}
        self.chart: Chart | None = None
        self.touched = 0  # items added, changed or removed by the last apply (for tests)

    def apply(self, chart: Chart) -> None:
        palette = chart.palette
        same_palette = self.chart is not None and self.chart.palette.name == palette.name
        seen: set[tuple] = set()
        touched = 0
        for mark in chart.marks:
            key = mark.key
            seen.add(key)
            item = self.items_by_key.get(key)
            if item is None:
                item = MarkItem(mark, palette)
                self.addItem(item)
                self.items_by_key[key] = item
                touched += 1
            elif item.mark is mark and same_palette:
                continue  # reused by the builder (ui/gantt/memo.py): nothing to compare
            elif not same_palette or type(item.mark) is not type(mark) or item.mark != mark:
                item.set_mark(mark, palette)
                touched += 1
        for key in [k for k in self.items_by_key if k not in seen]:
            self.removeItem(self.items_by_key.pop(key))
            touched += 1
        bounds = chart.bounds
        if self.chart is None or self.chart.bounds != bounds:
            self.setSceneRect(bounds)
        self.chart = chart
        self.touched = touched
        brush = self.backgroundBrush()
        if brush.style() == Qt.BrushStyle.NoBrush or brush.color() != palette.background:
            self.setBackgroundBrush(palette.background)  # repaints every view: only if new
        self.rebuilt.emit()

    def bar_items(self, phase_id: int | None = None) -> list[MarkItem]:
        return [
            item for item in self.items_by_key.values()
            if isinstance(item.mark, BarMark)
            and (phase_id is None or item.mark.phase_id == phase_id)
        ]
