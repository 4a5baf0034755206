"""`rollout-planner export FILE --pdf OUT.pdf [--paper a4|letter]`: the plan pack without a
window. Qt still lays out and paints the pages, on the offscreen platform."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.cli import EXIT_ERROR, EXIT_OK, PROG, register


def _args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the plan file (*.rollout)")
    parser.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf",
                        help="where to write the plan pack")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="paper size (default: a4)")
    parser.add_argument("--since", metavar="NAME",
                        help="the baseline the changes section counts from (default: latest)")


def _gui_application():  # noqa: ANN202
    """The Qt application painting needs; never a window. An app already running (tests,
    the desktop app) is reused."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([PROG])


def _run(args: argparse.Namespace) -> int:
    from planner.store import PlanStore

    source: Path = args.file
    out: Path = args.pdf
    if out.exists() and source.exists() and out.resolve() == source.resolve():
        print(f"{PROG}: the PDF would overwrite the plan itself; choose another name.",
              file=sys.stderr)
        return EXIT_ERROR
    store = PlanStore.open(source, read_only=True)
    try:
        app = _gui_application()  # noqa: F841 - must live while painting
        from ui.pdf.options import ExportError, ExportOptions, Paper
        from ui.pdf.writer import export_pdf

        try:
            baseline_id = _baseline_id(store, args.since)
            pages = export_pdf(store, out, ExportOptions(paper=Paper(args.paper),
                                                         baseline_id=baseline_id))
        except ExportError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return EXIT_ERROR
    finally:
        store.close()
    print(f"Wrote {out} ({pages} pages)")
    return EXIT_OK


def _baseline_id(store, name: str | None) -> int | None:  # noqa: ANN001
    """The latest readable baseline called `name` (None: the pack's default, the latest)."""
    if name is None:
        return None
    from planner.diff import readable_baselines
    from planner.errors import PlanError

    good, _ = readable_baselines(store)
    named = [b for b in good if b.name == name]
    if not named:
        raise PlanError(f"The plan has no readable baseline '{name}'.")
    return named[-1].id


register("export", "write the plan pack as a PDF", _args, _run)
