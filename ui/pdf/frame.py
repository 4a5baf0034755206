"""Page geometry and the running header and footer, in the PDF writer's device units."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPen

from planner.i18n import N_, _
from ui.pdf import style
from ui.pdf.options import Paper

RESOLUTION = 600  # dpi of the writer's coordinate system; the output stays vector

PAGE_SIZES = {Paper.A4: QPageSize.PageSizeId.A4, Paper.LETTER: QPageSize.PageSizeId.Letter}

# Margins in millimetres: the header and footer sit inside the top and bottom margins.
_MARGIN_SIDE, _MARGIN_TOP, _MARGIN_BOTTOM = 18.0, 22.0, 20.0
_CHROME_OFFSET = 10.0  # header baseline / footer from the paper edge


def mm(value: float) -> float:
    return value / 25.4 * RESOLUTION


def pt(value: float) -> float:
    return value / 72.0 * RESOLUTION


@dataclass(frozen=True)
class Frame:
    """One orientation of the paper: where the content goes."""

    paper: Paper
    landscape: bool

    def page_layout(self) -> QPageLayout:
        orientation = (
            QPageLayout.Orientation.Landscape if self.landscape
            else QPageLayout.Orientation.Portrait
        )
        return QPageLayout(
            QPageSize(PAGE_SIZES[self.paper]),
            orientation,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )

    @property
    def page(self) -> QRectF:
        size = QPageSize(PAGE_SIZES[self.paper]).sizePoints()
        w, h = pt(size.width()), pt(size.height())
        return QRectF(0, 0, h, w) if self.landscape else QRectF(0, 0, w, h)

    @property
    def content(self) -> QRectF:
        page = self.page
        return page.adjusted(
            mm(_MARGIN_SIDE), mm(_MARGIN_TOP), -mm(_MARGIN_SIDE), -mm(_MARGIN_BOTTOM)
        )

    @property
    def content_size(self) -> QSizeF:
        return self.content.size()


def paint_chrome(
    painter: QPainter, frame: Frame, title: str, date_text: str, number: int, total: int,
    what: str = N_("Plan pack"),
) -> None:
    """Running header (plan title, what and date) and footer (page n of N)."""
    content = frame.content
    painter.save()
    f = style.font(7.5)
    painter.setFont(f)
    metrics = QFontMetricsF(f, painter.device())
    painter.setPen(QColor(style.MUTED))
    top = mm(_CHROME_OFFSET)
    right_text = f"{_(what)} · {date_text}"
    right_w = metrics.horizontalAdvance(right_text)
    # A long plan title is cut with an ellipsis rather than running into the date.
    left = metrics.elidedText(title, Qt.TextElideMode.ElideRight, content.width() - right_w - mm(8))
    header = QRectF(content.left(), top, content.width(), metrics.height())
    painter.drawText(header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
    painter.drawText(header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     right_text)
    painter.setPen(QPen(QColor(style.RULE), pt(0.5)))
    rule_y = header.bottom() + mm(1.5)
    painter.drawLine(content.left(), rule_y, content.right(), rule_y)
    painter.setPen(QColor(style.MUTED))
    bottom = frame.page.height() - mm(_CHROME_OFFSET) - metrics.height()
    footer = QRectF(content.left(), bottom, content.width(), metrics.height())
    painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     _('Page {number} of {total}').format(number=number, total=total))
    painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     _("Rollout Planner"))
    painter.restore()
