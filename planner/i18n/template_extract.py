"""A Babel extraction method for plan templates (resources/templates/*.toml).

babel.cfg maps the templates to `planner.i18n.template_extract:extract_toml`, so
`make i18n-extract` puts every text value of a template (planner/template_text.py says
which keys are text) into rollout.pot, with the context "template", as if the file said
`pgettext("template", "Sales")`. The TOML stays the one source of the template's text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from planner.template_text import CONTEXT, texts

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.]+)\s*\]\]?")

_WHAT = {
    "plan": "the plan",
    "plan.sponsor": "the sponsor",
    "plan.lead": "the project lead",
    "objectives": "an objective",
    "departments": "a department",
    "phases": "a phase",
    "demands": "a wish",
    "activities": "a change activity",
    "milestones": "a milestone",
}


def extract_toml(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel's extraction interface: (line, function, (context, text), comments)."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    data = tomllib.loads(source)
    lines = source.splitlines()
    headers = _headers(lines)
    for section, index, key, text in texts(data):
        line = _line_of(lines, headers, section, index, key)
        what = _WHAT.get(section, section)
        comment = f"Translators: the CRM template's sample data: {key} of {what}."
        yield line, "pgettext", (CONTEXT, text), [comment]


def _headers(lines: list[str]) -> dict[str, list[int]]:
    """Table name -> the 0-based lines where its [table] / [[table]] headers stand."""
    found: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if match:
            found.setdefault(match.group(1), []).append(number)
    return found


def _line_of(
    lines: list[str], headers: dict[str, list[int]], section: str, index: int, key: str
) -> int:
    """The 1-based line of `key` in the index-th record of `section` (for translators'
    references); a nested table (plan.sponsor, inline) is found by its own key."""
    table, _dot, inner = section.partition(".")
    starts = headers.get(table, [])
    start = starts[index] if index < len(starts) else 0
    wanted = re.compile(rf"^\s*{re.escape(inner or key)}\s*=")
    for number in range(start, len(lines)):
        if number > start and _HEADER.match(lines[number]):
            break
        if wanted.match(lines[number]):
            return number + 1
    return start + 1
