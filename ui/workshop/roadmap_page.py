"""Roadmap at a glance: the Gantt chart in its projector style, with the department load
strip, for the end of the workshop.

Drawn by the Gantt's own renderer (ui/gantt/render.py), scaled so that its smallest type is
never below the workshop's smallest: the chart fills the width, and when a small screen
would shrink it further it scrolls instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from planner.i18n import N_
from ui.document import PlanDocument
from ui.gantt.palette import palette_for
from ui.gantt.render import render_roadmap, roadmap_size_hint
from ui.guard import guarded
from ui.workshop.page import Page
from ui.workshop.session import WorkshopSession
from ui.workshop.theme import MIN_PX, Theme

STYLE = "projector"


class RoadmapCanvas(QWidget):
    """Paints the chart from a cached pixmap; rebuilt only when the plan or size changes."""

    def __init__(self, document: PlanDocument) -> None:
        super().__init__()
        self.document = document
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._pixmap: QPixmap | None = None
        self.chart_scale = 0.0

    def invalidate(self) -> None:
        self._pixmap = None
        self.update()

    @guarded()
    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001
        if self._pixmap is None or self._pixmap.size() != self.size() * self.devicePixelRatioF():
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.white)
            painter = QPainter(pixmap)
            self.chart_scale = render_roadmap(
                painter, QRectF(self.rect()), self.document.store, style=STYLE, legend=False
            )
            painter.end()
            self._pixmap = pixmap
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.end()


class RoadmapPage(Page):
    title = N_("Roadmap")

    def __init__(self, document: PlanDocument, session: WorkshopSession, theme: Theme) -> None:
        super().__init__(document, session, theme)
        self.canvas = RoadmapCanvas(document)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)

    def min_chart_scale(self) -> float:
        """The chart's smallest type must come out at least the workshop's smallest."""
        return MIN_PX * max(1.0, self.theme.scale) / palette_for(STYLE).small_px

    def canvas_size(self) -> QSize:
        area = self.scroll.contentsRect().size()  # with or without a scroll bar
        natural = roadmap_size_hint(self.document.store, style=STYLE, legend=False)
        height = max(1.0, natural.height())
        scale = max(self.min_chart_scale(), area.height() / height)
        width = area.width()
        if round(height * scale) > area.height():  # it will scroll: the bar takes its width
            width -= self.scroll.verticalScrollBar().sizeHint().width()
        return QSize(max(100, width), max(100, round(height * scale)))

    def refresh(self) -> None:
        self.canvas.resize(self.canvas_size())
        self.canvas.invalidate()

    @guarded()
    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        if self.isVisible():
            self.refresh()

    def apply_theme(self) -> None:
        if self.isVisible():
            self.refresh()
