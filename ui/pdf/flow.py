"""Text that flows over pages: a QTextDocument laid out at the page's content size and
drawn one page-sized slice at a time. Qt's own pagination keeps lines and table rows whole
and repeats table header rows (`<thead>`) on every page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPainter, QTextDocument

from ui.pdf import style

PaintFn = Callable[[QPainter, QRectF], None]


@dataclass
class Page:
    """One sheet of the pack: paints its content into the content rect it is given."""

    paint: PaintFn
    landscape: bool = False
    chrome: bool = True  # running header and footer (not on the cover)


def text_document(html: str, device: QPagedPaintDevice, width: float) -> QTextDocument:
    doc = QTextDocument()
    # Measure with the PDF's own metrics, not the screen's, so what is laid out is what prints.
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(style.font())
    doc.setDefaultStyleSheet(style.STYLE_SHEET)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def flow_pages(
    html: str, device: QPagedPaintDevice, size: QSizeF, *, landscape: bool = False
) -> list[Page]:
    doc = text_document(html, device, size.width())
    doc.setPageSize(size)
    height = size.height()

    def slice_painter(n: int) -> PaintFn:
        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.save()
            painter.translate(rect.left(), rect.top() - n * height)
            doc.drawContents(painter, QRectF(0, n * height, size.width(), height))
            painter.restore()

        return paint

    return [Page(slice_painter(n), landscape) for n in range(doc.pageCount())]


def draw_block(painter: QPainter, doc: QTextDocument, left: float, top: float) -> float:
    """Paint an unpaginated document at (left, top); return its height."""
    painter.save()
    painter.translate(left, top)
    doc.drawContents(painter)
    painter.restore()
    return doc.size().height()
