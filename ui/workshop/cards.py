"""Wishes drawn as big cards: a thick band in the department's colour, the title in body
type (wrapped, up to two lines), and one line of detail (department, effort, dots).
The list view keeps the selected card across the model resets every edit causes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ui.guard import guarded
from ui.workshop import theme as th
from ui.workshop.demand_model import COLOUR_ROLE, DETAIL_ROLE, ID_ROLE, DemandListModel

TITLE_LINES = 2


def _wrapped(text: str, font, width: int, max_lines: int) -> list[str]:  # noqa: ANN001
    """Lines of `text` wrapped to `width`; the last one elided when the text goes on. A word
    wider than a line (a Finnish or Dutch compound in large type) is broken with a hyphen,
    so that "Voittotodennäköisyys" reads as one word going on, not as two."""
    metrics = QFontMetrics(font)
    lines: list[str] = []
    rest = text.strip()
    last_start = rest
    while rest and len(lines) < max_lines:
        last_start = rest
        line, rest = _first_line(rest, font, width, metrics)
        lines.append(line)
    if not lines:
        return [""]
    if rest:
        lines[-1] = metrics.elidedText(last_start, Qt.TextElideMode.ElideRight, width)
    return lines


def _first_line(text: str, font, width: int, metrics: QFontMetrics) -> tuple[str, str]:  # noqa: ANN001
    """The first line of `text` at `width`, and the text after it."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    if not line.isValid():
        layout.endLayout()
        return text, ""
    line.setLineWidth(width)
    cut = max(1, line.textLength())
    layout.endLayout()
    if cut < len(text) and text[cut - 1].isalnum() and text[cut].isalnum():
        # Broken inside a word: make room for the hyphen.
        while cut > 1 and metrics.horizontalAdvance(text[:cut] + "-") > width:
            cut -= 1
        return text[:cut] + "-", text[cut:]
    return text[:cut].strip(), text[cut:].strip()


class CardDelegate(QStyledItemDelegate):
    def __init__(self, theme: th.Theme, view: QListView, title_lines: int = TITLE_LINES) -> None:
        super().__init__(view)
        self.theme = theme
        self.view = view
        self.title_lines = title_lines
        # Card heights by (title, width, type size): every edit resets the lists, and
        # wrapping thousands of titles again each time would make a big backlog sluggish.
        self._heights: dict[tuple[str, int, int], int] = {}

    def _geometry(self) -> tuple[int, int, int]:
        pad = self.theme.spacing()
        band = max(8, pad)
        width = max(50, self.view.viewport().width() - 2 * pad - band - 2 * pad)
        return pad, band, width

    @guarded()
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        pad, band, width = self._geometry()
        title = index.data() or ""
        key = (title, width, self.theme.px("body"))
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 50_000:
                self._heights.clear()
            title_font = self.theme.font("body", bold=True)
            lines = _wrapped(title, title_font, width, self.title_lines)
            height = (
                pad
                + len(lines) * QFontMetrics(title_font).lineSpacing()
                + QFontMetrics(self.theme.font("small")).lineSpacing()
                + 2 * pad
            )
            self._heights[key] = height
        return QSize(self.view.viewport().width(), height)

    @guarded()
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        pad, band, width = self._geometry()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = option.rect.adjusted(pad // 2, pad // 2, -pad // 2, -pad // 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(th.INK), 4 if selected else 2))
        painter.setBrush(QColor(th.ACCENT if selected else th.PANEL))
        painter.drawRoundedRect(card, pad / 2, pad / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(index.data(COLOUR_ROLE) or "#888888"))
        painter.drawRect(QRect(card.left() + 3, card.top() + 3, band, card.height() - 6))

        title_font = self.theme.font("body", bold=True)
        painter.setPen(QColor(th.INK))
        painter.setFont(title_font)
        x = card.left() + band + pad
        y = card.top() + pad // 2
        spacing = QFontMetrics(title_font).lineSpacing()
        for line in _wrapped(index.data() or "", title_font, width, self.title_lines):
            painter.drawText(QRect(x, y, width, spacing), Qt.AlignmentFlag.AlignVCenter, line)
            y += spacing
        small = self.theme.font("small")
        painter.setFont(small)
        painter.setPen(QColor(th.MUTED if not selected else th.INK))
        detail = QFontMetrics(small).elidedText(
            index.data(DETAIL_ROLE) or "", Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(
            QRect(x, y, width, QFontMetrics(small).lineSpacing()),
            Qt.AlignmentFlag.AlignVCenter,
            detail,
        )
        painter.restore()


class DemandListView(QListView):
    """A list of cards, draggable; `current_changed(id)` follows the selected card."""

    current_changed = Signal(int)  # demand id, -1 for none

    def __init__(
        self,
        model: DemandListModel,
        theme: th.Theme,
        *,
        accept_drops: bool = False,
        title_lines: int = TITLE_LINES,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.setModel(model)
        self.setItemDelegate(CardDelegate(theme, self, title_lines))
        self.setUniformItemSizes(False)
        # A long backlog is laid out a batch at a time, so the first cards show at once.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(50)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(accept_drops)
        self.setDropIndicatorShown(accept_drops)
        self.setDragDropMode(
            QAbstractItemView.DragDropMode.DragDrop
            if accept_drops
            else QAbstractItemView.DragDropMode.DragOnly
        )
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self._keep_id = -1
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        self.selectionModel().currentChanged.connect(self._emit_current)
        theme.changed.connect(self._relayout)

    def list_model(self) -> DemandListModel:
        model = self.model()
        assert isinstance(model, DemandListModel)
        return model

    def current_id(self) -> int:
        index = self.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else -1

    def select_id(self, demand_id: int) -> bool:
        row = self.list_model().row_of(demand_id)
        if row < 0:
            return False
        index = self.list_model().index(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def _remember(self) -> None:
        self._keep_id = self.current_id()

    def _restore(self) -> None:
        if self._keep_id < 0 or not self.select_id(self._keep_id):
            self.current_changed.emit(-1)

    def _emit_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(int(current.data(ID_ROLE)) if current.isValid() else -1)

    def _relayout(self) -> None:
        self.scheduleDelayedItemsLayout()

    @guarded()
    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped titles change height with the width
