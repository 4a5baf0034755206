"""`rollout-planner diff PLAN [--since NAME] [--json]` and `diff PLAN_A PLAN_B [--json]`: what
changed since a baseline (default: the latest readable one), or between two plan files.
Exit codes like diff(1): 0 no changes, 1 changes, 2 errors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli import EXIT_OK, EXIT_PROBLEMS, PROG, UsageError, register
from planner.diff import PlanDiff, between_plans, plan_vs_baseline, readable_baselines
from planner.errors import PlanError
from planner.i18n import N_, _
from planner.store import PlanStore
from planner.text_diff import diff_lines


def _add_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=_("the plan file (*.rollout)"))
    parser.add_argument(
        "other", type=Path, nargs="?", help=_("a second plan file to compare with")
    )
    parser.add_argument("--since", metavar="NAME", help=_("the baseline to compare with"))
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))


def _run(args: argparse.Namespace) -> int:
    if args.other is not None and args.since is not None:
        raise UsageError(
            _("--since compares with a baseline; leave it out for two plan files")
        )
    if args.other is not None:
        result = _two_files(args.file, args.other)
    else:
        result = _since(args.file, args.since)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(diff_lines(result)))
    return EXIT_OK if result.unchanged else EXIT_PROBLEMS


def _since(path: Path, name: str | None) -> PlanDiff:
    store = PlanStore.open(path, read_only=True)
    try:
        good, bad = readable_baselines(store)
        if name is None:
            for _row, why in bad:
                print(_("{prog}: skipped: {reason}").format(prog=PROG, reason=why),
                      file=sys.stderr)
        if name is not None:
            named = [b for b in good if b.name == name]
            if not named:
                for row, why in bad:
                    if row.name == name:
                        raise PlanError(why)
                # Translators: the list of baselines a plan has, when it has none.
                known = ", ".join(f"'{b.name}'" for b in good) or _("none")
                raise PlanError(
                    _("The plan has no baseline '{name}' (it has: {known}).").format(
                        name=name, known=known
                    )
                )
            chosen = named[-1]
        elif good:
            chosen = good[-1]
        else:
            raise PlanError(
                _(
                    "The plan has no readable baseline; take one with '{prog} baseline "
                    "{path} --take NAME'."
                ).format(prog=PROG, path=path)
            )
        return plan_vs_baseline(store, chosen)
    finally:
        store.close()


def _two_files(first: Path, second: Path) -> PlanDiff:
    a = PlanStore.open(first, read_only=True)
    try:
        b = PlanStore.open(second, read_only=True)
        try:
            return between_plans(a, b)
        finally:
            b.close()
    finally:
        a.close()


register(
    "diff",
    N_("what changed since a baseline, or between two plan files (exit 1 if anything did)"),
    _add_args,
    _run,
)
