"""Write the plan pack: lay every section out, number the pages, paint them into a PDF.

The file is written beside the target under a temporary name and renamed into place only
when complete, so a failure or a cancel never leaves a half-written pack (nor clobbers the
previous one).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPainter, QPdfWriter

from planner import i18n
from planner.i18n import _
from planner.report import PlanPack, Section, build_pack
from planner.report.text import day
from planner.store import PlanStore
from ui.pdf.flow import Page
from ui.pdf.frame import RESOLUTION, Frame, paint_chrome
from ui.pdf.layout import Context, Part
from ui.pdf.options import ExportCancelled, ExportError, ExportOptions, Progress, no_progress
from ui.pdf.sections import (
    backlog,
    benefits,
    changes,
    contents,
    cover,
    load,
    objectives,
    phases,
    roadmap,
    warnings,
)

SECTION_BUILDERS: dict[Section, Callable[[Context], list[Part]]] = {
    Section.OBJECTIVES: objectives.parts,
    Section.ROADMAP: roadmap.parts,
    Section.LOAD: load.parts,
    Section.PHASES: phases.parts,
    Section.WARNINGS: warnings.parts,
    Section.CHANGES: changes.parts,
    Section.BENEFITS: benefits.parts,
    Section.BACKLOG: backlog.parts,
}


def export_pdf(
    store: PlanStore,
    target: Path | str,
    options: ExportOptions | None = None,
    progress: Progress = no_progress,
) -> int:
    """Write the pack for `store` to `target`; return the number of pages. Raises
    ExportCancelled when `progress` returns False, ExportError when it cannot write.
    With `options.language` the pack is written in that language and the window's is
    restored afterwards, whatever happens."""
    options = options or ExportOptions()
    if not options.language or options.language == i18n.language():
        return _export(store, Path(target), options, progress)
    previous = i18n.language()
    i18n.set_language(options.language)
    try:
        return _export(store, Path(target), options, progress)
    finally:
        i18n.set_language(previous)


def _export(store: PlanStore, target: Path, options: ExportOptions, progress: Progress) -> int:
    if not target.parent.is_dir():
        raise ExportError(
            _("Cannot write {name}: the folder {parent} does not exist.").format(
                name=target.name, parent=target.parent
            )
        )
    _check(progress, 0, 1, _("Collecting the plan"))
    pack = build_pack(store, options.sections, today=options.today,
                      baseline_id=options.baseline_id)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        pages = _write(pack, store, partial, options, progress)
        os.replace(partial, target)
    except OSError as exc:
        raise ExportError(
            _("Cannot write {name}: {value}.").format(name=target.name, value=exc.strerror or exc)
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    return pages


def _check(progress: Progress, done: int, total: int, what: str) -> None:
    if not progress(done, total, what):
        raise ExportCancelled()


def _write(
    pack: PlanPack, store: PlanStore, path: Path, options: ExportOptions, progress: Progress
) -> int:
    from ui.pdf.fonts import ensure_family
    from ui.pdf.style import FAMILY

    ensure_family(FAMILY)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(
        _("{title} — plan pack {day}").format(title=pack.title, day=day(pack.pack_date))
    )
    writer.setCreator("Rollout Planner")
    writer.setPageLayout(Frame(options.paper, False).page_layout())
    ctx = Context(pack, store, writer, options)
    steps = len(pack.sections) + 2
    parts = cover.parts(ctx)
    body: list[Part] = []
    for n, section in enumerate(pack.sections, 1):
        _check(progress, n, steps, _('Laying out: {value}').format(value=section.value))
        body += SECTION_BUILDERS[section](ctx)
    toc_entries = [(p.level, p.title) for p in body]
    toc = contents.part(ctx, [(lv, t, None) for lv, t in toc_entries])
    first = len(parts[0].pages) + len(toc.pages) + 1
    numbers, page = [], first
    for p in body:
        numbers.append(page)
        page += len(p.pages)
    toc = contents.part(ctx, [(lv, t, n) for (lv, t), n in zip(toc_entries, numbers, strict=True)])
    all_pages: list[Page] = [pg for p in [*parts, toc, *body] for pg in p.pages]
    _paint(writer, pack, all_pages, options, progress)
    return len(all_pages)


def _paint(
    writer: QPdfWriter,
    pack: PlanPack,
    pages: list[Page],
    options: ExportOptions,
    progress: Progress,
) -> None:
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(_("Cannot write the PDF file: the folder is not writable."))
    date_text = day(pack.pack_date)
    total = len(pages)
    try:
        for n, page in enumerate(pages, 1):
            _check(progress, n, total, _('Page {n} of {total}').format(n=n, total=total))
            frame = Frame(options.paper, page.landscape)
            if n > 1:
                writer.setPageLayout(frame.page_layout())
                writer.newPage()
            if page.chrome:
                paint_chrome(painter, frame, pack.title, date_text, n, total)
            page.paint(painter, frame.content)
    finally:
        painter.end()
