"""`rollout-planner repair FILE [--out COPY]`: write a repaired copy of a damaged plan.

The original is never touched. Each change is printed as it is made, and kept in the copy
(`rollout-planner info COPY` lists them). Exit 0 when a copy was written, 2 when the file
cannot be read at all (or the copy cannot be written)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import EXIT_OK, register
from planner.i18n import N_, _, ngettext


def _args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=_("the damaged plan file (*.rollout)"))
    parser.add_argument(
        "--out", type=Path, metavar="COPY",
        help=_("where to write the copy (default: 'NAME (repaired).rollout' beside the file)"),
    )


def _run(args: argparse.Namespace) -> int:
    from planner.fileformat import inspect_file
    from planner.repair import repair_file, repaired_name

    source: Path = args.file
    inspect_file(source)  # not a plan at all: one line on stderr, and nothing on stdout
    target: Path = args.out or repaired_name(source)
    print(_("Repairing {source} into {target}:").format(source=source, target=target))
    result = repair_file(source, target, on_change=lambda change: print(f"  - {change}"))
    count = len(result.changes)
    print(
        ngettext(
            "Wrote {copy} ({n} change); {name} was not changed.",
            "Wrote {copy} ({n} changes); {name} was not changed.",
            count,
        ).format(copy=result.copy, n=count, name=source.name)
    )
    return EXIT_OK


register("repair", N_("write a repaired copy of a damaged plan"), _args, _run)
