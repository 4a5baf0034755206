"""`rollout-planner export FILE --pdf OUT.pdf [--paper a4|letter]`: the plan pack without a
window. Qt still lays out and paints the pages, on the offscreen platform."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.cli import EXIT_ERROR, EXIT_OK, PROG, register
from planner.locations import parse_location


def _args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=parse_location, help="the plan file (*.rollout) or postgresql:// URL"
    )
    parser.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf",
                        help="where to write the plan pack")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="paper size (default: a4)")


def _gui_application():  # noqa: ANN202
    """The Qt application painting needs; never a window. An app already running (tests,
    the desktop app) is reused."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([PROG])


def _run(args: argparse.Namespace) -> int:
    from planner.locations import open_plan

    source: Path = args.file
    out: Path = args.pdf
    if (isinstance(source, Path) and out.exists() and source.exists()
            and out.resolve() == source.resolve()):
        print(f"{PROG}: the PDF would overwrite the plan itself; choose another name.",
              file=sys.stderr)
        return EXIT_ERROR
    store = open_plan(source, read_only=True)
    try:
        app = _gui_application()  # noqa: F841 - must live while painting
        from ui.pdf.options import ExportError, ExportOptions, Paper
        from ui.pdf.writer import export_pdf

        try:
            pages = export_pdf(store, out, ExportOptions(paper=Paper(args.paper)))
        except ExportError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return EXIT_ERROR
    finally:
        store.close()
    print(f"Wrote {out} ({pages} pages)")
    return EXIT_OK


register("export", "write the plan pack as a PDF", _args, _run)
