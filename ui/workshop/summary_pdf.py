"""The session summary as a PDF, with the plan pack's machinery (ui/pdf): its page frame,
running header and footer, its text flow over pages with its fonts and style sheet, and the
same safe write (a temporary file renamed into place, so a failed export never leaves half
a file)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QPainter, QPdfWriter

from ui.pdf.flow import flow_pages
from ui.pdf.frame import RESOLUTION, Frame, paint_chrome
from ui.pdf.options import ExportError, Paper
from ui.workshop.summary import Summary, summary_html


def export_summary_pdf(summary: Summary, target: Path | str, paper: Paper = Paper.A4) -> int:
    """Write the summary to `target`; return the number of pages. ExportError when it
    cannot be written."""
    target = Path(target)
    if not target.parent.is_dir():
        raise ExportError(f"Cannot write {target.name}: the folder {target.parent} does not exist.")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        pages = _write(summary, partial, paper)
        os.replace(partial, target)
    except OSError as exc:
        raise ExportError(f"Cannot write {target.name}: {exc.strerror or exc}.") from exc
    finally:
        partial.unlink(missing_ok=True)
    return pages


def _write(summary: Summary, path: Path, paper: Paper) -> int:
    from ui.pdf.fonts import ensure_family
    from ui.pdf.style import FAMILY

    ensure_family(FAMILY)  # the pack's font, as ui/pdf/writer.py does
    frame = Frame(paper, False)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{summary.plan_title} — workshop summary")
    writer.setCreator("Rollout Planner")
    writer.setPageLayout(frame.page_layout())
    pages = flow_pages(summary_html(summary), writer, frame.content_size)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"Cannot write {path.name}: the folder is not writable.")
    try:
        for n, page in enumerate(pages, 1):
            if n > 1:
                writer.newPage()
            paint_chrome(
                painter,
                frame,
                summary.plan_title,
                f"{summary.started_at:%Y-%m-%d}",
                n,
                len(pages),
                what="Workshop summary",
            )
            page.paint(painter, frame.content)
    finally:
        painter.end()
    return len(pages)
