"""`rollout-planner repair FILE [--out COPY]`: write a repaired copy of a damaged plan.

The original is never touched. Each change is printed as it is made, and kept in the copy
(`rollout-planner info COPY` lists them). Exit 0 when a copy was written, 2 when the file
cannot be read at all (or the copy cannot be written)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import EXIT_OK, register


def _args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the damaged plan file (*.rollout)")
    parser.add_argument(
        "--out", type=Path, metavar="COPY",
        help="where to write the copy (default: 'NAME (repaired).rollout' beside the file)",
    )


def _run(args: argparse.Namespace) -> int:
    from planner.fileformat import inspect_file
    from planner.repair import repair_file, repaired_name

    source: Path = args.file
    inspect_file(source)  # not a plan at all: one line on stderr, and nothing on stdout
    target: Path = args.out or repaired_name(source)
    print(f"Repairing {source} into {target}:")
    result = repair_file(source, target, on_change=lambda change: print(f"  - {change}"))
    count = len(result.changes)
    print(
        f"Wrote {result.copy} ({count} change{'' if count == 1 else 's'}); "
        f"{source.name} was not changed."
    )
    return EXIT_OK


register("repair", "write a repaired copy of a damaged plan", _args, _run)
