"""Numbers as spreadsheets write them: '2,5' (Nordic and Dutch), '2.5', '1 234,5' (a space
or a no-break space for thousands), '1.234,5', '1,234.5', '−3' (a real minus sign)."""

from __future__ import annotations

import datetime as dt
import math
import re

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_PLAIN = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(value: object, decimal: str = ".") -> float | None:
    """A finite float, or None if `value` is not a number. Booleans and dates are not."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = _SPACES.sub("", value.strip()).replace("−", "-")
    if not text:
        return None
    thousands = "." if decimal == "," else ","
    if text.count(decimal) > 1:
        return None
    if thousands in text:
        # '1.234,5' or '1,234.5': thousands marks must sit before the decimal mark, in
        # groups of three; anything else (e.g. '2.5' read with a decimal comma) is accepted
        # as the other mark only when there is no decimal mark at all.
        whole, _, fraction = text.partition(decimal)
        groups = whole.lstrip("+-").split(thousands)
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            tail = "." + fraction if fraction or decimal in text else ""
            text = whole.replace(thousands, "") + tail
        elif decimal not in text and text.count(thousands) == 1:
            text = text.replace(thousands, ".")
        else:
            return None
    else:
        text = text.replace(decimal, ".")
    if not _PLAIN.match(text.replace(",", ".")):
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def cell_text(value: object) -> str:
    """A cell as the user saw it, for messages and text fields."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
