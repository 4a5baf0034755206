"""`rollout-planner export FILE (--pdf|--xlsx|--csv|--mspdi|--ics) OUT [options]`.

- `--pdf OUT.pdf [--paper a4|letter]`: the plan pack without a window (Qt still lays out and
  paints the pages, on the offscreen platform);
- `--xlsx OUT.xlsx`: a workbook of wishes, phases, departments (weekly load), milestones,
  objectives and warnings (`--table` for one sheet only);
- `--csv OUT.csv [--table wishes|phases|…]`: one table; TSV for a .tsv/.txt name or `--tab`;
- `--mspdi OUT.xml [--no-backlog]`: MS Project XML;
- `--ics OUT.ics`: milestones, phase starts and go-lives as all-day calendar events.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.cli import EXIT_ERROR, EXIT_OK, PROG, register
from planner.i18n import N_, _, ngettext
from planner.locations import parse_location

FORMATS = ("pdf", "xlsx", "csv", "mspdi", "ics")


def _args(parser: argparse.ArgumentParser) -> None:
    from planner.exchange.tables import TABLE_NAMES

    parser.add_argument(
        "file", type=parse_location, help=_("the plan file (*.rollout) or postgresql:// URL")
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=_("the PDF plan pack"))
    target.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help=_("an Excel workbook"))
    target.add_argument("--csv", type=Path, metavar="OUT.csv", help=_("one table as CSV or TSV"))
    target.add_argument("--mspdi", type=Path, metavar="OUT.xml", help=_("MS Project XML"))
    target.add_argument("--ics", type=Path, metavar="OUT.ics", help=_("an iCalendar file"))
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help=_("PDF paper size (default: a4)"))
    parser.add_argument("--table", choices=TABLE_NAMES, default=None,
                        help=_("CSV: the table to write (default: wishes); XLSX: only this sheet"))
    parser.add_argument("--tab", action="store_true",
                        help=_("CSV: tab-separated (also chosen by a .tsv or .txt name)"))
    parser.add_argument("--no-backlog", action="store_true",
                        help=_("MS Project: leave the backlog out (default: a last, inactive "
                             "summary task)"))
    parser.add_argument("--since", metavar="NAME",
                        help=_("PDF: the baseline the changes section counts from "
                             "(default: the latest)"))


def _gui_application():  # noqa: ANN202
    """The Qt application painting needs; never a window. An app already running (tests,
    the desktop app) is reused."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([PROG])


def _pdf(store, out: Path, args: argparse.Namespace) -> str | None:  # noqa: ANN001
    app = _gui_application()  # noqa: F841 - must live while painting
    from ui.pdf.options import ExportError, ExportOptions, Paper
    from ui.pdf.writer import export_pdf

    try:
        baseline_id = _baseline_id(store, args.since)
        pages = export_pdf(
            store, out, ExportOptions(paper=Paper(args.paper), baseline_id=baseline_id)
        )
    except ExportError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return None
    return ngettext("{n} page", "{n} pages", pages).format(n=pages)


def _exchange(kind: str, store, out: Path, args: argparse.Namespace) -> str:  # noqa: ANN001
    if kind == "xlsx":
        from planner.exchange.xlsx_export import export_xlsx

        sheets = export_xlsx(store, out, [args.table] if args.table else None)
        return ngettext("{n} sheet", "{n} sheets", sheets).format(n=sheets)
    if kind == "csv":
        from planner.exchange.csv_export import export_csv

        rows = export_csv(store, out, args.table or "wishes", tab=True if args.tab else None)
        return ngettext("{table}, {n} row", "{table}, {n} rows", rows).format(
            table=args.table or "wishes", n=rows
        )
    if kind == "mspdi":
        from planner.exchange.mspdi_export import export_mspdi

        result = export_mspdi(store, out, include_backlog=not args.no_backlog)
        for note in result.notes:
            print(note)
        return _("{tasks} tasks, {resources} resources").format(
            tasks=result.tasks, resources=len(result.resource_uid)
        )
    from planner.exchange.ical_export import export_ics

    events = export_ics(store, out)
    return ngettext("{n} event", "{n} events", events).format(n=events)


def _run(args: argparse.Namespace) -> int:
    from planner.locations import open_plan

    kind = next(k for k in FORMATS if getattr(args, k) is not None)
    source: Path = args.file
    out: Path = getattr(args, kind)
    if (isinstance(source, Path) and out.exists() and source.exists()
            and out.resolve() == source.resolve()):
        print(_("{prog}: the {kind} file would overwrite the plan itself; choose another "
                "name.").format(prog=PROG, kind=kind.upper()), file=sys.stderr)
        return EXIT_ERROR
    if kind != "pdf" and not out.parent.is_dir():
        print(_("{prog}: cannot write {name}: the folder {folder} does not exist.").format(
            prog=PROG, name=out.name, folder=out.parent), file=sys.stderr)
        return EXIT_ERROR
    store = open_plan(source, read_only=True)
    try:
        what = _pdf(store, out, args) if kind == "pdf" else _exchange(kind, store, out, args)
    finally:
        store.close()
    if what is None:
        return EXIT_ERROR
    print(_("Wrote {path} ({what})").format(path=out, what=what))
    return EXIT_OK


def _baseline_id(store, name: str | None) -> int | None:  # noqa: ANN001
    """The latest readable baseline called `name` (None: the pack's default, the latest)."""
    if name is None:
        return None
    from planner.diff import readable_baselines
    from planner.errors import PlanError

    good, _bad = readable_baselines(store)
    named = [b for b in good if b.name == name]
    if not named:
        raise PlanError(_("The plan has no readable baseline '{name}'.").format(name=name))
    return named[-1].id


register("export", N_("write the plan as a PDF pack, Excel, CSV, MS Project XML or a calendar"),
         _args, _run)
