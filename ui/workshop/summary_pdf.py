"""The session summary as a PDF, with the plan pack's machinery (ui/pdf): its page frame,
running header and footer, its text flow over pages with its fonts and style sheet, and the
same safe write (a temporary file renamed into place, so a failed export never leaves half
a file)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QPainter, QPdfWriter

from planner.i18n import _
from ui.pdf.flow import flow_pages
from ui.pdf.frame import RESOLUTION, Frame, paint_chrome
from ui.pdf.options import ExportError, Paper
from ui.workshop.summary import Summary, summary_html


def export_summary_pdf(summary: Summary, target: Path | str, paper: Paper = Paper.A4) -> int:
    """Write the summary to `target`; return the number of pages. ExportError when it
    cannot be written."""
    target = Path(target)
    if not target.parent.is_dir():
        raise ExportError(
            _("Cannot write {name}: the folder {parent} does not exist.").format(
                name=target.name, parent=target.parent
            )
        )
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        pages = _write(summary, partial, paper)
        os.replace(partial, target)
    except OSError as exc:
        raise ExportError(
            _("Cannot write {name}: {value}.").format(name=target.name, value=exc.strerror or exc)
        ) from exc
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
    writer.setTitle(_('{plan_title} — workshop summary').format(plan_title=summary.plan_title))
    writer.setCreator("Rollout Planner")
    writer.setPageLayout(frame.page_layout())
    pages = flow_pages(summary_html(summary), writer, frame.content_size)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(
            _("Cannot write {name}: the folder is not writable.").format(name=path.name)
        )
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
                what=_("Workshop summary"),
            )
            page.paint(painter, frame.content)
    finally:
        painter.end()
    return len(pages)
