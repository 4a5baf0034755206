"""GanttView: the toolbar, the panes onto the chart scene kept scrolled together, and the
glue to the PlanDocument (edits, warnings, shared selection).

After an edit the chart is rebuilt as plain marks (cheap) and the scene updates only the
items whose marks changed; the rebuild waits for the next turn of the event loop, so a burst
of edits (a fast drag) costs one rebuild.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QGraphicsView,
    QGridLayout,
    QLabel,
    QScrollBar,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from planner.i18n import N_, _
from ui.gantt.bars import BarMark
from ui.gantt.chart import Chart, ChartOptions, build_chart, chart_range
from ui.gantt.data import GanttData
from ui.gantt.drag import DragController
from ui.gantt.live_data import LiveGanttData
from ui.gantt.memo import ChartMemo
from ui.gantt.panes import BodyPane, LoadPane, Pane
from ui.gantt.scene import GanttScene
from ui.gantt.timescale import DAY, ZOOM_PRESETS, clamp_zoom, fit_zoom, next_month
from ui.guard import guarded

# The zoom presets' names on the toolbar (keys of timescale.ZOOM_PRESETS).
ZOOM_NAMES = {"weeks": N_("Weeks"), "months": N_("Months"), "quarters": N_("Quarters")}
LAYOUT_TITLES = {"phases": N_("Roadmap"), "departments": N_("Department lanes")}
MAX_LOAD_SHARE = 0.4  # of the view's height, before the load strip scrolls on its own


class GanttView(QWidget):
    """Signals `open_in_inspector(kind, id)` on double-click of a bar."""

    open_in_inspector = Signal(str, int)

    def __init__(self, document, parent: QWidget | None = None, *, style: str = "screen",  # noqa: ANN001
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gantt_view")
        self.document = document
        self.options = ChartOptions(layout="phases", px_per_day=ZOOM_PRESETS["months"],
                                    style=style, today=today, show_undated=True)
        self.data: GanttData | None = None
        self._range: tuple[dt.date, dt.date] | None = None
        self._syncing = False
        self._stale = False
        self.scene = GanttScene(self)
        self.live = LiveGanttData(document)  # the plan's data, redone only where edits were
        self.memo = ChartMemo()  # what one build of the chart can reuse from the last
        self.drags = DragController(document, lambda: self.chart.scale)
        self._build_panes()
        self._build_toolbar()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        # A timer of our own rather than QTimer.singleShot: that one keeps its callable (and
        # so this view) alive for good if the view is deleted before it fires.
        self._mode_timer = QTimer(self)
        self._mode_timer.setSingleShot(True)
        self._mode_timer.setInterval(0)
        self._mode_timer.timeout.connect(self._set_update_mode)
        document.changed.connect(self.schedule_refresh)
        document.warnings.updated.connect(self.schedule_refresh)
        document.selection_changed.connect(self._follow_selection)
        self.scene.selectionChanged.connect(self._selection_from_scene)
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _build_panes(self) -> None:
        s = self.scene
        self.corner = Pane(s, "gantt_corner")
        self.header = Pane(s, "gantt_header")
        self.labels = Pane(s, "gantt_labels")
        self.body = BodyPane(s, self.drags)
        self.load_labels = Pane(s, "gantt_load_labels")
        self.load = LoadPane(s, "gantt_load")
        self.hbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.vbar = QScrollBar(Qt.Orientation.Vertical, self)
        grid = QGridLayout()
        grid.setSpacing(0)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.corner, 0, 0)
        grid.addWidget(self.header, 0, 1)
        grid.addWidget(self.labels, 1, 0)
        grid.addWidget(self.body, 1, 1)
        grid.addWidget(self.vbar, 1, 2)
        grid.addWidget(self.load_labels, 2, 0)
        grid.addWidget(self.load, 2, 1)
        grid.addWidget(self.hbar, 3, 1)
        # The rows take the height up to what they need (their maximum height); what is left
        # goes below the load strip, so a short plan's strip sits right under its rows.
        grid.setRowStretch(1, 1000)
        grid.setRowStretch(4, 1)
        grid.setColumnStretch(1, 1)
        self._grid = grid
        # One horizontal position for header, rows and load strip; one vertical for the
        # rows and their labels.
        body_h, body_v = self.body.horizontalScrollBar(), self.body.verticalScrollBar()
        body_h.rangeChanged.connect(lambda lo, hi: self._mirror_range(self.hbar, body_h, lo, hi))
        body_v.rangeChanged.connect(lambda lo, hi: self._mirror_range(self.vbar, body_v, lo, hi))
        body_v.rangeChanged.connect(lambda lo, hi: self.vbar.setVisible(hi > lo))
        # A resize changes the page (the thumb's length) without always changing the range.
        self.body.resized.connect(self._mirror_pages)
        self.hbar.valueChanged.connect(self._scroll_x_to)
        body_h.valueChanged.connect(self.hbar.setValue)
        self.vbar.valueChanged.connect(body_v.setValue)
        body_v.valueChanged.connect(self.vbar.setValue)
        body_v.valueChanged.connect(self.labels.verticalScrollBar().setValue)
        self.load.verticalScrollBar().valueChanged.connect(
            self.load_labels.verticalScrollBar().setValue)
        self.body.zoom_requested.connect(self.zoom_by)
        self.body.scroll_x.connect(lambda dx: self.hbar.setValue(self.hbar.value() + dx))
        self.body.activated.connect(self._activate)
        self.body.nudged.connect(self.nudge_selection)

    def _build_toolbar(self) -> None:
        bar = QToolBar(_("Gantt"), self)
        bar.setObjectName("gantt_toolbar")
        self.zoom_actions: dict[str, QAction] = {}
        zoom_group = QActionGroup(self)
        # Optional: after a Ctrl+wheel zoom or "fit", no preset is the current one.
        zoom_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for name in ZOOM_PRESETS:
            shown = _(ZOOM_NAMES[name]) if name in ZOOM_NAMES else name.capitalize()
            action = bar.addAction(shown, lambda n=name: self.set_zoom(n))
            action.setCheckable(True)
            action.setToolTip(
                _("Zoom to {name} (Ctrl+wheel zooms smoothly)").format(name=shown.lower())
            )
            zoom_group.addAction(action)
            self.zoom_actions[name] = action
        self.zoom_actions["fit"] = bar.addAction(_("Fit all"), self.fit)
        self.zoom_actions["fit"].setToolTip(_("Show the whole plan"))
        self.zoom_actions["months"].setChecked(True)
        for text, keys, factor in ((_("Zoom in"), QKeySequence.StandardKey.ZoomIn, 1.25),
                                   (_("Zoom out"), QKeySequence.StandardKey.ZoomOut, 0.8)):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _unused=False, f=factor: self.zoom_by(f, None))
            self.addAction(action)
        bar.addSeparator()
        layout_group = QActionGroup(self)
        self.layout_actions: dict[str, QAction] = {}
        for name, title in LAYOUT_TITLES.items():
            action = bar.addAction(_(title), lambda n=name: self.set_layout(n))
            action.setCheckable(True)
            layout_group.addAction(action)
            self.layout_actions[name] = action
        self.layout_actions["phases"].setChecked(True)
        self.layout_actions["phases"].setToolTip(_("One row per phase"))
        self.layout_actions["departments"].setToolTip(
            _("One lane per department with the phases that deliver to it"))
        bar.addSeparator()
        self.load_action = bar.addAction(_("Load strip"), self.set_show_load)
        self.load_action.setCheckable(True)
        self.load_action.setChecked(True)
        self.load_action.setToolTip(_("The change load per department and week under the chart"))
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        hint = QLabel(_("Drag a bar to move it, an end to resize · Esc cancels · "
                      "Alt+←/→ moves the selection · Ctrl+wheel zooms"), bar)
        hint.setObjectName("gantt_hint")
        hint.setEnabled(False)  # drawn muted: a hint, not a control
        bar.addWidget(hint)
        self.toolbar = bar
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(bar)
        outer.addLayout(self._grid)

    # --- state ------------------------------------------------------------------------------

    @property
    def chart(self) -> Chart:
        assert self.scene.chart is not None
        return self.scene.chart

    def schedule_refresh(self, *_unused: object) -> None:
        if self.drags.active and self.drags.started:
            self.refresh()  # the dragged bar must follow the mouse now, not next turn
            return
        if not self.isVisible():
            # A hidden view (another tab is in front) only notes that it is out of date and
            # catches up when shown: edits elsewhere must not pay for a chart nobody sees.
            self._stale = True
            return
        self._timer.start()

    @guarded()
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def ensure_current(self) -> None:
        """Catch up with edits made while hidden (before reading the chart off screen)."""
        if self._stale or self._timer.isActive():
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the chart from the plan and update the items that changed."""
        self._timer.stop()
        self._stale = False
        self.data = self.live.read(self.document.warnings.warnings)
        self._rebuild(whole=False)

    def _rebuild(self, anchor: tuple[float, float] | None = None, whole: bool = True) -> None:
        """Lay the chart out again with the current options. `anchor` (chart x before,
        viewport x) keeps that date under that point of the screen across a zoom. `whole`:
        every item moves (a zoom, another layout), so the panes repaint all of themselves
        rather than work out the region of thousands of changed items; after an edit, a few
        items change and the panes repaint just those (the region is worked out once)."""
        assert self.data is not None
        if not whole:
            self._set_update_mode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
            # Back to whole repaints once the scene has told the panes what changed (its
            # queued dirty-item pass runs first): a scroll blits the panes in partial modes,
            # and the load strip's labels are laid out for what is exposed.
            self._mode_timer.start()
        else:
            self._set_update_mode()
        first, last = chart_range(self.data, None, None)
        last = next_month(next_month(last)) - DAY  # room beside the last bars for their labels
        if self._range is not None:
            # The dates shown only grow while the view lives: a drag past the edge must not
            # shift everything under the mouse.
            first, last = min(first, self._range[0]), max(last, self._range[1])
        old = self.scene.chart
        self._range = (first, last)
        self.options = ChartOptions(**{**self.options.__dict__, "start": first, "end": last})
        self.scene.apply(build_chart(self.data, self.options, self.memo))
        self._fit_panes()
        if old is not None:
            if anchor is not None:
                days = anchor[0] / old.scale.px_per_day
                self.hbar.setValue(round(days * self.chart.scale.px_per_day - anchor[1]))
            elif old.scale.origin != self.chart.scale.origin:
                shift = (old.scale.origin - self.chart.scale.origin).days
                self.hbar.setValue(self.hbar.value() + round(shift * self.chart.scale.px_per_day))
        self._follow_selection(*self.document.selection)

    def _set_update_mode(self, mode: QGraphicsView.ViewportUpdateMode =
                         QGraphicsView.ViewportUpdateMode.FullViewportUpdate) -> None:
        for pane in self._panes():
            if pane.viewportUpdateMode() != mode:
                pane.setViewportUpdateMode(mode)

    def _panes(self) -> tuple[Pane, ...]:
        return (self.corner, self.header, self.labels, self.body, self.load_labels, self.load)

    def _fit_panes(self) -> None:
        chart = self.chart
        width = chart.label_width
        header, body, load = chart.header_rect, chart.body_rect, chart.load_rect
        timeline = chart.timeline_width
        self.corner.setSceneRect(QRectF(-width, header.top(), width, header.height()))
        self.header.setSceneRect(QRectF(0, header.top(), timeline, header.height()))
        self.labels.setSceneRect(QRectF(-width, body.top(), width, body.height()))
        self.body.setSceneRect(QRectF(0, body.top(), timeline, body.height()))
        for pane in (self.corner, self.labels, self.load_labels):
            pane.setFixedWidth(math.ceil(width))
        for pane in (self.corner, self.header):
            pane.setFixedHeight(math.ceil(header.height()))
        shown = self.options.show_load and not load.isEmpty()
        self.load.setVisible(shown)
        self.load_labels.setVisible(shown)
        if shown:
            self.load_labels.setSceneRect(QRectF(-width, load.top(), width, load.height()))
            self.load.setSceneRect(QRectF(0, load.top(), timeline, load.height()))
        self._fit_heights()
        self._scroll_x_to(self.hbar.value())

    def _fit_heights(self) -> None:
        """The load strip takes what it needs up to a share of the height; the rows take the
        rest, or only what they need, so a short plan's load strip sits right under it."""
        chart = self.chart
        load_h = 0
        if self.options.show_load and not chart.load_rect.isEmpty():
            room = max(80, int(self.height() * MAX_LOAD_SHARE))
            load_h = min(math.ceil(chart.load_rect.height()) + 1, room)
            for pane in (self.load, self.load_labels):
                pane.setFixedHeight(load_h)
        for pane in (self.labels, self.body, self.vbar):
            pane.setMinimumHeight(60)
            pane.setMaximumHeight(math.ceil(chart.body_rect.height()) + 1)

    @guarded()
    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        if self.scene.chart is not None:
            self._fit_heights()

    def _mirror_pages(self) -> None:
        for bar, source in ((self.hbar, self.body.horizontalScrollBar()),
                            (self.vbar, self.body.verticalScrollBar())):
            self._mirror_range(bar, source, source.minimum(), source.maximum())

    @staticmethod
    def _mirror_range(bar: QScrollBar, source: QScrollBar, lo: int, hi: int) -> None:
        bar.setRange(lo, hi)
        bar.setPageStep(source.pageStep())
        bar.setSingleStep(max(20, source.pageStep() // 20))

    def _scroll_x_to(self, value: int) -> None:
        for pane in (self.header, self.body, self.load):
            pane.horizontalScrollBar().setValue(value)

    # --- zoom and layout --------------------------------------------------------------------

    @property
    def px_per_day(self) -> float:
        return self.options.px_per_day

    def set_zoom(self, preset: str | float) -> None:
        ppd = ZOOM_PRESETS[preset] if isinstance(preset, str) else float(preset)
        if isinstance(preset, str) and preset in self.zoom_actions:
            self.zoom_actions[preset].setChecked(True)
        self._zoom_to(ppd, None)

    def zoom_by(self, factor: float, viewport_x: float | None = None) -> None:
        self._zoom_to(self.px_per_day * factor, viewport_x)

    def fit(self) -> None:
        self._zoom_to(fit_zoom(self.chart.scale.days, max(100, self.body.viewport().width() - 4)),
                      None)
        self.hbar.setValue(0)

    def _zoom_to(self, ppd: float, viewport_x: float | None) -> None:
        ppd = clamp_zoom(ppd)
        if abs(ppd - self.px_per_day) < 1e-9:
            return
        if viewport_x is None:
            viewport_x = self.body.viewport().width() / 2
        anchor = (self.hbar.value() + viewport_x, viewport_x)
        for name, action in self.zoom_actions.items():
            if action.isCheckable():
                action.setChecked(name in ZOOM_PRESETS and abs(ZOOM_PRESETS[name] - ppd) < 1e-9)
        self.options = ChartOptions(**{**self.options.__dict__, "px_per_day": ppd})
        self._rebuild(anchor)

    def set_layout(self, layout: str) -> None:
        if layout == self.options.layout:
            return
        self.layout_actions[layout].setChecked(True)
        self.options = ChartOptions(**{**self.options.__dict__, "layout": layout})
        self._rebuild()

    def set_show_load(self, show: bool | None = None) -> None:
        show = self.load_action.isChecked() if show is None else show
        self.load_action.setChecked(show)
        self.options = ChartOptions(**{**self.options.__dict__, "show_load": show})
        self._rebuild()

    def set_ghosts(self, ghosts) -> None:  # noqa: ANN001 - ui.gantt.ghosts.Ghosts | None
        """Draw a baseline under today's bars (None: none)."""
        if ghosts == self.options.ghosts:
            return
        self.options = ChartOptions(**{**self.options.__dict__, "ghosts": ghosts})
        if self.data is not None:
            self._rebuild(whole=False)

    def set_style(self, style: str) -> None:
        """'screen' or 'projector' (bigger type and lines for the workshop room)."""
        self.options = ChartOptions(**{**self.options.__dict__, "style": style})
        self._rebuild()

    def scroll_to_date(self, day: dt.date) -> None:
        self.hbar.setValue(round(self.chart.scale.x(day)))

    def visible_dates(self) -> tuple[dt.date, dt.date]:
        scale = self.chart.scale
        left = self.hbar.value()
        right = left + self.body.viewport().width()
        return (max(scale.origin, scale.day_at(left)), min(scale.end, scale.day_at(right)))

    # --- selection --------------------------------------------------------------------------

    def _selection_from_scene(self) -> None:
        if self._syncing:
            return
        ids = sorted({item.mark.phase_id for item in self.scene.selectedItems()
                      if isinstance(item.mark, BarMark)})
        self._syncing = True
        try:
            if ids or self.document.selection[0] == "phase":
                self.document.select("phase", ids)
        finally:
            self._syncing = False

    def _follow_selection(self, kind: str, ids: list) -> None:
        if self._syncing:
            return
        wanted = set(ids) if kind == "phase" else set()
        self._syncing = True
        try:
            first = None
            for item in self.scene.bar_items():
                selected = item.mark.phase_id in wanted
                if item.isSelected() != selected:
                    item.setSelected(selected)
                if selected and first is None:
                    first = item
            if first is not None and not self.drags.active:
                self.body.ensureVisible(first.mark.bar, 40, 20)
        finally:
            self._syncing = False

    def nudge_selection(self, steps: int) -> None:
        """Move the selected phases by a snap step (a day zoomed in, else a week) per step:
        the keyboard's way to drag. One undo step."""
        from planner.commands import Macro, ShiftPhase
        from planner.errors import PlanError

        kind, ids = self.document.selection
        if kind != "phase" or not ids:
            return
        days = steps * (1 if self.chart.scale.snaps_to_days else 7)
        commands = [ShiftPhase(phase_id, days) for phase_id in ids]
        command = commands[0] if len(commands) == 1 else Macro(_("Move phases"), commands)
        try:
            self.document.push(command)
        except PlanError as exc:
            self.document.error.emit(str(exc))

    def _activate(self, phase_id: int) -> None:
        self.document.select("phase", [phase_id])
        self.open_in_inspector.emit("phase", phase_id)

    # --- export -----------------------------------------------------------------------------

    def export_chart(self, legend: bool = True) -> Chart:
        """The chart as shown (layout, zoom, the dates on screen), with a legend, for export."""
        self.ensure_current()
        assert self.data is not None
        start, end = self.visible_dates()
        options = ChartOptions(**{**self.options.__dict__, "start": start, "end": end,
                                  "legend": legend, "show_undated": False})
        return build_chart(self.data, options)
