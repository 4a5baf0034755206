"""`rollout-planner copy SOURCE TARGET` and `rollout-planner list postgresql://…/dbname`.

SOURCE and TARGET are each a plan file or a server plan (`postgresql://…?plan=NAME`):
publishing a file, taking a snapshot home, or copying between two servers or two files.
Passwords come from libpq (~/.pgpass, PGPASSFILE, PGSERVICE), never from the command line.
"""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, register
from planner.i18n import N_, _
from planner.locations import display_name, open_plan, parse_location


def _copy_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=parse_location, help=_("plan file or postgresql:// URL"))
    parser.add_argument("target", help=_("plan file or postgresql://…?plan=NAME to create"))
    parser.add_argument("--force", action="store_true", help=_("replace an existing target file"))


def _copy(args: argparse.Namespace) -> int:
    from planner.server.transfer import copy_plan

    store = open_plan(args.source, read_only=True)
    try:
        where = copy_plan(store, args.target, overwrite=args.force)
    finally:
        store.close()
    print(_("Copied {source} to {target}").format(source=display_name(args.source), target=where))
    return EXIT_OK


def _list_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("database", help=_("postgresql://user@host:port/dbname"))


def _list(args: argparse.Namespace) -> int:
    from planner.server.transfer import list_plans

    plans = list_plans(args.database)
    if not plans:
        print(_("No plans in {database}.").format(database=display_name(args.database)))
    width = max((len(name) for name, _title, _rev in plans), default=0)
    for name, title, revision in plans:
        print(f"{name:{width}}  {title}" + (
            _("  (format {n})").format(n=int(revision)) if revision else ""
        ))
    return EXIT_OK


register("copy", N_("copy a plan between a file and a server, either way"), _copy_args, _copy)
register("list", N_("list the plans in a database on a PostgreSQL server"), _list_args, _list)
