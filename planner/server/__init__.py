"""Plans shared on a PostgreSQL server: one schema per plan, a change log, LISTEN/NOTIFY.

Imported only when a `postgresql://` location is used, so psycopg (an optional extra) loads
only then. `is_server_location` is cheap and import-free for callers that take either kind.
"""

from __future__ import annotations


def is_server_location(location: object) -> bool:
    """True for a `postgresql://` (or `postgres://`) URL, false for anything else (a path)."""
    text = str(location)
    return text.startswith(("postgresql://", "postgres://", "postgresql:", "postgres:")) and (
        "://" in text
    )
