"""How numbers and names appear in warning messages: the same everywhere, so a message in
the panel, the PDF and the terminal reads the same and tests can compare it exactly."""

from __future__ import annotations

import datetime as dt
import math


def half_up(value: float, digits: int = 0) -> float:
    """Round half away from zero, as people do (Python's round() gives 102 for 102.5)."""
    if not math.isfinite(value):
        return value
    scale = 10**digits
    return math.copysign(math.floor(abs(value) * scale + 0.5) / scale, value)


def num(value: float) -> str:
    """27.5 -> '27.5', 60.0 -> '60', 27.46 -> '27.5' (one decimal at most)."""
    if not math.isfinite(value):  # only a file from elsewhere can hold one
        return "∞" if value > 0 else "-∞" if value < 0 else "?"
    rounded = half_up(value, 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"


def pd(value: float) -> str:
    """Person-days: '1 person-day', '27.5 person-days'."""
    text = num(value)
    return f"{text} person-day" + ("" if text == "1" else "s")


def weeks(value: float) -> str:
    text = num(value)
    return f"{text} week" + ("" if text == "1" else "s")


def percent(part: float, whole: float) -> str:
    """'155 %'; whole zero gives '—' rather than a division error."""
    if whole <= 0:
        return "—"
    return f"{num(half_up(100 * part / whole))} %"


def count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def names(items: list[str], limit: int = 5) -> str:
    """'Sales, HR and Finance'; long lists end in '… and 3 more'."""
    quoted = list(items)
    if len(quoted) > limit:
        rest = len(quoted) - limit + 1
        quoted = quoted[: limit - 1] + [f"{rest} more"]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def quoted(items: list[str], limit: int = 5) -> str:
    return names([f"'{i}'" for i in items], limit)


def day(value: dt.date) -> str:
    return value.isoformat()
