"""Where a plan lives: a file path or a `postgresql://…?plan=NAME` URL. Everything that
takes a plan file takes a server plan too, through `open_plan`."""

from __future__ import annotations

from pathlib import Path

from planner.store import PlanStore

Location = Path | str


def is_server(location: object) -> bool:
    from planner.server import is_server_location

    return is_server_location(location)


def parse_location(text: str) -> Location:
    """For argparse and settings: a URL stays text (a Path would fold its '//'), else a
    Path."""
    return text if is_server(text) else Path(text)


def open_plan(location: Location, *, read_only: bool = False,
              password: str | None = None) -> PlanStore:
    if is_server(location):
        from planner.server.store import ServerStore  # psycopg loads only for a server

        return ServerStore.open(str(location), read_only=read_only, password=password)
    return PlanStore.open(Path(location), read_only=read_only)


def display_name(location: Location) -> str:
    """How to show a location (a URL without any password)."""
    if is_server(location):
        from planner.server.address import parse

        return parse(str(location), need_plan=False).display
    return str(location)
