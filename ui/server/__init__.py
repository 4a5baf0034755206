"""Plans on a PostgreSQL server in the app: File → Open from server… / Publish to server…,
and, for a window on a server plan, following other people's edits live with a bar when the
connection is lost. Installed into every main window (ui/app_window.py EXTENSION_MODULES)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    from ui.server.menu import add_actions

    add_actions(window)
    # Only a window on a server plan follows; psycopg is never imported for a file.
    if type(window.document.store).__module__ == "planner.server.store":
        from ui.server.follow import ServerFollower

        window.server_follower = ServerFollower(window)
