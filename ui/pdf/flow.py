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


def text_document(
    html: str, device: QPagedPaintDevice, width: float, page: QSizeF | None = None
) -> QTextDocument:
    doc = QTextDocument()
    # Measure with the PDF's own metrics, not the screen's, so what is laid out is what prints.
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(style.font())
    doc.setDefaultStyleSheet(style.STYLE_SHEET)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    if page is not None:
        doc.setPageSize(page)  # sets the width too: one layout, not two
    else:
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
    if min_scale < 1.0:
        # Measured once without pages: most texts fit, or tell at once how much smaller
        # they must be set.
        doc = text_document(html, device, size.width())
        height = doc.size().height()
        if height <= size.height():
            return [Page(_single(doc, 1.0), landscape)]
        # Set smaller, the lines get relatively wider and wrap less, so the scale measured
        # at full size is a first guess on the safe side; the smallest allowed is the last.
        for scale in dict.fromkeys((max(size.height() / height, min_scale), min_scale)):
            smaller = text_document(html, device, size.width() / scale)
            if smaller.size().height() * scale <= size.height():
                return [Page(_single(smaller, scale), landscape)]
    doc = text_document(html, device, size.width(), size)

    def slice_painter(n: int) -> PaintFn:
        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.save()
            painter.translate(rect.left(), rect.top() - n * size.height())
            doc.drawContents(painter, QRectF(0, n * size.height(), size.width(), size.height()))
            painter.restore()

        return paint

    return [Page(slice_painter(n), landscape) for n in range(doc.pageCount())]


def _single(doc: QTextDocument, scale: float) -> PaintFn:
    def paint(painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.translate(rect.left(), rect.top())
        painter.scale(scale, scale)
        doc.drawContents(painter)
        painter.restore()

    return paint


def draw_block(painter: QPainter, doc: QTextDocument, left: float, top: float) -> float:
    """Paint an unpaginated document at (left, top); return its height."""
    painter.save()
    painter.translate(left, top)
    doc.drawContents(painter)
    painter.restore()
    return doc.size().height()
