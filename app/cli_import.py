"""`rollout-planner import PLAN SOURCE`: wishes from a CSV, TSV or XLSX file (or a Jira
export) into a plan, read by content, not by the file's name; MS Project XML is handed to
the MSPDI importer.

Exit codes: 0 every row came in; 1 some rows were skipped (each listed with its row number,
column and reason); 2 nothing could be imported (one line on stderr, the plan untouched).
`--dry-run` prints the same preview and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS, PROG, register
from app.enum_words import kind_word, priority_word
from planner.i18n import N_, _, ngettext
from planner.i18n.formats import decimal_sign

PREVIEW_ROWS = 10


def _args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help=_("the plan file (*.rollout)"))
    parser.add_argument("source", type=Path, help=_("CSV, TSV, XLSX, Jira CSV or MS Project XML"))
    parser.add_argument("--dry-run", action="store_true",
                        help=_("show what would be imported and the row errors; change nothing"))
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                        help=_("map a column (header, letter or number) to a field: title, "
                        "department, phase, effort, priority, kind, objective, notes, votes, "
                        "key, needs, or ignore; repeatable"))
    parser.add_argument("--value", action="append", default=[], metavar="FIELD:VALUE=MEANS",
                        help=_("what a value means, e.g. priority:Top=must or "
                        "department:Salg=Sales; repeatable"))
    parser.add_argument("--create-missing", action="store_true",
                        help=_("create departments and phases the plan does not have yet"))
    parser.add_argument("--department", metavar="NAME",
                        help=_("department for wishes without a known one"))
    parser.add_argument("--effort-unit", choices=("days", "hours", "points", "seconds"),
                        help=_("unit of the effort column (default: from its header)"))
    parser.add_argument("--points-to-days", type=float, default=1.0, metavar="DAYS",
                        help=_("person-days per story point (default 1)"))
    parser.add_argument("--sheet", help=_("workbook sheet to read (default: the active one)"))
    parser.add_argument("--encoding", choices=("utf-8", "utf-16", "cp1252"),
                        help=_("text encoding (default: detected)"))
    parser.add_argument("--delimiter", choices=("comma", "semicolon", "tab", "bar"),
                        help=_("column delimiter (default: detected)"))
    parser.add_argument("--decimal", choices=("point", "comma"),
                        help=_("decimal mark of numbers (default: detected)"))


_DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "bar": "|"}


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    from planner.exchange import sniff
    from planner.store import PlanStore

    source: Path = args.source
    if not source.is_file():
        return _fail(_("{path} does not exist or is not a file.").format(path=source))
    data = source.read_bytes()
    store = PlanStore.open(args.plan, read_only=args.dry_run)
    try:
        if sniff.detect_format(data) == sniff.XML:
            return _mspdi(store, source, args)
        return _wishes(store, data, source.name, args)
    finally:
        store.close()


def _mspdi(store, source: Path, args: argparse.Namespace) -> int:  # noqa: ANN001
    from planner.exchange.mspdi_import import import_into_plan

    report = import_into_plan(store, source)
    print("\n".join(report.lines))
    if not args.dry_run:
        from planner.commands import UndoHistory

        UndoHistory(store).push(report.command)
    return EXIT_OK


def _wishes(store, data: bytes, name: str, args: argparse.Namespace) -> int:  # noqa: ANN001
    from planner.commands import UndoHistory
    from planner.exchange import headers
    from planner.exchange.mapping import (
        apply_overrides,
        apply_value_overrides,
        describe,
        require_known_header,
    )
    from planner.exchange.tabular import ReadOptions, read_table
    from planner.exchange.wish_import import (
        ImportChoices,
        ImportWishes,
        build_preview,
        default_mapping,
    )
    from planner.model import Department

    options = ReadOptions(
        encoding=args.encoding,
        delimiter=_DELIMITERS.get(args.delimiter) if args.delimiter else None,
        decimal={"point": ".", "comma": ","}.get(args.decimal) if args.decimal else None,
        sheet=args.sheet,
    )
    table = read_table(data, name, options)
    if args.points_to_days <= 0:
        return _fail(_("--points-to-days must be more than 0."))
    if not args.map:
        require_known_header(table)
    mapping = default_mapping(store, table, args.points_to_days)
    apply_overrides(table, mapping, args.map)
    apply_value_overrides(mapping, args.value, [d.name for d in store.rows(Department)])
    if args.effort_unit:
        mapping.effort_unit = args.effort_unit
    if args.department:
        known = {d.name.casefold() for d in store.rows(Department)}
        if args.department.strip().casefold() not in known and not args.create_missing:
            return _fail(_("the plan has no department '{department}'; add "
                           "--create-missing to create it.").format(department=args.department))
    choices = ImportChoices(
        create_departments=args.create_missing,
        create_phases=args.create_missing,
        fallback_name=args.department,
    )
    if mapping.column_for("title") is None:
        return _fail(_("{name}: no column is mapped to the title; name it with "
                       "--map COLUMN=title.").format(name=name))
    preview = build_preview(store, table, mapping, choices)
    report = {
        "source": name,
        "format": table.describe(),
        "mapping": describe(table, mapping),
        "wishes": len(preview.wishes),
        "skipped": [
            {"row": p.row, "column": p.column, "reason": p.message} for p in preview.problems
        ],
        "new_departments": preview.new_departments,
        "new_phases": preview.new_phases,
        "unknown_departments": sorted(preview.unknown_departments),
        "unknown_phases": sorted(preview.unknown_phases),
        "notes": preview.notices,
        "dry_run": args.dry_run,
        "imported": 0,
    }
    if not preview.wishes:
        reason = str(preview.problems[0]) if preview.problems else _("the file has no rows")
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=2))
        hint = (
            _(" (--department NAME or --create-missing)")
            if "department" in reason and not args.department
            else ""
        )
        return _fail(
            _("nothing imported from {name}; {n} row(s) skipped, e.g. {reason}{hint}").format(
                name=name, n=len({p.row for p in preview.problems}), reason=reason, hint=hint
            )
        )
    if not args.dry_run:
        UndoHistory(store).push(ImportWishes(preview))
        report["imported"] = len(preview.wishes)
    if args.json:
        report["preview"] = [_wish_dict(w) for w in preview.wishes[:PREVIEW_ROWS]]
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        mapped = [bool(field) and field in headers.FIELDS for field in mapping.fields]
        _print_text(table, preview, report, args.dry_run, mapped)
    return EXIT_PROBLEMS if preview.problems else EXIT_OK


def _wish_dict(wish) -> dict:  # noqa: ANN001
    return {
        "row": wish.row, "title": wish.title, "department": wish.department,
        "phase": wish.phase, "effort": wish.effort, "priority": wish.priority.value,
        "kind": wish.kind.value, "votes": wish.votes,
    }


def _print_text(table, preview, report: dict, dry_run: bool, mapped: list[bool]) -> None:  # noqa: ANN001
    print(f"{report['source']}: {report['format']}")
    used = [line for line, keep in zip(report["mapping"], mapped, strict=True) if keep]
    for line in used:
        print(f"  {line}")
    if len(used) < len(report["mapping"]):
        ignored = len(report["mapping"]) - len(used)
        print(ngettext("  ({n} other column ignored)", "  ({n} other columns ignored)",
                       ignored).format(n=ignored))
    for notice in preview.notices:
        print(_("Note: {notice}").format(notice=notice))
    if preview.new_departments:
        print(_("New departments: {names}").format(names=", ".join(preview.new_departments)))
    if preview.new_phases:
        print(_("New phases: {names}").format(names=", ".join(preview.new_phases)))
    shown = preview.wishes[:PREVIEW_ROWS]
    print(_("First {shown} of {n} wishes:").format(shown=len(shown), n=len(preview.wishes)))
    for wish in shown:
        # Translators: where a wish without a phase goes, in the import preview.
        phase = wish.phase or _("backlog")
        # Translators: "d" abbreviates days of effort in the import preview.
        print(_("  row {row}: {title} | {department} | {phase} | {effort} d | {priority} | "
                "{kind}").format(
            row=wish.row, title=wish.title, department=wish.department, phase=phase,
            effort=decimal_sign(format(wish.effort, "g")), priority=priority_word(wish.priority),
            kind=kind_word(wish.kind),
        ))
    skipped = len({p.row for p in preview.problems})
    if preview.problems:
        print(_("Skipped rows ({n}):").format(n=skipped))
        for problem in preview.problems:
            print(f"  {problem}")
    n = len(preview.wishes)
    if dry_run and skipped:
        text = ngettext("Would import {n} wishes; {skipped} rows skipped.",
                        "Would import {n} wishes; {skipped} rows skipped.", n)
    elif dry_run:
        text = ngettext("Would import {n} wishes.", "Would import {n} wishes.", n)
    elif skipped:
        text = ngettext("Imported {n} wishes; {skipped} rows skipped.",
                        "Imported {n} wishes; {skipped} rows skipped.", n)
    else:
        text = ngettext("Imported {n} wishes.", "Imported {n} wishes.", n)
    print(text.format(n=n, skipped=skipped))


register("import", N_("import wishes from CSV, TSV, XLSX or a Jira export into a plan"),
         _args, _run)
