"""How the pack writes dates, efforts and spans: one place, so every section agrees."""

from __future__ import annotations

import datetime as dt

from planner.i18n import PSEUDO, SOURCE_LANGUAGE, _, language


def day(value: dt.date | None) -> str:
    """'7 Sep 2026'; an undated value is '—'. Month names in English, independent of the
    machine's locale, so the same plan gives the same pack everywhere."""
    if value is None:
        return "—"
    if language() not in (SOURCE_LANGUAGE, PSEUDO):
        from planner.i18n.formats import format_date

        return format_date(value)  # '7. sep. 2026': the reader's language, not the machine's
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return _("not scheduled")
    return f"{day(start)} – {day(end)}"


def person_days(value: float) -> str:
    """'12.5 pd', '12 pd': efforts are estimates, one decimal is plenty."""
    text = f"{value:,.1f}".replace(",", "\u202f")  # narrow no-break space groups thousands
    if text.endswith(".0"):
        text = text[:-2]
    from planner.i18n.formats import decimal_sign

    # Translators: an effort in person-days, abbreviated as in the glossary: "12.5 pd".
    return _("{effort} pd").format(effort=decimal_sign(text))


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
