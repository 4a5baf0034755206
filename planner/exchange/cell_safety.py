"""Text cells that a spreadsheet will show as text and never run (OWASP "CSV injection").

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return may be taken
for a formula by Excel or LibreOffice when the file is opened — `=HYPERLINK(...)` becomes a
live link, `=cmd|...` once ran programs through DDE. Titles and notes come from workshops,
Jira and other people's spreadsheets, so every one of them is treated as hostile:

- CSV/TSV: such a cell gets a leading apostrophe (and the writer quotes it), which every
  spreadsheet shows as text;
- XLSX: the cell is stored as a string (never the formula type) with the quote-prefix style,
  so Excel keeps it text even when the user edits it.
"""

from __future__ import annotations

import re

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel refuses longer cells; a longer note is cut with an ellipsis rather than failing.
MAX_CELL_CHARS = 32_767
# XML 1.0 forbids these control characters; an .xlsx holding one will not open.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_risky(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula."""
    return text.startswith(RISKY_STARTS)


def clean_text(text: str) -> str:
    """Text a spreadsheet file can hold: no XML-illegal control characters, line breaks as
    spreadsheets store them (\n; a bare \r would not survive the XML), not too long."""
    text = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def csv_text(text: str) -> str:
    """A text cell for CSV/TSV: an apostrophe before anything that could start a formula."""
    risky = is_risky(text)
    text = clean_text(text)
    return "'" + text if risky or is_risky(text) else text
