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
    html: str,
    device: QPagedPaintDevice,
    size: QSizeF,
    *,
    landscape: bool = False,
    min_scale: float = 1.0,
) -> list[Page]:
    """Lay `html` out over as many pages as it needs. With `min_scale` < 1, a text that
    spills a little over one page is set slightly smaller to stay on one (a phase's page
    that runs three lines onto a second sheet helps nobody)."""
    scale = 1.0
    while True:
        page = QSizeF(size.width() / scale, size.height() / scale)
        doc = text_document(html, device, page.width())
        doc.setPageSize(page)
        if doc.pageCount() == 1 or scale - _SHRINK_STEP < min_scale - 1e-9:
            break
        scale -= _SHRINK_STEP
    if doc.pageCount() > 1 and scale < 1.0:  # it does not fit anyway: keep the full size
        scale, page = 1.0, size
        doc = text_document(html, device, page.width())
        doc.setPageSize(page)

    def slice_painter(n: int, doc: QTextDocument = doc, s: float = scale) -> PaintFn:
        height = page.height()

        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.save()
            painter.translate(rect.left(), rect.top())
            painter.scale(s, s)
            painter.translate(0, -n * height)
            doc.drawContents(painter, QRectF(0, n * height, page.width(), height))
            painter.restore()

        return paint

    return [Page(slice_painter(n), landscape) for n in range(doc.pageCount())]


_SHRINK_STEP = 0.05


def draw_block(painter: QPainter, doc: QTextDocument, left: float, top: float) -> float:
    """Paint an unpaginated document at (left, top); return its height."""
    painter.save()
    painter.translate(left, top)
    doc.drawContents(painter)
    painter.restore()
    return doc.size().height()
