"""How numbers and names appear in warning messages: the same everywhere, so a message in
the panel, the PDF and the terminal reads the same and tests can compare it exactly."""

from __future__ import annotations

import datetime as dt
import math

from planner.i18n import PSEUDO, SOURCE_LANGUAGE, _, language, ngettext


def _local(text: str) -> str:
    from planner.i18n.formats import decimal_sign

    return decimal_sign(text)


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
    return _local(f"{rounded:.1f}")


def pd(value: float) -> str:
    """Person-days: '1 person-day', '27.5 person-days'."""
    text = num(value)
    return ngettext("{days} person-day", "{days} person-days", 1 if text == "1" else 2).format(
        days=text
    )


def weeks(value: float) -> str:
    text = num(value)
    return ngettext("{weeks} week", "{weeks} weeks", 1 if text == "1" else 2).format(weeks=text)


def percent(part: float, whole: float) -> str:
    """'155 %'; whole zero gives '—' rather than a division error."""
    if whole <= 0:
        return "—"
    # Translators: a percentage; keep or drop the space as your language writes "155 %".
    return _("{percent} %").format(percent=num(half_up(100 * part / whole)))


def count(n: int, singular: str, plural: str | None = None) -> str:
    """English only (ui/ still uses it); new text uses ngettext, as `wishes` does."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def wishes(n: int) -> str:
    """'1 wish', '3 wishes'."""
    return ngettext("{n} wish", "{n} wishes", n).format(n=n)


def names(items: list[str], limit: int = 5) -> str:
    """'Sales, HR and Finance'; long lists end in '… and 3 more'."""
    quoted = list(items)
    if len(quoted) > limit:
        rest = len(quoted) - limit + 1
        # Translators: the end of a cut-off list: "Sales, HR, … and 3 more".
        quoted = quoted[: limit - 1] + [ngettext("{n} more", "{n} more", rest).format(n=rest)]
    if len(quoted) <= 1:
        return "".join(quoted)
    # Translators: the last two items of a list: "Sales, HR and Finance"; {items} is the
    # rest of the list, joined by commas.
    return _("{items} and {last}").format(items=", ".join(quoted[:-1]), last=quoted[-1])


def quoted(items: list[str], limit: int = 5) -> str:
    # Translators: a name in quotation marks, as your language writes them: «Sales».
    mark = _("'{name}'")
    return names([mark.format(name=i) for i in items], limit)


def day(value: dt.date) -> str:
    """ISO in English (scripts and tests read it), the language's own date elsewhere."""
    if language() in (SOURCE_LANGUAGE, PSEUDO):
        return value.isoformat()
    from planner.i18n.formats import format_date

    return format_date(value)


def day_month(value: dt.date) -> str:
    """'01 Dec 2026' in English; the language's own medium date elsewhere ('1. des. 2026')."""
    if language() in (SOURCE_LANGUAGE, PSEUDO):
        from planner.i18n.formats import english_strftime

        return english_strftime(value, "%d %b %Y")
    from planner.i18n.formats import format_date

    return format_date(value)
