"""`rollout-planner baseline PLAN --take NAME | --list [--json]`: freeze the plan for the next
steering review, or list the baselines it has (unreadable ones are listed as such)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli import EXIT_OK, UsageError, register
from planner.baseline import TakeBaseline, read_snapshot
from planner.diff import readable_baselines
from planner.i18n import N_, _, ngettext
from planner.i18n.formats import decimal_sign
from planner.model import Baseline
from planner.store import PlanStore


def _add_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=_("the plan file (*.rollout)"))
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--take", metavar="NAME", help=_("take a baseline with this name"))
    what.add_argument("--list", action="store_true", help=_("list the plan's baselines"))
    parser.add_argument("--json", action="store_true", help=_("with --list: print JSON"))


def _run(args: argparse.Namespace) -> int:
    if args.take is not None:
        if args.json:
            raise UsageError(_("--json goes with --list"))
        return take(args.file, args.take)
    return list_baselines(args.file, as_json=args.json)


def take(path: Path, name: str) -> int:
    store = PlanStore.open(path)
    try:
        command = TakeBaseline(name)
        command.do(store)
        row = store.get(Baseline, command.row_id)
        print(f"{row.name}\t{row.created_at:%Y-%m-%d %H:%M}")
    finally:
        store.close()
    return EXIT_OK


def list_baselines(path: Path, *, as_json: bool) -> int:
    store = PlanStore.open(path, read_only=True)
    try:
        good, bad = readable_baselines(store)
        unreadable = {row.id: why for row, why in bad}
        items = []
        for row in sorted([*good, *(r for r, _why in bad)], key=lambda b: (b.created_at, b.id)):
            item: dict = {
                "id": row.id,
                "name": row.name,
                "taken": row.created_at.isoformat(timespec="minutes"),
                "readable": row.id not in unreadable,
            }
            if row.id in unreadable:
                item["error"] = unreadable[row.id]
            else:
                snapshot = read_snapshot(row)
                item["phases"] = len(snapshot.phases)
                item["planned_effort"] = round(snapshot.planned_effort, 3)
            items.append(item)
    finally:
        store.close()
    if as_json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not items:
        print(_("No baselines yet; take one with --take NAME."))
    for item in items:
        when = item["taken"].replace("T", " ")
        if item["readable"]:
            phases = ngettext("{n} phase", "{n} phases", item["phases"]).format(n=item["phases"])
            planned = _("{effort} pd planned").format(
                effort=decimal_sign(format(item["planned_effort"], "g"))
            )
            print(f"{item['name']}\t{when}\t{phases}\t{planned}")
        else:
            unreadable = _("unreadable: {error}").format(error=item["error"])
            print(f"{item['name']}\t{when}\t{unreadable}")
    return EXIT_OK


register("baseline", N_("take a baseline of a plan, or list its baselines"), _add_args, _run)
