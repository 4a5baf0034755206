"""`postgresql://user@host:5432/dbname?plan=crm-2027` parsed into what libpq and we need.

Everything except `plan` is libpq's own (host, port, sslmode, service, …), handed to libpq
unchanged, so `~/.pgpass`, `PGPASSFILE`, `PGSERVICE` and the other PG* variables work as in
psql. A password written into the URL is used but never shown or remembered: `display` is
what settings and the recent-files list keep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from planner.i18n import _
from planner.server.errors import BadServerAddress

# A plan is a schema; its name is also the schema's, so keep it to a safe, unquoted-looking
# set (the hyphen of "crm-2027" is allowed: every use quotes it as an identifier).
PLAN_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
RESERVED = {"public", "information_schema"}


@dataclass(frozen=True)
class ServerAddress:
    conninfo: str  # a libpq URI without `plan`, possibly with a password (never displayed)
    plan: str  # the plan's name = its schema; "" when only the database is named (list)
    display: str  # the URL without any password: safe for settings, titles and messages
    application_name: str  # from the URL or PGAPPNAME; names the author of edits if set

    def with_plan(self, plan: str) -> ServerAddress:
        check_plan_name(plan)
        return parse(_set_query(self.display, plan=plan), conninfo=self.conninfo)

    @property
    def database(self) -> str:
        return urlsplit(self.display).path.lstrip("/") or _("(default database)")


def check_plan_name(plan: str) -> str:
    if not PLAN_NAME.match(plan) or plan in RESERVED or plan.startswith("pg_"):
        raise BadServerAddress(
            _(
                "'{plan}' cannot name a plan on a server: use lower-case letters, digits, '-' "
                "and '_', starting with a letter (e.g. crm-2027)."
            ).format(plan=plan)
        )
    return plan


def parse(url: str, *, conninfo: str | None = None, need_plan: bool = True) -> ServerAddress:
    import os

    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise BadServerAddress(
            _("'{address}' is not a postgresql:// address.").format(address=_safe(url))
        )
    query = parse_qsl(parts.query, keep_blank_values=True)
    plans = [v for k, v in query if k == "plan"]
    rest = [(k, v) for k, v in query if k != "plan"]
    plan = plans[-1] if plans else ""
    if need_plan and not plan:
        raise BadServerAddress(
            _("{address} names no plan: add ?plan=NAME (e.g. ?plan=crm-2027).").format(
                address=_safe(url)
            )
        )
    if plan:
        check_plan_name(plan)
    if "password" in dict(rest):
        rest = [(k, v) for k, v in rest if k != "password"] + [("password", dict(rest)["password"])]
    libpq = urlunsplit(("postgresql", parts.netloc, parts.path, urlencode(rest), ""))
    safe_rest = [(k, v) for k, v in rest if k != "password"]
    netloc = parts.netloc.rsplit("@", 1)
    if len(netloc) == 2:
        netloc[0] = netloc[0].split(":", 1)[0]  # drop a password: user:secret@host
    display_query = urlencode(safe_rest + ([("plan", plan)] if plan else []))
    display = urlunsplit(("postgresql", "@".join(netloc), parts.path, display_query, ""))
    app_name = dict(rest).get("application_name") or os.environ.get("PGAPPNAME", "")
    return ServerAddress(conninfo or libpq, plan, display, app_name)


def _set_query(url: str, **values: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in values]
    query += list(values.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _safe(url: str) -> str:
    """The URL with any password blanked, for messages."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = user.split(":", 1)[0] + "@" + host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), ""))
